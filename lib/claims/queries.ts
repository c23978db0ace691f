import "server-only";
import { cache } from "react";
import type { Prisma } from "../../generated/prisma-sqlite/client";
import { getDb } from "../db";
import type { ClaimStatusValue, StanceValue } from "../domain";
import { eventBriefSelect } from "../events/selects";
import { claimStatusAt } from "../events/status";
import { countIndependentSourcesForClaims, type IndependentCount } from "./write";

const claimEventSelect = {
  ...eventBriefSelect,
  timelineKey: true,
  actors: { where: { role: "SPEAKER" }, select: { actor: { select: { name: true } } }, take: 1 },
  citations: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      attribution: true,
      attributionText: true,
      publishedAt: true,
      publishedPrecision: true,
      source: { select: { slug: true, name: true } },
    },
  },
} satisfies Prisma.EventSelect;

const claimDetailSelect = {
  id: true,
  slug: true,
  text: true,
  scope: true,
  status: true,
  updatedAt: true,
  story: { select: { id: true, slug: true, title: true, timeZone: true, isDefault: true } },
  history: {
    orderBy: { knownAt: "asc" },
    select: {
      id: true,
      fromStatus: true,
      toStatus: true,
      knownAt: true,
      reason: true,
      evidenceCitation: {
        select: {
          id: true,
          attribution: true,
          attributionText: true,
          quote: true,
          source: { select: { slug: true, name: true } },
          event: { select: { slug: true, headline: true, published: true } },
        },
      },
    },
  },
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

/** The events taking each stance on the claim, in time order, reported by `at`. */
export function eventsByStance(claim: ClaimDetail, at: Date | null) {
  const visible = claim.events
    .filter((l) => !at || l.event.firstReportedAt.getTime() <= at.getTime())
    .sort((a, b) => a.event.timelineKey.localeCompare(b.event.timelineKey) || a.event.id.localeCompare(b.event.id));
  return STANCE_ORDER.map((stance) => ({ stance, links: visible.filter((l) => l.stance === stance) })).filter(
    (g) => g.links.length > 0,
  );
}

/** The first event to put the claim forward (asserting or confirming it), with its source. */
export function firstReport(claim: ClaimDetail, at: Date | null) {
  const candidates = claim.events
    .filter((l) => l.stance === "ASSERTS" || l.stance === "CONFIRMS")
    .filter((l) => !at || l.event.firstReportedAt.getTime() <= at.getTime())
    .sort(
      (a, b) =>
        a.event.firstReportedAt.getTime() - b.event.firstReportedAt.getTime() ||
        a.event.timelineKey.localeCompare(b.event.timelineKey),
    );
  const first = candidates[0];
  if (!first) return null;
  return { event: first.event, citation: first.event.citations[0] ?? null };
}

/** The claim's status as it stood at `at` (its current status when `at` is null). */
export function claimStatusAsOf(claim: Pick<ClaimDetail, "status" | "history">, at: Date | null): ClaimStatusValue {
  return at ? claimStatusAt(claim.history, at) : claim.status;
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
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      slug: true,
      text: true,
      scope: true,
      status: true,
      history: { select: { toStatus: true, knownAt: true } },
      events: {
        where: { event: { published: true, ...(at ? { firstReportedAt: { lte: at } } : {}) } },
        select: { eventId: true },
      },
    },
  });
  const visible = claims.filter((c) => !at || c.history.some((h) => h.knownAt.getTime() <= at.getTime()) || c.events.length > 0);
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
      status: at ? claimStatusAt(c.history, at) : c.status,
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
