// The CSV layout of exports and imports: one row per event × citation. Event columns repeat on
// every row of the same event and must agree. Enumerations use their URL forms (media-report).

export type CsvColumn = { name: string; description: string };

export const IMPORT_CSV_COLUMNS: readonly CsvColumn[] = [
  { name: "story_slug", description: "The story (must already exist; import its JSON export first)." },
  { name: "event_id", description: "Stable event id. Blank: matched by event_slug, or a new id is made." },
  { name: "event_slug", description: "Lower-case words joined by hyphens; the permalink." },
  { name: "event_kind", description: "media-report, statement, briefing, decision, military-action, reaction, other." },
  { name: "headline", description: "Required." },
  { name: "summary", description: "Plain text." },
  { name: "location", description: "Optional." },
  { name: "occurred_at", description: "ISO 8601 date-time in UTC, e.g. 2024-11-17T05:00:00.000Z." },
  { name: "occurred_end_at", description: "Optional ISO 8601 date-time." },
  { name: "precision", description: "minute, hour, day, month, year." },
  { name: "approximate", description: "true or false. An approximate date needs a time_note." },
  { name: "time_note", description: "Why an approximate date is placed where it is." },
  { name: "time_zone", description: "IANA zone used for display, e.g. America/New_York." },
  { name: "day_order", description: "Whole number 0–9999: order among events of the same day." },
  { name: "first_reported_at", description: "ISO 8601 date-time the event was first reported." },
  { name: "published", description: "true or false." },
  { name: "status", description: "Exported for reading; ignored on import (derived from the citations and claims)." },
  { name: "retracted_at", description: "Optional ISO 8601 date-time." },
  { name: "retraction_note", description: "Optional." },
  { name: "actors", description: "slug:role pairs separated by “;” (role: speaker, decision-maker, subject). Actors must exist." },
  { name: "tags", description: "Tag slugs separated by “;”. Tags must exist." },
  { name: "claims", description: "claim-slug:stance pairs separated by “;” (stance: asserts, confirms, denies, declines, qualifies). Claims must exist." },
  { name: "citation_id", description: "Stable citation id. Blank: matched by position, or a new id is made." },
  { name: "citation_position", description: "0, 1, 2… within the event." },
  { name: "source_id", description: "Stable source id. Blank: matched by source_slug, or a new source is made." },
  { name: "source_slug", description: "The cited source." },
  { name: "source_name", description: "Used when the source is new." },
  { name: "source_kind", description: "government, head-of-state-office, wire, newspaper, broadcaster, digital-outlet, social-account, other." },
  { name: "citation_url", description: "Optional URL." },
  { name: "archived_url", description: "Optional archive URL." },
  { name: "citation_title", description: "Optional." },
  { name: "citation_published_at", description: "Optional ISO 8601 date-time." },
  { name: "citation_published_precision", description: "minute, hour, day, month, year." },
  { name: "quote", description: "Optional verbatim quote." },
  { name: "attribution", description: "named-on-record, spokesperson, anonymous-officials, document, unknown." },
  { name: "attribution_text", description: "The verbatim descriptor, e.g. “two U.S. officials”." },
  { name: "repeats_citation_id", description: "Optional id of the citation this one merely repeats." },
  { name: "citation_note", description: "Optional editorial note." },
];

export const CSV_HEADER = IMPORT_CSV_COLUMNS.map((c) => c.name);
export type CsvColumnName = (typeof CSV_HEADER)[number];
