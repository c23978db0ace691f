import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import {
  ACTOR_ROLES,
  ATTRIBUTIONS,
  fromSlug,
  STANCES,
  toSlug,
} from "../domain";
import { CsvSyntaxError, parseCsv } from "../export/csv";
import { csvRowSchema, REQUIRED_CSV_COLUMNS, rowObject, type CsvRow } from "./csv-row";
import {
  FORMAT_VERSION,
  importSchemaFor,
  storyExportSchema,
  type CitationRecord,
  type EventRecord,
  type StoryExport,
} from "../export/format";
import { ImportError, type ImportIssue, type Locator } from "./import-story";

// Import files → the export format, validated with zod. Every problem names the row (a JSON
// path such as events[2], or the CSV row number as a spreadsheet shows it), the field and what
// is wrong; all problems found are reported at once.

export type ParsedImport = { data: StoryExport; locator?: Locator };

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

function zodIssues(error: z.ZodError, raw: unknown): ImportIssue[] {
  return error.issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    if (typeof top === "string" && typeof index === "number") {
      const list = (raw as Record<string, unknown>)?.[top];
      const item = Array.isArray(list) ? (list[index] as { slug?: unknown } | undefined) : undefined;
      const slug = typeof item?.slug === "string" ? ` (${item.slug})` : "";
      return { row: `${top}[${index}]${slug}`, field: formatPath(rest) || top, message: issue.message };
    }
    return { row: "file", field: formatPath(issue.path) || "(root)", message: issue.message };
  });
}

export function parseJsonImport(text: string): ParsedImport {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (err) {
    throw new ImportError([{ row: "file", field: "(json)", message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const parsed = importSchemaFor(raw).safeParse(raw);
  if (!parsed.success) throw new ImportError(zodIssues(parsed.error, raw));
  return { data: parsed.data };
}

const newId = () => `c${randomBytes(12).toString("hex")}`;

/** CSV rows → the export format, resolving slugs against the database (the story must exist). */
export async function parseCsvImport(db: Db, text: string): Promise<ParsedImport> {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ImportError([{ row: `line ${err.line}`, field: "(csv)", message: err.message }]);
    throw err;
  }
  const issues: ImportIssue[] = [];
  const header = (table[0] ?? []).map((h) => h.trim());
  const missingColumns = REQUIRED_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missingColumns.length) {
    throw new ImportError(missingColumns.map((c) => ({ row: "row 1", field: c, message: "this column is missing from the header" })));
  }
  const problem = (rowNo: number, field: string, message: string) => issues.push({ row: `row ${rowNo}`, field, message });
  // Each row's cells through the zod row schema; a row with a bad cell is reported and left out.
  const rows: { rowNo: number; cells: CsvRow }[] = [];
  table.slice(1).forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== "")) return;
    const rowNo = i + 2;
    const parsed = csvRowSchema.safeParse(rowObject(header, cells));
    if (parsed.success) rows.push({ rowNo, cells: parsed.data });
    else for (const issue of parsed.error.issues) problem(rowNo, formatPath(issue.path) || "(csv)", issue.message);
  });
  if (rows.length === 0 && issues.length === 0) throw new ImportError([{ row: "row 2", field: "(csv)", message: "the file has no data rows" }]);
  if (rows.length === 0) throw new ImportError(issues);

  const storySlug = rows[0]!.cells.story_slug;
  const story = await db.story.findUnique({
    where: { slug: storySlug },
    select: { id: true, slug: true, title: true, description: true, timeZone: true, isDefault: true },
  });
  if (!story) throw new ImportError([{ row: `row ${rows[0]!.rowNo}`, field: "story_slug", message: `there is no story “${storySlug}”; import its JSON export first` }]);

  /** A value of a cell's list ("slug:role; …"), which the row schema leaves as text. */
  const enumValue = <T extends string>(rowNo: number, field: string, values: readonly T[], raw: string): T => {
    const v = fromSlug(values, raw);
    if (!v) problem(rowNo, field, `“${raw}” is not one of ${values.map(toSlug).join(", ")}`);
    return v ?? values[0]!;
  };

  // Everything referred to by slug, in one query each.
  const all = (col: "actors" | "tags" | "claims" | "speaker" | "source_slug" | "origin_source_slug" | "source_id" | "event_slug" | "event_id", split = false) =>
    [...new Set(rows.flatMap((r) => (split ? r.cells[col].split(";").map((p) => p.trim().split(":")[0]!.trim()) : [r.cells[col]])).filter(Boolean))];
  const [actors, tags, claims, sources, events] = await Promise.all([
    db.actor.findMany({
      where: { slug: { in: [...all("actors", true), ...all("speaker")] } },
      select: { id: true, slug: true, name: true, title: true, affiliation: true },
    }),
    db.tag.findMany({ where: { slug: { in: all("tags", true) } }, select: { id: true, slug: true, name: true } }),
    db.claim.findMany({
      where: { slug: { in: all("claims", true) }, storyId: story.id },
      select: {
        id: true,
        slug: true,
        text: true,
        scope: true,
        history: { select: { toStatus: true, knownAt: true, sequence: true, reason: true, evidenceCitationId: true, changedBy: true } },
      },
    }),
    db.source.findMany({
      where: { OR: [{ slug: { in: [...all("source_slug"), ...all("origin_source_slug")] } }, { id: { in: all("source_id") } }] },
      select: { id: true, slug: true, name: true, kind: true, country: true, homepage: true, description: true },
    }),
    eventsBySlugOrId(db, all("event_slug"), all("event_id")),
  ]);
  const bySlug = <T extends { slug: string }>(list: T[]) => new Map(list.map((x) => [x.slug, x]));
  const actorBySlug = bySlug(actors);
  const tagBySlug = bySlug(tags);
  const claimBySlug = bySlug(claims);
  const sourceBySlug = bySlug(sources);
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const eventBySlug = bySlug(events);

  const pairs = (rowNo: number, field: string, raw: string) =>
    raw
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [slug, value] = p.split(":").map((x) => x.trim());
        if (!slug || !value) problem(rowNo, field, `“${p}” must be slug:value`);
        return { slug: slug ?? "", value: value ?? "" };
      });

  const newSources = new Map<string, StoryExport["sources"][number]>();
  const eventsOut = new Map<string, EventRecord>();
  const eventRows = new Map<string, number[]>();
  const eventKey = new Map<string, string>();

  for (const r of rows) {
    const n = r.rowNo;
    const c = r.cells;
    if (c.story_slug !== story.slug) problem(n, "story_slug", "every row must belong to the same story");
    const slug = c.event_slug;
    const existing = eventBySlug.get(slug);
    const id = c.event_id || existing?.id || eventKey.get(slug) || newId();
    eventKey.set(slug, id);

    const record: EventRecord = {
      id,
      slug,
      kind: c.event_kind,
      headline: c.headline,
      summary: c.summary,
      location: c.location,
      occurredAt: c.occurred_at,
      occurredEndAt: c.occurred_end_at,
      precision: c.precision,
      dateBound: c.date_bound,
      version: c.event_version,
      approximate: c.approximate,
      timeNote: c.time_note,
      timeZone: c.time_zone,
      dayOrder: c.day_order,
      firstReportedAt: c.first_reported_at,
      published: c.published,
      retractedAt: c.retracted_at,
      retractionNote: c.retraction_note,
      actors: pairs(n, "actors", c.actors).map((p) => {
        const a = actorBySlug.get(p.slug);
        if (!a) problem(n, "actors", `there is no actor “${p.slug}”`);
        return { actorId: a?.id ?? "", role: enumValue(n, "actors", ACTOR_ROLES, p.value) };
      }),
      tagIds: c.tags
        .split(";")
        .map((t) => t.trim())
        .filter(Boolean)
        .map((t) => {
          const tag = tagBySlug.get(t);
          if (!tag) problem(n, "tags", `there is no tag “${t}”`);
          return tag?.id ?? "";
        }),
      claims: pairs(n, "claims", c.claims).map((p) => {
        const claim = claimBySlug.get(p.slug);
        if (!claim) problem(n, "claims", `there is no claim “${p.slug}” in this story`);
        const stance = enumValue(n, "claims", STANCES, p.value);
        // The CSV has no column for a stance's note: an existing link keeps its own.
        const kept = existing?.claims.find((l) => l.claimId === claim?.id && l.stance === stance);
        return { claimId: claim?.id ?? "", stance, note: kept?.note ?? null };
      }),
      citations: [],
      corrections: [],
    };

    const prior = eventsOut.get(id);
    if (prior) {
      const { citations: _a, ...x } = prior;
      const { citations: _b, ...y } = record;
      void _a;
      void _b;
      if (JSON.stringify(x) !== JSON.stringify(y)) problem(n, "event columns", `differ from row ${eventRows.get(id)![0]} of the same event`);
    } else {
      eventsOut.set(id, record);
      eventRows.set(id, []);
    }
    eventRows.get(id)!.push(n);

    const sourceSlug = c.source_slug;
    if (sourceSlug === "" && c.citation_id === "") continue; // an event without citations
    const position = c.citation_position ?? eventsOut.get(id)!.citations.length;
    let source = (c.source_id && sourceById.get(c.source_id)) || sourceBySlug.get(sourceSlug) || newSources.get(sourceSlug);
    if (!source) {
      if (!c.source_name) problem(n, "source_name", `is required for the new source “${sourceSlug}”`);
      if (!c.source_kind) problem(n, "source_kind", `is required for the new source “${sourceSlug}”`);
      source = {
        id: c.source_id || newId(),
        slug: sourceSlug,
        name: c.source_name,
        kind: c.source_kind ?? "OTHER",
        country: null,
        homepage: null,
        description: null,
      };
      newSources.set(sourceSlug, source);
    }
    if (!c.attribution) problem(n, "attribution", `is required for a citation (one of ${ATTRIBUTIONS.map(toSlug).join(", ")})`);
    const citation: CitationRecord = {
      id: c.citation_id || existing?.citations.find((x) => x.position === position)?.id || newId(),
      sourceId: source.id,
      url: c.citation_url,
      archivedUrl: c.archived_url,
      title: c.citation_title,
      publishedAt: c.citation_published_at,
      publishedPrecision:
        !c.citation_published_at || c.citation_published_precision === "unknown" ? null : (c.citation_published_precision ?? "DAY"),
      quote: c.quote,
      attribution: c.attribution ?? "UNKNOWN",
      attributionText: c.attribution_text,
      speakerActorId: c.speaker ? (actorBySlug.get(c.speaker)?.id ?? (problem(n, "speaker", `there is no actor “${c.speaker}”`), null)) : null,
      originSourceId: c.origin_source_slug
        ? (sourceBySlug.get(c.origin_source_slug)?.id ?? (problem(n, "origin_source_slug", `there is no source “${c.origin_source_slug}”`), null))
        : null,
      originText: c.origin_text,
      repeatsCitationId: c.repeats_citation_id,
      note: c.citation_note,
    };
    eventsOut.get(id)!.citations[position] = citation;
  }

  for (const [id, e] of eventsOut) {
    if (e.citations.some((c) => c === undefined)) {
      problem(eventRows.get(id)![0]!, "citation_position", "positions of an event's citations must run 0, 1, 2… without gaps");
    }
  }

  const usedSources = new Set(
    [...eventsOut.values()].flatMap((e) => e.citations.filter(Boolean).flatMap((c) => [c.sourceId, ...(c.originSourceId ? [c.originSourceId] : [])])),
  );
  const draft = {
    formatVersion: FORMAT_VERSION,
    story,
    sources: [...sources.filter((s) => usedSources.has(s.id)), ...newSources.values()],
    actors: actors,
    tags: tags,
    claims: claims.map((c) => ({
      id: c.id,
      slug: c.slug,
      text: c.text,
      scope: c.scope,
      history: c.history.map((h) => ({ ...h, knownAt: h.knownAt.toISOString() })),
    })),
    events: [...eventsOut.values()],
    relations: [],
  };
  if (issues.length) throw new ImportError(issues);
  const parsed = storyExportSchema.safeParse(draft);
  if (!parsed.success) {
    // Map a schema problem in events[i] back to its first CSV row.
    const ids = [...eventsOut.keys()];
    throw new ImportError(
      parsed.error.issues.map((issue) => {
        const [top, index, ...rest] = issue.path;
        if (top === "events" && typeof index === "number") {
          return { row: `row ${eventRows.get(ids[index]!)![0]}`, field: formatPath(rest), message: issue.message };
        }
        return { row: "file", field: formatPath(issue.path), message: issue.message };
      }),
    );
  }
  const ids = [...eventsOut.keys()];
  return {
    data: parsed.data,
    locator: {
      event: (id, i) => `row ${eventRows.get(id ?? ids[i]!)?.[0] ?? "?"}`,
      citation: (_e, _c, j) => `citation ${j}`,
    },
  };
}

/** Slugs or ids per statement: a big file names more than the databases take in one. */
const LOOKUP_SLICE = 400;

/** The events that have one of the slugs or ids, a slice of each at a time. */
async function eventsBySlugOrId(db: Db, slugs: readonly string[], ids: readonly string[]) {
  const read = (slugSlice: string[], idSlice: string[]) =>
    db.event.findMany({
      where: { OR: [{ slug: { in: slugSlice } }, { id: { in: idSlice } }] },
      select: {
        id: true,
        slug: true,
        version: true,
        citations: { select: { id: true, position: true } },
        claims: { select: { claimId: true, stance: true, note: true } },
      },
    });
  const found = new Map<string, Awaited<ReturnType<typeof read>>[number]>();
  for (let i = 0; i < Math.max(slugs.length, ids.length); i += LOOKUP_SLICE) {
    for (const row of await read(slugs.slice(i, i + LOOKUP_SLICE), ids.slice(i, i + LOOKUP_SLICE))) found.set(row.id, row);
  }
  return [...found.values()];
}

/** Reads an import file by its extension. */
export async function parseImportFile(db: Db, name: string, text: string): Promise<ParsedImport> {
  if (/\.json$/i.test(name)) return parseJsonImport(text);
  if (/\.csv$/i.test(name)) return parseCsvImport(db, text);
  throw new ImportError([{ row: "file", field: "(name)", message: "the file must end in .json or .csv" }]);
}
