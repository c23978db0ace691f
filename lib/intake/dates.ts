import * as chrono from "chrono-node";
import type { DateBoundValue } from "../domain";
import { FUTURE_WORDS } from "./lexicon";

// Dates in an article's words, resolved against its publication day in the story's zone.
// "On Sunday" in a Monday 18 Nov article is 17 Nov; "last month" has month precision; "recently"
// or "has authorized" is approximate, on or before the publication day; with no publication date
// a weekday alone gives an unknown date. chrono-node reads the absolute and "N days ago" phrases;
// weekdays, weeks and the tense rules are ours, since news copy means the past unless it says
// otherwise.

/** The publication day in the story's zone, and the instant when the article gives one. */
export type PublishedDay = { day: string; instant: Date; hasTime: boolean };

export type PrecisionClass = "day" | "month" | "approximate" | "unknown";

export type DraftDate = {
  /** The day it is placed on (YYYY-MM-DD); the first of the month or year at that precision. Null: unknown. */
  day: string | null;
  /** The last day of a span ("last week"), for a BETWEEN bound. */
  endDay: string | null;
  precision: "DAY" | "MONTH" | "YEAR";
  bound: DateBoundValue;
  approximate: boolean;
  /** The class the evaluation compares: day, month, approximate or unknown. */
  class: PrecisionClass;
  /** The words it came from, or null when it follows from the tense or the publication date. */
  words: string | null;
  /** Why it is placed there, in a sentence an editor reads. */
  note: string;
};

export type DatePhrase = {
  /** Offset in the sentence. */
  index: number;
  words: string;
  /** In the future of the publication day (a plan, a schedule): it does not date what happened. */
  future: boolean;
  date: DraftDate;
};

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const pad = (n: number) => String(n).padStart(2, "0");
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
function parts(day: string): { y: number; m: number; d: number } {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return { y, m, d };
}
function shift(day: string, days: number): string {
  const { y, m, d } = parts(day);
  const t = new Date(Date.UTC(y, m - 1, d) + days * 86_400_000);
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
function weekdayOf(day: string): number {
  const { y, m, d } = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
const formatDay = (day: string) => {
  const { y, m, d } = parts(day);
  return `${d} ${MONTHS[m - 1]!.slice(0, 1).toUpperCase()}${MONTHS[m - 1]!.slice(1, 3)} ${y}`;
};

function exactDay(day: string, words: string, note: string): DraftDate {
  return { day, endDay: null, precision: "DAY", bound: "EXACT", approximate: false, class: "day", words, note };
}

function unknown(words: string | null, note: string): DraftDate {
  return { day: null, endDay: null, precision: "DAY", bound: "UNKNOWN", approximate: false, class: "unknown", words, note };
}

function month(y: number, m: number, words: string, note: string): DraftDate {
  return { day: isoOf(y, m, 1), endDay: null, precision: "MONTH", bound: "EXACT", approximate: false, class: "month", words, note };
}

/** Approximate, "on or before" the publication day: "recently", "has authorized". */
export function onOrBeforePublication(published: PublishedDay | null, words: string | null, why: string): DraftDate {
  if (!published) return unknown(words, `${why}, and the article has no publication date: the date is unknown.`);
  return {
    day: published.day,
    endDay: null,
    precision: "DAY",
    bound: "ON_OR_BEFORE",
    approximate: true,
    class: "approximate",
    words,
    note: `${why}: on or before the publication day, ${formatDay(published.day)}.`,
  };
}

/** The publication day itself: present-tense copy, "today". */
export function publicationDay(published: PublishedDay | null, words: string | null, why: string): DraftDate {
  if (!published) return unknown(words, `${why}, and the article has no publication date: the date is unknown.`);
  return exactDay(published.day, words ?? "", `${why}: the publication day, ${formatDay(published.day)}.`);
}

// Our own patterns, read before chrono: weekdays (past by default), days relative to the
// publication day, weeks and months relative to it, and vague words.
const WEEKDAY_RE = new RegExp(String.raw`\b(?:(last|this past|next|this|on|early|late|earlier|later|by)\s+(?:on\s+)?)?(${WEEKDAYS.join("|")})(?:'s)?\b`, "gi");
const TODAY_RE = /\b(?:earlier |later )?(today|tonight|this (?:morning|afternoon|evening)|overnight|on the same day)\b/gi;
const YESTERDAY_RE = /\b(yesterday|the previous day|the day before)\b/gi;
const WEEK_RE = /\b(last week|earlier this week|this week|the previous week|past week)\b/gi;
const MONTH_REL_RE = /\b(last month|earlier this month|this month|the previous month|past month|late last month|early last month|earlier in the month)\b/gi;
const YEAR_REL_RE = /\b(last year|earlier this year|this year)\b/gi;
const VAGUE_RE = /\b(recently|in recent (?:days|weeks|months)|lately|of late|in the past (?:few )?(?:days|weeks))\b/gi;

function collect(re: RegExp, sentence: string): RegExpExecArray[] {
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(sentence))) out.push(m);
  return out;
}

/** Whether the words around offset `at` speak of the future ("will meet on Thursday"). */
function futureAround(sentence: string, at: number): boolean {
  const clauseStart = Math.max(sentence.lastIndexOf(",", at - 1), sentence.lastIndexOf(";", at - 1), sentence.lastIndexOf(" that ", at - 1), 0);
  const window = sentence.slice(clauseStart, at);
  return FUTURE_WORDS.test(window);
}

/**
 * Every date phrase of a sentence, resolved. `published` null: the article is undated; `yearHint`
 * is a year the article states elsewhere, for a "17 Nov" with no year.
 */
export function datePhrases(sentence: string, published: PublishedDay | null, yearHint: number | null = null, hits?: readonly ChronoHit[]): DatePhrase[] {
  const found: DatePhrase[] = [];
  const taken: [number, number][] = [];
  const add = (index: number, words: string, date: DraftDate, future = false) => {
    if (taken.some(([a, b]) => index < b && index + words.length > a)) return;
    taken.push([index, index + words.length]);
    found.push({ index, words, date, future });
  };
  const pub = published?.day ?? null;

  for (const m of collect(TODAY_RE, sentence)) {
    add(m.index, m[0], publicationDay(published, m[0], `“${m[0]}”`));
  }
  for (const m of collect(YESTERDAY_RE, sentence)) {
    if (!pub) add(m.index, m[0], unknown(m[0], `“${m[0]}”, and the article has no publication date: the date is unknown.`));
    else add(m.index, m[0], exactDay(shift(pub, -1), m[0], `“${m[0]}”: the day before the publication day, ${formatDay(shift(pub, -1))}.`));
  }
  for (const m of collect(WEEKDAY_RE, sentence)) {
    const modifier = (m[1] ?? "").toLowerCase();
    const wd = WEEKDAYS.indexOf(m[2]!.toLowerCase());
    const words = m[0];
    const future = modifier === "next" || futureAround(sentence, m.index);
    if (!pub) {
      add(m.index, words, unknown(words, `“${words}” names a weekday, but the article has no publication date: the date is unknown.`), future);
      continue;
    }
    const back = (weekdayOf(pub) - wd + 7) % 7;
    let day: string;
    let how: string;
    if (future) {
      day = shift(pub, (wd - weekdayOf(pub) + 7) % 7 || 7);
      how = "the next";
    } else if (modifier === "last" && back === 0) {
      day = shift(pub, -7);
      how = "the previous";
    } else {
      day = shift(pub, -back);
      how = "the last";
    }
    const note = back === 0 && how === "the last" ? `“${words}”: the publication day itself, ${formatDay(day)}.` : `“${words}”: ${how} ${m[2]} ${how === "the next" ? "after" : "on or before"} the publication day (${formatDay(pub)}), ${formatDay(day)}.`;
    add(m.index, words, exactDay(day, words, note), future);
  }
  for (const m of collect(WEEK_RE, sentence)) {
    const words = m[0];
    if (!pub) {
      add(m.index, words, unknown(words, `“${words}”, and the article has no publication date: the date is unknown.`));
      continue;
    }
    // Weeks start on Monday.
    const monday = shift(pub, -((weekdayOf(pub) + 6) % 7));
    const [start, end] = /this week/i.test(words) ? [monday, pub] : [shift(monday, -7), shift(monday, -1)];
    add(m.index, words, {
      day: start,
      endDay: end,
      precision: "DAY",
      bound: "BETWEEN",
      approximate: true,
      class: "approximate",
      words,
      note: `“${words}”: between ${formatDay(start)} and ${formatDay(end)}.`,
    });
  }
  for (const m of collect(MONTH_REL_RE, sentence)) {
    const words = m[0];
    if (!pub) {
      add(m.index, words, unknown(words, `“${words}”, and the article has no publication date: the date is unknown.`));
      continue;
    }
    const { y, m: mo } = parts(pub);
    const last = /last|previous|past/i.test(words);
    const [yy, mm] = last ? (mo === 1 ? [y - 1, 12] : [y, mo - 1]) : [y, mo];
    add(m.index, words, month(yy, mm, words, `“${words}”: ${MONTHS[mm - 1]} ${yy}, month precision.`));
  }
  for (const m of collect(YEAR_REL_RE, sentence)) {
    const words = m[0];
    if (!pub) {
      add(m.index, words, unknown(words, `“${words}”, and the article has no publication date: the date is unknown.`));
      continue;
    }
    const y = parts(pub).y - (/last/i.test(words) ? 1 : 0);
    add(m.index, words, { day: isoOf(y, 1, 1), endDay: null, precision: "YEAR", bound: "EXACT", approximate: true, class: "approximate", words, note: `“${words}”: ${y}, year precision.` });
  }
  for (const m of collect(VAGUE_RE, sentence)) {
    add(m.index, m[0], onOrBeforePublication(published, m[0], `“${m[0]}”`));
  }

  // Absolute dates and "N days ago", by chrono. Its reference is the publication day at noon
  // (local components only are read, so the server's zone plays no part).
  const refDay = pub ?? (yearHint ? isoOf(yearHint, 12, 31) : null);
  for (const r of hits ?? chronoHits(sentence, published, yearHint)) {
    const words = r.text.trim();
    if (/\b(?:after|before|later|earlier)\b/i.test(words) && !/\bago\b/i.test(words)) continue;
    // A duration ("over the past 10 months", "for two weeks") is not a date.
    if (/\b(?:past|over|for|within|next|coming|last)\b/i.test(words) && /\b(?:days|weeks|months|years)\b/i.test(words) && !/\bago\b/i.test(words)) continue;
    if (!r.start.isCertain("day") && !r.start.isCertain("month") && !r.start.isCertain("year")) continue;
    const y = r.start.get("year")!;
    const mo = r.start.get("month")!;
    const d = r.start.get("day")!;
    const relative = /\bago\b/i.test(words);
    const hasYear = r.start.isCertain("year");
    const future = futureAround(sentence, r.index);
    if (relative && !pub) {
      add(r.index, words, unknown(words, `“${words}”, and the article has no publication date: the date is unknown.`));
      continue;
    }
    if (!hasYear && !relative && !refDay) {
      add(r.index, words, unknown(words, `“${words}” has no year, and the article has no publication date: the date is unknown.`));
      continue;
    }
    let year = y;
    // A day or month without a year is the last one on or before the publication day, unless the
    // words speak of the future.
    if (!hasYear && !relative && refDay && !future) {
      const candidate = r.start.isCertain("day") ? isoOf(y, mo, d) : isoOf(y, mo, 1);
      if (candidate > refDay) year = y - 1;
    }
    const why = hasYear ? "" : pub ? " (the year of the publication day)" : ` (the year the article gives elsewhere, ${yearHint})`;
    if (r.start.isCertain("day")) {
      const day = isoOf(year, mo, d);
      add(r.index, words, exactDay(day, words, `“${words}”${why}: ${formatDay(day)}.`), future || (pub !== null && day > pub));
    } else if (r.start.isCertain("month")) {
      add(r.index, words, month(year, mo, words, `“${words}”${why}: ${MONTHS[mo - 1]} ${year}, month precision.`), future);
    } else {
      add(r.index, words, { day: isoOf(year, 1, 1), endDay: null, precision: "YEAR", bound: "EXACT", approximate: true, class: "approximate", words, note: `“${words}”: ${year}, year precision.` }, future);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export type ChronoHit = Pick<chrono.ParsedResult, "index" | "text" | "start">;

function referenceOf(published: PublishedDay | null, yearHint: number | null): Date {
  const refDay = published?.day ?? (yearHint ? isoOf(yearHint, 12, 31) : null);
  return refDay ? new Date(parts(refDay).y, parts(refDay).m - 1, parts(refDay).d, 12) : new Date(2000, 0, 1, 12);
}

/**
 * chrono-node's reading of a text, once for a whole article (it is much faster than sentence by
 * sentence). Its reference is the publication day at noon; only the calendar components are read,
 * so the server's zone plays no part.
 */
export function chronoHits(text: string, published: PublishedDay | null, yearHint: number | null): ChronoHit[] {
  return chrono.en.parse(text, referenceOf(published, yearHint));
}

/** The year of the latest full date ("17 November 2024") an undated article states, if any. */
export function yearHintOf(text: string): number | null {
  let best: number | null = null;
  for (const r of chrono.en.parse(text, new Date(2000, 0, 1, 12))) {
    if (r.start.isCertain("year")) {
      const y = r.start.get("year")!;
      if (best === null || y > best) best = y;
    }
  }
  return best;
}

/**
 * The publication date an editor types: a day ("2024-11-18") is a day in the story's zone; a
 * local time ("2024-11-18T10:01") is a time there; an instant with an offset or Z is that instant.
 */
export function parsePublished(value: string | null | undefined, zone: string): PublishedDay | null {
  const v = value?.trim();
  if (!v) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const d = isoOf(Number(day[1]), Number(day[2]), Number(day[3]));
    if (!validDay(d)) throw new RangeError(`“${v}” is not a calendar date.`);
    return { day: d, instant: zonedInstant(d, 0, 0, zone), hasTime: false };
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(v);
  if (local) {
    const d = isoOf(Number(local[1]), Number(local[2]), Number(local[3]));
    if (!validDay(d) || Number(local[4]) > 23 || Number(local[5]) > 59) throw new RangeError(`“${v}” is not a valid date and time.`);
    return { day: d, instant: zonedInstant(d, Number(local[4]), Number(local[5]), zone), hasTime: true };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    const instant = new Date(v);
    if (Number.isNaN(instant.getTime())) throw new RangeError(`“${v}” is not a valid instant.`);
    return { day: dayIn(instant, zone), instant, hasTime: true };
  }
  throw new RangeError(`“${v}” is not an ISO date (2024-11-18), local time (2024-11-18T10:01) or instant (2024-11-18T15:01:00Z).`);
}

function validDay(d: string): boolean {
  const { y, m, d: dd } = parts(d);
  const t = new Date(Date.UTC(y, m - 1, dd));
  return y >= 100 && y <= 9998 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === dd;
}

/** The calendar day of an instant in a zone. */
export function dayIn(instant: Date, zone: string): string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  return f.format(instant);
}

/** The instant of a local wall-clock time in a zone. */
export function zonedInstant(day: string, hour: number, minute: number, zone: string): Date {
  const { y, m, d } = parts(day);
  // Two passes settle the zone's offset at that wall-clock time (daylight saving included).
  let guess = Date.UTC(y, m - 1, d, hour, minute);
  for (let i = 0; i < 2; i++) {
    const f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
    const p = Object.fromEntries(f.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    guess += Date.UTC(y, m - 1, d, hour, minute) - shown;
  }
  return new Date(guess);
}

export { formatDay, shift as shiftDay };
