import { TZDate } from "@date-fns/tz";
import { endOfMonth, endOfYear } from "date-fns";
import { localDay } from "../dates";
import type { DateBoundValue, PrecisionValue } from "../domain";

// Fields of an event that are derived from others and stored for indexed filtering and ordering.

export function timelineKeyFor(occurredAt: Date, timeZone: string, dayOrder: number): string {
  const order = Math.max(0, Math.min(9999, Math.trunc(dayOrder)));
  return `${localDay(occurredAt, timeZone)}|${String(order).padStart(4, "0")}|${occurredAt.toISOString()}`;
}

// Prisma's `contains` becomes LIKE without escaping, and SQLite's LIKE has no default escape
// character: stored text and searched words both carry the LIKE wildcards (% and _) and
// PostgreSQL's LIKE escape (\) as private-use stand-ins, so a search for "50%" matches "50%" only.
const LIKE_SPECIAL: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };

/** Text in the form the q filter compares: NFKC, lower case, LIKE-special characters replaced. */
export function searchFormOf(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[%_\\]/g, (c) => LIKE_SPECIAL[c] ?? c);
}

export function searchTextFor(parts: readonly (string | null | undefined)[]): string {
  return searchFormOf(parts.filter((p): p is string => typeof p === "string" && p.length > 0).join("\n"));
}

export type EventDate = {
  occurredAt: Date;
  occurredEndAt?: Date | null;
  precision: PrecisionValue;
  dateBound?: DateBoundValue;
  timeZone: string;
  firstReportedAt: Date;
};

/**
 * An event's date as stored: a date unknown to the sources is placed by the event's first report,
 * at day precision, with no end (DESIGN.md, "Time is honest").
 */
export function normalizeEventDate<T extends EventDate>(input: T): T {
  if (input.dateBound !== "UNKNOWN") return input;
  return { ...input, occurredAt: input.firstReportedAt, occurredEndAt: null, precision: "DAY" };
}

/** The last instant of the precision period `at` falls in, in `zone`: the month's last day for MONTH. */
function endOfPeriod(at: Date, precision: PrecisionValue, zone: string): Date {
  const local = new TZDate(at, zone);
  if (precision === "MONTH") return new Date(endOfMonth(local).getTime());
  if (precision === "YEAR") return new Date(endOfYear(local).getTime());
  return at;
}

/**
 * The stored date fields: the day the event is grouped under (`occurredOn`), its ordering key,
 * and the last day of its span when it covers several days (a month or year precision, a range,
 * a lasting event), which the from/to filters test for overlap.
 */
export function derivedTimeFields(input: EventDate & { dayOrder: number }) {
  const e = normalizeEventDate(input);
  const occurredOn = localDay(e.occurredAt, e.timeZone);
  const end = endOfPeriod(e.occurredEndAt ?? e.occurredAt, e.precision, e.timeZone);
  const lastDay = localDay(end, e.timeZone);
  return {
    occurredOn,
    spanEndOn: lastDay > occurredOn ? lastDay : null,
    timelineKey: timelineKeyFor(e.occurredAt, e.timeZone, input.dayOrder),
  };
}
