import {
  isMediaSource,
  isOfficialVoice,
  type AttributionValue,
  type ClaimStatusValue,
  type EventKindValue,
  type EventStatusValue,
  type PrecisionValue,
  type SourceKindValue,
  type StanceValue,
} from "../domain";

// The as-of projection (DESIGN.md, "What the timeline marks"): what a reader saw of an event at an
// instant, computed only from what was known then. Every surface (timeline, story, event, claim
// and source pages, feeds, API, embed, share card) and the stored derived data (the label and its
// periods, the source key) come from these functions, so none of them can show later knowledge.
//
// What is known at instant T:
// - a citation, from its publication; an undated one from its event's first report;
// - an event, from its first report, or later if none of its citations is known by then (an
//   event is never shown without a citation that backs it);
// - a claim's status change, from its knownAt (same-instant changes in their sequence);
// - a retraction, from retractedAt; a correction, from when it was made;
// - a relation, when both of its events are known.
//
// `at` null means now: everything recorded.

export type SpeakerFacts = { name: string; title: string | null; affiliation: string | null };

/** A citation as a label credits it: whose voice, carried by which outlet, relaying whom. */
export type VoiceFacts = {
  source: { name: string; kind: SourceKindValue };
  publishedAt: Date | null;
  publishedPrecision?: PrecisionValue | null;
  attribution: AttributionValue;
  attributionText: string | null;
  speaker: SpeakerFacts | null;
  origin: { name: string; kind?: SourceKindValue } | null;
  originText: string | null;
};

export type CitationFacts = VoiceFacts & {
  id: string;
  sourceId: string;
  repeatsCitationId: string | null;
  speakerActorId: string | null;
  originSourceId: string | null;
};

export type ClaimChangeFacts = {
  toStatus: ClaimStatusValue;
  knownAt: Date;
  sequence: number;
  evidenceCitationId?: string | null;
  /** The evidence, as the label credits it (its voice and carrier). */
  evidenceCitation: (VoiceFacts & Partial<VoiceIds>) | null;
};

/** Who a citation's words belong to, as ids: the speaker, the outlet relayed, the source. */
export type VoiceIds = { sourceId: string; speakerActorId: string | null; originSourceId: string | null };

export type ClaimLinkFacts = {
  stance: StanceValue;
  position: number;
  claim: { id: string; history: readonly ClaimChangeFacts[] };
};

export type EventFacts = {
  /** A media report's label never becomes "officially confirmed" (absent: not a media report). */
  kind?: EventKindValue;
  firstReportedAt: Date;
  retractedAt: Date | null;
  citations: readonly CitationFacts[];
  claims: readonly ClaimLinkFacts[];
};

const t = (d: Date) => d.getTime();
const knownBy = (instant: Date, at: Date | null) => at === null || t(instant) <= t(at);

/** When a citation became known to readers, before its event is taken into account. */
export function citationDate(c: { publishedAt: Date | null }, e: { firstReportedAt: Date }): Date {
  return c.publishedAt ?? e.firstReportedAt;
}

/**
 * When the event became known: its first report, or, when no citation is known by then, the
 * first instant one is. Stored as Event.knownFrom by the write paths.
 */
export function eventKnownFrom(e: { firstReportedAt: Date; citations: readonly { publishedAt: Date | null }[] }): Date {
  let earliest = Infinity;
  for (const c of e.citations) earliest = Math.min(earliest, t(citationDate(c, e)));
  return new Date(Number.isFinite(earliest) ? Math.max(t(e.firstReportedAt), earliest) : t(e.firstReportedAt));
}

/** When a citation became known as part of its event: never before the event itself. */
export function citationKnownFrom(
  c: { publishedAt: Date | null },
  e: { firstReportedAt: Date; citations: readonly { publishedAt: Date | null }[] },
): Date {
  return new Date(Math.max(t(citationDate(c, e)), t(eventKnownFrom(e))));
}

export function eventKnownAt(e: { firstReportedAt: Date; citations: readonly { publishedAt: Date | null }[] }, at: Date | null): boolean {
  return knownBy(eventKnownFrom(e), at);
}

/** The event's citations a reader could see at `at`, in their order. */
export function visibleCitations<C extends { publishedAt: Date | null }>(
  e: { firstReportedAt: Date; citations: readonly C[] },
  at: Date | null,
): C[] {
  if (at === null) return [...e.citations];
  if (!eventKnownAt(e, at)) return [];
  return e.citations.filter((c) => knownBy(citationDate(c, e), at));
}

/** A claim's history in the order it became known: knownAt, then sequence. */
export function historyInOrder<H extends { knownAt: Date; sequence: number }>(history: readonly H[]): H[] {
  return [...history].sort((a, b) => t(a.knownAt) - t(b.knownAt) || a.sequence - b.sequence);
}

/** The changes of a claim's history known at `at`, oldest first. */
export function historyKnownAt<H extends { knownAt: Date; sequence: number }>(history: readonly H[], at: Date | null): H[] {
  return historyInOrder(history).filter((h) => knownBy(h.knownAt, at));
}

/** A claim's status at `at` and the change that set it (null: unverified, nothing recorded yet). */
export function claimStateAt<H extends { toStatus: ClaimStatusValue; knownAt: Date; sequence: number }>(
  history: readonly H[],
  at: Date | null,
): { status: ClaimStatusValue; change: H | null } {
  const known = historyKnownAt(history, at);
  const change = known[known.length - 1] ?? null;
  return { status: change?.toStatus ?? "UNVERIFIED", change };
}

export function claimStatusAt(
  history: readonly { toStatus: ClaimStatusValue; knownAt: Date; sequence: number }[],
  at: Date | null,
): ClaimStatusValue {
  return claimStateAt(history, at).status;
}

/** The event's main claim link: the first by position (the label follows it). */
export function mainClaim<L extends { position: number; claim: { id: string } }>(links: readonly L[]): L | null {
  let main: L | null = null;
  for (const l of links) {
    if (!main || l.position < main.position || (l.position === main.position && l.claim.id < main.claim.id)) main = l;
  }
  return main;
}

// ---------------------------------------------------------------------------------------------
// The label's status
// ---------------------------------------------------------------------------------------------

/** How strongly the visible citations put the event on the record. */
export type VoiceClass = "OFFICIAL" | "DOCUMENT" | "PARTY" | "MEDIA";

export function voiceClassOf(attribution: AttributionValue): VoiceClass {
  if (isOfficialVoice(attribution)) return "OFFICIAL";
  if (attribution === "DOCUMENT") return "DOCUMENT";
  if (attribution === "PARTY_CLAIM") return "PARTY";
  return "MEDIA";
}

const VOICE_ORDER: readonly VoiceClass[] = ["OFFICIAL", "DOCUMENT", "PARTY", "MEDIA"];

export function strongestVoice(citations: readonly { attribution: AttributionValue }[]): VoiceClass {
  const classes = new Set(citations.map((c) => voiceClassOf(c.attribution)));
  return VOICE_ORDER.find((v) => classes.has(v)) ?? "MEDIA";
}

/** What the item is by its sourcing alone, whatever it says of a claim. */
function baseStatus(voice: VoiceClass): EventStatusValue {
  switch (voice) {
    case "OFFICIAL":
    case "DOCUMENT":
      return "ON_RECORD";
    case "PARTY":
      return "CLAIMED";
    case "MEDIA":
      return "REPORTED";
  }
}

/**
 * The identities a citation's words belong to: its speaker, the outlet it relays, and its source
 * when the source speaks for itself (a government, an office; not a news outlet). Two citations
 * share a voice when they share an identity.
 */
export function voiceKeys(c: { speakerActorId?: string | null; originSourceId?: string | null; sourceId?: string; source?: { kind: SourceKindValue } }): string[] {
  const keys: string[] = [];
  if (c.speakerActorId) keys.push(`actor:${c.speakerActorId}`);
  if (c.originSourceId) keys.push(`source:${c.originSourceId}`);
  if (c.sourceId && c.source && !isMediaSource(c.source.kind)) keys.push(`source:${c.sourceId}`);
  return keys;
}

const shares = (a: readonly string[], b: readonly string[]) => a.some((k) => b.includes(k));

export type LabelStatusInput = {
  retracted: boolean;
  /** The event's kind: a media report is never labelled officially confirmed. */
  kind?: EventKindValue;
  /** The citations a reader could see: how each is sourced, and whose voice it is (voiceKeys). */
  citations: readonly { attribution: AttributionValue; keys?: readonly string[] }[];
  /** The main claim as it stood then; null when the event has none. */
  main: {
    stance: StanceValue;
    claimStatus: ClaimStatusValue;
    /** Whether the claim had stood as a party's claim by then. */
    everClaimed?: boolean;
    /** The voices the claim stood as a party's claim of (its "claimed" evidence), by then. */
    partyKeys?: readonly string[];
    /** The voice of the on-record confirmation, when the claim stands confirmed. */
    confirmedByKeys?: readonly string[];
  } | null;
};

/**
 * The label's status (DESIGN.md, "What the timeline marks"). It follows the event's own voice and
 * its main claim's stance, never a later verdict on the claim:
 * - retracted: Retracted;
 * - declining to confirm or deny: Declined;
 * - confirming or denying, in an official voice (named on the record or a spokesperson):
 *   Officially confirmed or denied; in another voice the item is what its sourcing makes it;
 * - asserting (an act, a decision, a statement) in the very voice that confirmed its claim on the
 *   record: Officially confirmed (the decision confirmed by the spokesman who announced it);
 *   never for a media report;
 * - a party's own claim (a party-claim citation, or an on-record assertion of a claim that has
 *   stood as a party's claim): Claimed by that party, and Disputed while the claim is disputed or
 *   denied; still that party's claim once confirmed (the verdict says so beside it);
 * - otherwise, asserting or qualifying (or no claim): on the record or media-reported, by its
 *   strongest voice.
 * A media report stays a media report once its claim is confirmed: the verdict is shown beside
 * the label ("since confirmed on the record"), not in its place.
 */
export function labelStatus(input: LabelStatusInput): EventStatusValue {
  if (input.retracted) return "RETRACTED";
  const voice = strongestVoice(input.citations);
  const base = baseStatus(voice);
  const main = input.main;
  if (!main) return base;
  const onRecord = input.citations.filter((c) => voiceClassOf(c.attribution) !== "MEDIA");
  switch (main.stance) {
    case "DECLINES":
      return "DECLINED";
    case "CONFIRMS":
      return voice === "OFFICIAL" ? "CONFIRMED" : base;
    case "DENIES":
      return voice === "OFFICIAL" ? "DENIED" : base;
    case "ASSERTS":
    case "QUALIFIES": {
      const confirmedBy = main.claimStatus === "CONFIRMED" ? (main.confirmedByKeys ?? []) : [];
      if (
        main.stance === "ASSERTS" &&
        input.kind !== "MEDIA_REPORT" &&
        input.citations.some((c) => voiceClassOf(c.attribution) === "OFFICIAL" && shares(c.keys ?? [], confirmedBy))
      ) {
        return "CONFIRMED";
      }
      // Once a claim has stood as a party's claim, an on-record assertion of it is the claim of
      // the side that makes it (a government's troop estimate, repeated by another of its
      // spokespeople, or by an ally).
      const party = base === "CLAIMED" || (base === "ON_RECORD" && (main.everClaimed || onRecord.some((c) => shares(c.keys ?? [], main.partyKeys ?? []))));
      if (party) return main.claimStatus === "DISPUTED" || main.claimStatus === "DENIED" ? "DISPUTED" : "CLAIMED";
      return base;
    }
  }
}

/** The main claim's state at `at` as labelStatus reads it. */
export function mainClaimState(
  main: { stance: StanceValue; claim: { history: readonly ClaimChangeFacts[] } } | null,
  at: Date | null,
): LabelStatusInput["main"] {
  if (!main) return null;
  const known = historyKnownAt(main.claim.history, at);
  const current = known.at(-1) ?? null;
  const keysOf = (h: ClaimChangeFacts) => (h.evidenceCitation ? voiceKeys(h.evidenceCitation) : []);
  return {
    stance: main.stance,
    claimStatus: current?.toStatus ?? "UNVERIFIED",
    everClaimed: known.some((h) => h.toStatus === "CLAIMED"),
    partyKeys: known.filter((h) => h.toStatus === "CLAIMED").flatMap(keysOf),
    confirmedByKeys: current?.toStatus === "CONFIRMED" ? keysOf(current) : [],
  };
}

/** The label's status at `at` (null: now), from the facts known then. */
export function labelStatusAt(e: EventFacts, at: Date | null): EventStatusValue {
  return labelStatus({
    retracted: e.retractedAt !== null && knownBy(e.retractedAt, at),
    kind: e.kind,
    citations: visibleCitations(e, at).map((c) => ({ attribution: c.attribution, keys: voiceKeys(c) })),
    main: mainClaimState(mainClaim(e.claims), at),
  });
}

export type StatusPeriod = { status: EventStatusValue; validFrom: Date; validTo: Date | null };

/**
 * Every label the event has carried since it became known: one period per change, at the
 * instants its citations became known, its claims' statuses changed, and it was retracted. The
 * last period is open (validTo null). Stored as EventStatusPeriod rows for the "as of" status
 * filter.
 */
export function labelPeriods(e: EventFacts): StatusPeriod[] {
  const from = t(eventKnownFrom(e));
  const instants = new Set<number>([from]);
  const add = (d: Date | null) => {
    if (d && t(d) > from) instants.add(t(d));
  };
  for (const c of e.citations) add(citationDate(c, e));
  for (const l of e.claims) for (const h of l.claim.history) add(h.knownAt);
  add(e.retractedAt);
  const periods: StatusPeriod[] = [];
  for (const instant of [...instants].sort((a, b) => a - b)) {
    const at = new Date(instant);
    const status = labelStatusAt(e, at);
    const last = periods[periods.length - 1];
    if (last && last.status === status) continue;
    if (last) last.validTo = at;
    periods.push({ status, validFrom: at, validTo: null });
  }
  return periods;
}

/** The period in force at `at`, or null when the event was not known yet. */
export function periodAt<P extends { validFrom: Date; validTo: Date | null }>(periods: readonly P[], at: Date): P | null {
  return periods.find((p) => t(p.validFrom) <= t(at) && (p.validTo === null || t(p.validTo) > t(at))) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Independent sources
// ---------------------------------------------------------------------------------------------

export type CitationForCount = {
  id: string;
  sourceId: string;
  repeatsCitationId: string | null;
  speakerActorId: string | null;
  /** The speaker's body: two spokespeople of one ministry are one voice. */
  speaker?: { affiliation: string | null } | null;
  originSourceId: string | null;
  originText: string | null;
};

/**
 * The independent voice a citation rests on, once traced back through the citations it repeats:
 * the speaker whose words it carries, counted by the body they speak for (two outlets carrying one
 * spokesperson's words, directly or relaying a wire story, are one voice, and so are two
 * spokespeople of one ministry); else the origin it relays (a relay is its origin,
 * whether or not the origin is cited); none for a round-up of unnamed others ("several media
 * outlets"); otherwise its own source.
 */
function unitOf(root: CitationForCount): string | null {
  const body = root.speaker?.affiliation?.trim().toLowerCase().replace(/^the /, "");
  if (body) return `body:${body}`;
  if (root.speakerActorId) return `actor:${root.speakerActorId}`;
  if (root.originSourceId) return `source:${root.originSourceId}`;
  if (root.originText?.trim()) return null;
  return `source:${root.sourceId}`;
}

function rootOf(c: CitationForCount, all: ReadonlyMap<string, CitationForCount>): CitationForCount {
  const chain = [c];
  let root = c;
  while (root.repeatsCitationId) {
    const next = all.get(root.repeatsCitationId);
    if (!next) break;
    if (chain.includes(next)) {
      // Citations that repeat one another in a circle have no original: they count as one,
      // named by the smallest id in the circle.
      return chain.slice(chain.indexOf(next)).reduce((a, b) => (a.id <= b.id ? a : b));
    }
    chain.push(next);
    root = next;
  }
  return root;
}

export type IndependentCount = { independent: number; repeats: number };

/**
 * Independent sources behind a set of citations (DESIGN.md: relays, wire copies, round-ups and
 * carriers of one statement are not independent). `independent` counts distinct voices;
 * `repeats` the outlets that only repeated one of them (a voice's own outlet, or the first outlet
 * to carry a speaker's words, is not a repeat). Repeat chains are followed only through `all`
 * (the citations a reader could see), so a count as of a date never uses later ones.
 */
export function independentSourceCount(
  citations: readonly CitationForCount[],
  all: ReadonlyMap<string, CitationForCount> = new Map(citations.map((c) => [c.id, c])),
): IndependentCount {
  // Each voice, with the outlets that carried it; a round-up's outlets under no voice.
  const outletsOf = new Map<string | null, Set<string>>();
  for (const c of citations) {
    const unit = unitOf(rootOf(c, all));
    if (!outletsOf.has(unit)) outletsOf.set(unit, new Set());
    outletsOf.get(unit)!.add(c.sourceId);
  }
  let independent = 0;
  let repeats = 0;
  for (const [unit, outlets] of outletsOf) {
    if (unit === null) {
      repeats += outlets.size;
      continue;
    }
    independent += 1;
    // The voice's own outlet, or the first to carry a speaker's words, is not a repeat.
    const own = unit.startsWith("source:") ? outlets.has(unit.slice("source:".length)) : true;
    repeats += outlets.size - (own ? 1 : 0);
  }
  return { independent, repeats };
}
