import { formatEventTime, localDay } from "../dates";
import { toSlug } from "../domain";
import type { Db, Tx } from "../db";
import { csvHeader, csvLines, toCsv } from "./csv";
import type { StoryExportParts } from "./export-story";
import { CSV_HEADER } from "./csv-layout";
import type { StoryExport } from "./format";

// A story export as CSV: one row per event × citation (an event without citations still gets
// one row), ISO 8601 instants, enumerations in their URL form.

type Client = Db | Tx;

/** Current status labels, exported for reading only (the importer derives its own). */
export async function eventStatuses(db: Client, eventIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.event.findMany({ where: { id: { in: [...eventIds] } }, select: { id: true, status: true } });
  return new Map(rows.map((r) => [r.id, toSlug(r.status)]));
}

type Lookups = {
  story: StoryExport["story"];
  source: ReadonlyMap<string, StoryExport["sources"][number]>;
  actor: ReadonlyMap<string, string>;
  tag: ReadonlyMap<string, string>;
  claim: ReadonlyMap<string, string>;
};

/** One event's rows: one per citation (an event without citations still gets one row). */
function eventRows(e: StoryExport["events"][number], status: string, { story, source, actor, tag, claim }: Lookups): string[][] {
  const rows: string[][] = [];
  const eventCells: Record<string, string> = {
    story_slug: story.slug,
    event_id: e.id,
    event_slug: e.slug,
    event_kind: toSlug(e.kind),
    headline: e.headline,
    summary: e.summary,
    location: e.location ?? "",
    occurred_at: e.occurredAt,
    occurred_end_at: e.occurredEndAt ?? "",
    precision: toSlug(e.precision),
    date_bound: toSlug(e.dateBound),
    // The day in the event's own zone: a spreadsheet reader west of it would otherwise read the
    // UTC instant above as the day before.
    occurred_on: localDay(e.dateBound === "UNKNOWN" ? new Date(e.firstReportedAt) : new Date(e.occurredAt), e.timeZone),
    date_shown: formatEventTime({
      occurredAt: new Date(e.occurredAt),
      occurredEndAt: e.occurredEndAt ? new Date(e.occurredEndAt) : null,
      precision: e.precision,
      approximate: e.approximate,
      timeZone: e.timeZone,
      dateBound: e.dateBound,
      firstReportedAt: new Date(e.firstReportedAt),
    }),
    approximate: String(e.approximate),
    time_note: e.timeNote ?? "",
    time_zone: e.timeZone,
    day_order: String(e.dayOrder),
    first_reported_at: e.firstReportedAt,
    published: String(e.published),
    event_version: String(e.version),
    status,
    retracted_at: e.retractedAt ?? "",
    retraction_note: e.retractionNote ?? "",
    actors: e.actors.map((a) => `${actor.get(a.actorId) ?? a.actorId}:${toSlug(a.role)}`).join("; "),
    tags: e.tagIds.map((t) => tag.get(t) ?? t).join("; "),
    claims: e.claims.map((c) => `${claim.get(c.claimId) ?? c.claimId}:${toSlug(c.stance)}`).join("; "),
  };
  const citations = e.citations.length > 0 ? e.citations : [null];
  citations.forEach((c, position) => {
    const s = c ? source.get(c.sourceId) : undefined;
    const cells: Record<string, string> = {
      ...eventCells,
      citation_id: c?.id ?? "",
      citation_position: c ? String(position) : "",
      source_id: c?.sourceId ?? "",
      source_slug: s?.slug ?? "",
      source_name: s?.name ?? "",
      source_kind: s ? toSlug(s.kind) : "",
      citation_url: c?.url ?? "",
      archived_url: c?.archivedUrl ?? "",
      citation_title: c?.title ?? "",
      citation_published_at: c?.publishedAt ?? "",
      citation_published_precision: c?.publishedPrecision ? toSlug(c.publishedPrecision) : c?.publishedAt ? "unknown" : "",
      quote: c?.quote ?? "",
      attribution: c ? toSlug(c.attribution) : "",
      attribution_text: c?.attributionText ?? "",
      speaker: c?.speakerActorId ? (actor.get(c.speakerActorId) ?? c.speakerActorId) : "",
      origin_source_slug: c?.originSourceId ? (source.get(c.originSourceId)?.slug ?? c.originSourceId) : "",
      origin_text: c?.originText ?? "",
      repeats_citation_id: c?.repeatsCitationId ?? "",
      citation_note: c?.note ?? "",
    };
    rows.push(CSV_HEADER.map((h) => cells[h] ?? ""));
  });
  return rows;
}

function lookups(story: StoryExport["story"], sources: StoryExport["sources"], actors: StoryExport["actors"], tags: StoryExport["tags"], claim: ReadonlyMap<string, string>): Lookups {
  return {
    story,
    source: new Map(sources.map((s) => [s.id, s])),
    actor: new Map(actors.map((a) => [a.id, a.slug])),
    tag: new Map(tags.map((t) => [t.id, t.slug])),
    claim,
  };
}

export function storyToCsv(data: StoryExport, statuses: ReadonlyMap<string, string> = new Map()): string {
  const look = lookups(data.story, data.sources, data.actors, data.tags, new Map(data.claims.map((c) => [c.id, c.slug])));
  return toCsv(
    CSV_HEADER,
    data.events.flatMap((e) => eventRows(e, statuses.get(e.id) ?? "", look)),
  );
}

/** The story as CSV, chunk by chunk, the same bytes as storyToCsv: memory stays bounded. */
export async function* storyCsvChunks(parts: StoryExportParts): AsyncGenerator<string> {
  const look = lookups(parts.story, parts.sources, parts.actors, parts.tags, await parts.claimSlugs());
  yield csvHeader(CSV_HEADER);
  for await (const chunk of parts.events()) yield csvLines(chunk.flatMap(({ record, status }) => eventRows(record, status, look)));
}

/** The downloadable import template: the header and one example row. */
export function importTemplateCsv(): string {
  const example: Record<string, string> = {
    story_slug: "us-atacms-policy-ukraine",
    event_slug: "example-outlet-reports-something",
    event_kind: "media-report",
    headline: "Example Outlet reports something happened",
    summary: "One or two sentences saying what was reported, by whom, citing whom.",
    occurred_at: "2024-11-19T05:00:00.000Z",
    precision: "day",
    approximate: "false",
    time_zone: "America/New_York",
    day_order: "0",
    first_reported_at: "2024-11-19T05:00:00.000Z",
    published: "true",
    citation_position: "0",
    source_slug: "example-outlet",
    source_name: "Example Outlet",
    source_kind: "digital-outlet",
    citation_url: "https://example.com/report",
    citation_published_at: "2024-11-19T05:00:00.000Z",
    citation_published_precision: "day",
    attribution: "anonymous-officials",
    attribution_text: "citing two unnamed officials",
  };
  return toCsv(CSV_HEADER, [CSV_HEADER.map((h) => example[h] ?? "")]);
}
