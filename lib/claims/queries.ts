import "server-only";
import { cache } from "react";
import type { Prisma } from "../../generated/prisma-sqlite/client";
import { getDb } from "../db";
import type { ClaimStatusValue, StanceValue } from "../domain";
import { eventBriefSelect, citationFactsSelect, claimChangeSelect } from "../events/selects";
import { claimStateAt, historyKnownAt, visibleCitations } from "../events/projection";
import { countIndependentSourcesForClaims, type IndependentCount } from "./write";

// A claim as a reader sees it at an instant (null: now), through the as-of projection: its
// status and the change behind it, its history and the events on it known by then.

const claimEventSelect = {
  ...eventBriefSelect,
  timelineKey: true,
  retractedAt: true,
  actors: { where: { role: "SPEAKER" }, select: { actor: { select: { name: true } } }, take: 1 },
  citations: { orderBy: { position: "asc" }, select: citationFactsSelect },
} satisfies Prisma.EventSelect;

const claimDetailSelect = {
  id: true,
  slug: true,
  text: true,
  scope: true,
  status: true,
  updatedAt: true,
  story: { select: { id: true, slug: true, title: true, timeZone: true, isDefault: true } },
  history: { orderBy: [{ knownAt: "asc" }, { sequence: "asc" }], select: claimChangeSelect },
  events: {
    where: { event: { published: true } },
    select: { stance: true, note: true, event: { select: claimEventSelect } },
  },
} satisfies Prisma.ClaimSelect;

export type ClaimDetail = Prisma.ClaimGetPayload<{ select: typeof claimDetailSelect }>;
export type ClaimEvent = Prisma.EventGetPayload<{ select: typeof claimEventSelect }>;

/** A claim by slug or id, shared by generateMetadata and the page. */
export const getClaimBySlugOrId = cache(async (slugOrId: string): Promise<ClaimDetail | null> => {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(slugOrId)) return null;
  return getDb().claim.findFirst({
    where: { OR: [{ slug: slugOrId }, { id: slugOrId }] },
    select: claimDetailSelect,
  });
});

export const STANCE_ORDER: readonly StanceValue[] = ["ASSERTS", "QUALIFIES", "CONFIRMS", "DENIES", "DECLINES"];

const knownBy = (d: Date, at: Date | null) => at === null || d.getTime() <= at.getTime();

export type ClaimView = {
  claim: ClaimDetail;
  status: ClaimStatusValue;
  /** The change that set the status, null while nothing was recorded. */
  basis: ClaimDetail["history"][number] | null;
  history: ClaimDetail["history"];
  /** The events on the claim known by then, by stance, in time order. */
  groups: { stance: StanceValue; links: ClaimDetail["events"] }[];
  /** The first event known to put the claim forward, with its first citation known then. */
  first: { event: ClaimEvent; citation: ClaimEvent["citations"][number] | null } | null;
};

/** What a reader saw of the claim at `at` (null: now). */
export function projectClaim(claim: ClaimDetail, at: Date | null): ClaimView {
  const state = claimStateAt(claim.history, at);
  const visible = claim.events
    .filter((l) => knownBy(l.event.knownFrom, at))
    .sort((a, b) => a.event.timelineKey.localeCompare(b.event.timelineKey) || a.event.id.localeCompare(b.event.id));
  const groups = STANCE_ORDER.map((stance) => ({ stance, links: visible.filter((l) => l.stance === stance) })).filter(
    (g) => g.links.length > 0,
  );
  const supporting = visible
    .filter((l) => l.stance === "ASSERTS" || l.stance === "CONFIRMS")
    .sort(
      (a, b) =>
        a.event.knownFrom.getTime() - b.event.knownFrom.getTime() || a.event.timelineKey.localeCompare(b.event.timelineKey),
    );
  const firstLink = supporting[0];
  const first = firstLink
    ? { event: firstLink.event, citation: visibleCitations(firstLink.event, at)[0] ?? null }
    : null;
  return { claim, status: state.status, basis: state.change, history: historyKnownAt(claim.history, at), groups, first };
}

export async function getIndependentCount(claimId: string, at: Date | null): Promise<IndependentCount> {
  const counts = await countIndependentSourcesForClaims(getDb(), [claimId], at ?? new Date());
  return counts.get(claimId) ?? { independent: 0, repeats: 0 };
}

export type ClaimListItem = {
  id: string;
  slug: string;
  text: string;
  scope: string | null;
  status: ClaimStatusValue;
  counts: IndependentCount;
  events: number;
};

/**
 * A story's claims with their status and independent-source count as of `at`, optionally only
 * those backed by at least `minIndependent` independent sources.
 */
export async function listClaims(storyId: string, at: Date | null, minIndependent: number): Promise<ClaimListItem[]> {
  const db = getDb();
  const claims = await db.claim.findMany({
    where: { storyId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      text: true,
      scope: true,
      status: true,
      history: { select: { toStatus: true, knownAt: true, sequence: true } },
      events: {
        where: { event: { published: true, ...(at ? { knownFrom: { lte: at } } : {}) } },
        select: { eventId: true },
      },
    },
  });
  // A claim is listed once something about it was known: a status change or a published event.
  const visible = claims.filter((c) => c.history.some((h) => knownBy(h.knownAt, at)) || c.events.length > 0);
  const counts = await countIndependentSourcesForClaims(
    db,
    visible.map((c) => c.id),
    at ?? new Date(),
  );
  return visible
    .map((c) => ({
      id: c.id,
      slug: c.slug,
      text: c.text,
      scope: c.scope,
      status: at ? claimStateAt(c.history, at).status : c.status,
      counts: counts.get(c.id) ?? { independent: 0, repeats: 0 },
      events: c.events.length,
    }))
    .filter((c) => c.counts.independent >= minIndependent);
}

/** "reported by 1 independent source (repeated by 3 others)". */
export function independentSourcesText(c: IndependentCount): string {
  const sources = `${c.independent} independent source${c.independent === 1 ? "" : "s"}`;
  const repeats = c.repeats > 0 ? ` (repeated by ${c.repeats} other${c.repeats === 1 ? "" : "s"})` : "";
  return `reported by ${sources}${repeats}`;
}
