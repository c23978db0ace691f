import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDbClient, getDb } from "../db";
import { isPostgresUrl } from "../env";
import { applyMigrationsAfter, createTemporaryDatabase, type TemporaryDatabase } from "../testing/temp-database";
import { createTestEvent } from "../../prisma/factories";
import { DERIVED_VERSION, refreshDerivedData } from "./derived-version";

// A database written before the truth-through-time migration (and by the old label rules) is
// upgraded: the migration fills the new columns, and `npm start` (refreshDerivedData) derives
// every label again under the current rules, once.

const BEFORE = "20241126000004_event_source_locks";
const PG_URL = process.env.TEST_DATABASE_URL && isPostgresUrl(process.env.TEST_DATABASE_URL) ? process.env.TEST_DATABASE_URL : undefined;

// Rows as the previous version of the app wrote them: a media report citing anonymous officials
// and, a week later, an on-record confirmation; the old rules labelled the report "confirmed".
// Two status changes known at the same instant, told apart only by when they were recorded.
const OLD_ROWS = `
INSERT INTO "Story" ("id","slug","title","description","timeZone","isDefault","updatedAt") VALUES ('st','old-story','Old','d','UTC',false,'2024-12-01T00:00:00.000Z');
INSERT INTO "Source" ("id","slug","name","kind","updatedAt") VALUES ('paper','paper','The Paper','NEWSPAPER','2024-12-01T00:00:00.000Z'), ('gov','gov','The Ministry','GOVERNMENT','2024-12-01T00:00:00.000Z');
INSERT INTO "Claim" ("id","slug","storyId","text","status","updatedAt") VALUES ('cl','old-claim','st','It happened','CONFIRMED','2024-12-01T00:00:00.000Z');
INSERT INTO "Event" ("id","slug","storyId","kind","headline","summary","occurredAt","precision","timeZone","occurredOn","timelineKey","firstReportedAt","status","searchText","publishedAt","updatedAt")
  VALUES ('ev-report','old-report','st','MEDIA_REPORT','Report','s','2024-11-17T00:00:00.000Z','MONTH','UTC','2024-11-01','2024-11-01|0000|2024-11-17T00:00:00.000Z','2024-11-17T12:00:00.000Z','CONFIRMED','report','2024-11-17T12:00:00.000Z','2024-12-01T00:00:00.000Z'),
         ('ev-confirm','old-confirm','st','BRIEFING','Confirmed','s','2024-11-24T00:00:00.000Z','DAY','UTC','2024-11-24','2024-11-24|0000|2024-11-24T00:00:00.000Z','2024-11-24T15:00:00.000Z','CONFIRMED','confirmed','2024-11-24T15:00:00.000Z','2024-12-01T00:00:00.000Z');
INSERT INTO "Citation" ("id","eventId","sourceId","publishedAt","publishedPrecision","attribution","position","updatedAt")
  VALUES ('c-report','ev-report','paper','2024-11-17T12:00:00.000Z','DAY','ANONYMOUS_OFFICIALS',0,'2024-12-01T00:00:00.000Z'),
         ('c-undated','ev-report','gov',NULL,'DAY','UNKNOWN',1,'2024-12-01T00:00:00.000Z'),
         ('c-confirm','ev-confirm','gov','2024-11-24T15:00:00.000Z','DAY','SPOKESPERSON',0,'2024-12-01T00:00:00.000Z');
INSERT INTO "EventClaim" ("eventId","claimId","stance") VALUES ('ev-report','cl','ASSERTS'), ('ev-confirm','cl','CONFIRMS');
INSERT INTO "ClaimStatusChange" ("id","claimId","fromStatus","toStatus","knownAt","reason","evidenceCitationId","changedBy","createdAt")
  VALUES ('h2','cl','REPORTED','CONFIRMED','2024-11-24T16:00:00.000Z','Confirmed.','c-confirm','old','2024-12-01T00:00:02.000Z'),
         ('h1','cl',NULL,'REPORTED','2024-11-24T16:00:00.000Z','Reported.','c-report','old','2024-12-01T00:00:01.000Z');
INSERT INTO "EventStatusPeriod" ("id","eventId","status","validFrom","validTo")
  VALUES ('p1','ev-report','CONFIRMED','2024-11-17T12:00:00.000Z',NULL), ('p2','ev-confirm','CONFIRMED','2024-11-24T15:00:00.000Z',NULL);
`;

async function runSql(database: TemporaryDatabase, sql: string) {
  if (database.kind === "sqlite") {
    const db = new Database(database.url.slice("file:".length));
    try {
      db.exec(sql.replace(/\b(true|false)\b/g, (b) => (b === "true" ? "1" : "0")));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const opened: { database: TemporaryDatabase; close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.close();
    await o.database.drop();
  }
});

describe("upgrading a database written under the old label rules", () => {
  it("fills the new columns, then derives every label again, once", async () => {
    const database = await createTemporaryDatabase(PG_URL, { upTo: BEFORE });
    await runSql(database, OLD_ROWS);
    await applyMigrationsAfter(database, BEFORE);
    const db = createDbClient(database.url);
    opened.push({ database, close: () => db.$disconnect() });

    // The migration: knownFrom from the event's citations, the source key's instants, sequences
    // in recording order, positions, and no precision for an unknown date.
    expect((await db.event.findUniqueOrThrow({ where: { id: "ev-report" } })).knownFrom).toEqual(new Date("2024-11-17T12:00:00.000Z"));
    const keys = await db.eventSource.findMany({ where: { eventId: "ev-report" }, orderBy: { sourceId: "asc" } });
    expect(keys.map((k) => [k.sourceId, k.knownFrom.toISOString()])).toEqual([
      ["gov", "2024-11-17T12:00:00.000Z"],
      ["paper", "2024-11-17T12:00:00.000Z"],
    ]);
    const history = await db.claimStatusChange.findMany({ where: { claimId: "cl" }, orderBy: { sequence: "asc" } });
    expect(history.map((h) => [h.id, h.sequence])).toEqual([
      ["h1", 1],
      ["h2", 2],
    ]);
    expect((await db.citation.findUniqueOrThrow({ where: { id: "c-undated" } })).publishedPrecision).toBeNull();

    // The old rules' label is still there until the data are derived again.
    expect((await db.event.findUniqueOrThrow({ where: { id: "ev-report" } })).status).toBe("CONFIRMED");
    expect(await refreshDerivedData(db)).toBe(2);
    const report = await db.event.findUniqueOrThrow({ where: { id: "ev-report" }, include: { statusPeriods: true } });
    // A media report stays a media report; its month precision now spans November.
    expect(report.status).toBe("REPORTED");
    expect(report.statusPeriods.map((p) => p.status)).toEqual(["REPORTED"]);
    expect(report.spanEndOn).toBe("2024-11-30");
    expect((await db.event.findUniqueOrThrow({ where: { id: "ev-confirm" } })).status).toBe("CONFIRMED");
    expect((await db.eventSource.findMany({ where: { eventId: "ev-report" } })).map((k) => k.status)).toEqual(["REPORTED", "REPORTED"]);
    expect((await db.setting.findUnique({ where: { key: "derivedVersion" } }))?.value).toBe(DERIVED_VERSION);

    // Once is enough.
    expect(await refreshDerivedData(db)).toBe(0);
  });

  it("derives a current database's data only when the rules version changed", async () => {
    const e = await createTestEvent({ citations: [{ attribution: "SPOKESPERSON" }] });
    expect(await refreshDerivedData(getDb())).toBeGreaterThan(0);
    await getDb().event.update({ where: { id: e.id }, data: { status: "DENIED" } });
    expect(await refreshDerivedData(getDb())).toBe(0);
    await getDb().setting.update({ where: { key: "derivedVersion" }, data: { value: "older" } });
    expect(await refreshDerivedData(getDb())).toBeGreaterThan(0);
    expect((await getDb().event.findUniqueOrThrow({ where: { id: e.id } })).status).toBe("ON_RECORD");
  });
});
