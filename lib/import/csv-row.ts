import { z } from "zod";
import {
  ATTRIBUTIONS,
  DATE_BOUNDS,
  EVENT_KINDS,
  fromSlug,
  PRECISIONS,
  SOURCE_KINDS,
  toSlug,
} from "../domain";
import { unguardCell } from "../export/csv";
import { CSV_HEADER, OPTIONAL_CSV_COLUMNS } from "../export/csv-layout";

// One CSV row of an import (lib/export/csv-layout.ts), checked cell by cell with zod: the cells
// as a spreadsheet wrote them (trimmed, formula guard removed), enumerations from their URL forms,
// booleans, whole numbers and ISO 8601 instants. References between rows and to the database
// (slugs, positions) are resolved afterwards by parse-file.ts.

const cell = z
  .string()
  .optional()
  .transform((v) => unguardCell(v ?? "").trim());

const text = cell;
const optionalText = cell.transform((v) => (v === "" ? null : v));

function enumValue<T extends string>(values: readonly T[], v: string, ctx: z.RefinementCtx): T {
  const found = fromSlug(values, v);
  if (!found) {
    ctx.addIssue({ code: "custom", message: `“${v}” is not one of ${values.map(toSlug).join(", ")}` });
    return z.NEVER;
  }
  return found;
}

const enumeration = <T extends string>(values: readonly T[]) => cell.transform((v, ctx): T => enumValue(values, v, ctx));
const optionalEnumeration = <T extends string>(values: readonly T[]) =>
  cell.transform((v, ctx): T | null => (v === "" ? null : enumValue(values, v, ctx)));

const ISO_INSTANT = z.iso.datetime({ offset: true });

function instantValue(v: string, ctx: z.RefinementCtx): string {
  if (!ISO_INSTANT.safeParse(v).success) {
    ctx.addIssue({ code: "custom", message: `“${v}” is not an ISO 8601 date-time (e.g. 2024-11-17T05:00:00.000Z)` });
    return z.NEVER;
  }
  return new Date(v).toISOString();
}

const instant = cell.transform((v, ctx) => {
  if (v === "") {
    ctx.addIssue({ code: "custom", message: "is required" });
    return z.NEVER;
  }
  return instantValue(v, ctx);
});
const optionalInstant = cell.transform((v, ctx): string | null => (v === "" ? null : instantValue(v, ctx)));

const bool = cell.transform((v, ctx) => {
  if (v !== "true" && v !== "false") {
    ctx.addIssue({ code: "custom", message: `“${v}” must be true or false` });
    return z.NEVER;
  }
  return v === "true";
});

const wholeNumber = (digits: number, message: string) =>
  cell.transform((v, ctx) => {
    if (!new RegExp(`^\\d{1,${digits}}$`).test(v)) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return Number(v);
  });
const optionalWholeNumber = (digits: number) => cell.transform((v) => (new RegExp(`^\\d{1,${digits}}$`).test(v) ? Number(v) : null));

export const csvRowSchema = z.object({
  story_slug: text,
  event_id: text,
  event_slug: text,
  event_kind: enumeration(EVENT_KINDS),
  headline: text,
  summary: text,
  location: optionalText,
  occurred_at: instant,
  occurred_end_at: optionalInstant,
  precision: enumeration(PRECISIONS),
  date_bound: optionalEnumeration(DATE_BOUNDS).transform((v) => v ?? "EXACT"),
  approximate: bool,
  time_note: optionalText,
  time_zone: text,
  day_order: wholeNumber(4, "must be a whole number 0–9999"),
  first_reported_at: instant,
  published: bool,
  // A blank version on an existing event means the row was written without one: it counts as the
  // first version, so it never overwrites a newer edit unnoticed.
  event_version: optionalWholeNumber(9).transform((v) => Math.max(1, v ?? 1)),
  retracted_at: optionalInstant,
  retraction_note: optionalText,
  actors: text,
  tags: text,
  claims: text,
  citation_id: text,
  citation_position: optionalWholeNumber(3),
  source_id: text,
  source_slug: text,
  source_name: text,
  source_kind: optionalEnumeration(SOURCE_KINDS),
  citation_url: optionalText,
  archived_url: optionalText,
  citation_title: optionalText,
  citation_published_at: optionalInstant,
  citation_published_precision: cell.transform((v, ctx) => (v === "" ? null : v === "unknown" ? ("unknown" as const) : enumValue(PRECISIONS, v, ctx))),
  quote: optionalText,
  attribution: optionalEnumeration(ATTRIBUTIONS),
  attribution_text: optionalText,
  speaker: text,
  origin_source_slug: text,
  origin_text: optionalText,
  repeats_citation_id: optionalText,
  citation_note: optionalText,
});

export type CsvRow = z.infer<typeof csvRowSchema>;

/** Columns every import file must have (the rest were added by format version 2). */
export const REQUIRED_CSV_COLUMNS = CSV_HEADER.filter((c) => !OPTIONAL_CSV_COLUMNS.includes(c));

/** A row's cells by column name (a column the file lacks is absent). */
export function rowObject(header: readonly string[], cells: readonly string[]): Record<string, string> {
  const row: Record<string, string> = {};
  header.forEach((name, i) => {
    if (name) row[name] = cells[i] ?? "";
  });
  return row;
}
