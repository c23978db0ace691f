import {
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
): EventStatusValue {
  switch (stance) {
    // Only an on-record denial or confirmation is official; an anonymous one is more reporting.
    case "DENIES":
      return onRecord ? "DENIED" : "REPORTED";
    case "CONFIRMS":
      return onRecord ? "CONFIRMED" : "REPORTED";
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
  const candidates = input.claimLinks.map((l) => statusForLink(l.stance, l.claimStatus, onRecord));
  if (candidates.length === 0) return onRecord ? "ON_RECORD" : "REPORTED";
  return PRIORITY.find((s) => candidates.includes(s)) ?? "REPORTED";
}
