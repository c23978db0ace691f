import {
  ACTOR_ROLE_LABEL,
  ACTOR_ROLES,
  ATTRIBUTION_LABEL,
  ATTRIBUTIONS,
  CLAIM_STATUS_LABEL,
  CLAIM_STATUSES,
  DATE_BOUND_LABEL,
  DATE_BOUNDS,
  EVENT_KIND_LABEL,
  EVENT_KINDS,
  PRECISIONS,
  RELATION_LABEL,
  RELATION_TYPES,
  SOURCE_KIND_LABEL,
  SOURCE_KINDS,
  STANCE_LABEL,
  STANCES,
  STORY_STATE_LABEL,
  STORY_STATES,
} from "@/lib/domain";
import type { FieldSpec, Option } from "./field-spec";

// The editor's forms, described once.

const opts = <T extends string>(values: readonly T[], label: Record<T, string>): Option[] => values.map((v) => ({ value: v, label: label[v] }));
const precisionOptions = PRECISIONS.map((p) => ({ value: p, label: p.toLowerCase() }));

export function eventFields(actors: Option[], stories?: Option[]): FieldSpec[] {
  return [
    ...(stories ? [{ kind: "select", name: "storyId", label: "Story", options: stories, required: true } satisfies FieldSpec] : []),
    { kind: "text", name: "headline", label: "Headline", required: true },
    { kind: "text", name: "slug", label: "Slug", required: true, hint: "Lower-case words joined by hyphens; part of the permalink." },
    { kind: "select", name: "kind", label: "Kind", options: opts(EVENT_KINDS, EVENT_KIND_LABEL), required: true },
    { kind: "textarea", name: "summary", label: "Summary", rows: 4, required: true },
    { kind: "text", name: "location", label: "Location" },
    { kind: "section", title: "When" },
    { kind: "text", name: "timeZone", label: "Time zone", hint: "IANA zone used for display, e.g. America/New_York. Dates and times below are in this zone.", required: true },
    { kind: "date", name: "occurredDate", label: "Happened on", required: true },
    { kind: "time", name: "occurredTime", label: "At (time)", hint: "Required for minute or hour precision." },
    { kind: "date", name: "occurredEndDate", label: "Ended on (optional)" },
    { kind: "time", name: "occurredEndTime", label: "Ended at (time)" },
    { kind: "select", name: "precision", label: "Precision", options: precisionOptions, required: true },
    {
      kind: "select",
      name: "dateBound",
      label: "What the sources say of the date",
      options: opts(DATE_BOUNDS, DATE_BOUND_LABEL),
      required: true,
      hint: "“Between” takes the end date above as the later bound. “Date unknown” places the event by its first report.",
    },
    { kind: "checkbox", name: "approximate", label: "The date is approximate (inferred, not stated)" },
    { kind: "textarea", name: "timeNote", label: "Basis of the date", rows: 2, hint: "Required when the date is approximate." },
    { kind: "number", name: "dayOrder", label: "Order within the day", hint: "For events of the same day whose times are unknown." },
    { kind: "date", name: "firstReportedDate", label: "First reported on", required: true },
    { kind: "time", name: "firstReportedTime", label: "First reported at (time)" },
    { kind: "section", title: "Who and what" },
    {
      kind: "pairs",
      legend: "Actors and their roles",
      first: { name: "actorId", label: "Actor", options: actors },
      second: { name: "actorRole", label: "Role", options: opts(ACTOR_ROLES, ACTOR_ROLE_LABEL) },
      rows: 2,
    },
    { kind: "text", name: "tags", label: "Tags", hint: "Comma-separated; new tags are created." },
  ];
}

export const changeNoteFields: FieldSpec[] = [
  { kind: "section", title: "About this change" },
  { kind: "text", name: "reason", label: "Reason for the change (revision log)" },
  { kind: "checkbox", name: "isCorrection", label: "This change corrects an error readers saw: publish a correction note" },
  { kind: "textarea", name: "correctionNote", label: "Public correction note", rows: 2 },
];

export function citationFields(sources: Option[], citations: Option[], actors: Option[]): FieldSpec[] {
  return [
    { kind: "select", name: "sourceId", label: "Source (the outlet that carried it)", options: sources, blank: "Choose a source", required: true },
    { kind: "select", name: "attribution", label: "Attribution", options: opts(ATTRIBUTIONS, ATTRIBUTION_LABEL), required: true },
    {
      kind: "select",
      name: "speakerActorId",
      label: "Speaker",
      options: actors,
      blank: "(no named speaker)",
      hint: "Whose words these are, e.g. a spokesperson. The label credits the speaker, “as reported by” the source.",
    },
    {
      kind: "select",
      name: "originSourceId",
      label: "Relays (origin)",
      options: sources,
      blank: "(its own report)",
      hint: "The outlet this one relays (a wire story, “as reported by …”). A relay is never an independent source; the origin need not be cited.",
    },
    { kind: "text", name: "originText", label: "Origin in its words", hint: "e.g. “several media outlets”: a round-up of unnamed others counts as no independent source." },
    { kind: "text", name: "attributionText", label: "Verbatim descriptor", hint: "As published, e.g. “two U.S. officials and a source familiar”." },
    { kind: "textarea", name: "quote", label: "Quote", rows: 2 },
    { kind: "text", name: "title", label: "Title" },
    { kind: "url", name: "url", label: "URL" },
    { kind: "url", name: "archivedUrl", label: "Archived URL" },
    { kind: "date", name: "publishedDate", label: "Published on" },
    { kind: "time", name: "publishedTime", label: "Published at (time)" },
    { kind: "select", name: "publishedPrecision", label: "Publication time precision", options: precisionOptions, blank: "(unknown)", hint: "Leave the date empty when it is unknown: the citation then counts from the event's first report." },
    { kind: "select", name: "repeatsCitationId", label: "Repeats citation", options: citations, blank: "(independent: repeats nothing)", hint: "Repeats do not count as independent sources." },
    { kind: "textarea", name: "note", label: "Editorial note", rows: 2 },
  ];
}

export function claimLinkFields(claims: Option[]): FieldSpec[] {
  return [
    { kind: "select", name: "claimId", label: "Claim", options: claims, blank: "Choose a claim", required: true },
    { kind: "select", name: "stance", label: "Stance", options: opts(STANCES, STANCE_LABEL), required: true },
    { kind: "text", name: "note", label: "Note (e.g. the qualifier)" },
    { kind: "checkbox", name: "main", label: "Main: the event's label follows this link" },
  ];
}

export const relationFields: FieldSpec[] = [
  { kind: "select", name: "type", label: "This event…", options: RELATION_TYPES.map((t) => ({ value: t, label: RELATION_LABEL[t].outgoing })) },
  { kind: "text", name: "toEvent", label: "Other event (slug or id)", required: true },
  { kind: "text", name: "note", label: "Note" },
];

export const claimFields: FieldSpec[] = [
  { kind: "textarea", name: "text", label: "Claim", rows: 2, required: true, hint: "A proposition that can be true or false." },
  { kind: "text", name: "slug", label: "Slug", required: true },
  { kind: "text", name: "scope", label: "Scope qualifier", hint: "e.g. “Kursk region only”." },
];

export function statusChangeFields(evidence: Option[]): FieldSpec[] {
  return [
    { kind: "select", name: "to", label: "New status", options: opts(CLAIM_STATUSES, CLAIM_STATUS_LABEL), blank: "Choose a status", required: true },
    { kind: "date", name: "knownDate", label: "Became known on", required: true },
    { kind: "time", name: "knownTime", label: "At (time)" },
    { kind: "textarea", name: "reason", label: "Reason", rows: 2, required: true },
    { kind: "select", name: "evidenceCitationId", label: "Evidence citation", options: evidence, blank: "(none)", hint: "Officially confirmed or denied needs an on-record citation whose event confirms or denies the claim." },
  ];
}

export const sourceFields: FieldSpec[] = [
  { kind: "text", name: "name", label: "Name", required: true },
  { kind: "text", name: "slug", label: "Slug", required: true },
  { kind: "select", name: "kind", label: "Kind", options: opts(SOURCE_KINDS, SOURCE_KIND_LABEL), required: true },
  { kind: "text", name: "country", label: "Country" },
  { kind: "url", name: "homepage", label: "Homepage" },
  { kind: "textarea", name: "description", label: "Description", rows: 2 },
];

export const actorFields: FieldSpec[] = [
  { kind: "text", name: "name", label: "Name", required: true },
  { kind: "text", name: "slug", label: "Slug", required: true },
  { kind: "text", name: "title", label: "Role or title" },
  { kind: "text", name: "affiliation", label: "Affiliation" },
];

export const tagFields: FieldSpec[] = [
  { kind: "text", name: "name", label: "Name", required: true },
  { kind: "text", name: "slug", label: "Slug", required: true, hint: "Used in the timeline's tag filter (?tag=…); an old slug keeps working." },
];

export const storyFields: FieldSpec[] = [
  { kind: "text", name: "title", label: "Title", required: true },
  { kind: "text", name: "slug", label: "Slug", required: true, hint: "The story's address: /stories/<slug>. An old slug keeps leading here." },
  { kind: "textarea", name: "description", label: "Short description", rows: 2, required: true },
  { kind: "text", name: "timeZone", label: "Time zone", required: true, hint: "IANA zone whose days the story counts in, e.g. Europe/Kyiv." },
  { kind: "select", name: "state", label: "State", options: opts(STORY_STATES, STORY_STATE_LABEL), required: true },
  { kind: "checkbox", name: "isDefault", label: "The default story (shown at /); the current default stops being it" },
];

/** A new claim's optional first status, with its evidence. */
export function firstStatusFields(evidence: Option[]): FieldSpec[] {
  return [
    { kind: "section", title: "First status (optional)" },
    { kind: "select", name: "firstStatus", label: "First status", options: opts(CLAIM_STATUSES, CLAIM_STATUS_LABEL), blank: "(none yet: unverified)" },
    { kind: "date", name: "knownDate", label: "Became known on" },
    { kind: "time", name: "knownTime", label: "At (time)" },
    { kind: "textarea", name: "reason", label: "Reason", rows: 2 },
    {
      kind: "select",
      name: "evidenceCitationId",
      label: "Evidence citation",
      options: evidence,
      blank: "(none)",
      hint: "Citations of the most recent published events. Officially confirmed or denied needs an on-record citation whose event confirms or denies the claim.",
    },
    {
      kind: "select",
      name: "evidenceStance",
      label: "Stance of the evidence's event on this claim",
      options: opts(STANCES, STANCE_LABEL),
      blank: "(do not link it)",
      hint: "Links the evidence's event to the new claim with this stance.",
    },
  ];
}
