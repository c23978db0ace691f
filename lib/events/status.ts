import {
  isOfficialVoice,
  isOnRecord,
  type AttributionValue,
  type ClaimStatusValue,
  type EventStatusValue,
  type StanceValue,
} from "../domain";

export type EventStatusInput = {
  retracted: boolean;
  attributions: readonly AttributionValue[];
  claimLinks: readonly { stance: StanceValue; claimStatus: ClaimStatusValue }[];
};

// When an event links to several claims, the most consequential label wins.
const PRIORITY: readonly EventStatusValue[] = [
  "RETRACTED",
  "DENIED",
  "CONFIRMED",
  "DISPUTED",
  "DECLINED",
  "REPORTED",
  "ON_RECORD",
];

function statusForLink(
  stance: StanceValue,
  claimStatus: ClaimStatusValue,
  onRecord: boolean,
  official: boolean,
): EventStatusValue {
  switch (stance) {
    // Only a denial or confirmation by a named speaker or spokesperson is official (the same test
    // the claim rules apply); an anonymous one is more reporting, a document stays on the record.
    case "DENIES":
      return official ? "DENIED" : onRecord ? "ON_RECORD" : "REPORTED";
    case "CONFIRMS":
      // A confirmation of a claim since retracted carries the retraction, as the claim stands.
      if (claimStatus === "RETRACTED") return "RETRACTED";
      return official ? "CONFIRMED" : onRecord ? "ON_RECORD" : "REPORTED";
    // Declining to give an update neither confirms nor denies.
    case "DECLINES":
      return "DECLINED";
    case "ASSERTS":
    case "QUALIFIES":
      switch (claimStatus) {
        case "CONFIRMED":
          return "CONFIRMED";
        case "DENIED":
          return "DENIED";
        case "DISPUTED":
          return "DISPUTED";
        case "RETRACTED":
          return "RETRACTED";
        default:
          return onRecord ? "ON_RECORD" : "REPORTED";
      }
  }
}

/**
 * The label a timeline item carries (DESIGN.md, "What the timeline marks"), derived from the
 * event's own sourcing, its stance toward each claim and each claim's status (current, or as of
 * a date when the caller passes historical statuses).
 */
export function deriveEventStatus(input: EventStatusInput): EventStatusValue {
  if (input.retracted) return "RETRACTED";
  const onRecord = input.attributions.some(isOnRecord);
  const official = input.attributions.some(isOfficialVoice);
  const candidates = input.claimLinks.map((l) => statusForLink(l.stance, l.claimStatus, onRecord, official));
  if (candidates.length === 0) return onRecord ? "ON_RECORD" : "REPORTED";
  return PRIORITY.find((s) => candidates.includes(s)) ?? "REPORTED";
}

export type StatusHistoryEntry = { toStatus: ClaimStatusValue; knownAt: Date };

/** A claim's status as it stood at `at`: the latest change known by then, else unverified. */
export function claimStatusAt(history: readonly StatusHistoryEntry[], at: Date): ClaimStatusValue {
  let status: ClaimStatusValue = "UNVERIFIED";
  let latest = -Infinity;
  for (const h of history) {
    const t = h.knownAt.getTime();
    if (t <= at.getTime() && t >= latest) {
      latest = t;
      status = h.toStatus;
    }
  }
  return status;
}

export type StatusPeriod = { status: EventStatusValue; validFrom: Date; validTo: Date | null };

export type StatusTimelineInput = {
  firstReportedAt: Date;
  retractedAt: Date | null;
  attributions: readonly AttributionValue[];
  claimLinks: readonly { stance: StanceValue; history: readonly StatusHistoryEntry[] }[];
};

/**
 * Every label the event has carried since it was first reported: one period per change, derived
 * from its claims' status histories and its retraction. The last period is open (validTo null).
 */
export function statusTimeline(input: StatusTimelineInput): StatusPeriod[] {
  const from = input.firstReportedAt.getTime();
  const instants = new Set<number>([from]);
  for (const l of input.claimLinks) {
    for (const h of l.history) if (h.knownAt.getTime() > from) instants.add(h.knownAt.getTime());
  }
  if (input.retractedAt && input.retractedAt.getTime() > from) instants.add(input.retractedAt.getTime());
  const periods: StatusPeriod[] = [];
  for (const t of [...instants].sort((a, b) => a - b)) {
    const at = new Date(t);
    const status = deriveEventStatus({
      retracted: input.retractedAt !== null && input.retractedAt.getTime() <= t,
      attributions: input.attributions,
      claimLinks: input.claimLinks.map((l) => ({ stance: l.stance, claimStatus: claimStatusAt(l.history, at) })),
    });
    const last = periods[periods.length - 1];
    if (last && last.status === status) continue;
    if (last) last.validTo = at;
    periods.push({ status, validFrom: at, validTo: null });
  }
  return periods;
}

/** The period in force at `at`, or null when the event had not been reported yet. */
export function statusAt<T extends { validFrom: Date; validTo: Date | null }>(
  periods: readonly T[],
  at: Date,
): T | null {
  const t = at.getTime();
  return periods.find((p) => p.validFrom.getTime() <= t && (p.validTo === null || p.validTo.getTime() > t)) ?? null;
}
