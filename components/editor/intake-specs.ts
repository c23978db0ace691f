import { ATTRIBUTION_LABEL, ATTRIBUTIONS, DATE_BOUND_LABEL, DATE_BOUNDS, EVENT_KIND_LABEL, EVENT_KINDS, STANCE_LABEL, STANCES } from "@/lib/domain";
import type { FormValues } from "@/lib/editor/form-state";
import type { Because, Draft } from "@/lib/intake/types";
import type { DraftField } from "./intake-draft-form";
import type { FieldSpec, Option } from "./field-spec";

// The intake forms, described once: the article form, and each draft's review form prefilled
// with what the engine read, every field saying which words it came from.

const opts = <T extends string>(values: readonly T[], label: Record<T, string>): Option[] => values.map((v) => ({ value: v, label: label[v] }));

export function intakeFields(stories: Option[]): FieldSpec[] {
  return [
    { kind: "select", name: "storyId", label: "Story", options: stories, required: true, hint: "Its time zone dates the article's days; its claims and events are what the drafts are matched against." },
    { kind: "text", name: "outlet", label: "Outlet", required: true, hint: "The outlet that published the article, e.g. Reuters. A new name becomes a source when you accept a draft." },
    {
      kind: "text",
      name: "published",
      label: "Published",
      hint: "2024-11-18 (a day), 2024-11-18T10:01 (a time in the story's zone) or 2024-11-18T15:01:00Z. Leave empty when the article is undated.",
    },
    { kind: "url", name: "url", label: "Address (optional)", hint: "Kept on the citation; nothing is fetched from it." },
    { kind: "text", name: "title", label: "Title (optional)" },
    {
      kind: "select",
      name: "format",
      label: "What you paste",
      options: [
        { value: "auto", label: "Detect: text or a saved web page" },
        { value: "text", label: "Plain text" },
        { value: "html", label: "A saved web page (HTML): its main text is extracted" },
      ],
    },
    { kind: "textarea", name: "text", label: "Article text", rows: 12, required: true, hint: "Plain text, one paragraph a line, or the HTML of a saved page." },
  ];
}

export function explain(because: readonly Because[]): string {
  return because
    .filter((b) => b.words || b.rule)
    .map((b) => (b.words ? `From “${b.words}”: ${b.rule}` : b.rule))
    .join(". ");
}

const PRECISION_OPTIONS: Option[] = [
  { value: "DAY", label: "day" },
  { value: "MONTH", label: "month" },
  { value: "YEAR", label: "year" },
];

export function draftForm(draft: Draft, claims: Option[]): { fields: DraftField[]; initial: FormValues } {
  const d = draft.date;
  const fields: DraftField[] = [
    { kind: "text", name: "headline", label: "Headline", hint: "From the first sentence the draft rests on; edit it to the house style." },
    { kind: "textarea", name: "summary", label: "Summary", hint: "The article's sentences, verbatim." },
    { kind: "select", name: "kind", label: "Kind", options: opts(EVENT_KINDS, EVENT_KIND_LABEL), hint: explain(draft.why.kind) },
    { kind: "text", name: "occurredDate", label: "Happened on", hint: `${explain(draft.why.date)} Empty: date unknown.` },
    { kind: "select", name: "precision", label: "Precision", options: PRECISION_OPTIONS },
    { kind: "select", name: "dateBound", label: "What the article says of the date", options: opts(DATE_BOUNDS, DATE_BOUND_LABEL) },
    { kind: "text", name: "occurredEndDate", label: "Until (for “between”)" },
    { kind: "checkbox", name: "approximate", label: "The date is approximate" },
    { kind: "text", name: "timeNote", label: "Note on the date" },
    { kind: "text", name: "actorName", label: "Actor", hint: explain(draft.why.actor) || "No one named: add the actor, or leave it empty." },
    { kind: "text", name: "actorTitle", label: "Actor's title" },
    { kind: "text", name: "speakerName", label: "Speaker (whose words)", hint: "Empty when the outlet speaks in its own voice or cites unnamed sources." },
    { kind: "textarea", name: "quote", label: "Quote (verbatim)", hint: explain(draft.why.quote) || "The article quotes no words for it." },
    { kind: "select", name: "attribution", label: "Sourcing", options: opts(ATTRIBUTIONS, ATTRIBUTION_LABEL), hint: explain(draft.why.sourcing) },
    { kind: "text", name: "attributionText", label: "Verbatim descriptor" },
    { kind: "text", name: "originName", label: "Relays (origin outlet)", hint: "An outlet this article relays (“The New York Times reported…”): the origin; this article's outlet is the carrier." },
    { kind: "select", name: "claimId", label: "Claim", options: claims, blank: "(no claim)", hint: explain(draft.why.stance.slice(1)) || "No claim of the story shares enough of its words." },
    { kind: "select", name: "stance", label: "Stance toward the claim", options: opts(STANCES, STANCE_LABEL), hint: explain(draft.why.stance.slice(0, 1)) },
    { kind: "checkbox", name: "publish", label: "Publish when accepted", hint: "Unticked: the event is created as a draft, invisible to readers." },
  ];
  const initial: FormValues = {
    headline: draft.headline,
    summary: draft.summary,
    kind: draft.kind,
    occurredDate: d.day ?? "",
    precision: d.precision,
    dateBound: d.bound,
    occurredEndDate: d.endDay ?? "",
    approximate: d.approximate ? "on" : "",
    timeNote: d.approximate || d.bound !== "EXACT" ? d.note : "",
    actorName: draft.actor && draft.actor.kind !== "anonymous" && draft.actor.kind !== "outlet" ? draft.actor.name : "",
    actorTitle: draft.actor?.title ?? "",
    speakerName: draft.sourcing.speaker && draft.sourcing.speaker.kind !== "anonymous" ? draft.sourcing.speaker.name : "",
    quote: draft.quote ?? "",
    attribution: draft.sourcing.attribution,
    attributionText: draft.sourcing.attributionText ?? "",
    originName: draft.sourcing.origin?.name ?? "",
    claimId: draft.stance.claimId ?? "",
    stance: draft.stance.stance,
    publish: "on",
    mergeEventId: draft.match.kind === "existing" ? draft.match.eventId : "",
  };
  return { fields, initial };
}
