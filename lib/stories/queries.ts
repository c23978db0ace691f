import "server-only";
import { cache } from "react";
import { localDay } from "../dates";
import { getDb } from "../db";
import { memo } from "../reader/memo";
import type { StoryStateValue } from "../domain";

const storySelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  timeZone: true,
  isDefault: true,
  state: true,
  updatedAt: true,
} as const;

export type StorySummary = {
  id: string;
  slug: string;
  title: string;
  description: string;
  timeZone: string;
  isDefault: boolean;
  state: StoryStateValue;
  updatedAt: Date;
};

/** The story shown at `/`: the one marked default, else the oldest. */
export const getDefaultStory = cache(async (): Promise<StorySummary | null> => {
  const db = getDb();
  return (
    (await db.story.findFirst({ where: { isDefault: true }, select: storySelect, orderBy: { createdAt: "asc" } })) ??
    (await db.story.findFirst({ select: storySelect, orderBy: { createdAt: "asc" } }))
  );
});

export const getStoryBySlug = cache(async (slug: string): Promise<StorySummary | null> => {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  return getDb().story.findUnique({ where: { slug }, select: storySelect });
});

export async function listStories(): Promise<StorySummary[]> {
  return getDb().story.findMany({ select: storySelect, orderBy: { createdAt: "asc" } });
}

export type StoryListing = StorySummary & {
  /** Published events. */
  events: number;
  /** The latest change readers can see: the story's own, or one of its published events'. */
  lastUpdate: Date;
};

/**
 * Every story with its published events and last update, oldest story first. Two index reads per
 * story (the count, and the newest change through the updatedAt index).
 */
export async function listStoriesWithCounts(): Promise<StoryListing[]> {
  const db = getDb();
  const stories = await listStories();
  return Promise.all(
    stories.map(async (s) => {
      const where = { storyId: s.id, published: true };
      const [events, latest] = await Promise.all([
        db.event.count({ where }),
        db.event.findFirst({ where, orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }),
      ]);
      return { ...s, events, lastUpdate: latest && latest.updatedAt > s.updatedAt ? latest.updatedAt : s.updatedAt };
    }),
  );
}

/**
 * The order readers see stories in: the default first, developing before concluded, then the
 * latest update first (or, without counts, the newest story first).
 */
export function readerOrder(a: StorySummary & { lastUpdate?: Date }, b: StorySummary & { lastUpdate?: Date }): number {
  return (
    Number(b.isDefault) - Number(a.isDefault) ||
    Number(a.state === "CONCLUDED") - Number(b.state === "CONCLUDED") ||
    (b.lastUpdate ?? b.updatedAt).getTime() - (a.lastUpdate ?? a.updatedAt).getTime() ||
    (a.slug < b.slug ? -1 : 1)
  );
}

/** Sources, actors and tags that occur in a story: the choices the filter bar offers. */
export const getStoryFacets = cache(async (storyId: string | null) => {
  const db = getDb();
  const inScope = storyId ? { published: true, storyId } : { published: true };
  const [sources, actors, tags] = await Promise.all([
    db.source.findMany({
      where: { citations: { some: { event: inScope } } },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.actor.findMany({
      where: { events: { some: { event: inScope } } },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.tag.findMany({
      where: { events: { some: { event: inScope } } },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { sources, actors, tags };
});

export type StoryFacets = Awaited<ReturnType<typeof getStoryFacets>>;

/** The first and last days (in the story's zone) on which its events were reported. */
export const getStoryDayRange = cache(
  // Kept until the data change, like the main claims: every first render of a story's views asks.
  (storyId: string, timeZone: string): Promise<{ first: string; last: string } | null> => memo(`day-range:${storyId}:${timeZone}`, () => readStoryDayRange(storyId, timeZone)),
);

async function readStoryDayRange(storyId: string, timeZone: string): Promise<{ first: string; last: string } | null> {
  // Each end is one step into the (storyId, firstReportedAt) index; MIN and MAX over published
  // events read the whole story (1.5 s at a million events).
  const [first, last] = await Promise.all(
    (["asc", "desc"] as const).map((order) =>
      getDb().event.findFirst({ where: { storyId, published: true }, orderBy: { firstReportedAt: order }, select: { firstReportedAt: true } }),
    ),
  );
  if (!first || !last) return null;
  return { first: localDay(first.firstReportedAt, timeZone), last: localDay(last.firstReportedAt, timeZone) };
}
