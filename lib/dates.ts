import { TZDate } from "@date-fns/tz";
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

/** An instant's wall-clock fields in a zone, and the zone's short name there ("EST", "GMT+3"). */
type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; zoneName: string };

// One formatter per zone, kept: building one costs about 0.1 ms, and date-fns's format over a
// TZDate asks Intl for the offset again for every field. A page of 50 events formats a few
// hundred instants (its days, times, citations, changes); through date-fns that was about a tenth
// of a render's CPU.
const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    if (partsFormats.size >= 1_000) partsFormats.clear();
    partsFormats.set(zone, f);
  }
  return f;
}

function localParts(instant: Date, zone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, zoneName: zone };
  for (const p of partsFormat(zone).formatToParts(instant)) {
    switch (p.type) {
      case "year":
        out.year = Number(p.value);
        break;
      case "month":
        out.month = Number(p.value);
        break;
      case "day":
        out.day = Number(p.value);
        break;
      case "hour":
        out.hour = Number(p.value) % 24;
        break;
      case "minute":
        out.minute = Number(p.value);
        break;
      case "timeZoneName":
        out.zoneName = p.value;
        break;
    }
  }
  return out;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const yyyy = (p: Pick<LocalParts, "year">) => pad(p.year, 4);
const isoDayOf = (p: Pick<LocalParts, "year" | "month" | "day">) => `${yyyy(p)}-${pad(p.month)}-${pad(p.day)}`;
/** "18 Nov 2024" */
const shortDate = (p: Pick<LocalParts, "year" | "month" | "day">) => `${p.day} ${MONTHS[p.month - 1]!.slice(0, 3)} ${yyyy(p)}`;
/** "18 November 2024" */
const longDate = (p: Pick<LocalParts, "year" | "month" | "day">) => `${p.day} ${MONTHS[p.month - 1]} ${yyyy(p)}`;
const weekday = (p: Pick<LocalParts, "year" | "month" | "day">) => {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  return WEEKDAYS[d.getUTCDay()]!;
};

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
  const day = isoDayOf(localParts(instant, zone));
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

function formatAt(instant: Date, precision: PrecisionValue, zone: string): string {
  const p = localParts(instant, zone);
  switch (precision) {
    case "YEAR":
      return yyyy(p);
    case "MONTH":
      return `${MONTHS[p.month - 1]} ${yyyy(p)}`;
    case "DAY":
      return shortDate(p);
    case "HOUR":
      return `${shortDate(p)}, ${pad(p.hour)}:00 ${p.zoneName}`;
    default:
      return `${shortDate(p)}, ${pad(p.hour)}:${pad(p.minute)} ${p.zoneName}`;
  }
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
  if (t.precision !== "YEAR" && t.precision !== "MONTH" && t.precision !== "DAY") return t.occurredAt.toISOString();
  const local = localParts(t.occurredAt, t.timeZone);
  return t.precision === "YEAR" ? yyyy(local) : t.precision === "MONTH" ? `${yyyy(local)}-${pad(local.month)}` : isoDayOf(local);
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
  const local = localParts(t.occurredAt, t.timeZone);
  if (t.dateBound === "BETWEEN" && t.occurredEndAt && (t.precision === "DAY" || t.precision === "HOUR" || t.precision === "MINUTE")) {
    const end = localParts(t.occurredEndAt, t.timeZone);
    const key = `${isoDayOf(local)}..${isoDayOf(end)}`;
    return { key, heading: `Between ${longDate(local)} and ${longDate(end)} (day not known)` };
  }
  switch (t.precision) {
    case "YEAR":
      return { key: yyyy(local), heading: `${yyyy(local)} (day not known)` };
    case "MONTH":
      return { key: `${yyyy(local)}-${pad(local.month)}`, heading: `${MONTHS[local.month - 1]} ${yyyy(local)} (day not known)` };
    default:
      return { key: isoDayOf(local), heading: `${weekday(local)} ${longDate(local)}` };
  }
}

/** A calendar day (`YYYY-MM-DD`) for display, e.g. "18 Nov 2024". */
export function formatIsoDay(day: string): string {
  const p = parseIsoDay(day);
  if (!p) return day;
  return shortDate(p);
}

/** The calendar month of a day (`YYYY-MM-DD`) for display, e.g. "Nov 2024". */
export function formatIsoMonth(day: string): string {
  const p = parseIsoDay(day);
  if (!p) return day;
  return `${MONTHS[p.month - 1]!.slice(0, 3)} ${yyyy(p)}`;
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
