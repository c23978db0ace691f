import Database from "better-sqlite3";
import pg from "pg";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { StoryGlance } from "../../components/reader/story-glance";
import { createTestClaim, createTestEvent, createTestSource, createTestStory, changeClaimStatus } from "../../prisma/factories";
import { addDays, endOfLocalDay } from "../dates";
import { getDb } from "../db";
import type { EventStatusValue } from "../domain";
import { asOfFor } from "../events/as-of";
import { projectEvent } from "../events/event-view";
import { EMPTY_QUERY, parseTimelineQuery } from "../events/filters";
import { timelineEventSelect } from "../events/queries";
import { atacmsStory } from "../seed/atacms-story";
import { seedStory } from "../seed/seed-story";
import { applyMigrationsAfter, createTemporaryDatabase } from "../testing/temp-database";
import { getStoryGlance, glanceBars, glanceFromDayCounts, type Glance, GROUPED_WINDOW_DAYS, MAX_BARS, MONTH_BARS_FROM_DAYS } from "./glance";
import { mainClaimIds, whereThingsStand } from "./where-things-stand";

// "Where things stand" and the story at a glance, on the seeded ATACMS story and on factory-built
// stories, against what the as-of projection says event by event.

const NY = "America/New_York";
const MAIN = "biden-authorized-atacms-strikes-inside-russia";
let storyId: string;

beforeAll(async () => {
  storyId = (await seedStory(getDb(), atacmsStory)).storyId;
});

type Listed = Awaited<ReturnType<typeof listedEvents>>[number];
const listedEvents = (story: string) => getDb().event.findMany({ where: { storyId: story, published: true }, select: timelineEventSelect });

/** What the strip must show: every published event known at `at`, by day and label then. */
async function expectedCounts(story: string, at: Date | null, keep: (e: Listed) => boolean = () => true) {
  const events = await listedEvents(story);
  const out: Record<string, Partial<Record<EventStatusValue, number>>> = {};
  for (const e of events) {
    if (!keep(e)) continue;
    const view = projectEvent(e, at);
    if (!view) continue;
    const day = (out[e.occurredOn] ??= {});
    day[view.label.status] = (day[view.label.status] ?? 0) + 1;
  }
  return out;
}

/** The counts of one label only, days without it dropped. */
function onlyStatus(counts: Record<string, Partial<Record<EventStatusValue, number>>>, status: EventStatusValue) {
  return Object.fromEntries(Object.entries(counts).flatMap(([day, c]) => (c[status] ? [[day, { [status]: c[status] }]] : [])));
}

const asRecord = (days: { day: string; counts: Partial<Record<EventStatusValue, number>> }[]) =>
  Object.fromEntries(days.map((d) => [d.day, d.counts]));

/**
 * StoryDayCount, as the triggers left it, against a fresh count of the events; and StoryMonthCount,
 * as its own triggers left it, against StoryDayCount summed by month, for every story.
 */
async function expectDayCountsInStep(story: string, step = "") {
  const [kept, counted] = await Promise.all([
    getDb().storyDayCount.findMany({ where: { storyId: story, count: { gt: 0 } }, select: { day: true, status: true, count: true } }),
    getDb().event.groupBy({ by: ["occurredOn", "status"], where: { storyId: story, published: true }, _count: { _all: true } }),
  ]);
  const key = (d: string, s: string) => `${d}|${s}`;
  expect(Object.fromEntries(kept.map((k) => [key(k.day, k.status), k.count])), step).toEqual(
    Object.fromEntries(counted.map((c) => [key(c.occurredOn, c.status), c._count._all])),
  );
  await expectMonthCountsInStep(step);
}

/** StoryMonthCount, every story's, against StoryDayCount summed by (story, month, label). */
async function expectMonthCountsInStep(step = "") {
  const [months, days] = await Promise.all([getDb().storyMonthCount.findMany(), getDb().storyDayCount.findMany()]);
  const summed = new Map<string, number>();
  for (const d of days) {
    const cell = `${d.storyId}|${d.day.slice(0, 7)}|${d.status}`;
    summed.set(cell, (summed.get(cell) ?? 0) + d.count);
  }
  const nonZero = (cells: [string, number][]) => Object.fromEntries(cells.filter(([, n]) => n !== 0));
  expect(nonZero(months.map((m) => [`${m.storyId}|${m.month}|${m.status}`, m.count])), step).toEqual(nonZero([...summed]));
  expect(months.every((m) => /^\d{4}-\d{2}$/.test(m.month) && m.count >= 0), step).toBe(true);
}

describe("StoryDayCount, kept by the database's triggers", () => {
  it("matches the events after seeding", async () => {
    await expectDayCountsInStep(storyId);
  });

  it("follows publishing, unpublishing, relabelling, moving and deleting", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const other = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource({ kind: "NEWSPAPER" });
    const claim = await createTestClaim({ storyId: story.id });
    const base = { storyId: story.id, timeZone: "UTC", precision: "DAY" as const };
    const a = await createTestEvent({ ...base, occurredAt: new Date("2024-05-01T12:00:00Z"), citations: [{ sourceId: source.id }], claims: [{ claimId: claim.id, stance: "ASSERTS" }] });
    const b = await createTestEvent({ ...base, occurredAt: new Date("2024-05-01T15:00:00Z"), citations: [{ sourceId: source.id }] });
    const draft = await createTestEvent({ ...base, occurredAt: new Date("2024-05-02T15:00:00Z"), published: false, citations: [{ sourceId: source.id }] });
    const c = await createTestEvent({ ...base, occurredAt: new Date("2024-05-31T15:00:00Z"), citations: [{ sourceId: source.id }] });
    const d = await createTestEvent({ ...base, occurredAt: new Date("2024-06-01T15:00:00Z"), citations: [{ sourceId: source.id }] });
    await expectDayCountsInStep(story.id, "created");
    expect((await getDb().storyDayCount.findMany({ where: { storyId: story.id, count: { gt: 0 } } })).length).toBe(3);
    expect(await getDb().storyMonthCount.findMany({ where: { storyId: story.id, count: { gt: 0 } }, select: { month: true, status: true, count: true }, orderBy: { month: "asc" } })).toEqual([
      { month: "2024-05", status: "ON_RECORD", count: 3 },
      { month: "2024-06", status: "ON_RECORD", count: 1 },
    ]);

    await getDb().event.update({ where: { id: draft.id }, data: { published: true } });
    await expectDayCountsInStep(story.id, "a draft published");
    await getDb().event.update({ where: { id: b.id }, data: { published: false } });
    await expectDayCountsInStep(story.id, "an event unpublished");
    // A move to another day (and story), and a relabel through the claim's status.
    await getDb().event.update({ where: { id: a.id }, data: { occurredOn: "2024-05-03", timelineKey: "2024-05-03|0000|x" } });
    await expectDayCountsInStep(story.id, "a move to another day of the month");
    await getDb().event.update({ where: { id: c.id }, data: { occurredOn: "2024-07-01", timelineKey: "2024-07-01|0000|x" } });
    await expectDayCountsInStep(story.id, "a move to another month");
    await getDb().event.update({ where: { id: d.id }, data: { storyId: other.id } });
    await expectDayCountsInStep(story.id, "a move to another story");
    await expectDayCountsInStep(other.id, "a move to another story");
    await getDb().event.update({ where: { id: c.id }, data: { status: "DENIED" } });
    await expectDayCountsInStep(story.id, "one event relabelled");
    await getDb().event.updateMany({ where: { storyId: story.id }, data: { status: "RETRACTED" } });
    await expectDayCountsInStep(story.id, "a story's events relabelled at once");
    // One statement that moves several events across months and stories and publishes a draft.
    await createTestEvent({ ...base, occurredAt: new Date("2024-08-09T15:00:00Z"), published: false, citations: [{ sourceId: source.id }] });
    await getDb().event.updateMany({ where: { storyId: story.id }, data: { storyId: other.id, occurredOn: "2024-09-30", published: true } });
    await expectDayCountsInStep(story.id, "events moved at once");
    await expectDayCountsInStep(other.id, "events moved at once");
    await getDb().event.delete({ where: { id: draft.id } });
    await expectDayCountsInStep(other.id, "an event deleted");
    await getDb().event.deleteMany({ where: { storyId: other.id } });
    await expectDayCountsInStep(other.id, "a story's events deleted at once");
    expect(await getDb().storyMonthCount.findMany({ where: { storyId: { in: [story.id, other.id] }, count: { not: 0 } } })).toEqual([]);
  });

  it("keeps StoryMonthCount in step with any write to StoryDayCount, even those its triggers on Event never make", async () => {
    // Only the triggers on Event write StoryDayCount (new cells and changed counts); a cell moved to
    // another day, month, label or story, or deleted, must move its month's count all the same.
    const db = getDb();
    const [s1, s2] = [`direct-${Date.now()}-1`, `direct-${Date.now()}-2`];
    await db.storyDayCount.createMany({
      data: [
        { storyId: s1, day: "2023-01-05", status: "REPORTED", count: 2 },
        { storyId: s1, day: "2023-01-06", status: "REPORTED", count: 3 },
        { storyId: s1, day: "2023-02-01", status: "DENIED", count: 1 },
      ],
    });
    await expectMonthCountsInStep("cells inserted");
    await db.storyDayCount.update({ where: { storyId_day_status: { storyId: s1, day: "2023-01-05", status: "REPORTED" } }, data: { day: "2023-01-20" } });
    await expectMonthCountsInStep("a cell moved within its month");
    await db.storyDayCount.update({ where: { storyId_day_status: { storyId: s1, day: "2023-01-20", status: "REPORTED" } }, data: { day: "2023-03-01", count: 7 } });
    await expectMonthCountsInStep("a cell moved to another month with a new count");
    await db.storyDayCount.update({ where: { storyId_day_status: { storyId: s1, day: "2023-01-06", status: "REPORTED" } }, data: { status: "CONFIRMED" } });
    await expectMonthCountsInStep("a cell relabelled");
    await db.storyDayCount.updateMany({ where: { storyId: s1 }, data: { storyId: s2 } });
    await expectMonthCountsInStep("cells moved to another story at once");
    await db.storyDayCount.upsert({
      where: { storyId_day_status: { storyId: s2, day: "2023-02-01", status: "DENIED" } },
      create: { storyId: s2, day: "2023-02-01", status: "DENIED", count: 1 },
      update: { count: { increment: 4 } },
    });
    await expectMonthCountsInStep("a count raised");
    await db.storyDayCount.delete({ where: { storyId_day_status: { storyId: s2, day: "2023-02-01", status: "DENIED" } } });
    await expectMonthCountsInStep("a cell deleted");
    expect(await db.storyMonthCount.findMany({ where: { storyId: s2, count: { gt: 0 } }, select: { month: true, status: true, count: true }, orderBy: { month: "asc" } })).toEqual([
      { month: "2023-01", status: "CONFIRMED", count: 3 },
      { month: "2023-03", status: "REPORTED", count: 7 },
    ]);
    await db.storyDayCount.deleteMany({ where: { storyId: s2 } });
    await expectMonthCountsInStep("cells deleted at once");
    expect(await db.storyMonthCount.findMany({ where: { storyId: { in: [s1, s2] }, count: { not: 0 } } })).toEqual([]);
  });

  it("fills StoryMonthCount from StoryDayCount when the migration adds it", async () => {
    const before = "20241206000000_story_facet_counts";
    const database = await createTemporaryDatabase(process.env.TEST_DATABASE_URL, { upTo: before });
    // Day cells as the triggers on Event left them, one of them fallen to zero.
    const insert = `INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count") VALUES
      ('s1', '2024-01-31', 'REPORTED', 2), ('s1', '2024-01-01', 'REPORTED', 3), ('s1', '2024-02-01', 'REPORTED', 1),
      ('s1', '2024-01-15', 'CONFIRMED', 4), ('s1', '2024-03-03', 'DENIED', 0), ('s2', '2024-01-15', 'REPORTED', 5)`;
    const read = `SELECT "storyId", "month", "status", "count" FROM "StoryMonthCount" WHERE "count" <> 0`;
    let months: { storyId: string; month: string; status: string; count: number }[];
    try {
      if (database.kind === "sqlite") {
        const file = database.url.slice("file:".length);
        new Database(file).exec(insert).close();
        await applyMigrationsAfter(database, before);
        const db = new Database(file);
        months = db.prepare(read).all() as typeof months;
        db.close();
      } else {
        const run = async (sql: string) => {
          const client = new pg.Client({ connectionString: database.url });
          await client.connect();
          try {
            return (await client.query(sql)).rows;
          } finally {
            await client.end();
          }
        };
        await run(insert);
        await applyMigrationsAfter(database, before);
        months = await run(read);
      }
    } finally {
      await database.drop();
    }
    months.sort((x, y) => `${x.storyId}|${x.month}|${x.status}`.localeCompare(`${y.storyId}|${y.month}|${y.status}`));
    expect(months).toEqual([
      { storyId: "s1", month: "2024-01", status: "CONFIRMED", count: 4 },
      { storyId: "s1", month: "2024-01", status: "REPORTED", count: 5 },
      { storyId: "s1", month: "2024-02", status: "REPORTED", count: 1 },
      { storyId: "s2", month: "2024-01", status: "REPORTED", count: 5 },
    ]);
  });
});

describe("the story at a glance", () => {
  it("reads the per-day table for today's unfiltered view, and it says what the events say", async () => {
    const glance = await getStoryGlance({ id: storyId, timeZone: NY }, EMPTY_QUERY, null, []);
    expect(glance.via).toBe("day-counts");
    expect(asRecord(glance.days)).toEqual(await expectedCounts(storyId, null));
    expect(glance.days.reduce((n, d) => n + d.total, 0)).toBe(atacmsStory.events.length);
  });

  it("applies a kind filter by grouping the matching events", async () => {
    const query = parseTimelineQuery({ kind: "statement" });
    const glance = await getStoryGlance({ id: storyId, timeZone: NY }, query, null, []);
    expect(glance.via).toBe("grouped-events");
    expect(asRecord(glance.days)).toEqual(await expectedCounts(storyId, null, (e) => e.kind === "STATEMENT"));
    expect(glance.days.length).toBeGreaterThan(0);
  });

  it("counts as of a day the labels events carried then, and only the events known then", async () => {
    for (const day of ["2024-11-16", "2024-11-17", "2024-11-18", "2024-11-20"]) {
      const asOf = asOfFor(day, NY);
      const glance = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ asof: day }), asOf, []);
      expect(glance.via).toBe("period-key");
      expect(asRecord(glance.days)).toEqual(await expectedCounts(storyId, endOfLocalDay(day, NY)));
      // Filtered by the label carried then.
      const reported = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ asof: day, status: "reported" }), asOf, []);
      expect(reported.via).toBe("period-key");
      expect(asRecord(reported.days)).toEqual(onlyStatus(await expectedCounts(storyId, endOfLocalDay(day, NY)), "REPORTED"));
      // With another filter, the matching events are grouped, and say the same.
      const statements = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ asof: day, kind: "statement" }), asOf, []);
      expect(statements.via).toBe("grouped-events");
      expect(asRecord(statements.days)).toEqual(await expectedCounts(storyId, endOfLocalDay(day, NY), (e) => e.kind === "STATEMENT"));
    }
  });

  it("counts a source filter from the source key: each event once, whichever of the sources it cites", async () => {
    const events = await listedEvents(storyId);
    const cited = new Map<string, number>();
    for (const e of events) for (const c of e.citations) cited.set(c.source.slug, (cited.get(c.source.slug) ?? 0) + 1);
    const [first, second] = [...cited].sort((a, b) => b[1] - a[1]).map(([slug]) => slug);
    for (const sources of [[first!], [first!, second!]]) {
      const query = parseTimelineQuery({ source: sources });
      const glance = await getStoryGlance({ id: storyId, timeZone: NY }, query, null, []);
      expect(glance.via).toBe("source-key");
      const expected = await expectedCounts(storyId, null, (e) => e.citations.some((c) => sources.includes(c.source.slug)));
      expect(asRecord(glance.days)).toEqual(expected);
      const reported = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ source: sources, status: "reported" }), null, []);
      expect(asRecord(reported.days)).toEqual(onlyStatus(expected, "REPORTED"));
      // A kind too, checked in the key's index.
      const citing = events.filter((e) => e.citations.some((c) => sources.includes(c.source.slug)));
      const kinds = [...new Set(citing.map((e) => e.kind))].slice(0, 2);
      expect(kinds.length).toBeGreaterThan(0);
      for (const kind of kinds) {
        const kinded = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ source: sources, kind: kind.toLowerCase().replace(/_/g, "-") }), null, []);
        expect(kinded.via).toBe("source-key");
        const want = await expectedCounts(storyId, null, (e) => e.kind === kind && e.citations.some((c) => sources.includes(c.source.slug)));
        expect(Object.keys(want).length).toBeGreaterThan(0);
        expect(asRecord(kinded.days)).toEqual(want);
      }
    }
  });

  it("counts a long story's window from the keys: its first and last days in, the day before out, drafts never", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource({ kind: "NEWSPAPER" });
    const base = { storyId: story.id, timeZone: "UTC", precision: "DAY" as const, citations: [{ sourceId: source.id }] };
    const last = "2024-09-30";
    const firstInWindow = addDays(last, -(GROUPED_WINDOW_DAYS - 1));
    for (const day of [addDays(firstInWindow, -1), firstInWindow, last, last]) {
      await createTestEvent({ ...base, occurredAt: new Date(`${day}T12:00:00Z`), firstReportedAt: new Date(`${day}T13:00:00Z`) });
    }
    await createTestEvent({ ...base, published: false, occurredAt: new Date(`${last}T10:00:00Z`), firstReportedAt: new Date(`${last}T13:00:00Z`) });
    const expected = { [firstInWindow]: { ON_RECORD: 1 }, [last]: { ON_RECORD: 2 } };
    const asOf = asOfFor(last, "UTC");
    const views = [
      { query: parseTimelineQuery({ source: source.slug }), asOf: null, via: "source-key" },
      { query: parseTimelineQuery({ source: source.slug, kind: "statement" }), asOf: null, via: "source-key" },
      { query: parseTimelineQuery({ asof: last }), asOf, via: "period-key" },
      { query: parseTimelineQuery({ asof: last, kind: "statement" }), asOf, via: "grouped-events" },
    ];
    for (const v of views) {
      const glance = await getStoryGlance({ id: story.id, timeZone: "UTC" }, v.query, v.asOf, []);
      expect(glance.via).toBe(v.via);
      expect(glance.window).toEqual({ from: firstInWindow, to: last });
      expect(asRecord(glance.days)).toEqual(expected);
    }
    // Today's unfiltered view of the whole story: a bar per run of days, summed in the database.
    const whole = await getStoryGlance({ id: story.id, timeZone: "UTC" }, EMPTY_QUERY, null, []);
    expect(whole.via).toBe("day-counts");
    expect(whole.daysPerBar).toBe(2);
    const first = addDays(firstInWindow, -1);
    expect(asRecord(whole.days)).toEqual({ [first]: { ON_RECORD: 2 }, [addDays(first, 92)]: { ON_RECORD: 2 } });
  });

  it("ignores from/to (the strip marks the range instead) and drops nothing else", async () => {
    const all = await getStoryGlance({ id: storyId, timeZone: NY }, EMPTY_QUERY, null, []);
    const ranged = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ from: "2024-11-18", to: "2024-11-18" }), null, []);
    expect(ranged.days).toEqual(all.days);
    expect(glanceFromDayCounts(parseTimelineQuery({ q: "missile" }), null)).toBe(false);
    expect(glanceFromDayCounts(parseTimelineQuery({ status: "reported" }), null)).toBe(true);
  });

  it("marks the main claims' status changes, as known by the view's instant", async () => {
    const ids = await mainClaimIds(storyId, null);
    const glance = await getStoryGlance({ id: storyId, timeZone: NY }, EMPTY_QUERY, null, ids);
    expect(glance.changes.length).toBeGreaterThan(0);
    expect(glance.changes.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.day))).toBe(true);
    const before = await getStoryGlance({ id: storyId, timeZone: NY }, parseTimelineQuery({ asof: "2024-11-01" }), asOfFor("2024-11-01", NY), ids);
    expect(before.changes).toEqual([]);
    expect(before.days).toEqual([]);
  });

  it("draws one bar per day for a short story and a bar per run of days for a long one", () => {
    const glance = {
      via: "day-counts" as const,
      daysPerBar: null,
      monthsPerBar: null,
      lastDay: null,
      window: null,
      changes: [{ day: "2024-01-05", claim: "x", to: "CONFIRMED" as const }],
      days: [
        { day: "2024-01-01", counts: { REPORTED: 2 }, total: 2 },
        { day: "2024-01-04", counts: { CONFIRMED: 1, REPORTED: 1 }, total: 2 },
      ],
    };
    const short = glanceBars(glance);
    expect(short.daysPerBar).toBe(1);
    expect(short.bars.map((b) => [b.from, b.to, b.total])).toEqual([
      ["2024-01-01", "2024-01-01", 2],
      ["2024-01-02", "2024-01-02", 0],
      ["2024-01-03", "2024-01-03", 0],
      ["2024-01-04", "2024-01-04", 2],
      ["2024-01-05", "2024-01-05", 0],
    ]);
    expect(short.bars[4]!.changes).toHaveLength(1);
    const long = glanceBars({ ...glance, days: [...glance.days, { day: "2024-12-31", counts: { DENIED: 4 }, total: 4 }] }, 10);
    expect(long.daysPerBar).toBe(37);
    expect(long.bars).toHaveLength(10);
    expect(long.bars[0]).toMatchObject({ from: "2024-01-01", to: "2024-02-06", total: 4, counts: { REPORTED: 3, CONFIRMED: 1 } });
    expect(long.bars.at(-1)).toMatchObject({ to: "2024-12-31", total: 4 });
    expect(long.bars.reduce((n, b) => n + b.total, 0)).toBe(8);
  });

  it("draws a story of years in whole calendar months from the per-month table, each bar what its events say", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource({ kind: "NEWSPAPER" });
    const base = { storyId: story.id, timeZone: "UTC", precision: "DAY" as const, citations: [{ sourceId: source.id }] };
    const at = (day: string, more: { published?: boolean } = {}) =>
      createTestEvent({ ...base, ...more, occurredAt: new Date(`${day}T12:00:00Z`), firstReportedAt: new Date(`${day}T13:00:00Z`) });
    // 17 Mar 2010 to 10 Feb 2018: 96 months, so two months a bar, 48 bars.
    for (const day of ["2010-03-17", "2010-04-30", "2010-05-01", "2012-02-29", "2016-06-15", "2016-06-15", "2018-02-10"]) await at(day);
    await at("2014-01-10", { published: false });
    const relabelled = (await getDb().event.findFirstOrThrow({ where: { storyId: story.id, occurredOn: "2016-06-15" } })).id;
    await getDb().event.update({ where: { id: relabelled }, data: { status: "CONFIRMED" } });

    const glance = await getStoryGlance({ id: story.id, timeZone: "UTC" }, EMPTY_QUERY, null, []);
    expect(glance.via).toBe("month-counts");
    expect(glance.monthsPerBar).toBe(2);
    expect(glance.daysPerBar).toBeNull();
    expect(asRecord(glance.days)).toEqual({
      "2010-03-17": { ON_RECORD: 2 },
      "2010-05-01": { ON_RECORD: 1 },
      "2012-01-01": { ON_RECORD: 1 },
      "2016-05-01": { ON_RECORD: 1, CONFIRMED: 1 },
      "2018-01-01": { ON_RECORD: 1 },
    });
    const { bars, daysPerBar, monthsPerBar } = glanceBars(glance);
    expect([daysPerBar, monthsPerBar, bars.length]).toEqual([null, 2, 48]);
    // Each bar runs from the 1st of its first month to the last day of its second, clipped to the
    // story's first and last days; together they cover every day once.
    expect(bars.slice(0, 2).map((b) => [b.from, b.to])).toEqual([
      ["2010-03-17", "2010-04-30"],
      ["2010-05-01", "2010-06-30"],
    ]);
    expect([bars[11]!.from, bars[11]!.to]).toEqual(["2012-01-01", "2012-02-29"]);
    expect([bars.at(-1)!.from, bars.at(-1)!.to]).toEqual(["2018-01-01", "2018-02-10"]);
    bars.forEach((b, i) => i > 0 && expect(b.from).toBe(addDays(bars[i - 1]!.to, 1)));
    // Each bar's counts are its published events' between its from and to, as its link shows them.
    const events = await getDb().event.findMany({ where: { storyId: story.id, published: true }, select: { occurredOn: true, status: true } });
    for (const b of bars) {
      const inBar = events.filter((e) => e.occurredOn >= b.from && e.occurredOn <= b.to);
      const counts: Partial<Record<EventStatusValue, number>> = {};
      for (const e of inBar) counts[e.status] = (counts[e.status] ?? 0) + 1;
      expect({ from: b.from, counts: b.counts, total: b.total }).toEqual({ from: b.from, counts, total: inBar.length });
    }
    expect(bars.reduce((n, b) => n + b.total, 0)).toBe(7);

    // Filtered by status: the same table, the same bars.
    const confirmed = await getStoryGlance({ id: story.id, timeZone: "UTC" }, parseTimelineQuery({ status: "confirmed" }), null, []);
    expect(confirmed.via).toBe("month-counts");
    expect(asRecord(confirmed.days)).toEqual({ "2016-05-01": { CONFIRMED: 1 } });
    expect(glanceBars(confirmed).bars.map((b) => [b.from, b.to, b.total])).toEqual([["2016-05-01", "2016-06-30", 1]]);
    // Another filter still groups the events themselves.
    expect((await getStoryGlance({ id: story.id, timeZone: "UTC" }, parseTimelineQuery({ kind: "statement" }), null, [])).via).toBe("grouped-events");
  });

  it("keeps day bars while they are shorter than four weeks, the last one ending on the story's last day", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource({ kind: "NEWSPAPER" });
    const base = { storyId: story.id, timeZone: "UTC", precision: "DAY" as const, citations: [{ sourceId: source.id }] };
    const at = (day: string) => createTestEvent({ ...base, occurredAt: new Date(`${day}T12:00:00Z`), firstReportedAt: new Date(`${day}T13:00:00Z`) });
    const first = "2010-01-01";
    // The longest span of day bars: 92 bars of 27 days.
    const longest = (MONTH_BARS_FROM_DAYS - 1) * MAX_BARS;
    const last = addDays(first, longest - 1);
    for (const day of [first, addDays(last, -1), last]) await at(day);
    const days = await getStoryGlance({ id: story.id, timeZone: "UTC" }, EMPTY_QUERY, null, []);
    expect([days.via, days.daysPerBar, days.monthsPerBar]).toEqual(["day-counts", 27, null]);
    const lastBar = addDays(first, 91 * 27);
    expect(asRecord(days.days)).toEqual({ [first]: { ON_RECORD: 1 }, [lastBar]: { ON_RECORD: 2 } });
    const drawn = glanceBars(days);
    expect([drawn.daysPerBar, drawn.monthsPerBar, drawn.bars.length]).toEqual([27, null, 92]);
    expect(drawn.bars.at(-1)).toMatchObject({ from: lastBar, to: last, total: 2 });

    // One day more: month bars, a month each (from January 2010 to October 2016).
    const next = addDays(last, 1);
    expect(next).toBe("2016-10-20");
    await at(next);
    const months = await getStoryGlance({ id: story.id, timeZone: "UTC" }, EMPTY_QUERY, null, []);
    expect([months.via, months.daysPerBar, months.monthsPerBar]).toEqual(["month-counts", null, 1]);
    expect(asRecord(months.days)).toEqual({ [first]: { ON_RECORD: 1 }, "2016-10-01": { ON_RECORD: 3 } });
    const monthly = glanceBars(months);
    expect(monthly.bars).toHaveLength(82);
    expect(monthly.bars.at(-1)).toMatchObject({ from: "2016-10-01", to: next, total: 3 });
  });

  it("says a month bar's dates in months, and links it to its days", () => {
    const glance: Glance = {
      via: "month-counts",
      daysPerBar: null,
      monthsPerBar: 2,
      lastDay: "2018-02-10",
      window: null,
      changes: [],
      days: [
        { day: "2010-03-17", counts: { ON_RECORD: 2 }, total: 2 },
        { day: "2018-01-01", counts: { REPORTED: 1 }, total: 1 },
      ],
    };
    const render = (g: Glance) =>
      renderToStaticMarkup(createElement(StoryGlance, { glance: g, path: "/stories/x", query: EMPTY_QUERY })).replace(/&amp;/g, "&");
    const two = render(glance);
    expect(two).toContain("<title>Mar 2010 – Apr 2010: 2 events</title>");
    expect(two).toContain('<a href="/stories/x?from=2018-01-01&to=2018-02-10" class="lnk">Jan 2018 – Feb 2018</a>');
    expect(two).toContain("one bar per 2 months");
    expect(two).toContain("Events per 2 months by label");
    expect(two).toContain('<th scope="col">Months</th>');
    const one = render({ ...glance, monthsPerBar: 1 });
    expect(one).toContain('<a href="/stories/x?from=2010-03-17&to=2010-03-31" class="lnk">Mar 2010</a>');
    expect(one).toContain("one bar a month");
    expect(one).toContain('<th scope="col">Month</th>');
  });

  it("places status changes in month bars, and a change after the last event extends the strip", () => {
    const glance = {
      via: "month-counts" as const,
      daysPerBar: null,
      monthsPerBar: 3,
      lastDay: "2024-08-02",
      window: null,
      changes: [
        { day: "2024-03-31", claim: "x", to: "CONFIRMED" as const },
        { day: "2024-08-02", claim: "x", to: "DENIED" as const },
      ],
      days: [
        { day: "2024-01-20", counts: { REPORTED: 2 }, total: 2 },
        { day: "2024-04-01", counts: { CONFIRMED: 1 }, total: 1 },
      ],
    };
    const { bars, monthsPerBar } = glanceBars(glance);
    expect(monthsPerBar).toBe(3);
    expect(bars.map((b) => [b.from, b.to, b.total, b.changes.length])).toEqual([
      ["2024-01-20", "2024-03-31", 2, 1],
      ["2024-04-01", "2024-06-30", 1, 0],
      ["2024-07-01", "2024-08-02", 0, 1],
    ]);
  });
});

describe("where things stand", () => {
  it("picks the claims with the most events and says where each stands, in words", async () => {
    const ids = await mainClaimIds(storyId, null);
    const main = await getDb().claim.findUniqueOrThrow({ where: { slug: MAIN } });
    expect(ids[0]).toBe(main.id);
    const lines = await whereThingsStand(storyId, null, NY);
    expect(lines[0]).toMatchObject({ claim: { slug: MAIN }, status: "REPORTED" });
    expect(lines[0]!.verdict).toMatch(/^media-reported since 17 Nov 2024 \(The New York Times, citing .+\), not officially confirmed$/);
    expect(lines[0]!.independent.independent).toBeGreaterThanOrEqual(1);
  });

  it("respects the as-of instant: nothing before the first report, the status as it stood then", async () => {
    expect(await whereThingsStand(storyId, endOfLocalDay("2024-11-01", NY), NY)).toEqual([]);
    const story = await createTestStory({ timeZone: "UTC" });
    const ministry = await createTestSource({ kind: "GOVERNMENT" });
    const daily = await createTestSource({ kind: "NEWSPAPER", name: "Standing Daily" });
    const claim = await createTestClaim({ storyId: story.id, text: "The bridge was closed" });
    const day = (d: string) => new Date(`${d}T12:00:00Z`);
    const report = await createTestEvent({
      storyId: story.id, timeZone: "UTC", kind: "MEDIA_REPORT", occurredAt: day("2024-06-01"), firstReportedAt: day("2024-06-01"),
      citations: [{ sourceId: daily.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "two officials", publishedAt: day("2024-06-01") }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await changeClaimStatus(claim.id, "REPORTED", { knownAt: day("2024-06-01"), evidenceCitationId: report.citations[0]!.id });
    const confirmation = await createTestEvent({
      storyId: story.id, timeZone: "UTC", kind: "STATEMENT", occurredAt: day("2024-06-05"), firstReportedAt: day("2024-06-05"),
      citations: [{ sourceId: ministry.id, attribution: "SPOKESPERSON", attributionText: "the ministry spokesperson", publishedAt: day("2024-06-05") }],
      claims: [{ claimId: claim.id, stance: "CONFIRMS" }],
    });
    await changeClaimStatus(claim.id, "CONFIRMED", { knownAt: day("2024-06-05"), evidenceCitationId: confirmation.citations[0]!.id });

    const [then] = await whereThingsStand(story.id, endOfLocalDay("2024-06-03", "UTC"), "UTC");
    expect(then).toMatchObject({ status: "REPORTED", verdict: "media-reported since 1 Jun 2024 (Standing Daily, citing two officials), not officially confirmed", independent: { independent: 1 } });
    const [now] = await whereThingsStand(story.id, null, "UTC");
    expect(now!.status).toBe("CONFIRMED");
    expect(now!.verdict).toMatch(/^officially confirmed since 5 Jun 2024 by /);
    expect(now!.independent.independent).toBe(2);
    expect(now!.since).toEqual(day("2024-06-05"));
  });
});
