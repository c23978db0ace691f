import { z } from "zod";
import { FIRST_DAY, isIsoDayOutOfRange, LAST_DAY, parseIsoDay } from "../dates";
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  fromSlug,
  toSlug,
  type EventKindValue,
  type EventStatusValue,
} from "../domain";
import { allValues, createUrl, type RawSearchParams } from "../url";
import { decodeCursor, type TimelinePosition } from "./cursor";

// The timeline's query string (DESIGN.md, "URLs are an API"), parsed the same way for pages,
// feeds and the API. Nothing here throws: a value that cannot be used is dropped and a note says
// what was ignored and why.

export const MAX_QUERY_LENGTH = 200;
const MAX_VALUES = 20;

const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);

export type TimelineQuery = {
  sources: string[];
  statuses: EventStatusValue[];
  kinds: EventKindValue[];
  actors: string[];
  tags: string[];
  from: string | null;
  to: string | null;
  q: string | null;
  /** View the timeline as it stood at the end of this day (YYYY-MM-DD, story's zone). */
  asof: string | null;
  before: TimelinePosition | null;
  after: TimelinePosition | null;
  notes: string[];
};

export const EMPTY_QUERY: TimelineQuery = {
  sources: [],
  statuses: [],
  kinds: [],
  actors: [],
  tags: [],
  from: null,
  to: null,
  q: null,
  asof: null,
  before: null,
  after: null,
  notes: [],
};

function show(value: string): string {
  const clipped = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `“${clipped}”`;
}

/** Quotes a few of the values, and counts the rest. */
function showSome(values: string[]): string {
  const shown = values.slice(0, 3).map(show).join(", ");
  return values.length > 3 ? `${shown} and ${values.length - 3} more` : shown;
}

/** One note for a parameter, however many of its values were dropped and why. */
function noteFor(name: string, invalid: string[], invalidWhy: string, extra: number): string | null {
  const parts: string[] = [];
  if (invalid.length > 0) parts.push(`${showSome(invalid)}: ${invalidWhy}`);
  if (extra > 0) parts.push(`${extra} more value${extra === 1 ? "" : "s"}: at most ${MAX_VALUES} values are allowed`);
  return parts.length > 0 ? `Ignored ${name} ${parts.join("; and ")}.` : null;
}

function slugs(params: RawSearchParams, name: string, noun: string, notes: string[]): string[] {
  const out: string[] = [];
  const invalid: string[] = [];
  let extra = 0;
  for (const raw of allValues(params, name)) {
    if (raw.trim() === "") continue;
    const parsed = slugSchema.safeParse(raw);
    if (!parsed.success) {
      invalid.push(raw);
    } else if (out.includes(parsed.data)) {
      continue;
    } else if (out.length >= MAX_VALUES) {
      extra += 1;
    } else {
      out.push(parsed.data);
    }
  }
  const note = noteFor(name, invalid, invalid.length === 1 ? `not a valid ${noun} name` : `not valid ${noun} names`, extra);
  if (note) notes.push(note);
  return out;
}

function enums<T extends string>(
  params: RawSearchParams,
  name: string,
  values: readonly T[],
  notes: string[],
): T[] {
  const out: T[] = [];
  const invalid: string[] = [];
  for (const raw of allValues(params, name)) {
    if (raw.trim() === "") continue;
    const v = fromSlug(values, raw);
    if (!v) {
      invalid.push(raw);
    } else if (!out.includes(v)) {
      out.push(v);
    }
  }
  const note = noteFor(name, invalid, `use one of ${values.map(toSlug).join(", ")}`, 0);
  if (note) notes.push(note);
  return out;
}

function day(params: RawSearchParams, name: string, notes: string[]): string | null {
  const values = allValues(params, name).filter((v) => v.trim() !== "");
  if (values.length === 0) return null;
  if (values.length > 1) notes.push(`Used the first ${name} date only; it takes one value.`);
  const raw = values[0]!;
  if (!parseIsoDay(raw)) {
    notes.push(
      isIsoDayOutOfRange(raw)
        ? `Ignored ${name} ${show(raw)}: dates run from ${FIRST_DAY} to ${LAST_DAY}.`
        : `Ignored ${name} ${show(raw)}: not a calendar date in YYYY-MM-DD form.`,
    );
    return null;
  }
  return raw.trim();
}

function cursor(params: RawSearchParams, name: string, notes: string[]): TimelinePosition | null {
  const raw = allValues(params, name)[0];
  if (raw === undefined || raw === "") return null;
  const p = decodeCursor(raw);
  if (!p) notes.push(`Ignored ${name}: not a valid page link. Showing the first page.`);
  return p;
}

export function parseTimelineQuery(params: RawSearchParams): TimelineQuery {
  const notes: string[] = [];
  const query: TimelineQuery = {
    sources: slugs(params, "source", "source", notes),
    statuses: enums(params, "status", EVENT_STATUSES, notes),
    kinds: enums(params, "kind", EVENT_KINDS, notes),
    actors: slugs(params, "actor", "actor", notes),
    tags: slugs(params, "tag", "tag", notes),
    from: day(params, "from", notes),
    to: day(params, "to", notes),
    q: null,
    asof: day(params, "asof", notes),
    before: cursor(params, "before", notes),
    after: cursor(params, "after", notes),
    notes,
  };
  if (query.from && query.to && query.from > query.to) {
    notes.push(`Ignored the dates: from (${query.from}) is after to (${query.to}).`);
    query.from = null;
    query.to = null;
  }
  const rawQ = allValues(params, "q").find((v) => v.trim().length > 0);
  // Control characters (NUL among them, which PostgreSQL refuses in text) are never search text.
  const q = rawQ?.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim();
  if (rawQ !== undefined && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(rawQ)) {
    notes.push("Removed control characters from the search text.");
  }
  if (q) {
    if (q.length > MAX_QUERY_LENGTH) {
      notes.push(`Shortened the search text to its first ${MAX_QUERY_LENGTH} characters.`);
    }
    query.q = q.slice(0, MAX_QUERY_LENGTH);
  }
  if (query.before && query.after) {
    notes.push("Ignored after: a page link takes before or after, not both.");
    query.after = null;
  }
  return query;
}

/** True when any filter (not pagination) is set. */
export function hasFilters(q: TimelineQuery): boolean {
  return (
    q.sources.length + q.statuses.length + q.kinds.length + q.actors.length + q.tags.length > 0 ||
    q.from !== null ||
    q.to !== null ||
    q.q !== null
  );
}

/** The query string of a timeline view: the filters, and optionally a page position. */
export function toSearchParams(
  q: TimelineQuery,
  page?: { before?: string; after?: string },
): URLSearchParams {
  const p = new URLSearchParams();
  for (const s of q.sources) p.append("source", s);
  for (const s of q.statuses) p.append("status", toSlug(s));
  for (const k of q.kinds) p.append("kind", toSlug(k));
  for (const a of q.actors) p.append("actor", a);
  for (const t of q.tags) p.append("tag", t);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  if (q.q) p.set("q", q.q);
  if (q.asof) p.set("asof", q.asof);
  if (page?.before) p.set("before", page.before);
  if (page?.after) p.set("after", page.after);
  return p;
}

export type ActiveFilter = { label: string; removeHref: string };

type Without = Partial<{
  source: string;
  status: EventStatusValue;
  kind: EventKindValue;
  actor: string;
  tag: string;
  from: true;
  to: true;
  q: true;
}>;

/** The same view (first page) with one filter value removed. */
export function hrefWithout(pathname: string, q: TimelineQuery, w: Without): string {
  const next: TimelineQuery = {
    ...q,
    sources: q.sources.filter((s) => s !== w.source),
    statuses: q.statuses.filter((s) => s !== w.status),
    kinds: q.kinds.filter((s) => s !== w.kind),
    actors: q.actors.filter((s) => s !== w.actor),
    tags: q.tags.filter((s) => s !== w.tag),
    from: w.from ? null : q.from,
    to: w.to ? null : q.to,
    q: w.q ? null : q.q,
  };
  return createUrl(pathname, toSearchParams(next));
}
