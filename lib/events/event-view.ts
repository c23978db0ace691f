import type { ClaimStatusValue, RelationTypeValue, StanceValue } from "../domain";
import { eventLabel, type StatusLabel, type VoiceCitation } from "./labels";
import {
  claimStateAt,
  eventKnownFrom,
  historyKnownAt,
  independentSourceCount,
  periodAt,
  visibleCitations,
  type CitationFacts,
  type ClaimChangeFacts,
  type EventFacts,
  type IndependentCount,
} from "./projection";

// One event as a reader sees it at an instant: the single as-of projection every surface renders
// (timeline item, permalink, feeds, API, embed, share card). Built from an event row loaded with
// the select fragments of lib/events/selects.ts.

type Brief = { id: string; knownFrom: Date; statusPeriods: readonly { status: string; validFrom: Date; validTo: Date | null }[] };

export type EventRow = EventFacts & {
  id: string;
  timeZone: string;
  retractionNote?: string | null;
  citations: readonly (CitationFacts & VoiceCitation)[];
  claims: readonly {
    stance: StanceValue;
    note: string | null;
    position: number;
    claim: { id: string; status: ClaimStatusValue; history: readonly ClaimChangeFacts[] };
  }[];
  corrections?: readonly { createdAt: Date }[];
  relationsFrom?: readonly { type: RelationTypeValue; note: string | null; to: Brief }[];
  relationsTo?: readonly { type: RelationTypeValue; note: string | null; from: Brief }[];
};

type Citation<E extends EventRow> = E["citations"][number];
type ClaimLink<E extends EventRow> = E["claims"][number];
type History<E extends EventRow> = ClaimLink<E>["claim"]["history"][number];
type Correction<E extends EventRow> = NonNullable<E["corrections"]>[number];
type RelatedOf<E extends EventRow> =
  | NonNullable<E["relationsFrom"]>[number]["to"]
  | NonNullable<E["relationsTo"]>[number]["from"];

export type EventClaimView<E extends EventRow> = ClaimLink<E> & {
  /** The claim's status at the instant, and the changes known by then (oldest first). */
  statusThen: ClaimStatusValue;
  historyThen: History<E>[];
};

export type RelationView<R> = { type: RelationTypeValue; note: string | null; event: R; direction: "outgoing" | "incoming" };

export type EventView<E extends EventRow> = {
  event: E;
  at: Date | null;
  knownFrom: Date;
  citations: Citation<E>[];
  label: StatusLabel;
  independent: IndependentCount;
  retraction: { at: Date; note: string | null } | null;
  corrections: Correction<E>[];
  claims: EventClaimView<E>[];
  relations: RelationView<RelatedOf<E>>[];
};

const knownBy = (d: Date, at: Date | null) => at === null || d.getTime() <= at.getTime();

/** Whether a reader could see the event at `at` (null: now). */
export function isKnownAt(e: Pick<EventRow, "firstReportedAt" | "citations">, at: Date | null): boolean {
  return knownBy(eventKnownFrom(e), at);
}

/** A related event's label at the instant, read from its stored periods (null: not known then). */
export function briefStatusAt<S extends string>(
  e: { knownFrom: Date; status?: S; statusPeriods: readonly { status: S; validFrom: Date; validTo: Date | null }[] },
  at: Date | null,
): S | null {
  if (!knownBy(e.knownFrom, at)) return null;
  if (at === null) {
    const open = e.statusPeriods.find((p) => p.validTo === null);
    return open?.status ?? e.status ?? null;
  }
  return periodAt(e.statusPeriods, at)?.status ?? null;
}

/**
 * What a reader saw of the event at `at` (null: now), or null when it was not known yet: the
 * citations published by then, the label and the voice it credits, the independent count,
 * the retraction and corrections made by then, each claim's status then, and the relations whose
 * other event was known too.
 */
export function projectEvent<E extends EventRow>(e: E, at: Date | null): EventView<E> | null {
  const knownFrom = eventKnownFrom(e);
  if (!knownBy(knownFrom, at)) return null;
  const citations = visibleCitations(e, at) as Citation<E>[];
  const relations: RelationView<RelatedOf<E>>[] = [
    ...(e.relationsFrom ?? []).map((r) => ({ type: r.type, note: r.note, event: r.to as RelatedOf<E>, direction: "outgoing" as const })),
    ...(e.relationsTo ?? []).map((r) => ({ type: r.type, note: r.note, event: r.from as RelatedOf<E>, direction: "incoming" as const })),
  ].filter((r) => knownBy(r.event.knownFrom, at));
  return {
    event: e,
    at,
    knownFrom,
    citations,
    label: eventLabel(e, at, e.timeZone, knownFrom),
    independent: independentSourceCount(citations),
    retraction: e.retractedAt && knownBy(e.retractedAt, at) ? { at: e.retractedAt, note: e.retractionNote ?? null } : null,
    corrections: (e.corrections ?? []).filter((c) => knownBy(c.createdAt, at)) as Correction<E>[],
    claims: e.claims.map((l) => {
      const state = claimStateAt(l.claim.history, at);
      return {
        ...(l as ClaimLink<E>),
        statusThen: state.status,
        historyThen: historyKnownAt(l.claim.history, at) as History<E>[],
      };
    }),
    relations,
  };
}
