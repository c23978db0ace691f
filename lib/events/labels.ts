import { formatPublished } from "../dates";
import {
  EVENT_STATUS_LABEL,
  isOnRecord,
  type AttributionValue,
  type ClaimStatusValue,
  type EventStatusValue,
  type RelationTypeValue,
  RELATION_LABEL,
} from "../domain";

type LabelCitation = {
  attribution: AttributionValue;
  attributionText: string | null;
  source: { name: string };
};

type LabelClaimChange = {
  toStatus: ClaimStatusValue;
  knownAt: Date;
  evidenceCitation: { source: { name: string } } | null;
};

export type StatusLabel = { status: EventStatusValue; text: string; detail: string | null };

function unique(values: (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v && v.trim().length > 0))];
}

const FALLBACK_ATTRIBUTION: Record<AttributionValue, string | null> = {
  NAMED_ON_RECORD: null,
  SPOKESPERSON: null,
  DOCUMENT: null,
  ANONYMOUS_OFFICIALS: "citing anonymous officials",
  UNKNOWN: "sourcing not stated",
};

/**
 * The visible status label of a timeline item and the words that qualify it: who a media report
 * cites, who spoke on the record, and by whom and when an official confirmation or denial came.
 */
export function statusLabel(
  status: EventStatusValue,
  citations: readonly LabelCitation[],
  claimChanges: readonly LabelClaimChange[],
  zone: string,
): StatusLabel {
  const text = EVENT_STATUS_LABEL[status];
  const onRecord = citations.filter((c) => isOnRecord(c.attribution));
  const offRecord = citations.filter((c) => !isOnRecord(c.attribution));
  let detail: string | null = null;
  switch (status) {
    case "REPORTED": {
      const words = unique(offRecord.map((c) => c.attributionText ?? FALLBACK_ATTRIBUTION[c.attribution]));
      detail = words.length ? words.join("; ") : null;
      break;
    }
    case "CONFIRMED":
    case "DENIED":
    case "DISPUTED":
    case "RETRACTED": {
      const change = [...claimChanges]
        .sort((a, b) => b.knownAt.getTime() - a.knownAt.getTime())
        .find((c) => c.toStatus === status);
      if (change) {
        const by = change.evidenceCitation ? `by ${change.evidenceCitation.source.name}, ` : "";
        detail = `${by}as of ${formatPublished(change.knownAt, "DAY", zone)}`;
      } else if (onRecord.length) {
        detail = unique(onRecord.map((c) => c.attributionText ?? c.source.name)).join("; ");
      }
      break;
    }
    case "DECLINED":
    case "ON_RECORD":
      detail = unique(onRecord.map((c) => c.attributionText ?? c.source.name)).join("; ") || null;
      break;
  }
  return { status, text, detail };
}

/** How a relation reads from the event being shown. */
export function relationText(type: RelationTypeValue, direction: "outgoing" | "incoming"): string {
  return RELATION_LABEL[type][direction];
}
