import { formatPublished } from "../dates";
import {
  EVENT_STATUS_LABEL,
  isMediaSource,
  RELATION_LABEL,
  type AttributionValue,
  type ClaimStatusValue,
  type EventStatusValue,
  type RelationTypeValue,
} from "../domain";
import {
  claimStateAt,
  labelStatusAt,
  mainClaim,
  visibleCitations,
  voiceClassOf,
  type ClaimChangeFacts,
  type CitationFacts,
  type EventFacts,
  type VoiceFacts,
} from "./projection";

// The words of a label: what the item is, whose voice it credits (the speaker, not the outlet that
// carried the words), and where its main claim stands by then ("since confirmed on the record").

/** A citation as a label credits it. */
export type VoiceCitation = VoiceFacts;

export type Credit = {
  /** Who spoke: "Matthew Miller, State Department spokesperson", or the source itself. */
  voice: string;
  /** The outlet that carried the words, when it is not the speaker's own channel. */
  carrier: string | null;
  /** The outlet a relay names as its origin, or the words that stand for it. */
  origin: string | null;
};

export type Verdict = {
  status: ClaimStatusValue;
  knownAt: Date;
  /** "since confirmed on the record by John Kirby, 25 Nov 2024". */
  text: string;
};

export type StatusLabel = {
  status: EventStatusValue;
  /** The label: "Officially confirmed", "Claimed by the Russian Ministry of Defence, not independently verified". */
  text: string;
  /** What qualifies it: by whom, when, as reported by whom, citing whom. */
  detail: string | null;
  credit: Credit | null;
  /** Where the main claim stands, when that moved on since the item's own label. */
  verdict: Verdict | null;
};

const FALLBACK_DESCRIPTOR: Record<AttributionValue, string | null> = {
  NAMED_ON_RECORD: null,
  SPOKESPERSON: null,
  DOCUMENT: null,
  ANONYMOUS_OFFICIALS: "citing anonymous officials",
  OUTLET_OWN: "its own reporting",
  PARTY_CLAIM: null,
  UNKNOWN: "sourcing not stated",
};

function speakerText(s: NonNullable<CitationFacts["speaker"]>): string {
  const role = s.title ?? s.affiliation;
  // "Russian government" needs no ", Russia".
  return role && !s.name.includes(role) ? `${s.name}, ${role}` : s.name;
}

/** A body that speaks for itself (a government, an office, an institute), not a news outlet. */
const speaksForItself = (s: { kind?: VoiceCitation["source"]["kind"] } | null | undefined) => !!s?.kind && !isMediaSource(s.kind);

/** The verbatim descriptor, when it is short enough to stand for a voice ("Russia's Defence Ministry said"). */
const shortDescriptor = (c: VoiceCitation) => {
  const words = c.attributionText?.trim();
  return words && words.length <= 80 ? words : null;
};

/**
 * The voice a citation carries, and who carried it. A named origin ("The New York Times, as
 * relayed by TASS") is credited; a vague one ("several media outlets") is not a voice, so the
 * outlet that relays it is.
 */
export function creditOf(c: VoiceCitation): Credit {
  const origin = c.origin?.name ?? (c.originText?.trim() || null);
  const carrier = origin || isMediaSource(c.source.kind) ? c.source.name : null;
  let voice: string;
  if (c.speaker) {
    const words = c.attributionText?.trim();
    // The verbatim descriptor adds to the speaker unless it only names them again.
    voice = words && !words.includes(c.speaker.name) ? `${speakerText(c.speaker)}, ${words}` : speakerText(c.speaker);
  } else if (c.attribution === "ANONYMOUS_OFFICIALS" || c.attribution === "OUTLET_OWN" || c.attribution === "UNKNOWN") {
    voice = c.origin?.name ?? c.source.name;
  } else {
    // On the record with no named speaker: the body it relays or the source, when they speak for
    // themselves, before the descriptor's words; a news outlet last.
    voice = speaksForItself(c.origin)
      ? c.origin!.name
      : speaksForItself(c.source)
        ? c.source.name
        : shortDescriptor(c) || c.origin?.name || c.source.name;
  }
  return { voice, carrier: carrier === voice ? null : carrier, origin };
}

/** ", as reported by Reuters" or ", as reported by Reuters via The Guardian". */
function carriedText(credit: Credit): string {
  if (!credit.carrier) return "";
  if (credit.origin && credit.origin !== credit.voice) return `, as reported by ${credit.origin} via ${credit.carrier}`;
  if (credit.origin) return `, via ${credit.carrier}`;
  return `, as reported by ${credit.carrier}`;
}

function creditText(credit: Credit): string {
  return `${credit.voice}${carriedText(credit)}`;
}

/** The party a party's claim belongs to: the speaker's body, or the source speaking for itself. */
function partyOf(c: VoiceCitation): string {
  if (c.speaker) return c.speaker.affiliation ?? c.speaker.name;
  if (speaksForItself(c.origin)) return c.origin!.name;
  if (speaksForItself(c.source)) return c.source.name;
  return shortDescriptor(c) || c.origin?.name || c.source.name;
}

function day(at: Date, zone: string): string {
  return formatPublished(at, "DAY", zone);
}

function published(c: VoiceCitation, fallback: Date, zone: string): string {
  if (!c.publishedAt) return day(fallback, zone);
  const precision = c.publishedPrecision ?? "DAY";
  return formatPublished(c.publishedAt, precision === "MINUTE" || precision === "HOUR" ? "DAY" : precision, zone);
}

/** Media reports credited each by their outlet (or the outlet they relay) and whom they cite. */
function reportedDetail(citations: readonly VoiceCitation[]): string | null {
  const parts: string[] = [];
  for (const c of citations) {
    const credit = creditOf(c);
    const outlet = c.origin ? `${c.origin.name} (as relayed by ${c.source.name})` : credit.origin ? `${c.source.name}, relaying ${credit.origin}` : c.source.name;
    const descriptor = c.attributionText?.trim() || FALLBACK_DESCRIPTOR[c.attribution];
    const who = c.speaker ? creditText(credit) : outlet;
    const part = descriptor && !c.speaker ? `${who}, ${descriptor}` : who;
    if (!parts.includes(part)) parts.push(part);
  }
  if (parts.length === 0) return null;
  return parts.length > 3 ? `${parts.slice(0, 3).join("; ")}; and ${parts.length - 3} more` : parts.join("; ");
}

const VERDICT_WORDS: Partial<Record<ClaimStatusValue, string>> = {
  CONFIRMED: "confirmed on the record",
  DENIED: "officially denied",
  CORROBORATED: "corroborated by independent sources",
  DISPUTED: "disputed",
  RETRACTED: "retracted or shown false",
  SUPERSEDED: "superseded",
};

/**
 * Verdicts a label already says in its own words. A decline shows only an official verdict (or
 * that the claim was shown false) beside it: that an outlet has since corroborated what an
 * official declined to confirm is the claim's business, not the decline's.
 */
const SAID_BY_LABEL: Partial<Record<EventStatusValue, readonly ClaimStatusValue[]>> = {
  CONFIRMED: ["CONFIRMED"],
  DENIED: ["DENIED"],
  DISPUTED: ["DISPUTED", "DENIED"],
  DECLINED: ["CORROBORATED", "DISPUTED", "SUPERSEDED"],
};

function verdictOf(
  status: EventStatusValue,
  change: ClaimChangeFacts | null,
  eventKnownFrom: Date,
  zone: string,
  ownCitationIds: ReadonlySet<string>,
): Verdict | null {
  if (!change || status === "RETRACTED") return null;
  const words = VERDICT_WORDS[change.toStatus];
  if (!words || SAID_BY_LABEL[status]?.includes(change.toStatus)) return null;
  // An official statement that is itself the evidence for the verdict (a denial that made a
  // claim disputed) says it already.
  if ((status === "CONFIRMED" || status === "DENIED") && change.evidenceCitationId && ownCitationIds.has(change.evidenceCitationId)) return null;
  const by = change.evidenceCitation ? ` by ${creditOf(change.evidenceCitation).voice.split(",")[0]}` : "";
  const since = change.knownAt.getTime() >= eventKnownFrom.getTime() ? "since" : "already";
  return { status: change.toStatus, knownAt: change.knownAt, text: `${since} ${words}${by}, ${day(change.knownAt, zone)}` };
}

/**
 * The credited citation: the earliest visible one in the strongest voice of the label (an undated
 * one counts from the event's first report; at the same instant, an outlet's own report before a
 * relay).
 */
function creditedCitation(citations: readonly VoiceCitation[], status: EventStatusValue, firstReportedAt: Date): VoiceCitation | null {
  const order =
    status === "CONFIRMED" || status === "DENIED"
      ? (["OFFICIAL"] as const)
      : status === "CLAIMED" || status === "DISPUTED"
        ? (["PARTY", "OFFICIAL", "DOCUMENT"] as const)
        : (["OFFICIAL", "DOCUMENT", "PARTY", "MEDIA"] as const);
  for (const voice of order) {
    const found = citations.filter((c) => voiceClassOf(c.attribution) === voice);
    const when = (c: VoiceCitation) => (c.publishedAt ?? firstReportedAt).getTime();
    const relay = (c: VoiceCitation) => (c.origin || c.originText ? 1 : 0);
    if (found.length) return [...found].sort((a, b) => when(a) - when(b) || relay(a) - relay(b))[0]!;
  }
  return null;
}

/**
 * The label of an event as a reader saw it at `at` (null: now), in the event's zone: its status
 * (labelStatusAt), the voice it credits and the verdict on its main claim, from what was known
 * then.
 */
export function eventLabel(
  e: EventFacts & { citations: readonly (CitationFacts & VoiceCitation)[] },
  at: Date | null,
  zone: string,
  knownFrom: Date,
): StatusLabel {
  const status = labelStatusAt(e, at);
  const citations = visibleCitations(e, at);
  const main = mainClaim(e.claims);
  const state = main ? claimStateAt(main.claim.history, at) : null;
  const verdict = verdictOf(status, state?.change ?? null, knownFrom, zone, new Set(e.citations.map((c) => c.id)));
  const credited = creditedCitation(citations, status, e.firstReportedAt);
  const credit = credited ? creditOf(credited) : null;
  const confirmedNow = state?.status === "CONFIRMED" || state?.status === "CORROBORATED";
  let text = EVENT_STATUS_LABEL[status];
  let detail: string | null = null;
  switch (status) {
    case "RETRACTED":
      detail = e.retractedAt ? `retracted ${day(e.retractedAt, zone)}` : null;
      break;
    case "REPORTED":
      if (state?.status === "CONFIRMED") text = "Media-reported";
      detail = reportedDetail(citations.filter((c) => voiceClassOf(c.attribution) === "MEDIA"));
      break;
    case "CLAIMED": {
      const party = credited ? partyOf(credited) : "a party";
      text = confirmedNow ? `Claimed by ${party}` : `Claimed by ${party}, not independently verified`;
      detail = credit ? creditText(credit) : null;
      break;
    }
    case "DISPUTED": {
      // A party's claim, contradicted by another party or denied on the record.
      const party = credited ? partyOf(credited) : null;
      const by = state?.change?.evidenceCitation ? ` by ${creditOf(state.change.evidenceCitation).voice}` : "";
      const when = state?.change ? `, ${day(state.change.knownAt, zone)}` : "";
      const how = state?.status === "DENIED" ? "officially denied" : "disputed";
      detail = `${party ? `claimed by ${party}; ` : ""}${how}${by}${when}`;
      break;
    }
    case "CONFIRMED":
    case "DENIED":
      detail = credited && credit ? `by ${credit.voice}, ${published(credited, e.firstReportedAt, zone)}${carriedText(credit)}` : null;
      break;
    case "ON_RECORD":
    case "DECLINED":
      detail = credit ? creditText(credit) : null;
      break;
  }
  return { status, text, detail, credit, verdict };
}

/** How a relation reads from the event being shown. */
export function relationText(type: RelationTypeValue, direction: "outgoing" | "incoming"): string {
  return RELATION_LABEL[type][direction];
}
