import { beforeAll, describe, expect, it } from "vitest";
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
import { getStoryGlance, glanceBars, glanceFromDayCounts, GROUPED_WINDOW_DAYS } from "./glance";
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

/** StoryDayCount, as the triggers left it, against a fresh count of the events. */
async function expectDayCountsInStep(story: string) {
  const [kept, counted] = await Promise.all([
    getDb().storyDayCount.findMany({ where: { storyId: story, count: { gt: 0 } }, select: { day: true, status: true, count: true } }),
    getDb().event.groupBy({ by: ["occurredOn", "status"], where: { storyId: story, published: true }, _count: { _all: true } }),
  ]);
  const key = (d: string, s: string) => `${d}|${s}`;
  expect(Object.fromEntries(kept.map((k) => [key(k.day, k.status), k.count]))).toEqual(
    Object.fromEntries(counted.map((c) => [key(c.occurredOn, c.status), c._count._all])),
  );
}

describe("StoryDayCount, kept by the database's triggers", () => {
  it("matches the events after seeding", async () => {
    await expectDayCountsInStep(storyId);
  });

  it("follows publishing, unpublishing, relabelling, moving and deleting", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource({ kind: "NEWSPAPER" });
    const claim = await createTestClaim({ storyId: story.id });
    const base = { storyId: story.id, timeZone: "UTC", precision: "DAY" as const };
    const a = await createTestEvent({ ...base, occurredAt: new Date("2024-05-01T12:00:00Z"), citations: [{ sourceId: source.id }], claims: [{ claimId: claim.id, stance: "ASSERTS" }] });
    const b = await createTestEvent({ ...base, occurredAt: new Date("2024-05-01T15:00:00Z"), citations: [{ sourceId: source.id }] });
    const draft = await createTestEvent({ ...base, occurredAt: new Date("2024-05-02T15:00:00Z"), published: false, citations: [{ sourceId: source.id }] });
    await expectDayCountsInStep(story.id);
    expect((await getDb().storyDayCount.findMany({ where: { storyId: story.id, count: { gt: 0 } } })).length).toBe(1);

    await getDb().event.update({ where: { id: draft.id }, data: { published: true } });
    await expectDayCountsInStep(story.id);
    await getDb().event.update({ where: { id: b.id }, data: { published: false } });
    await expectDayCountsInStep(story.id);
    // A move to another day (and story), and a relabel through the claim's status.
    await getDb().event.update({ where: { id: a.id }, data: { occurredOn: "2024-05-03", timelineKey: "2024-05-03|0000|x" } });
    await getDb().event.updateMany({ where: { storyId: story.id }, data: { status: "RETRACTED" } });
    await expectDayCountsInStep(story.id);
    await getDb().event.delete({ where: { id: draft.id } });
    await expectDayCountsInStep(story.id);
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
