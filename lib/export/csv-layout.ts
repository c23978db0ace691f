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
  { name: "date_bound", description: "exact (default), on-or-before, on-or-after, between (occurred_at to occurred_end_at), unknown (placed by first_reported_at)." },
  { name: "occurred_on", description: "Exported for reading: the day the event is placed on, in its own time zone (YYYY-MM-DD). Ignored on import." },
  { name: "date_shown", description: "Exported for reading: the date as the timeline shows it, e.g. “on or before 17 Nov 2024”. Ignored on import." },
  { name: "approximate", description: "true or false. An approximate date needs a time_note." },
  { name: "time_note", description: "Why an approximate date is placed where it is." },
  { name: "time_zone", description: "IANA zone used for display, e.g. America/New_York." },
  { name: "day_order", description: "Whole number 0–9999: order among events of the same day." },
  { name: "first_reported_at", description: "ISO 8601 date-time the event was first reported." },
  { name: "published", description: "true or false." },
  { name: "event_version", description: "The event's version when exported. An import refuses to overwrite a newer one (unless --overwrite-newer). Blank for a new event." },
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
  { name: "citation_published_precision", description: "minute, hour, day (the default), month, year, or unknown." },
  { name: "quote", description: "Optional verbatim quote." },
  { name: "attribution", description: "named-on-record, spokesperson, anonymous-officials, document, outlet-own, party-claim, unknown." },
  { name: "attribution_text", description: "The verbatim descriptor, e.g. “two U.S. officials”." },
  { name: "speaker", description: "Optional actor slug: whose words these are (the source is the outlet that carried them). The actor must exist." },
  { name: "origin_source_slug", description: "Optional: the source this citation relays (need not be cited itself; must exist)." },
  { name: "origin_text", description: "Optional: the origin in the citation's words, e.g. “several media outlets”." },
  { name: "repeats_citation_id", description: "Optional id of the citation this one merely repeats." },
  { name: "citation_note", description: "Optional editorial note." },
];

export const CSV_HEADER = IMPORT_CSV_COLUMNS.map((c) => c.name);

/** Columns added by format version 2: a file without them still imports. */
export const OPTIONAL_CSV_COLUMNS: readonly string[] = [
  "date_bound",
  "occurred_on",
  "date_shown",
  "event_version",
  "speaker",
  "origin_source_slug",
  "origin_text",
];
export type CsvColumnName = (typeof CSV_HEADER)[number];
