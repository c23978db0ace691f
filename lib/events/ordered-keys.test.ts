import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { changeClaimStatus, createTestClaim, createTestEvent, createTestSource, createTestStory } from "../../prisma/factories";
import type { EventStatusValue } from "../domain";
import { databaseKind, getDb } from "../db";
import { databaseUrl } from "../env";
import { searchEventIds } from "../search/full-text";
import { parseTimelineQuery } from "./filters";
import { asOfFor } from "./as-of";
import { listTimeline, MAX_KEYED_VALUES, type TimelinePage, type TimelineScope } from "./queries";

// The ordered keys (migrations 20241126000000_ordered_filter_keys to 20241126000004_event_source_locks):
// database triggers keep one EventSource row per (event, cited source) with the event's story,
// timelineKey and status, and copy the event's story and timelineKey onto its status periods,
// whatever writes Citation, Event or EventStatusPeriod. The timeline's source filter and its
// "as of" status filter walk those keys, and give the same pages and counts as the plain
// relation filters.

const db = () => getDb();

async function keysOf(eventId: string) {
  const rows = await db().eventSource.findMany({ where: { eventId }, orderBy: { sourceId: "asc" } });
  return rows.map((r) => ({ sourceId: r.sourceId, storyId: r.storyId, timelineKey: r.timelineKey, status: r.status, kind: r.kind, published: r.published }));
}

/** What the key must hold for an event: its distinct cited sources, with its story and key. */
async function expectedKeysOf(eventId: string) {
  const event = await db().event.findUniqueOrThrow({ where: { id: eventId }, select: { storyId: true, timelineKey: true, status: true, kind: true, published: true } });
  const cited = await db().citation.findMany({ where: { eventId }, select: { sourceId: true } });
  return [...new Set(cited.map((c) => c.sourceId))]
    .sort()
    .map((sourceId) => ({ sourceId, ...event }));
}

describe("the source key (EventSource) follows every write", () => {
  it("holds each cited source once, after the event is created", async () => {
    const [a, b] = await Promise.all([createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }, { sourceId: a.id }, { sourceId: b.id }] });
    const keys = await keysOf(e.id);
    expect(keys).toHaveLength(2);
    expect(keys).toEqual(await expectedKeysOf(e.id));
    expect(keys.every((k) => k.storyId === e.storyId && /^\d{4}-\d{2}-\d{2}\|/.test(k.timelineKey))).toBe(true);
  });

  it("keeps a source while another citation still names it, and drops it with the last one", async () => {
    const [a, b] = await Promise.all([createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }, { sourceId: a.id }, { sourceId: b.id }] });
    await db().citation.delete({ where: { id: e.citationIds[0]! } });
    expect((await keysOf(e.id)).map((k) => k.sourceId).sort()).toEqual([a.id, b.id].sort());
    await db().citation.delete({ where: { id: e.citationIds[1]! } });
    expect((await keysOf(e.id)).map((k) => k.sourceId)).toEqual([b.id]);
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });

  it("adds citations inserted one by one or in bulk", async () => {
    const [a, b, c] = await Promise.all([createTestSource(), createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }] });
    await db().citation.create({ data: { eventId: e.id, sourceId: b.id, attribution: "DOCUMENT" } });
    await db().citation.createMany({
      data: [
        { eventId: e.id, sourceId: c.id, attribution: "DOCUMENT" },
        { eventId: e.id, sourceId: c.id, attribution: "DOCUMENT" },
        { eventId: e.id, sourceId: a.id, attribution: "DOCUMENT" },
      ],
    });
    expect((await keysOf(e.id)).map((k) => k.sourceId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });

  it("moves with a citation changed to another source or another event", async () => {
    const [a, b, c] = await Promise.all([createTestSource(), createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }, { sourceId: b.id }] });
    const other = await createTestEvent({ storyId: e.storyId, citations: [{ sourceId: a.id }] });
    await db().citation.update({ where: { id: e.citationIds[1]! }, data: { sourceId: c.id } });
    expect((await keysOf(e.id)).map((k) => k.sourceId).sort()).toEqual([a.id, c.id].sort());
    await db().citation.update({ where: { id: e.citationIds[0]! }, data: { eventId: other.id } });
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
    expect((await keysOf(e.id)).map((k) => k.sourceId)).toEqual([c.id]);
    expect(await keysOf(other.id)).toEqual(await expectedKeysOf(other.id));
    // Other columns do not touch the key.
    await db().citation.update({ where: { id: e.citationIds[1]! }, data: { title: "Retitled" } });
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });

  it("follows the event's status", async () => {
    const [a, b] = await Promise.all([createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }, { sourceId: b.id }] });
    await db().event.update({ where: { id: e.id }, data: { status: "DENIED" } });
    expect((await keysOf(e.id)).map((k) => k.status)).toEqual(["DENIED", "DENIED"]);
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });

  it("follows the event's kind and its publication", async () => {
    const [a, b] = await Promise.all([createTestSource(), createTestSource()]);
    const e = await createTestEvent({ kind: "STATEMENT", published: false, citations: [{ sourceId: a.id }, { sourceId: b.id }] });
    expect((await keysOf(e.id)).map((k) => [k.kind, k.published])).toEqual([["STATEMENT", false], ["STATEMENT", false]]);
    await db().event.update({ where: { id: e.id }, data: { kind: "BRIEFING", published: true } });
    expect((await keysOf(e.id)).map((k) => [k.kind, k.published])).toEqual([["BRIEFING", true], ["BRIEFING", true]]);
    await db().event.update({ where: { id: e.id }, data: { published: false } });
    expect((await keysOf(e.id)).map((k) => k.published)).toEqual([false, false]);
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });

  it("moves with the event on the timeline and to another story, and goes with the event", async () => {
    const [a, b] = await Promise.all([createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }, { sourceId: b.id }] });
    // An occurredAt change rewrites timelineKey (lib/events/write.ts); the key follows it.
    const moved = "2024-12-01|0000|2024-12-01T09:00:00.000Z";
    await db().event.update({ where: { id: e.id }, data: { occurredAt: new Date("2024-12-01T09:00:00.000Z"), occurredOn: "2024-12-01", timelineKey: moved } });
    let keys = await keysOf(e.id);
    expect(keys.map((k) => k.timelineKey)).toEqual([moved, moved]);
    const story = await createTestStory();
    await db().event.update({ where: { id: e.id }, data: { storyId: story.id } });
    keys = await keysOf(e.id);
    expect(keys.map((k) => k.storyId)).toEqual([story.id, story.id]);
    expect(keys).toEqual(await expectedKeysOf(e.id));
    await db().event.delete({ where: { id: e.id } });
    expect(await keysOf(e.id)).toEqual([]);
  });
});

describe("the source filter through the source key", () => {
  let storyId: string;
  const sources: string[] = [];
  const sourceSlugs: string[] = [];

  beforeAll(async () => {
    storyId = (await createTestStory({ timeZone: "UTC" })).id;
    for (let i = 0; i < 7; i++) {
      const s = await createTestSource();
      sources.push(s.id);
      sourceSlugs.push(s.slug);
    }
    // 40 events over 10 days, several on the same day and instant (ties broken by id), citing
    // one to three of the sources; a few unpublished.
    for (let i = 0; i < 40; i++) {
      const cited = [sources[i % 3]!, ...(i % 4 === 0 ? [sources[3]!] : []), ...(i % 5 === 0 ? [sources[(i + 1) % 3]!, sources[i % 7]!] : [])];
      await createTestEvent({
        storyId,
        occurredAt: new Date(Date.UTC(2024, 10, 10 + (i % 10), 12, 0, 0)),
        published: i % 13 !== 7,
        kind: i % 2 === 0 ? "STATEMENT" : "MEDIA_REPORT",
        citations: cited.map((sourceId) => ({ sourceId, attribution: i % 3 === 0 ? "ANONYMOUS_OFFICIALS" : "NAMED_ON_RECORD" })),
      });
    }
  });

  /** The events of a filter computed directly from Citation, newest first. */
  async function expected(sourceIds: string[], extra: { kind?: "STATEMENT"; status?: "REPORTED" } = {}) {
    const rows = await db().event.findMany({
      where: { storyId, published: true, ...extra, citations: { some: { sourceId: { in: sourceIds } } } },
      orderBy: [{ timelineKey: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** Every page of a view, following olderCursor, then back with newerCursor. */
  async function walk(params: Record<string, string | string[]>, pageSize: number, countLimit?: number) {
    const pages: TimelinePage[] = [];
    let cursor: string | null = null;
    do {
      const page = await listTimeline({ storyId }, parseTimelineQuery(cursor ? { ...params, before: cursor } : params), pageSize, { countLimit });
      pages.push(page);
      cursor = page.olderCursor;
    } while (cursor && pages.length < 50);
    const back: string[][] = [];
    let newer = pages[pages.length - 1]!.newerCursor;
    while (newer && back.length < 50) {
      const page = await listTimeline({ storyId }, parseTimelineQuery({ ...params, after: newer }), pageSize, { countLimit });
      back.unshift(page.events.map((e) => e.id));
      newer = page.newerCursor;
    }
    return { pages, ids: pages.flatMap((p) => p.events.map((e) => e.id)), back: back.flat() };
  }

  it("pages one source in timeline order, both ways", async () => {
    const want = await expected([sources[0]!]);
    expect(want.length).toBeGreaterThan(10);
    const { pages, ids, back } = await walk({ source: sourceSlugs[0]! }, 4);
    expect(ids).toEqual(want);
    // Going back from the last page gives every page but the last, in order.
    expect(back).toEqual(want.slice(0, want.length - pages[pages.length - 1]!.events.length));
    expect(pages[0]!.total).toBe(want.length);
    expect(pages[0]!.totalIsExact).toBe(true);
  });

  it("gives the union of several sources once each, in order, with the right count", async () => {
    for (const picked of [[0, 3], [0, 1, 2], [3, 5, 6], [0, 1, 2, 3, 4, 5, 6]]) {
      const ids = picked.map((i) => sources[i]!);
      const want = await expected(ids);
      const view = { source: picked.map((i) => sourceSlugs[i]!) };
      const { pages, ids: got } = await walk(view, 3);
      expect(got, `sources ${picked.join(",")}${picked.length > MAX_KEYED_VALUES ? " (relation filter)" : ""}`).toEqual(want);
      expect(pages[0]!.total).toBe(want.length);
      // With a count limit: exact up to the limit, "more than" past it.
      for (const limit of [want.length - 1, want.length, want.length + 1]) {
        const page = await listTimeline({ storyId }, parseTimelineQuery(view), 3, { countLimit: limit });
        expect(page.totalIsExact).toBe(want.length <= limit);
        expect(page.total).toBe(Math.min(want.length, limit));
      }
    }
  });

  it("applies the other filters to the walked events", async () => {
    const want = await expected([sources[0]!, sources[3]!], { kind: "STATEMENT" });
    const { ids } = await walk({ source: [sourceSlugs[0]!, sourceSlugs[3]!], kind: "statement" }, 2);
    expect(ids).toEqual(want);
    // The status filter, checked on the key.
    const reported = await expected([sources[0]!, sources[1]!], { status: "REPORTED" });
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.length).toBeLessThan((await expected([sources[0]!, sources[1]!])).length);
    expect((await walk({ source: [sourceSlugs[0]!, sourceSlugs[1]!], status: "reported" }, 2)).ids).toEqual(reported);
    // A date range seeks the key to the range.
    const inRange = await db().event.findMany({
      where: { storyId, published: true, occurredOn: { gte: "2024-11-12", lte: "2024-11-14" }, citations: { some: { sourceId: sources[1]! } } },
      orderBy: [{ timelineKey: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(inRange.length).toBeGreaterThan(0);
    expect((await walk({ source: sourceSlugs[1]!, from: "2024-11-12", to: "2024-11-14" }, 2)).ids).toEqual(inRange.map((r) => r.id));
  });
});

describe("the status period key follows every write", () => {
  async function periodKeys(eventId: string) {
    const event = await db().event.findUniqueOrThrow({ where: { id: eventId }, select: { storyId: true, timelineKey: true } });
    const periods = await db().eventStatusPeriod.findMany({ where: { eventId }, select: { storyId: true, timelineKey: true } });
    return { event, periods };
  }

  it("copies the event's story and timelineKey onto new and rebuilt periods, and moves them with the event", async () => {
    const story = await createTestStory();
    const claim = await createTestClaim({ storyId: story.id });
    const e = await createTestEvent({
      storyId: story.id,
      citations: [{ attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    let k = await periodKeys(e.id);
    expect(k.periods.length).toBeGreaterThan(0);
    expect(k.periods.every((p) => p.storyId === k.event.storyId && p.timelineKey === k.event.timelineKey)).toBe(true);
    // A status change rebuilds the periods (lib/events/write.ts writes them without the key).
    await changeClaimStatus(claim.id, "REPORTED", { knownAt: new Date("2024-11-19T00:00:00Z"), evidenceCitationId: e.citationIds[0] });
    k = await periodKeys(e.id);
    expect(k.periods.length).toBeGreaterThan(0);
    expect(k.periods.every((p) => p.storyId === k.event.storyId && p.timelineKey === k.event.timelineKey)).toBe(true);
    const moved = "2024-12-02|0000|2024-12-02T09:00:00.000Z";
    const other = await createTestStory();
    await db().event.update({ where: { id: e.id }, data: { timelineKey: moved, storyId: other.id } });
    k = await periodKeys(e.id);
    expect(k.periods.map((p) => [p.storyId, p.timelineKey])).toEqual(k.periods.map(() => [other.id, moved]));
    // Written directly, a period still gets the key from its event.
    await db().eventStatusPeriod.create({ data: { eventId: e.id, status: "DENIED", validFrom: new Date("2030-01-01T00:00:00Z") } });
    k = await periodKeys(e.id);
    expect(k.periods.every((p) => p.storyId === other.id && p.timelineKey === moved)).toBe(true);
  });
});

describe("the as-of status filter through the status period key", () => {
  let storyId: string;
  const zone = "UTC";

  beforeAll(async () => {
    storyId = (await createTestStory({ timeZone: zone })).id;
    const [claimA, claimB] = [(await createTestClaim({ storyId })).id, (await createTestClaim({ storyId })).id];
    const source = await createTestSource();
    const events = [];
    // 36 events over 12 days, reported on their day or days later; some assert claims whose
    // status changes over time, so their label history has several periods.
    for (let i = 0; i < 36; i++) {
      const occurredAt = new Date(Date.UTC(2024, 10, 1 + (i % 12), 6 + (i % 5), 0, 0));
      events.push(
        await createTestEvent({
          storyId,
          occurredAt,
          firstReportedAt: new Date(occurredAt.getTime() + (i % 4) * 86_400_000),
          published: i % 11 !== 5,
          citations: [{ sourceId: source.id, attribution: i % 3 === 0 ? "NAMED_ON_RECORD" : "ANONYMOUS_OFFICIALS" }],
          claims: i % 2 === 0 ? [{ claimId: i % 4 === 0 ? claimA : claimB, stance: "ASSERTS" }] : [],
        }),
      );
    }
    await changeClaimStatus(claimA, "REPORTED", { knownAt: new Date("2024-11-04T12:00:00Z"), evidenceCitationId: events[0]!.citationIds[0] });
    await changeClaimStatus(claimB, "REPORTED", { knownAt: new Date("2024-11-05T12:00:00Z"), evidenceCitationId: events[2]!.citationIds[0] });
    const contradiction = await createTestEvent({
      storyId,
      occurredAt: new Date("2024-11-09T10:00:00Z"),
      citations: [{ sourceId: source.id, attribution: "SPOKESPERSON" }],
      claims: [{ claimId: claimB, stance: "DENIES" }],
    });
    await changeClaimStatus(claimB, "DISPUTED", { knownAt: new Date("2024-11-09T12:00:00Z"), evidenceCitationId: contradiction.citationIds[0] });
  });

  /** The view computed with the plain relation filter on EventStatusPeriod, newest first. */
  async function expected(cutoff: Date, statuses: EventStatusValue[]) {
    const rows = await db().event.findMany({
      where: {
        storyId,
        published: true,
        knownFrom: { lte: cutoff },
        statusPeriods: { some: { status: { in: statuses }, validFrom: { lte: cutoff }, OR: [{ validTo: null }, { validTo: { gt: cutoff } }] } },
      },
      orderBy: [{ timelineKey: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  it("gives the same pages, both ways, and counts as the relation filter", async () => {
    let nonEmpty = 0;
    for (const day of ["2024-11-02", "2024-11-06", "2024-11-10", "2024-11-20"]) {
      const cutoff = asOfFor(day, zone)!.cutoff;
      const scope: TimelineScope = { storyId, cutoffs: [{ storyId, cutoff }] };
      for (const statuses of [["REPORTED"], ["ON_RECORD"], ["DISPUTED", "REPORTED"], ["REPORTED", "ON_RECORD", "DISPUTED", "CONFIRMED"]] as EventStatusValue[][]) {
        const want = await expected(cutoff, statuses);
        if (want.length) nonEmpty++;
        const params = { asof: day, status: statuses.map((s) => s.toLowerCase().replace("_", "-")) };
        const got: string[] = [];
        const pages: TimelinePage[] = [];
        let cursor: string | null = null;
        do {
          const page: TimelinePage = await listTimeline(scope, parseTimelineQuery(cursor ? { ...params, before: cursor } : params), 4);
          pages.push(page);
          got.push(...page.events.map((e) => e.id));
          cursor = page.olderCursor;
        } while (cursor && pages.length < 30);
        expect(got, `${day} ${statuses.join(",")}`).toEqual(want);
        expect(pages[0]!.total).toBe(want.length);
        if (pages.length > 1) {
          const back = await listTimeline(scope, parseTimelineQuery({ ...params, after: pages[1]!.newerCursor! }), 4);
          expect(back.events.map((e) => e.id)).toEqual(want.slice(0, 4));
        }
        for (const limit of [want.length - 1, want.length]) {
          if (limit < 1) continue;
          const page = await listTimeline(scope, parseTimelineQuery(params), 4, { countLimit: limit });
          expect(page.totalIsExact).toBe(want.length <= limit);
          expect(page.total).toBe(Math.min(want.length, limit));
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(6);
  });
});

describe.runIf(databaseKind() === "postgresql")("the stored search vector (PostgreSQL)", () => {
  it("follows searchText on insert and on every update", async () => {
    const e = await createTestEvent({ headline: "Zygomorphic launchers moved", summary: "Nothing else." });
    const vector = async () =>
      (await db().$queryRaw<{ v: string }[]>`SELECT "searchVector"::text AS v FROM "Event" WHERE "id" = ${e.id}`)[0]!.v;
    expect(await vector()).toContain("'zygomorphic'");
    expect(await searchEventIds("zygomorph")).toEqual([e.id]);
    await db().event.update({ where: { id: e.id }, data: { searchText: "quixotically renamed event" } });
    expect(await vector()).toContain("'quixotically'");
    expect(await vector()).not.toContain("zygomorphic");
    expect(await searchEventIds("zygomorph")).toEqual([]);
    expect(await searchEventIds("quixotic")).toEqual([e.id]);
  });
});

describe.runIf(databaseKind() === "postgresql")("the source key under concurrent citation changes (PostgreSQL)", () => {
  /** Two sessions of their own, so that one transaction can stay open while the other writes. */
  async function twoSessions<T>(run: (a: pg.Client, b: pg.Client) => Promise<T>): Promise<T> {
    const [a, b] = [new pg.Client({ connectionString: databaseUrl() }), new pg.Client({ connectionString: databaseUrl() })];
    await Promise.all([a.connect(), b.connect()]);
    try {
      return await run(a, b);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  }
  const insertCitation = (c: pg.Client, id: string, eventId: string, sourceId: string) =>
    c.query(`INSERT INTO "Citation" ("id", "eventId", "sourceId", "attribution", "updatedAt") VALUES ($1, $2, $3, 'DOCUMENT', now())`, [id, eventId, sourceId]);
  const deleteCitation = (c: pg.Client, id: string) => c.query(`DELETE FROM "Citation" WHERE "id" = $1`, [id]);
  /** Whether a query is still waiting (for a lock) after a moment. */
  const stillWaiting = (p: Promise<unknown>) => Promise.race([p.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 300))]);

  it("keeps a source that one transaction cites while another removes its only other citation", async () => {
    const a = await createTestSource();
    const e = await createTestEvent({ citations: [{ sourceId: a.id }] });
    await twoSessions(async (one, two) => {
      await one.query("BEGIN");
      await insertCitation(one, `race-add-${e.id}`, e.id, a.id);
      await two.query("BEGIN");
      const removal = deleteCitation(two, e.citationIds[0]!);
      // The removal waits for the event's lock instead of deciding on what it cannot see yet.
      expect(await stillWaiting(removal)).toBe(true);
      await one.query("COMMIT");
      await removal;
      await two.query("COMMIT");
    });
    expect((await keysOf(e.id)).map((k) => k.sourceId)).toEqual([a.id]);
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });

  it("drops a source whose last two citations two transactions remove at once", async () => {
    const [a, b] = await Promise.all([createTestSource(), createTestSource()]);
    const e = await createTestEvent({ citations: [{ sourceId: a.id }, { sourceId: a.id }, { sourceId: b.id }] });
    await twoSessions(async (one, two) => {
      await one.query("BEGIN");
      await deleteCitation(one, e.citationIds[0]!);
      await two.query("BEGIN");
      const other = deleteCitation(two, e.citationIds[1]!);
      expect(await stillWaiting(other)).toBe(true);
      await one.query("COMMIT");
      await other;
      await two.query("COMMIT");
    });
    expect((await keysOf(e.id)).map((k) => k.sourceId)).toEqual([b.id]);
    expect(await keysOf(e.id)).toEqual(await expectedKeysOf(e.id));
  });
});
