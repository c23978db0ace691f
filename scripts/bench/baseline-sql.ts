// The honest floor for the timeline's first page: the same page read with hand-written SQL on the
// database's own driver (better-sqlite3, pg), no ORM. The events of the page in timeline order,
// the count capped as the page caps it, and everything the page shows of each event (label
// periods, citations with their source, speaker and origin, actors, tags, claims with their
// histories and evidence, related events), in nine statements. listTimeline's time is reported
// against it (BENCHMARKS.md, "listTimeline against hand-written SQL").
import Database from "better-sqlite3";
import pg from "pg";
import { PAGE_SIZE, TOTAL_COUNT_LIMIT } from "../../lib/events/queries";
import type { PreparedDatabase } from "./datasets";
import { percentile } from "./latency";

type Row = Record<string, unknown>;
export type BaselinePage = { ids: string[]; total: number; rows: number };

type Runner = { all(sql: string, params: unknown[]): Promise<Row[]>; close(): Promise<void> };

function sqliteRunner(url: string): Runner {
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  db.pragma("cache_size = -65536");
  const statements = new Map<string, Database.Statement>();
  return {
    async all(sql, params) {
      let s = statements.get(sql);
      if (!s) statements.set(sql, (s = db.prepare(sql)));
      return s.all(...params) as Row[];
    },
    async close() {
      db.close();
    },
  };
}

function pgRunner(url: string): Runner {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    async all(sql, params) {
      let i = 0;
      return (await pool.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows as Row[];
    },
    async close() {
      await pool.end();
    },
  };
}

const list = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** The first page of a story's timeline, unfiltered, as the timeline page shows it. */
async function firstPage(run: Runner, storyId: string, kind: PreparedDatabase["kind"]): Promise<BaselinePage> {
  const published = kind === "sqlite" ? 1 : true;
  const [events, counted] = await Promise.all([
    run.all(
      `SELECT "id", "slug", "storyId", "kind", "headline", "summary", "location", "occurredAt", "occurredEndAt", "precision", "approximate",
              "dateBound", "timeZone", "firstReportedAt", "timeNote", "occurredOn", "spanEndOn", "timelineKey", "status", "knownFrom",
              "retractedAt", "retractionNote"
       FROM "Event" WHERE "storyId" = ? AND "published" = ? ORDER BY "timelineKey" DESC, "id" DESC LIMIT ?`,
      [storyId, published, PAGE_SIZE + 1],
    ),
    run.all(
      `SELECT COUNT(*) AS n FROM (SELECT "id" FROM "Event" WHERE "storyId" = ? AND "published" = ? ORDER BY "timelineKey" DESC, "id" DESC LIMIT ?) t`,
      [storyId, published, TOTAL_COUNT_LIMIT + 1],
    ),
  ]);
  const ids = events.slice(0, PAGE_SIZE).map((e) => String(e.id));
  const inIds = list(ids.length);
  const parts = await Promise.all([
    run.all(`SELECT "eventId", "status", "validFrom", "validTo" FROM "EventStatusPeriod" WHERE "eventId" IN (${inIds})`, ids),
    run.all(
      `SELECT c."eventId", c."id", c."sourceId", c."url", c."title", c."quote", c."publishedAt", c."publishedPrecision", c."attribution",
              c."attributionText", c."repeatsCitationId", c."speakerActorId", c."originSourceId", c."originText", c."position",
              s."slug" AS "sourceSlug", s."name" AS "sourceName", s."kind" AS "sourceKind",
              a."slug" AS "speakerSlug", a."name" AS "speakerName", a."title" AS "speakerTitle", a."affiliation" AS "speakerAffiliation",
              o."slug" AS "originSlug", o."name" AS "originName", o."kind" AS "originKind"
       FROM "Citation" c JOIN "Source" s ON s."id" = c."sourceId"
       LEFT JOIN "Actor" a ON a."id" = c."speakerActorId" LEFT JOIN "Source" o ON o."id" = c."originSourceId"
       WHERE c."eventId" IN (${inIds}) ORDER BY c."eventId", c."position"`,
      ids,
    ),
    run.all(
      `SELECT ea."eventId", ea."role", a."slug", a."name", a."title" FROM "EventActor" ea JOIN "Actor" a ON a."id" = ea."actorId" WHERE ea."eventId" IN (${inIds})`,
      ids,
    ),
    run.all(`SELECT et."eventId", t."slug", t."name" FROM "EventTag" et JOIN "Tag" t ON t."id" = et."tagId" WHERE et."eventId" IN (${inIds})`, ids),
    run.all(
      `SELECT ec."eventId", ec."stance", ec."note", ec."position", cl."id" AS "claimId", cl."slug", cl."text", cl."scope", cl."status",
              h."id" AS "changeId", h."fromStatus", h."toStatus", h."knownAt", h."sequence", h."reason", h."evidenceCitationId",
              ev."sourceId" AS "evSourceId", ev."url" AS "evUrl", ev."quote" AS "evQuote", ev."publishedAt" AS "evPublishedAt",
              ev."attribution" AS "evAttribution", ev."attributionText" AS "evAttributionText", evs."slug" AS "evSourceSlug",
              evs."name" AS "evSourceName", evs."kind" AS "evSourceKind", eve."slug" AS "evEventSlug", eve."published" AS "evEventPublished"
       FROM "EventClaim" ec JOIN "Claim" cl ON cl."id" = ec."claimId"
       LEFT JOIN "ClaimStatusChange" h ON h."claimId" = cl."id"
       LEFT JOIN "Citation" ev ON ev."id" = h."evidenceCitationId" LEFT JOIN "Source" evs ON evs."id" = ev."sourceId"
       LEFT JOIN "Event" eve ON eve."id" = ev."eventId"
       WHERE ec."eventId" IN (${inIds}) ORDER BY ec."eventId", ec."position", h."knownAt", h."sequence"`,
      ids,
    ),
    run.all(
      `SELECT r."fromEventId", r."type", r."note", e."id", e."slug", e."headline", e."occurredAt", e."precision", e."timeZone", e."status", e."knownFrom"
       FROM "EventRelation" r JOIN "Event" e ON e."id" = r."toEventId" WHERE r."fromEventId" IN (${inIds}) AND e."published" = ?`,
      [...ids, published],
    ),
    run.all(
      `SELECT r."toEventId", r."type", r."note", e."id", e."slug", e."headline", e."occurredAt", e."precision", e."timeZone", e."status", e."knownFrom"
       FROM "EventRelation" r JOIN "Event" e ON e."id" = r."fromEventId" WHERE r."toEventId" IN (${inIds}) AND e."published" = ?`,
      [...ids, published],
    ),
  ]);
  return { ids, total: Number(counted[0]!.n), rows: events.length + parts.reduce((n, p) => n + p.length, 0) };
}

export type BaselineResult = {
  kind: PreparedDatabase["kind"];
  size: number;
  p50: number;
  p95: number;
  runs: number;
  ids: string[];
  total: number;
  /** listTimeline's first page, timed in the same loop (absent in reports from before it was). */
  app?: { p50: number; p95: number; ids: string[]; total: number };
};

type AppPage = () => Promise<{ ids: string[]; total: number }>;

/**
 * Times the hand-written first page, and listTimeline's when `app` is given, in one loop: each
 * run reads both, in alternating order, so that both sides see the same machine (a ratio of two
 * loops run minutes apart moved between 1.7× and 3.3× on a quiet machine).
 */
export async function measureBaseline(db: PreparedDatabase, options: { warmup: number; runs: number; app?: AppPage }): Promise<BaselineResult> {
  const story = db.dataset.stories[0]!;
  const run = db.kind === "sqlite" ? sqliteRunner(db.url) : pgRunner(db.url);
  const { app } = options;
  try {
    let last = await firstPage(run, story.id, db.kind);
    let appLast = app ? await app() : null;
    for (let i = 1; i < options.warmup; i++) {
      last = await firstPage(run, story.id, db.kind);
      if (app) appLast = await app();
    }
    const times: number[] = [];
    const appTimes: number[] = [];
    const timeBaseline = async () => {
      const t0 = performance.now();
      last = await firstPage(run, story.id, db.kind);
      times.push(performance.now() - t0);
    };
    const timeApp = async () => {
      const t0 = performance.now();
      appLast = await app!();
      appTimes.push(performance.now() - t0);
    };
    for (let i = 0; i < options.runs; i++) {
      const order = !app ? [timeBaseline] : i % 2 === 0 ? [timeBaseline, timeApp] : [timeApp, timeBaseline];
      for (const time of order) await time();
    }
    times.sort((a, b) => a - b);
    appTimes.sort((a, b) => a - b);
    return {
      kind: db.kind,
      size: story.events,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      runs: times.length,
      ids: last.ids,
      total: last.total,
      app: appLast ? { p50: percentile(appTimes, 50), p95: percentile(appTimes, 95), ids: appLast.ids, total: appLast.total } : undefined,
    };
  } finally {
    await run.close();
  }
}
