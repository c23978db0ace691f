import "server-only";
import { driverRows, getDb } from "../db";
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

/** The facet's name in StoryFacetCount, and the table of its values. */
const FACET_OF: Record<FacetKind, { facet: string; table: string }> = {
  sources: { facet: "source", table: "Source" },
  actors: { facet: "actor", table: "Actor" },
  tags: { facet: "tag", table: "Tag" },
};

async function countFacet(storyId: string | null, kind: FacetKind): Promise<FacetValue[]> {
  const read = await driverRows(getDb());
  const { facet, table } = FACET_OF[kind];
  // StoryFacetCount: the links of published events per story and value, kept by the database
  // (migration 20241206000000_story_facet_counts), joined to the values' names in one statement
  // whatever their number. Every story: summed over the stories.
  const rows = await read(
    `SELECT v."slug", v."name", SUM(f."count") AS "count"
     FROM "StoryFacetCount" f JOIN "${table}" v ON v."id" = f."valueId"
     WHERE f."facet" = ? AND f."count" > 0${storyId ? ` AND f."storyId" = ?` : ""}
     GROUP BY v."id", v."slug", v."name"`,
    storyId ? [facet, storyId] : [facet],
  );
  return rows.map((r) => ({ slug: String(r.slug), name: String(r.name), count: Number(r.count) })).filter((v) => v.count > 0).sort(byCount);
}

/**
 * Every value of a facet in a story (null: every story) with its count of published events, most
 * frequent first: read from the kept counts, and kept until the data change.
 */
export function listFacetValues(storyId: string | null, kind: FacetKind): Promise<FacetValue[]> {
  return memo(`facet:${storyId ?? "*"}:${kind}`, () => countFacet(storyId, kind));
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
