import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db";
import {
  ACTOR_ROLES,
  ATTRIBUTIONS,
  DATE_BOUNDS,
  EVENT_KINDS,
  fromSlug,
  PRECISIONS,
  SOURCE_KINDS,
  STANCES,
  toSlug,
} from "../domain";
import { CsvSyntaxError, parseCsv, unguardCell } from "../export/csv";
import { CSV_HEADER, OPTIONAL_CSV_COLUMNS } from "../export/csv-layout";
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
const instant = z.iso.datetime({ offset: true });

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
  const missingColumns = CSV_HEADER.filter((c) => !header.includes(c) && !OPTIONAL_CSV_COLUMNS.includes(c));
  if (missingColumns.length) {
    throw new ImportError(missingColumns.map((c) => ({ row: "row 1", field: c, message: "this column is missing from the header" })));
  }
  const body = table.slice(1).filter((r) => r.some((c) => c.trim() !== ""));
  if (body.length === 0) throw new ImportError([{ row: "row 2", field: "(csv)", message: "the file has no data rows" }]);
  const rows = body.map((cells, i) => {
    const rowNo = table.indexOf(cells) + 1;
    const get = (name: string) => (header.includes(name) ? unguardCell(cells[header.indexOf(name)] ?? "").trim() : "");
    return { rowNo, get, index: i };
  });

  const storySlug = rows[0]!.get("story_slug");
  const story = await db.story.findUnique({
    where: { slug: storySlug },
    select: { id: true, slug: true, title: true, description: true, timeZone: true, isDefault: true },
  });
  if (!story) throw new ImportError([{ row: `row ${rows[0]!.rowNo}`, field: "story_slug", message: `there is no story “${storySlug}”; import its JSON export first` }]);

  const problem = (rowNo: number, field: string, message: string) => issues.push({ row: `row ${rowNo}`, field, message });
  const enumValue = <T extends string>(rowNo: number, field: string, values: readonly T[], raw: string): T => {
    const v = fromSlug(values, raw);
    if (!v) problem(rowNo, field, `“${raw}” is not one of ${values.map(toSlug).join(", ")}`);
    return v ?? values[0]!;
  };
  const when = (rowNo: number, field: string, raw: string, required: boolean): string | null => {
    if (raw === "") {
      if (required) problem(rowNo, field, "is required");
      return null;
    }
    if (!instant.safeParse(raw).success) {
      problem(rowNo, field, `“${raw}” is not an ISO 8601 date-time (e.g. 2024-11-17T05:00:00.000Z)`);
      return null;
    }
    return new Date(raw).toISOString();
  };
  const bool = (rowNo: number, field: string, raw: string): boolean => {
    if (raw !== "true" && raw !== "false") problem(rowNo, field, `“${raw}” must be true or false`);
    return raw === "true";
  };
  const orNull = (v: string) => (v === "" ? null : v);

  // Everything referred to by slug, in one query each.
  const all = (col: string, split = false) =>
    [...new Set(rows.flatMap((r) => (split ? r.get(col).split(";").map((p) => p.trim().split(":")[0]!.trim()) : [r.get(col)])).filter(Boolean))];
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
    db.event.findMany({
      where: { OR: [{ slug: { in: all("event_slug") } }, { id: { in: all("event_id") } }] },
      select: {
        id: true,
        slug: true,
        version: true,
        citations: { select: { id: true, position: true } },
        claims: { select: { claimId: true, stance: true, note: true } },
      },
    }),
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
    if (r.get("story_slug") !== story.slug) problem(n, "story_slug", "every row must belong to the same story");
    const slug = r.get("event_slug");
    const existing = eventBySlug.get(slug);
    const id = r.get("event_id") || existing?.id || eventKey.get(slug) || newId();
    eventKey.set(slug, id);

    const record: EventRecord = {
      id,
      slug,
      kind: enumValue(n, "event_kind", EVENT_KINDS, r.get("event_kind")),
      headline: r.get("headline"),
      summary: r.get("summary"),
      location: orNull(r.get("location")),
      occurredAt: when(n, "occurred_at", r.get("occurred_at"), true) ?? "",
      occurredEndAt: when(n, "occurred_end_at", r.get("occurred_end_at"), false),
      precision: enumValue(n, "precision", PRECISIONS, r.get("precision")),
      dateBound: r.get("date_bound") ? enumValue(n, "date_bound", DATE_BOUNDS, r.get("date_bound")) : "EXACT",
      // A blank version on an existing event means the row was written without one: it counts as
      // the first version, so it never overwrites a newer edit unnoticed.
      version: /^\d{1,9}$/.test(r.get("event_version")) ? Math.max(1, Number(r.get("event_version"))) : 1,
      approximate: bool(n, "approximate", r.get("approximate")),
      timeNote: orNull(r.get("time_note")),
      timeZone: r.get("time_zone"),
      dayOrder: /^\d{1,4}$/.test(r.get("day_order")) ? Number(r.get("day_order")) : (problem(n, "day_order", "must be a whole number 0–9999"), 0),
      firstReportedAt: when(n, "first_reported_at", r.get("first_reported_at"), true) ?? "",
      published: bool(n, "published", r.get("published")),
      retractedAt: when(n, "retracted_at", r.get("retracted_at"), false),
      retractionNote: orNull(r.get("retraction_note")),
      actors: pairs(n, "actors", r.get("actors")).map((p) => {
        const a = actorBySlug.get(p.slug);
        if (!a) problem(n, "actors", `there is no actor “${p.slug}”`);
        return { actorId: a?.id ?? "", role: enumValue(n, "actors", ACTOR_ROLES, p.value) };
      }),
      tagIds: r
        .get("tags")
        .split(";")
        .map((t) => t.trim())
        .filter(Boolean)
        .map((t) => {
          const tag = tagBySlug.get(t);
          if (!tag) problem(n, "tags", `there is no tag “${t}”`);
          return tag?.id ?? "";
        }),
      claims: pairs(n, "claims", r.get("claims")).map((p) => {
        const c = claimBySlug.get(p.slug);
        if (!c) problem(n, "claims", `there is no claim “${p.slug}” in this story`);
        const stance = enumValue(n, "claims", STANCES, p.value);
        // The CSV has no column for a stance's note: an existing link keeps its own.
        const kept = existing?.claims.find((l) => l.claimId === c?.id && l.stance === stance);
        return { claimId: c?.id ?? "", stance, note: kept?.note ?? null };
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

    const sourceSlug = r.get("source_slug");
    if (sourceSlug === "" && r.get("citation_id") === "") continue; // an event without citations
    const positionRaw = r.get("citation_position");
    const position = /^\d{1,3}$/.test(positionRaw) ? Number(positionRaw) : eventsOut.get(id)!.citations.length;
    let source = (r.get("source_id") && sourceById.get(r.get("source_id"))) || sourceBySlug.get(sourceSlug) || newSources.get(sourceSlug);
    if (!source) {
      if (!r.get("source_name")) problem(n, "source_name", `is required for the new source “${sourceSlug}”`);
      source = {
        id: r.get("source_id") || newId(),
        slug: sourceSlug,
        name: r.get("source_name"),
        kind: enumValue(n, "source_kind", SOURCE_KINDS, r.get("source_kind")),
        country: null,
        homepage: null,
        description: null,
      };
      newSources.set(sourceSlug, source);
    }
    const citation: CitationRecord = {
      id: r.get("citation_id") || existing?.citations.find((c) => c.position === position)?.id || newId(),
      sourceId: source.id,
      url: orNull(r.get("citation_url")),
      archivedUrl: orNull(r.get("archived_url")),
      title: orNull(r.get("citation_title")),
      publishedAt: when(n, "citation_published_at", r.get("citation_published_at"), false),
      publishedPrecision: !r.get("citation_published_at") || r.get("citation_published_precision") === "unknown"
        ? null
        : r.get("citation_published_precision")
          ? enumValue(n, "citation_published_precision", PRECISIONS, r.get("citation_published_precision"))
          : "DAY",
      quote: orNull(r.get("quote")),
      attribution: enumValue(n, "attribution", ATTRIBUTIONS, r.get("attribution")),
      attributionText: orNull(r.get("attribution_text")),
      speakerActorId: r.get("speaker")
        ? (actorBySlug.get(r.get("speaker"))?.id ?? (problem(n, "speaker", `there is no actor “${r.get("speaker")}”`), null))
        : null,
      originSourceId: r.get("origin_source_slug")
        ? (sourceBySlug.get(r.get("origin_source_slug"))?.id ??
          (problem(n, "origin_source_slug", `there is no source “${r.get("origin_source_slug")}”`), null))
        : null,
      originText: orNull(r.get("origin_text")),
      repeatsCitationId: orNull(r.get("repeats_citation_id")),
      note: orNull(r.get("citation_note")),
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

/** Reads an import file by its extension. */
export async function parseImportFile(db: Db, name: string, text: string): Promise<ParsedImport> {
  if (/\.json$/i.test(name)) return parseJsonImport(text);
  if (/\.csv$/i.test(name)) return parseCsvImport(db, text);
  throw new ImportError([{ row: "file", field: "(name)", message: "the file must end in .json or .csv" }]);
}
