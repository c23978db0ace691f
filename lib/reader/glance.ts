import "server-only";
import { addDays, localDay } from "../dates";
import type { Prisma } from "../../generated/prisma-sqlite/client";
import { databaseKind, driverDate, driverRows, getDb, type DriverRow } from "../db";
import { EVENT_STATUSES, type ClaimStatusValue, type EventKindValue, type EventStatusValue } from "../domain";
import type { AsOf } from "../events/as-of";
import type { TimelineQuery } from "../events/filters";
import { resolveFilterSlugs, timelineWhere } from "../events/queries";
import { sqliteInstant } from "../import/raw-insert";

// The story at a glance: a story's published events per day (each event's own day, the one the
// timeline groups it under and the from/to filters compare), counted by the label a reader saw at
// the view's instant, with the days on which a main claim's status changed.
//
// Drawn from an aggregate, never from the events themselves:
// - an unfiltered view of today (or one filtered by status only) reads StoryDayCount, kept by
//   database triggers: one row per day and label, whatever the story's size; a story whose bars
//   would be four weeks long or more (MONTH_BARS_FROM_DAYS) is drawn in whole calendar months
//   from StoryMonthCount instead, the same counts summed per month by triggers on StoryDayCount:
//   a few hundred rows for a story of years, where its days were tens of thousands;
// - a view filtered by source (and status) counts the source's ordered key, EventSource, whose
//   index holds the story, the source, the event's day (timelineKey) and its label;
// - an "as of" view (filtered by status at most) counts the label periods current at the cut-off,
//   through EventStatusPeriod's index (story, label, timelineKey, validFrom, validTo): the label
//   each event carried then, as the timeline's own as-of filter reads it. A period current at the
//   cut-off began when the event was known at the latest (lib/events/projection.ts labelPeriods),
//   so the event was known by then;
// - any other filter (kind, actor, tag, text, or several with "as of") groups the matching
//   events in the database, by day and label.
// Each walks the index range of the strip's window, leaving out the story's few unpublished events
// there, and never reads the events themselves.
// The from/to filter is the one filter the strip does not apply: the strip shows the whole story
// under the other filters and marks the chosen range, so that it stays a way to move through it.

export type GlanceDay = { day: string; counts: Partial<Record<EventStatusValue, number>>; total: number };
export type GlanceChange = { day: string; claim: string; to: ClaimStatusValue };
export type Glance = {
  /** Per day, or per bar (keyed by its first day) when the database already summed them. */
  days: GlanceDay[];
  changes: GlanceChange[];
  /**
   * How the counts were read: the per-day or per-month table, the source key or the label periods
   * counted in their index, or the matching events grouped.
   */
  via: "day-counts" | "month-counts" | "source-key" | "period-key" | "grouped-events";
  /** Days per bar when the database summed the bars by days; null: one entry per day, or months. */
  daysPerBar: number | null;
  /**
   * Calendar months per bar when the database summed the bars by months (each bar keyed by its
   * first day: the story's first day for the first bar, else the 1st of its first month); null
   * otherwise.
   */
  monthsPerBar: number | null;
  /**
   * The strip's last day when the database summed the bars (the story's last day, or a later
   * status change): the last bar ends there, not at its key. Null: the days' own last day.
   */
  lastDay: string | null;
  /** The days a grouped view was limited to (GROUPED_WINDOW_DAYS), or null: the whole story. */
  window: { from: string; to: string } | null;
};

function toDays(rows: { day: string; status: EventStatusValue; count: number }[]): GlanceDay[] {
  const byDay = new Map<string, GlanceDay>();
  for (const r of rows) {
    if (r.count <= 0) continue;
    let d = byDay.get(r.day);
    if (!d) byDay.set(r.day, (d = { day: r.day, counts: {}, total: 0 }));
    d.counts[r.status] = (d.counts[r.status] ?? 0) + r.count;
    d.total += r.count;
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** Whether the view is filtered by status at most (from/to aside). */
function statusOnly(query: TimelineQuery): boolean {
  return query.sources.length === 0 && query.kinds.length === 0 && query.actors.length === 0 && query.tags.length === 0 && query.q === null;
}

/** Whether the per-day table can answer the view: today, filtered by status at most. */
export function glanceFromDayCounts(query: TimelineQuery, asOf: AsOf): boolean {
  return asOf === null && statusOnly(query);
}

/** The most bars the strip draws; a longer story gets a bar per run of days. */
export const MAX_BARS = 92;

/**
 * A view the per-day table cannot answer (a source, kind, actor, tag or text filter, or "as of")
 * groups its matching events: at most this many days of them, ending with the story's last day
 * (or the "as of" day), so that the strip of a million-event story costs a few months of events,
 * not the whole story. The strip says so.
 */
export const GROUPED_WINDOW_DAYS = 92;

/**
 * Bars that would be this many days long or more are drawn as whole calendar months instead: at
 * MAX_BARS bars, a story of more than 27 × 92 = 2,484 days (about 6.8 years).
 */
export const MONTH_BARS_FROM_DAYS = 28;

/** Days from `first` to `day` (0 for the same day). */
function dayIndex(first: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
}

/** A day's or month's calendar month as a count of months since year 0 (`YYYY-MM…`). */
function monthIndex(day: string): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
}

/** The first day (`YYYY-MM-01`) of the month `monthIndex` counts. */
function monthStart(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** The last day of the month `monthIndex` counts. */
function monthEnd(index: number): string {
  return addDays(monthStart(index + 1), -1);
}

/** The per-day counts of a story's view (from/to aside), and the main claims' status changes. */
export async function getStoryGlance(
  story: { id: string; timeZone: string },
  query: TimelineQuery,
  asOf: AsOf,
  mainClaimIds: readonly string[],
): Promise<Glance> {
  const db = getDb();
  const read = await driverRows(db);
  const at = asOf?.cutoff ?? null;
  const view: TimelineQuery = { ...query, from: null, to: null, before: null, after: null };
  const pg = databaseKind() === "postgresql";
  // Three small statements on the driver (the main claims' changes, the story's first and last
  // days), each in an index: through Prisma, compiling them cost more than running them.
  const [found, span] = await Promise.all([
    mainClaimIds.length
      ? read(
          `SELECT h."knownAt" AS "knownAt", h."toStatus"${pg ? "::text" : ""} AS "toStatus", c."text" AS "text"
           FROM "ClaimStatusChange" h JOIN "Claim" c ON c."id" = h."claimId"
           WHERE h."claimId" IN (${mainClaimIds.map(() => "?").join(", ")})${at ? ` AND h."knownAt" <= ?${pg ? "::timestamp" : ""}` : ""}
           ORDER BY h."knownAt", h."sequence"`,
          [...mainClaimIds, ...(at ? [pg ? at.toISOString() : sqliteInstant(at)] : [])],
        ).then((rows) => rows.map((r) => ({ knownAt: driverDate(r.knownAt), toStatus: String(r.toStatus) as ClaimStatusValue, claim: { text: String(r.text) } })))
      : Promise.resolve([]),
    // The story's first and last days with events: each one step into the per-day table's key.
    read(
      `SELECT (SELECT "day" FROM "StoryDayCount" WHERE "storyId" = ? AND "count" > 0 ORDER BY "day" LIMIT 1) AS "min",
              (SELECT "day" FROM "StoryDayCount" WHERE "storyId" = ? AND "count" > 0 ORDER BY "day" DESC LIMIT 1) AS "max"`,
      [story.id, story.id],
    ).then(([r]) => ({ _min: { day: r?.min == null ? null : String(r.min) }, _max: { day: r?.max == null ? null : String(r.max) } })),
  ]);
  const changes = found.map((c) => ({ day: localDay(c.knownAt, story.timeZone), claim: c.claim.text, to: c.toStatus }));
  if (!span._min.day || !span._max.day) return { days: [], changes: [], via: "day-counts", daysPerBar: 1, monthsPerBar: null, lastDay: null, window: null };

  if (glanceFromDayCounts(view, asOf)) {
    // One row per bar and label: the table's rows are summed into bars in the database.
    const first = span._min.day;
    const last = changes.reduce((l, c) => (c.day > l ? c.day : l), span._max.day);
    const daysPerBar = Math.max(1, Math.ceil((dayIndex(first, last) + 1) / MAX_BARS));
    const statuses = view.statuses.length ? view.statuses : [...EVENT_STATUSES];
    if (daysPerBar >= MONTH_BARS_FROM_DAYS) {
      // Bars a month long or more: whole calendar months, from the per-month table.
      const firstMonth = monthIndex(first);
      const monthsPerBar = Math.ceil((monthIndex(last) - firstMonth + 1) / MAX_BARS);
      const rows = await monthBarCounts(read, story.id, firstMonth, monthsPerBar, statuses);
      const barStart = (bar: number) => maxDay(first, monthStart(firstMonth + bar * monthsPerBar));
      return {
        days: toDays(rows.map((r) => ({ day: barStart(r.bar), status: r.status, count: r.count }))),
        changes,
        via: "month-counts",
        daysPerBar: null,
        monthsPerBar,
        lastDay: last,
        window: null,
      };
    }
    const rows = await barCounts(read, story.id, first, daysPerBar, statuses);
    return {
      days: toDays(rows.map((r) => ({ day: addDays(first, r.bar * daysPerBar), status: r.status, count: r.count }))),
      changes,
      via: "day-counts",
      daysPerBar,
      monthsPerBar: null,
      lastDay: last,
      window: null,
    };
  }

  const end = asOf && asOf.day < span._max.day ? asOf.day : span._max.day;
  const start = addDays(end, -(GROUPED_WINDOW_DAYS - 1));
  const window = start > span._min.day ? { from: start, to: end } : null;
  const resolved = await resolveFilterSlugs(view);
  const scope = { storyId: story.id, cutoffs: at ? [{ storyId: story.id, cutoff: at }] : undefined };
  const where: Prisma.EventWhereInput = {
    AND: [timelineWhere(scope, view, resolved), ...(window ? [{ occurredOn: { gte: window.from, lte: window.to } }] : [])],
  };
  const statuses = view.statuses.length ? view.statuses : [...EVENT_STATUSES];
  const via: Glance["via"] = at
    ? statusOnly(view)
      ? "period-key"
      : "grouped-events"
    : resolved.sourceIds.length > 0 && statusOnly({ ...view, sources: [], kinds: [] })
      ? "source-key"
      : "grouped-events";
  let rows: { day: string; status: EventStatusValue; count: number }[];
  if (via === "period-key") {
    rows = await periodCounts(read, story.id, statuses, window, at!);
  } else if (via === "source-key") {
    rows = await sourceKeyCounts(read, story.id, resolved.sourceIds, view.statuses, view.kinds, window);
  } else if (!at) {
    const grouped = await db.event.groupBy({ by: ["occurredOn", "status"], where, _count: { _all: true } });
    rows = grouped.map((g) => ({ day: g.occurredOn, status: g.status, count: g._count._all }));
  } else {
    // The label each event carried at the cut-off: one grouped count per label.
    const perStatus = await Promise.all(
      statuses.map((status) =>
        db.event
          .groupBy({
            by: ["occurredOn"],
            where: {
              AND: [where, { statusPeriods: { some: { status, validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: at } }] } } }],
            },
            _count: { _all: true },
          })
          .then((g) => g.map((r) => ({ day: r.occurredOn, status, count: r._count._all }))),
      ),
    );
    rows = perStatus.flat();
  }
  const inWindow = window ? changes.filter((c) => c.day >= window.from && c.day <= window.to) : changes;
  return { days: toDays(rows), changes: inWindow, via, daysPerBar: null, monthsPerBar: null, lastDay: null, window };
}

type Read = Awaited<ReturnType<typeof driverRows>>;
const dayRows = (rows: DriverRow[]) => rows.map((r) => ({ day: String(r.day), status: String(r.status) as EventStatusValue, count: Number(r.count) }));
/** The schema's own enum values as a SQL list (never the reader's input). */
const statusList = (statuses: readonly (EventStatusValue | EventKindValue)[]) => statuses.map((s) => `'${s}'`).join(", ");
/** A timelineKey range covering the window's days: the key begins with the event's day. */
const keyRange = (column: string, window: { from: string; to: string } | null) => (window ? ` AND ${column} >= ? AND ${column} < ?` : "");
const keyRangeArgs = (window: { from: string; to: string } | null) => (window ? [window.from, addDays(window.to, 1)] : []);
/** Text enum values on PostgreSQL (the driver returns them as text on SQLite already). */
const asText = () => (databaseKind() === "postgresql" ? "::text" : "");

/**
 * The story's unpublished events in the window (drafts, withdrawn events): few, found in the
 * (storyId, published, timelineKey, id) index. The keys hold every event; excluding these costs
 * one small list instead of reading each counted event. Its parameters: the story, the window.
 */
const unpublishedIn = (window: { from: string; to: string } | null) =>
  `SELECT "id" FROM "Event" WHERE "storyId" = ? AND "published" = ${databaseKind() === "postgresql" ? "false" : "0"}${keyRange(`"timelineKey"`, window)}`;

/**
 * Published events per day and label of an ordered key (EventSource or EventStatusPeriod, whose
 * index holds the story, the key's own columns, then the event's timelineKey): the rows matching
 * `where` in the window's range of the key, the story's unpublished events left out (by the key's
 * own published column when it has one, EventSource's).
 */
async function keyCounts(
  read: Read,
  key: { table: string; where: string; args: readonly string[]; count: string; hasPublished?: boolean },
  storyId: string,
  window: { from: string; to: string } | null,
) {
  const published = key.hasPublished ? `k."published" = ${databaseKind() === "postgresql" ? "true" : "1"}` : `k."eventId" NOT IN (${unpublishedIn(window)})`;
  const sql = `SELECT substr(k."timelineKey", 1, 10) AS day, k."status"${asText()} AS status, ${key.count} AS count
    FROM "${key.table}" k
    WHERE k."storyId" = ? AND ${key.where}${keyRange(`k."timelineKey"`, window)}
      AND ${published}
    GROUP BY 1, 2`;
  return dayRows(await read(sql, [storyId, ...key.args, ...keyRangeArgs(window), ...(key.hasPublished ? [] : [storyId, ...keyRangeArgs(window)])]));
}

/**
 * Published events per day and label at the cut-off, from the label periods current then: one
 * range of EventStatusPeriod's (storyId, status, timelineKey, …, validFrom, validTo) index per
 * label, the period tested in the index.
 */
function periodCounts(read: Read, storyId: string, statuses: readonly EventStatusValue[], window: { from: string; to: string } | null, at: Date) {
  const pg = databaseKind() === "postgresql";
  const instant = pg ? at.toISOString() : sqliteInstant(at);
  const ts = pg ? "::timestamp" : "";
  return keyCounts(
    read,
    {
      table: "EventStatusPeriod",
      where: `k."status" IN (${statusList(statuses)}) AND k."validFrom" <= ?${ts} AND (k."validTo" IS NULL OR k."validTo" > ?${ts})`,
      args: [instant, instant],
      count: "COUNT(*)",
    },
    storyId,
    window,
  );
}

/**
 * Published events per day and label that cite any of the sources, from the source key
 * EventSource (storyId, sourceId, timelineKey, eventId, status, knownFrom, kind, published): one
 * index range per source, the label, kind and publication checked in the index, an event citing
 * several of them counted once.
 */
function sourceKeyCounts(
  read: Read,
  storyId: string,
  sourceIds: readonly string[],
  statuses: readonly EventStatusValue[],
  kinds: readonly EventKindValue[],
  window: { from: string; to: string } | null,
) {
  return keyCounts(
    read,
    {
      table: "EventSource",
      where:
        `k."sourceId" IN (${sourceIds.map(() => "?").join(", ")})` +
        (statuses.length ? ` AND k."status" IN (${statusList(statuses)})` : "") +
        (kinds.length ? ` AND k."kind" IN (${statusList(kinds)})` : ""),
      args: sourceIds,
      count: `COUNT(DISTINCT k."eventId")`,
      hasPublished: true,
    },
    storyId,
    window,
  );
}

/** StoryDayCount summed per bar (daysPerBar days from `first`) and label, in the database. */
async function barCounts(read: Read, storyId: string, first: string, daysPerBar: number, statuses: readonly EventStatusValue[]) {
  const list = statusList(statuses);
  const rows = await read(
    databaseKind() === "postgresql"
      ? `SELECT (("day"::date - ?::date) / ?::int)::int AS bar, "status"::text AS status, SUM("count")::int AS count
         FROM "StoryDayCount" WHERE "storyId" = ? AND "count" > 0 AND "status"::text IN (${list}) GROUP BY 1, 2`
      : `SELECT CAST((unixepoch("day") - unixepoch(?)) / (86400 * ?) AS INTEGER) AS bar, "status" AS status, SUM("count") AS count
         FROM "StoryDayCount" WHERE "storyId" = ? AND "count" > 0 AND "status" IN (${list}) GROUP BY 1, 2`,
    [first, daysPerBar, storyId],
  );
  return barRows(rows);
}

const barRows = (rows: DriverRow[]) => rows.map((r) => ({ bar: Number(r.bar), status: String(r.status) as EventStatusValue, count: Number(r.count) }));

/**
 * StoryMonthCount summed per bar (monthsPerBar calendar months from the month `firstMonth`
 * counts, as monthIndex counts them) and label, in the database: one row per month and label.
 */
async function monthBarCounts(read: Read, storyId: string, firstMonth: number, monthsPerBar: number, statuses: readonly EventStatusValue[]) {
  const list = statusList(statuses);
  const rows = await read(
    databaseKind() === "postgresql"
      ? `SELECT ((substr("month", 1, 4)::int * 12 + substr("month", 6, 2)::int - 1 - ?::int) / ?::int)::int AS bar, "status"::text AS status, SUM("count")::int AS count
         FROM "StoryMonthCount" WHERE "storyId" = ? AND "count" > 0 AND "status"::text IN (${list}) GROUP BY 1, 2`
      : `SELECT CAST((CAST(substr("month", 1, 4) AS INTEGER) * 12 + CAST(substr("month", 6, 2) AS INTEGER) - 1 - ?) / ? AS INTEGER) AS bar, "status" AS status, SUM("count") AS count
         FROM "StoryMonthCount" WHERE "storyId" = ? AND "count" > 0 AND "status" IN (${list}) GROUP BY 1, 2`,
    [firstMonth, monthsPerBar, storyId],
  );
  return barRows(rows);
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

export type GlanceBar = {
  from: string;
  to: string;
  counts: Partial<Record<EventStatusValue, number>>;
  total: number;
  changes: GlanceChange[];
};

/** Days between two ISO days, inclusive of both. */
function daySpan(first: string, last: string): number {
  return Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The strip's bars: one per day while the story spans at most maxBars days, else one per run of
 * equal days (a week…), or, when the database summed them so, one per run of whole calendar
 * months (a month, two…), so that a story of years stays one screen wide. The first bar starts on
 * the first day, the last ends on the last. Days without events keep their (empty) bar, so the
 * strip's width is time.
 */
export function glanceBars(glance: Glance, maxBars = 92): { bars: GlanceBar[]; daysPerBar: number | null; monthsPerBar: number | null } {
  const days = glance.days;
  if (days.length === 0) return { bars: [], daysPerBar: 1, monthsPerBar: null };
  // The strip runs from the first event's day to the last, or to a status change after it.
  const first = days[0]!.day;
  const last = glance.changes.reduce((l, c) => (c.day > l ? c.day : l), days[days.length - 1]!.day);
  // Summed bars are keyed by their first day: the last one ends on the strip's last day.
  const end = glance.lastDay && glance.lastDay > last ? glance.lastDay : last;
  const monthsPerBar = glance.monthsPerBar;
  const daysPerBar = monthsPerBar ? null : (glance.daysPerBar ?? Math.max(1, Math.ceil(daySpan(first, last) / maxBars)));
  // The bar a day falls in, and bar i's first and last days.
  let indexOf: (day: string) => number;
  let range: (i: number) => { from: string; to: string };
  let count: number;
  if (monthsPerBar) {
    const firstMonth = monthIndex(first);
    indexOf = (day) => Math.floor((monthIndex(day) - firstMonth) / monthsPerBar);
    range = (i) => ({ from: maxDay(first, monthStart(firstMonth + i * monthsPerBar)), to: monthEnd(firstMonth + (i + 1) * monthsPerBar - 1) });
    count = indexOf(last) + 1;
  } else {
    const n = daysPerBar!;
    indexOf = (day) => Math.floor((daySpan(first, day) - 1) / n);
    range = (i) => ({ from: addDays(first, i * n), to: addDays(first, i * n + n - 1) });
    count = Math.ceil(daySpan(first, last) / n);
  }
  const bars: GlanceBar[] = Array.from({ length: count }, (_, i) => {
    const { from, to } = range(i);
    return { from, to: minDay(to, end), counts: {}, total: 0, changes: [] };
  });
  for (const d of days) {
    const bar = bars[indexOf(d.day)]!;
    for (const [status, n] of Object.entries(d.counts) as [EventStatusValue, number][]) {
      bar.counts[status] = (bar.counts[status] ?? 0) + n;
    }
    bar.total += d.total;
  }
  for (const c of glance.changes) {
    if (c.day < first || c.day > last) continue;
    bars[indexOf(c.day)]!.changes.push(c);
  }
  return { bars, daysPerBar, monthsPerBar };
}
