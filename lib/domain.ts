// Domain vocabulary shared by pages, queries and tests: the enum values stored in the database,
// their URL slugs and their human labels. Kept free of server-only imports so that client
// components may use it.

export const EVENT_STATUSES = [
  "ON_RECORD",
  "CONFIRMED",
  "REPORTED",
  "CLAIMED",
  "DENIED",
  "DECLINED",
  "DISPUTED",
  "RETRACTED",
] as const;
export type EventStatusValue = (typeof EVENT_STATUSES)[number];

export const EVENT_KINDS = [
  "MEDIA_REPORT",
  "STATEMENT",
  "BRIEFING",
  "DECISION",
  "MILITARY_ACTION",
  "REACTION",
  "OTHER",
] as const;
export type EventKindValue = (typeof EVENT_KINDS)[number];

export const PRECISIONS = ["MINUTE", "HOUR", "DAY", "MONTH", "YEAR"] as const;
export type PrecisionValue = (typeof PRECISIONS)[number];

export const ATTRIBUTIONS = [
  "NAMED_ON_RECORD",
  "SPOKESPERSON",
  "ANONYMOUS_OFFICIALS",
  "DOCUMENT",
  "OUTLET_OWN",
  "PARTY_CLAIM",
  "UNKNOWN",
] as const;
export type AttributionValue = (typeof ATTRIBUTIONS)[number];

export const STANCES = ["ASSERTS", "CONFIRMS", "DENIES", "DECLINES", "QUALIFIES"] as const;
export type StanceValue = (typeof STANCES)[number];

export const CLAIM_STATUSES = [
  "UNVERIFIED",
  "CLAIMED",
  "REPORTED",
  "CORROBORATED",
  "CONFIRMED",
  "DENIED",
  "DECLINED",
  "DISPUTED",
  "RETRACTED",
  "SUPERSEDED",
] as const;
export type ClaimStatusValue = (typeof CLAIM_STATUSES)[number];

export const RELATION_TYPES = [
  "RESPONDS_TO",
  "REPORTS_ON",
  "CONFIRMS",
  "DENIES",
  "CORRECTS",
  "SUPERSEDES",
  "FOLLOWS_UP",
] as const;
export type RelationTypeValue = (typeof RELATION_TYPES)[number];

export const SOURCE_KINDS = [
  "GOVERNMENT",
  "HEAD_OF_STATE_OFFICE",
  "WIRE",
  "NEWSPAPER",
  "BROADCASTER",
  "DIGITAL_OUTLET",
  "SOCIAL_ACCOUNT",
  "OTHER",
] as const;
export type SourceKindValue = (typeof SOURCE_KINDS)[number];

/** What the sources say of an event's date (see the DateBound enum in the schema). */
export const DATE_BOUNDS = ["EXACT", "ON_OR_BEFORE", "ON_OR_AFTER", "BETWEEN", "UNKNOWN"] as const;
export type DateBoundValue = (typeof DATE_BOUNDS)[number];

export const DATE_BOUND_LABEL: Record<DateBoundValue, string> = {
  EXACT: "On the date given (or over the period, when it lasted)",
  ON_OR_BEFORE: "On or before the date given",
  ON_OR_AFTER: "On or after the date given",
  BETWEEN: "At some point between the start and the end given",
  UNKNOWN: "Date unknown: placed by its first report",
};

export const ACTOR_ROLES = ["SPEAKER", "DECISION_MAKER", "SUBJECT"] as const;
export type ActorRoleValue = (typeof ACTOR_ROLES)[number];

/** Whether a story is still unfolding (see the StoryState enum in the schema). */
export const STORY_STATES = ["DEVELOPING", "CONCLUDED"] as const;
export type StoryStateValue = (typeof STORY_STATES)[number];

export const STORY_STATE_LABEL: Record<StoryStateValue, string> = {
  DEVELOPING: "Developing",
  CONCLUDED: "Concluded",
};

/** `ON_RECORD` → `on-record`: the form enum values take in URLs. */
export function toSlug(value: string): string {
  return value.toLowerCase().replace(/_/g, "-");
}

/** `on-record` → `ON_RECORD` when it names one of `values`, else undefined. */
export function fromSlug<T extends string>(values: readonly T[], slug: string): T | undefined {
  const upper = slug.trim().toUpperCase().replace(/-/g, "_");
  return values.find((v) => v === upper);
}

export const EVENT_STATUS_LABEL: Record<EventStatusValue, string> = {
  ON_RECORD: "On the record",
  CONFIRMED: "Officially confirmed",
  REPORTED: "Media-reported, not officially confirmed",
  CLAIMED: "Claimed by a party, not independently verified",
  DENIED: "Officially denied",
  DECLINED: "Declined to confirm",
  DISPUTED: "Disputed",
  RETRACTED: "Retracted",
};

/** Short names for filter controls. */
export const EVENT_STATUS_SHORT: Record<EventStatusValue, string> = {
  ON_RECORD: "On the record",
  CONFIRMED: "Confirmed",
  REPORTED: "Media-reported",
  CLAIMED: "Claimed by a party",
  DENIED: "Denied",
  DECLINED: "Declined",
  DISPUTED: "Disputed",
  RETRACTED: "Retracted",
};

export const EVENT_KIND_LABEL: Record<EventKindValue, string> = {
  MEDIA_REPORT: "Media report",
  STATEMENT: "Statement",
  BRIEFING: "Briefing",
  DECISION: "Decision",
  MILITARY_ACTION: "Military action",
  REACTION: "Reaction",
  OTHER: "Other",
};

export const ATTRIBUTION_LABEL: Record<AttributionValue, string> = {
  NAMED_ON_RECORD: "On the record, named",
  SPOKESPERSON: "Spokesperson, on the record",
  ANONYMOUS_OFFICIALS: "Anonymous officials",
  DOCUMENT: "Document",
  OUTLET_OWN: "The outlet's own reporting",
  PARTY_CLAIM: "A party's own claim",
  UNKNOWN: "Sourcing not stated",
};

export const STANCE_LABEL: Record<StanceValue, string> = {
  ASSERTS: "Asserts",
  CONFIRMS: "Confirms",
  DENIES: "Denies",
  DECLINES: "Declines to confirm or gives no update",
  QUALIFIES: "Qualifies",
};

export const CLAIM_STATUS_LABEL: Record<ClaimStatusValue, string> = {
  UNVERIFIED: "Unverified",
  CLAIMED: "Claimed by a party, not independently verified",
  REPORTED: "Media-reported, not confirmed",
  CORROBORATED: "Corroborated by independent sources",
  CONFIRMED: "Officially confirmed",
  DENIED: "Officially denied",
  DECLINED: "Officials declined to comment or gave no update",
  DISPUTED: "Disputed",
  RETRACTED: "Retracted or false",
  SUPERSEDED: "Superseded",
};

export const SOURCE_KIND_LABEL: Record<SourceKindValue, string> = {
  GOVERNMENT: "Government",
  HEAD_OF_STATE_OFFICE: "Head-of-state office",
  WIRE: "Wire service",
  NEWSPAPER: "Newspaper",
  BROADCASTER: "Broadcaster",
  DIGITAL_OUTLET: "Digital outlet",
  SOCIAL_ACCOUNT: "Social account",
  OTHER: "Other",
};

export const ACTOR_ROLE_LABEL: Record<ActorRoleValue, string> = {
  SPEAKER: "Speaker",
  DECISION_MAKER: "Decision-maker",
  SUBJECT: "Subject",
};

/** How a relation reads from each end: "A responds to B" / "B: responded to by A". */
export const RELATION_LABEL: Record<RelationTypeValue, { outgoing: string; incoming: string }> = {
  RESPONDS_TO: { outgoing: "Responds to", incoming: "Responded to by" },
  REPORTS_ON: { outgoing: "Reports on", incoming: "Reported on by" },
  CONFIRMS: { outgoing: "Confirms", incoming: "Confirmed by" },
  DENIES: { outgoing: "Denies", incoming: "Denied by" },
  CORRECTS: { outgoing: "Corrects", incoming: "Corrected by" },
  SUPERSEDES: { outgoing: "Supersedes", incoming: "Superseded by" },
  FOLLOWS_UP: { outgoing: "Follows up", incoming: "Followed up by" },
};

/**
 * News outlets: they carry other people's words, so a label credits the speaker and says "as
 * reported by" the outlet. Governments, heads of state's offices, social accounts and other
 * bodies (an institute, an NGO) are a speaker's own channel.
 */
export function isMediaSource(kind: SourceKindValue): boolean {
  return kind === "WIRE" || kind === "NEWSPAPER" || kind === "BROADCASTER" || kind === "DIGITAL_OUTLET";
}

/**
 * Voices that can make a claim official: a named person or a spokesperson speaking on the
 * record. A document is on the record but does not by itself confirm or deny officially.
 */
export function isOfficialVoice(attribution: AttributionValue): boolean {
  return attribution === "NAMED_ON_RECORD" || attribution === "SPOKESPERSON";
}

/** Attributions that put a named speaker, a spokesperson or an official document on the record. */
export function isOnRecord(attribution: AttributionValue): boolean {
  return attribution === "NAMED_ON_RECORD" || attribution === "SPOKESPERSON" || attribution === "DOCUMENT";
}
