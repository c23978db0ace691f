import "server-only";
import { getDb } from "../db";
import type { IntakeContext } from "./types";

// What the engine reads a story's article against: its zone, the actors and sources it knows,
// its claims, and its events (drafts included, retracted ones not) with their actors and quotes.

export async function loadIntakeContext(storyId: string): Promise<IntakeContext & { storyTitle: string }> {
  const db = getDb();
  const story = await db.story.findUnique({ where: { id: storyId }, select: { title: true, timeZone: true } });
  if (!story) throw new RangeError("That story does not exist.");
  const [actors, sources, claims, events] = await Promise.all([
    db.actor.findMany({ select: { id: true, name: true, title: true, affiliation: true } }),
    db.source.findMany({ select: { id: true, name: true, slug: true, kind: true } }),
    db.claim.findMany({ where: { storyId }, select: { id: true, text: true, scope: true }, orderBy: { createdAt: "asc" } }),
    db.event.findMany({
      where: { storyId, retractedAt: null },
      select: {
        id: true,
        slug: true,
        headline: true,
        summary: true,
        occurredOn: true,
        spanEndOn: true,
        dateBound: true,
        actors: { select: { actor: { select: { name: true } } } },
        citations: { select: { quote: true, speaker: { select: { name: true } } } },
        claims: { select: { claimId: true } },
      },
      orderBy: { timelineKey: "desc" },
      take: 2000,
    }),
  ]);
  return {
    storyTitle: story.title,
    zone: story.timeZone,
    actors,
    sources,
    claims,
    events: events.map((e) => ({
      id: e.id,
      slug: e.slug,
      headline: e.headline,
      summary: e.summary,
      occurredOn: e.dateBound === "UNKNOWN" ? null : e.occurredOn,
      spanEndOn: e.spanEndOn,
      actorNames: [...new Set([...e.actors.map((a) => a.actor.name), ...e.citations.flatMap((c) => (c.speaker ? [c.speaker.name] : []))])],
      quotes: e.citations.flatMap((c) => (c.quote ? [c.quote] : [])),
      claimIds: e.claims.map((c) => c.claimId),
    })),
  };
}
