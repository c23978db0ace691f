import "server-only";
import { getDb } from "../db";
import type { TimelineQuery } from "../events/filters";
import { memo } from "./memo";

// The filter bar's choices, lean: the most frequent sources, actors and tags of a story (or of
// every story, for a source's page) with their event counts, plus whatever the view already
// selects; every value is on the full list page (app/(site)/stories/[slug]/filters/[facet]).

export const FACET_KINDS = ["sources", "actors", "tags"] as const;
export type FacetKind = (typeof FACET_KINDS)[number];

export const FACET_NOUN: Record<FacetKind, { one: string; many: string; param: "source" | "actor" | "tag" }> = {
  sources: { one: "source", many: "sources", param: "source" },
  actors: { one: "actor", many: "actors", param: "actor" },
  tags: { one: "tag", many: "tags", param: "tag" },
};

export type FacetValue = { slug: string; name: string; count: number };

/** How many values of each facet the filter bar shows. */
export const TOP_FACET_VALUES = 6;

const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.name.localeCompare(b.name, "en") || a.slug.localeCompare(b.slug);

async function countFacet(storyId: string | null, kind: FacetKind): Promise<FacetValue[]> {
  const db = getDb();
  const event = storyId ? { published: true, storyId } : { published: true };
  let counts: { id: string; count: number }[];
  let named: { id: string; slug: string; name: string }[];
  if (kind === "sources") {
    const rows = await db.eventSource.groupBy({
      by: ["sourceId"],
      where: { ...(storyId ? { storyId } : {}), event: { published: true } },
      _count: { _all: true },
    });
    counts = rows.map((r) => ({ id: r.sourceId, count: r._count._all }));
    named = await db.source.findMany({ where: { id: { in: counts.map((c) => c.id) } }, select: { id: true, slug: true, name: true } });
  } else if (kind === "actors") {
    const rows = await db.eventActor.groupBy({ by: ["actorId"], where: { event }, _count: { _all: true } });
    counts = rows.map((r) => ({ id: r.actorId, count: r._count._all }));
    named = await db.actor.findMany({ where: { id: { in: counts.map((c) => c.id) } }, select: { id: true, slug: true, name: true } });
  } else {
    const rows = await db.eventTag.groupBy({ by: ["tagId"], where: { event }, _count: { _all: true } });
    counts = rows.map((r) => ({ id: r.tagId, count: r._count._all }));
    named = await db.tag.findMany({ where: { id: { in: counts.map((c) => c.id) } }, select: { id: true, slug: true, name: true } });
  }
  const names = new Map(named.map((n) => [n.id, n]));
  return counts
    .flatMap((c) => {
      const n = names.get(c.id);
      return n ? [{ slug: n.slug, name: n.name, count: c.count }] : [];
    })
    .sort(byCount);
}

/**
 * Every value of a facet in a story (null: every story) with its count of published events, most
 * frequent first. Counting reads every link of the story (seconds at a million events), so a kept
 * answer is served while the next is counted: the counts may lag an edit by one count, and no
 * reader waits for it but the first.
 */
export function listFacetValues(storyId: string | null, kind: FacetKind): Promise<FacetValue[]> {
  return memo(`facet:${storyId ?? "*"}:${kind}`, () => countFacet(storyId, kind), { stale: "changed" });
}

export type FacetChoices = { values: FacetValue[]; total: number };
export type FacetSummary = Record<FacetKind, FacetChoices>;

/** The top values of each facet, plus the values the view selects (first, whatever their rank). */
export async function getFacetSummary(storyId: string | null, query: TimelineQuery, top = TOP_FACET_VALUES): Promise<FacetSummary> {
  const selected: Record<FacetKind, string[]> = { sources: query.sources, actors: query.actors, tags: query.tags };
  const entries = await Promise.all(
    FACET_KINDS.map(async (kind) => {
      const all = await listFacetValues(storyId, kind);
      const chosen = all.filter((v) => selected[kind].includes(v.slug));
      const rest = all.filter((v) => !selected[kind].includes(v.slug)).slice(0, Math.max(0, top - chosen.length));
      return [kind, { values: [...chosen, ...rest], total: all.length }] as const;
    }),
  );
  return Object.fromEntries(entries) as FacetSummary;
}
