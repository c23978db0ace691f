import "server-only";
import type { Db, Tx } from "../db";
import type { ClaimStatusValue } from "../domain";
import { DomainError } from "../errors";
import { refreshEventsOfClaim } from "../events/write";
import {
  citationDate,
  independentSourceCount,
  visibleCitations,
  type CitationForCount,
  type IndependentCount,
} from "../events/projection";
import { checkStatusChange } from "./rules";

export type { IndependentCount };

type Client = Db | Tx;

// Events that put the claim forward as stated. A qualifying report narrows the claim (say, to one
// region) and is not counted as independent support for the claim as stated.
const SUPPORTING = ["ASSERTS", "CONFIRMS"] as const;

const countCitationSelect = {
  id: true,
  sourceId: true,
  publishedAt: true,
  repeatsCitationId: true,
  speakerActorId: true,
  speaker: { select: { affiliation: true } },
  originSourceId: true,
  originText: true,
} as const;

/**
 * Independent sources that had asserted or confirmed each claim by `at`, from the citations
 * readers could see then: repeats, relays, round-ups and carriers of one speaker's words are traced
 * to the voice they rest on, which counts once (independentSourceCount). One batch of queries for
 * any number of claims.
 */
export async function countIndependentSourcesForClaims(
  db: Client,
  claimIds: readonly string[],
  at: Date = new Date(),
): Promise<Map<string, IndependentCount>> {
  const links = await db.eventClaim.findMany({
    where: {
      claimId: { in: [...claimIds] },
      stance: { in: [...SUPPORTING] },
      event: {
        published: true,
        knownFrom: { lte: at },
        OR: [{ retractedAt: null }, { retractedAt: { gt: at } }],
      },
    },
    select: {
      claimId: true,
      event: { select: { firstReportedAt: true, citations: { select: countCitationSelect } } },
    },
  });
  const all = new Map<string, CitationForCount>();
  const visibleOf = (e: { firstReportedAt: Date; citations: readonly (CitationForCount & { publishedAt: Date | null })[] }) =>
    visibleCitations(e, at);
  for (const l of links) for (const c of visibleOf(l.event)) all.set(c.id, c);
  // Originals may sit on events that do not mention the claim: fetch the chains, keeping only
  // what readers could see by `at`.
  let missing = [...all.values()].map((c) => c.repeatsCitationId).filter((id): id is string => !!id && !all.has(id));
  const looked = new Set<string>();
  while (missing.length > 0) {
    for (const id of missing) looked.add(id);
    const found = await db.citation.findMany({
      where: { id: { in: missing }, event: { published: true, knownFrom: { lte: at } } },
      select: { ...countCitationSelect, event: { select: { firstReportedAt: true } } },
    });
    for (const c of found) if (citationDate(c, c.event).getTime() <= at.getTime()) all.set(c.id, c);
    missing = found.map((c) => c.repeatsCitationId).filter((id): id is string => !!id && !all.has(id) && !looked.has(id));
  }
  const counts = new Map<string, IndependentCount>();
  for (const claimId of claimIds) {
    const citations = links.filter((l) => l.claimId === claimId).flatMap((l) => visibleOf(l.event));
    counts.set(claimId, independentSourceCount(citations, all));
  }
  return counts;
}

export async function countIndependentSources(
  db: Client,
  claimId: string,
  at: Date = new Date(),
): Promise<IndependentCount> {
  const counts = await countIndependentSourcesForClaims(db, [claimId], at);
  return counts.get(claimId) ?? { independent: 0, repeats: 0 };
}

export type StatusChangeInput = {
  claimId: string;
  to: ClaimStatusValue;
  knownAt: Date;
  reason: string;
  evidenceCitationId: string | null;
  changedBy: string;
};

/**
 * The one write path for a claim's status: checks the rules, appends to the history (never
 * overwriting it), updates the claim's current status and the labels of every event linked to it.
 * Run it inside a transaction.
 */
export async function recordClaimStatusChange(
  tx: Tx,
  input: StatusChangeInput,
  /** refreshEvents: false leaves the linked events' labels to the caller (a bulk import refreshes them once, at the end). */
  options: { refreshEvents?: boolean } = {},
) {
  const claim = await tx.claim.findUnique({
    where: { id: input.claimId },
    select: {
      id: true,
      status: true,
      history: { select: { knownAt: true, sequence: true }, orderBy: [{ knownAt: "desc" }, { sequence: "desc" }], take: 1 },
    },
  });
  if (!claim) throw new DomainError("The claim does not exist.", "claimId");

  const latest = claim.history[0];
  if (latest && input.knownAt.getTime() < latest.knownAt.getTime()) {
    throw new DomainError(
      "A status change cannot be dated before the claim's latest recorded change; history is append-only.",
      "knownAt",
    );
  }

  let evidence = null;
  if (input.evidenceCitationId) {
    const c = await tx.citation.findUnique({
      where: { id: input.evidenceCitationId },
      select: {
        id: true,
        attribution: true,
        publishedAt: true,
        source: { select: { name: true } },
        event: {
          select: {
            published: true,
            firstReportedAt: true,
            knownFrom: true,
            claims: { where: { claimId: input.claimId }, select: { stance: true } },
          },
        },
      },
    });
    if (!c) throw new DomainError("The evidence citation does not exist.", "evidenceCitationId");
    // A status must rest on evidence readers can see.
    if (!c.event.published) {
      throw new DomainError("The evidence citation belongs to a draft event: publish the event first.", "evidenceCitationId");
    }
    evidence = {
      id: c.id,
      attribution: c.attribution,
      knownFrom: new Date(Math.max(citationDate(c, c.event).getTime(), c.event.knownFrom.getTime())),
      sourceName: c.source.name,
      stance: c.event.claims[0]?.stance ?? null,
    };
  }

  const { independent } = await countIndependentSources(tx, input.claimId, input.knownAt);
  const verdict = checkStatusChange({
    from: latest ? claim.status : null,
    to: input.to,
    knownAt: input.knownAt,
    reason: input.reason,
    evidence,
    independentSources: independent,
  });
  if (!verdict.ok) throw new DomainError(verdict.message, "to");

  const change = await tx.claimStatusChange.create({
    data: {
      claimId: input.claimId,
      fromStatus: latest ? claim.status : null,
      toStatus: input.to,
      knownAt: input.knownAt,
      sequence: (latest?.sequence ?? 0) + 1,
      reason: input.reason.trim(),
      evidenceCitationId: input.evidenceCitationId,
      changedBy: input.changedBy,
    },
  });
  await tx.claim.update({
    where: { id: input.claimId },
    data: { status: input.to, version: { increment: 1 } },
  });
  if (options.refreshEvents ?? true) await refreshEventsOfClaim(tx, input.claimId);
  return change;
}
