import { z } from "zod";
import { FIRST_DAY, LAST_DAY } from "../dates";
import { CLAIM_STATUSES, fromSlug, toSlug, type ClaimStatusValue } from "../domain";
import { decodeCursor, type TimelinePosition } from "../events/cursor";
import { EMPTY_QUERY, parseTimelineQuery, type TimelineQuery } from "../events/filters";
import type { RawSearchParams } from "../url";
import { allValues } from "../url";
import { ApiError, invalidParameter } from "../http/errors";

// The API reads the same query string as the pages (lib/events/filters.ts), but where a page
// drops a value it cannot use and says so, the API refuses it with a 400 naming the parameter:
// a script is better served by an error than by silently broader results.

export const TIMELINE_PARAMS = ["source", "status", "kind", "actor", "tag", "from", "to", "q", "asof"] as const;

/** Refuses parameters the endpoint does not know (a typo would otherwise widen the results). */
export function rejectUnknown(params: RawSearchParams, known: readonly string[]): void {
  const unknown = Object.keys(params).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      "invalid_parameter",
      `Unknown parameter ${unknown.map((u) => `“${u}”`).join(", ")}. This endpoint takes: ${known.join(", ")}.`,
      unknown.map((parameter) => ({ parameter, message: "Unknown parameter." })),
    );
  }
}

/**
 * The timeline filters, parsed by the pages' own parser one parameter at a time so that a
 * dropped value can be pinned on the parameter that carried it.
 */
export function strictTimelineQuery(params: RawSearchParams): TimelineQuery {
  for (const name of TIMELINE_PARAMS) {
    const values = allValues(params, name);
    if (values.length === 0) continue;
    if (["from", "to", "q", "asof"].includes(name) && values.length > 1) {
      throw invalidParameter(name, "give it once.");
    }
    const alone = parseTimelineQuery({ [name]: values });
    if (alone.notes.length > 0) throw invalidParameter(name, alone.notes.join(" "));
  }
  const query = parseTimelineQuery(Object.fromEntries(TIMELINE_PARAMS.map((n) => [n, allValues(params, n)])));
  if (query.notes.length > 0) throw invalidParameter("from", query.notes.join(" "));
  return query;
}

export function cursorParam(params: RawSearchParams): TimelinePosition | null {
  const raw = single(params, "cursor");
  if (raw === null) return null;
  const position = decodeCursor(raw);
  if (!position) throw invalidParameter("cursor", "not a cursor this API issued (use next_cursor as given).");
  return position;
}

/** A keyset cursor over slugs, for the lists ordered by slug. */
export function slugCursorParam(params: RawSearchParams): string | null {
  const raw = single(params, "cursor");
  if (raw === null) return null;
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(raw) ? Buffer.from(raw, "base64url").toString("utf8") : "";
  const m = /^slug:([a-z0-9-]{1,120})$/.exec(text);
  if (!m) throw invalidParameter("cursor", "not a cursor this API issued (use next_cursor as given).");
  return m[1]!;
}

export function encodeSlugCursor(slug: string): string {
  return Buffer.from(`slug:${slug}`, "utf8").toString("base64url");
}

function single(params: RawSearchParams, name: string): string | null {
  const values = allValues(params, name);
  if (values.length === 0) return null;
  if (values.length > 1) throw invalidParameter(name, "give it once.");
  return values[0]!;
}

export function limitParam(params: RawSearchParams, fallback: number, max: number): number {
  const raw = single(params, "limit");
  if (raw === null) return fallback;
  const parsed = z.coerce.number().int().min(1).max(max).safeParse(raw);
  if (!parsed.success || !/^\d+$/.test(raw)) throw invalidParameter("limit", `a whole number from 1 to ${max}.`);
  return parsed.data;
}

export function updatedSinceParam(params: RawSearchParams): Date | null {
  const raw = single(params, "updated_since");
  if (raw === null) return null;
  const parsed = z.iso.datetime({ offset: true }).safeParse(raw);
  if (!parsed.success) {
    throw invalidParameter("updated_since", "an ISO 8601 date-time with a zone, e.g. 2024-11-18T00:00:00Z.");
  }
  const since = new Date(parsed.data);
  // Year 0 and years past 9999 are instants neither database can compare against.
  if (Number.isNaN(since.getTime()) || since.getUTCFullYear() < 100 || since.getUTCFullYear() > 9998) {
    throw invalidParameter("updated_since", `a date-time from ${FIRST_DAY} to ${LAST_DAY}.`);
  }
  return since;
}

export function slugParam(params: RawSearchParams, name: string): string | null {
  const raw = single(params, name);
  if (raw === null) return null;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw) || raw.length > 120) throw invalidParameter(name, "not a valid slug.");
  return raw;
}

export function asofParam(params: RawSearchParams): string | null {
  const raw = single(params, "asof");
  if (raw === null) return null;
  const q = parseTimelineQuery({ asof: raw });
  if (q.notes.length > 0 || !q.asof) throw invalidParameter("asof", q.notes.join(" ") || "a date in YYYY-MM-DD form.");
  return q.asof;
}

export function claimStatusParam(params: RawSearchParams): ClaimStatusValue[] {
  return allValues(params, "status").map((raw) => {
    const v = fromSlug(CLAIM_STATUSES, raw);
    if (!v) throw invalidParameter("status", `“${raw}” is not a claim status; use one of ${CLAIM_STATUSES.map(toSlug).join(", ")}.`);
    return v;
  });
}

export { EMPTY_QUERY };
