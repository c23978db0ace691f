import "server-only";
import { addDays, localDay } from "../dates";
import { getDb } from "../db";
import { EVENT_STATUSES, type ClaimStatusValue, type EventStatusValue } from "../domain";
import type { AsOf } from "../events/as-of";
import type { TimelineQuery } from "../events/filters";
import { resolveFilterSlugs, timelineWhere } from "../events/queries";

// The story at a glance: a story's published events per day (each event's own day, the one the
// timeline groups it under and the from/to filters compare), counted by the label a reader saw at
// the view's instant, with the days on which a main claim's status changed.
//
// Drawn from an aggregate, never from the events themselves:
// - an unfiltered view of today (or one filtered by status only) reads StoryDayCount, kept by
//   database triggers: one row per day and label, whatever the story's size;
// - any other filter (source, kind, actor, tag, text) groups the matching events in the database,
//   by day and label;
// - an "as of" view groups the events known by the cut-off by day, once per label, testing the
//   label they carried then (EventStatusPeriod), as the timeline's own as-of filter does.
// The from/to filter is the one filter the strip does not apply: the strip shows the whole story
// under the other filters and marks the chosen range, so that it stays a way to move through it.

export type GlanceDay = { day: string; counts: Partial<Record<EventStatusValue, number>>; total: number };
export type GlanceChange = { day: string; claim: string; to: ClaimStatusValue };
export type Glance = {
  days: GlanceDay[];
  changes: GlanceChange[];
  /** How the counts were read: the per-day table, or the matching events grouped. */
  via: "day-counts" | "grouped-events";
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

/** Whether the per-day table can answer the view: today, filtered by status at most. */
export function glanceFromDayCounts(query: TimelineQuery, asOf: AsOf): boolean {
  return (
    asOf === null &&
    query.sources.length === 0 &&
    query.kinds.length === 0 &&
    query.actors.length === 0 &&
    query.tags.length === 0 &&
    query.q === null
  );
}

/** The per-day counts of a story's view (from/to aside), and the main claims' status changes. */
export async function getStoryGlance(
  story: { id: string; timeZone: string },
  query: TimelineQuery,
  asOf: AsOf,
  mainClaimIds: readonly string[],
): Promise<Glance> {
  const db = getDb();
  const at = asOf?.cutoff ?? null;
  const changesQuery = mainClaimIds.length
    ? db.claimStatusChange.findMany({
        where: { claimId: { in: [...mainClaimIds] }, ...(at ? { knownAt: { lte: at } } : {}) },
        orderBy: [{ knownAt: "asc" }, { sequence: "asc" }],
        select: { knownAt: true, toStatus: true, claim: { select: { text: true } } },
      })
    : Promise.resolve([]);
  const view: TimelineQuery = { ...query, from: null, to: null, before: null, after: null };

  let rows: { day: string; status: EventStatusValue; count: number }[];
  let via: Glance["via"];
  if (glanceFromDayCounts(view, asOf)) {
    via = "day-counts";
    const found = await db.storyDayCount.findMany({
      where: { storyId: story.id, count: { gt: 0 }, ...(view.statuses.length ? { status: { in: view.statuses } } : {}) },
      select: { day: true, status: true, count: true },
    });
    rows = found;
  } else {
    via = "grouped-events";
    const resolved = await resolveFilterSlugs(view);
    const scope = { storyId: story.id, cutoffs: at ? [{ storyId: story.id, cutoff: at }] : undefined };
    const where = timelineWhere(scope, view, resolved);
    if (!at) {
      const grouped = await db.event.groupBy({ by: ["occurredOn", "status"], where, _count: { _all: true } });
      rows = grouped.map((g) => ({ day: g.occurredOn, status: g.status, count: g._count._all }));
    } else {
      // The label each event carried at the cut-off: one grouped count per label.
      const statuses = view.statuses.length ? view.statuses : [...EVENT_STATUSES];
      const perStatus = await Promise.all(
        statuses.map((status) =>
          db.event
            .groupBy({
              by: ["occurredOn"],
              where: {
                AND: [
                  where,
                  { statusPeriods: { some: { status, validFrom: { lte: at }, OR: [{ validTo: null }, { validTo: { gt: at } }] } } },
                ],
              },
              _count: { _all: true },
            })
            .then((g) => g.map((r) => ({ day: r.occurredOn, status, count: r._count._all }))),
        ),
      );
      rows = perStatus.flat();
    }
  }
  const changes = (await changesQuery).map((c) => ({ day: localDay(c.knownAt, story.timeZone), claim: c.claim.text, to: c.toStatus }));
  return { days: toDays(rows), changes, via };
}

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
 * equal days (a week, a month…), so that a year-long story stays one screen wide. Days without
 * events keep their (empty) bar, so the strip's width is time.
 */
export function glanceBars(glance: Glance, maxBars = 92): { bars: GlanceBar[]; daysPerBar: number } {
  const days = glance.days;
  if (days.length === 0) return { bars: [], daysPerBar: 1 };
  // The strip runs from the first event's day to the last, or to a status change after it.
  const first = days[0]!.day;
  const last = glance.changes.reduce((l, c) => (c.day > l ? c.day : l), days[days.length - 1]!.day);
  const span = daySpan(first, last);
  const daysPerBar = Math.max(1, Math.ceil(span / maxBars));
  const count = Math.ceil(span / daysPerBar);
  const bars: GlanceBar[] = Array.from({ length: count }, (_, i) => {
    const from = addDays(first, i * daysPerBar);
    const to = addDays(from, daysPerBar - 1);
    return { from, to: to > last ? last : to, counts: {}, total: 0, changes: [] };
  });
  const indexOf = (day: string) => Math.floor((daySpan(first, day) - 1) / daysPerBar);
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
  return { bars, daysPerBar };
}
