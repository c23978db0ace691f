import "server-only";
import { getDb } from "../db";
import type { Draft } from "./types";

// Reads for the intake review page: the latest articles with their drafts, and what a draft can
// be linked to (the story's claims and events).

export async function listIntakeArticles(take = 10) {
  const articles = await getDb().intakeArticle.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { drafts: { orderBy: { position: "asc" } } },
  });
  const storyIds = [...new Set(articles.map((a) => a.storyId))];
  const eventIds = articles.flatMap((a) => a.drafts.flatMap((d) => (d.eventId ? [d.eventId] : [])));
  const [stories, events] = await Promise.all([
    getDb().story.findMany({ where: { id: { in: storyIds } }, select: { id: true, slug: true, title: true, timeZone: true } }),
    getDb().event.findMany({ where: { id: { in: eventIds } }, select: { id: true, slug: true, headline: true, published: true } }),
  ]);
  return articles.map((a) => ({
    ...a,
    story: stories.find((s) => s.id === a.storyId) ?? null,
    drafts: a.drafts.map((d) => ({ ...d, draft: JSON.parse(d.suggestion) as Draft, event: events.find((e) => e.id === d.eventId) ?? null })),
  }));
}

export type IntakeArticleView = Awaited<ReturnType<typeof listIntakeArticles>>[number];

/** The claims and events of each story a draft of these articles may be linked or merged to. */
export async function linkTargetsFor(storyIds: readonly string[]) {
  const [claims, events] = await Promise.all([
    getDb().claim.findMany({ where: { storyId: { in: [...storyIds] } }, select: { id: true, storyId: true, text: true }, orderBy: { createdAt: "asc" } }),
    getDb().event.findMany({
      where: { storyId: { in: [...storyIds] }, retractedAt: null },
      select: { id: true, storyId: true, headline: true, occurredOn: true, published: true },
      orderBy: { timelineKey: "desc" },
      take: 500,
    }),
  ]);
  return { claims, events };
}
