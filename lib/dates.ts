import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { DateBoundValue, PrecisionValue } from "./domain";

// All instants are stored in UTC and formatted in an explicit IANA zone, never the server's.

const validZones = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  // Building a formatter costs about 0.1 ms; an import checks the same few zones thousands of times.
  const known = validZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    valid = zone.length > 0;
  } catch {
    valid = false;
  }
  if (validZones.size < 1_000) validZones.set(zone, valid);
  return valid;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The days a date can name. Every instant of them, in every time zone, is a date both databases
 * and Prisma can hold (the end of 9999-12-31 in New York is in the year 10000, which they cannot).
 */
export const FIRST_DAY = "0100-01-01";
export const LAST_DAY = "9998-12-31";

/** True when `value` has the `YYYY-MM-DD` form but falls outside FIRST_DAY…LAST_DAY. */
export function isIsoDayOutOfRange(value: string): boolean {
  const m = ISO_DAY.exec(value.trim());
  return m !== null && (m[0] < FIRST_DAY || m[0] > LAST_DAY);
}

/** Parses `YYYY-MM-DD` into its parts when it names a real calendar day in range, else null. */
export function parseIsoDay(value: string): { year: number; month: number; day: number } | null {
  const m = ISO_DAY.exec(value.trim());
  if (!m || m[0] < FIRST_DAY || m[0] > LAST_DAY) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return null;
  }
  return { year, month, day };
}

/** The calendar day (`YYYY-MM-DD`) that `instant` falls on in `zone`. */
export function localDay(instant: Date, zone: string): string {
  // An event's day, span end and ordering key ask for the same instant and zone in a row: the
  // last answer is kept (a time-zone conversion costs some 20 µs; a 10k-event import made 30k).
  const ms = instant.getTime();
  if (lastLocalDay && lastLocalDay.ms === ms && lastLocalDay.zone === zone) return lastLocalDay.day;
  const day = format(new TZDate(instant, zone), "yyyy-MM-dd");
  lastLocalDay = { ms, zone, day };
  return day;
}
let lastLocalDay: { ms: number; zone: string; day: string } | null = null;

/** The first instant of calendar day `day` (`YYYY-MM-DD`) in `zone`. */
export function startOfLocalDay(day: string, zone: string): Date {
  const p = parseIsoDay(day);
  if (!p) throw new Error(`Not a calendar day: ${day}`);
  return new Date(new TZDate(p.year, p.month - 1, p.day, 0, 0, 0, 0, zone).getTime());
}

/** The last millisecond of calendar day `day` in `zone`. */
export function endOfLocalDay(day: string, zone: string): Date {
  const p = parseIsoDay(day);
  if (!p) throw new Error(`Not a calendar day: ${day}`);
  const next = new TZDate(p.year, p.month - 1, p.day + 1, 0, 0, 0, 0, zone);
  return new Date(next.getTime() - 1);
}

export type EventTime = {
  occurredAt: Date;
  occurredEndAt: Date | null;
  precision: PrecisionValue;
  approximate: boolean;
  timeZone: string;
  /** What the sources say of the date; EXACT when absent. */
  dateBound?: DateBoundValue;
  /** Needed to say when an undated event was first reported. */
  firstReportedAt?: Date;
};

const PATTERN: Record<PrecisionValue, string> = {
  YEAR: "yyyy",
  MONTH: "MMMM yyyy",
  DAY: "d MMM yyyy",
  HOUR: "d MMM yyyy, HH:00",
  MINUTE: "d MMM yyyy, HH:mm",
};

function zoneName(instant: Date, zone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

function formatAt(instant: Date, precision: PrecisionValue, zone: string): string {
  const text = format(new TZDate(instant, zone), PATTERN[precision]);
  return precision === "HOUR" || precision === "MINUTE" ? `${text} ${zoneName(instant, zone)}` : text;
}

/**
 * When an event happened, honest to its precision: a day-precision event shows no time, a
 * month-precision one no day, and an approximate one says "about".
 */
export function formatEventTime(t: EventTime): string {
  const start = formatAt(t.occurredAt, t.precision, t.timeZone);
  const end = t.occurredEndAt ? formatAt(t.occurredEndAt, t.precision, t.timeZone) : null;
  let text: string;
  switch (t.dateBound ?? "EXACT") {
    case "UNKNOWN":
      return `date unknown (first reported ${formatAt(t.firstReportedAt ?? t.occurredAt, "DAY", t.timeZone)})`;
    case "ON_OR_BEFORE":
      text = `on or before ${start}`;
      break;
    case "ON_OR_AFTER":
      text = `on or after ${start}`;
      break;
    case "BETWEEN":
      text = end && end !== start ? `between ${start} and ${end}` : start;
      break;
    default:
      text = end && end !== start ? `${start} – ${end}` : start;
  }
  return t.approximate ? `about ${text}` : text;
}

/** Machine-readable value for `<time dateTime>`, no finer than the precision allows. */
export function machineTime(t: Pick<EventTime, "occurredAt" | "precision" | "timeZone">): string {
  const local = new TZDate(t.occurredAt, t.timeZone);
  switch (t.precision) {
    case "YEAR":
      return format(local, "yyyy");
    case "MONTH":
      return format(local, "yyyy-MM");
    case "DAY":
      return format(local, "yyyy-MM-dd");
    default:
      return t.occurredAt.toISOString();
  }
}

/**
 * The timeline group an event falls in: its calendar day in its own zone, or its month or year
 * when the precision is coarser (a month-precision event is never shown under a made-up day).
 */
export function dayGroup(
  t: Pick<EventTime, "occurredAt" | "precision" | "timeZone"> & Partial<Pick<EventTime, "dateBound" | "occurredEndAt">>,
): {
  key: string;
  heading: string;
} {
  const local = new TZDate(t.occurredAt, t.timeZone);
  if (t.dateBound === "BETWEEN" && t.occurredEndAt && (t.precision === "DAY" || t.precision === "HOUR" || t.precision === "MINUTE")) {
    const end = new TZDate(t.occurredEndAt, t.timeZone);
    const key = `${format(local, "yyyy-MM-dd")}..${format(end, "yyyy-MM-dd")}`;
    return { key, heading: `Between ${format(local, "d MMMM yyyy")} and ${format(end, "d MMMM yyyy")} (day not known)` };
  }
  switch (t.precision) {
    case "YEAR":
      return { key: format(local, "yyyy"), heading: `${format(local, "yyyy")} (day not known)` };
    case "MONTH":
      return { key: format(local, "yyyy-MM"), heading: `${format(local, "MMMM yyyy")} (day not known)` };
    default:
      return { key: format(local, "yyyy-MM-dd"), heading: format(local, "EEEE d MMMM yyyy") };
  }
}

/** A calendar day (`YYYY-MM-DD`) for display, e.g. "18 Nov 2024". */
export function formatIsoDay(day: string): string {
  const p = parseIsoDay(day);
  if (!p) return day;
  return format(new TZDate(p.year, p.month - 1, p.day, 12, 0, 0, 0, "UTC"), "d MMM yyyy");
}

/** A publication instant at a given precision in a zone, e.g. "17 Nov 2024". */
export function formatPublished(at: Date, precision: PrecisionValue, zone: string): string {
  return formatAt(at, precision, zone);
}

/** The calendar day `days` after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  const p = parseIsoDay(day);
  if (!p) throw new Error(`Not a calendar day: ${day}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day + days)).toISOString().slice(0, 10);
}
