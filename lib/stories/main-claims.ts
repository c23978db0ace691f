import "server-only";
import { countIndependentSourcesForClaims, type IndependentCount } from "../claims/write";
import { driverRows, getDb } from "../db";
import type { ClaimStatusValue } from "../domain";
import { creditOf } from "../events/labels";
import { historyKnownAt } from "../events/projection";
import { claimChangeSelect } from "../events/selects";
import { memo } from "../reader/memo";

// A story's main claims: where the story stands, claim by claim. Editors choose and order them
// (StoryMainClaim, lib/editor/stories.ts); a story without a choice leads with its claims that
// have the most published events.

export type MainClaim = {
  id: string;
  slug: string;
  text: string;
  scope: string | null;
  /** True when an editor chose it; false when picked by default (most published events). */
  chosen: boolean;
  /** Its status as of `at` (the claim's own history, lib/events/projection.ts claimStateAt). */
  status: ClaimStatusValue;
  /** Since when: the instant the change that set the status became known; null while unverified. */
  since: Date | null;
  /**
   * Whose voice that change rests on: its evidence citation's voice as a label credits it
   * (creditOf: "John Kirby, White House national security spokesman"). Null without evidence.
   */
  voice: string | null;
  /** The citation that change rests on (for a fuller credit: whom it cites, who carried it). */
  evidence: ClaimEvidence | null;
  /**
   * When the claim came to stand where it stands: the first change of the run of changes to the
   * current status (a second "reported" does not move it). Null while unverified.
   */
  standingSince: Date | null;
  /** Independent sources asserting or confirming it by `at` (countIndependentSourcesForClaims). */
  independent: IndependentCount;
  /** Published events on it, known by `at`. */
  events: number;
};

/** How many claims a story without a choice leads with. */
export const DEFAULT_MAIN_CLAIMS = 3;

type ClaimEvidence = NonNullable<Parameters<typeof creditOf>[0]>;

const knownBy = (d: Date, at: Date | null) => at === null || d.getTime() <= at.getTime();

/**
 * The story's main claims as a reader saw them at `at` (null: now), in order:
 *
 * - the claims editors chose, in their order, each once it was known by `at` (a status change or
 *   a published event on it known by then);
 * - otherwise the `limit` claims with the most published events known by `at`, ties going to the
 *   claim known first (its first status change or event), then by id.
 *
 * Each comes with its status as of `at`, since when, the voice of the change that set it, its
 * independent-source count and its number of events. A handful of queries whatever the number of
 * claims; the default choice counts every published event link of the story in the database.
 */
export function listMainClaims(storyId: string, at: Date | null, options: { limit?: number } = {}): Promise<MainClaim[]> {
  // Kept until the data change (never served once outdated: these are labels), so that a spike of
  // first renders of a story's filtered views reads its main claims once, not once per view.
  const limit = options.limit ?? DEFAULT_MAIN_CLAIMS;
  return memo(`main-claim-lines:${storyId}:${at?.getTime() ?? "now"}:${limit}`, () => readMainClaims(storyId, at, limit));
}

async function readMainClaims(storyId: string, at: Date | null, limit: number): Promise<MainClaim[]> {
  const db = getDb();
  const eventKnown = { published: true, storyId, ...(at ? { knownFrom: { lte: at } } : {}) };
  const chosen = await db.storyMainClaim.findMany({ where: { storyId }, orderBy: { position: "asc" }, select: { claimId: true } });

  let ids: string[];
  let eventCounts: Map<string, number>;
  if (chosen.length > 0) {
    ids = chosen.map((c) => c.claimId);
    eventCounts = await countEvents(storyId, ids, eventKnown, at);
  } else {
    // Now, the ranking reads the story's kept link counts. As of an earlier instant it counts
    // every published event link of the story known then (seconds at a million events), so it is
    // kept until the data change; past PAGE_CACHE_SECONDS the kept one is served while the next is
    // counted.
    const ranking = await memo(
      `main-claims:${storyId}:${at?.getTime() ?? "now"}:${limit}`,
      async () => {
        const byClaim = await countEvents(storyId, null, eventKnown, at);
        return { counts: byClaim, ids: await topClaims(byClaim, limit, eventKnown, at) };
      },
      { stale: "expired" },
    );
    eventCounts = ranking.counts;
    ids = ranking.ids;
  }
  if (ids.length === 0) return [];

  const [claims, independent] = await Promise.all([
    db.claim.findMany({
      where: { id: { in: ids }, storyId },
      select: {
        id: true,
        slug: true,
        text: true,
        scope: true,
        history: { orderBy: [{ knownAt: "asc" }, { sequence: "asc" }], select: claimChangeSelect },
      },
    }),
    countIndependentSourcesForClaims(db, ids, at ?? new Date()),
  ]);
  const byId = new Map(claims.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const claim = byId.get(id);
    if (!claim) return [];
    const events = eventCounts.get(id) ?? 0;
    // A claim nobody had reported on by then is not shown as of then.
    if (events === 0 && !claim.history.some((h) => knownBy(h.knownAt, at))) return [];
    const known = historyKnownAt(claim.history, at);
    const change = known.at(-1) ?? null;
    const status = change?.toStatus ?? "UNVERIFIED";
    let start = change;
    for (let i = known.length - 2; i >= 0 && known[i]!.toStatus === status; i--) start = known[i]!;
    return [
      {
        id: claim.id,
        slug: claim.slug,
        text: claim.text,
        scope: claim.scope,
        chosen: chosen.length > 0,
        status,
        since: change?.knownAt ?? null,
        voice: change?.evidenceCitation ? creditOf(change.evidenceCitation).voice : null,
        evidence: change?.evidenceCitation ?? null,
        standingSince: start?.knownAt ?? null,
        independent: independent.get(id) ?? { independent: 0, repeats: 0 },
        events,
      },
    ];
  });
}

type EventKnown = { published: boolean; storyId: string; knownFrom?: { lte: Date } };

/**
 * Published events on each of the story's claims (`claimIds`, or all of them), known by `at`. Now
 * (`at` null): StoryFacetCount's "claim" counts, kept by the database (migration
 * 20241206000000_story_facet_counts), for the claims of this story.
 */
async function countEvents(storyId: string, claimIds: string[] | null, eventKnown: EventKnown, at: Date | null): Promise<Map<string, number>> {
  const db = getDb();
  if (at === null) {
    const read = await driverRows(db);
    const rows = await read(
      `SELECT f."valueId", f."count" FROM "StoryFacetCount" f JOIN "Claim" c ON c."id" = f."valueId" AND c."storyId" = f."storyId"
       WHERE f."storyId" = ? AND f."facet" = 'claim' AND f."count" > 0${claimIds ? ` AND f."valueId" IN (${claimIds.map(() => "?").join(", ")})` : ""}`,
      [storyId, ...(claimIds ?? [])],
    );
    return new Map(rows.map((r) => [String(r.valueId), Number(r.count)]));
  }
  const counts = await db.eventClaim.groupBy({
    by: ["claimId"],
    where: { ...(claimIds ? { claimId: { in: claimIds } } : {}), claim: { storyId }, event: eventKnown },
    _count: { _all: true },
  });
  return new Map(counts.map((c) => [c.claimId, c._count._all]));
}

/**
 * The `limit` claims with the most events. Only the claims tied at the cut-off need to know when
 * they were first known, so only their links and histories are read.
 */
async function topClaims(counts: Map<string, number>, limit: number, eventKnown: EventKnown, at: Date | null): Promise<string[]> {
  const ranked = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (ranked.length <= limit) return tieBreak(ranked, eventKnown, at);
  const boundary = ranked[limit - 1]![1];
  const above = ranked.filter(([, n]) => n > boundary);
  const tied = ranked.filter(([, n]) => n === boundary);
  return [...(await tieBreak(above, eventKnown, at)), ...(await tieBreak(tied, eventKnown, at))].slice(0, limit);
}

/** Claims in order of their event counts, ties by when each was first known, then by id. */
async function tieBreak(ranked: [string, number][], eventKnown: EventKnown, at: Date | null): Promise<string[]> {
  const sharing = new Map<number, number>();
  for (const [, n] of ranked) sharing.set(n, (sharing.get(n) ?? 0) + 1);
  const needs = ranked.filter(([, n]) => sharing.get(n)! > 1).map(([id]) => id);
  const first = new Map<string, number>();
  if (needs.length > 0) {
    const db = getDb();
    const [links, changes] = await Promise.all([
      db.eventClaim.findMany({ where: { claimId: { in: needs }, event: eventKnown }, select: { claimId: true, event: { select: { knownFrom: true } } } }),
      db.claimStatusChange.groupBy({ by: ["claimId"], where: { claimId: { in: needs }, ...(at ? { knownAt: { lte: at } } : {}) }, _min: { knownAt: true } }),
    ]);
    const note = (id: string, d: Date | null | undefined) => {
      if (d) first.set(id, Math.min(first.get(id) ?? Infinity, d.getTime()));
    };
    for (const l of links) note(l.claimId, l.event.knownFrom);
    for (const c of changes) note(c.claimId, c._min.knownAt);
  }
  return [...ranked]
    .sort((a, b) => b[1] - a[1] || (first.get(a[0]) ?? Infinity) - (first.get(b[0]) ?? Infinity) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([id]) => id);
}
