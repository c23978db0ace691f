import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, getDb, type Db } from "../db";
import { isPostgresUrl } from "../env";
import { parseCsv } from "../export/csv";
import { CSV_HEADER } from "../export/csv-layout";
import { exportStory, requireStoryExport } from "../export/export-story";
import { serializeStoryExport, type StoryExport } from "../export/format";
import { eventStatuses, storyToCsv } from "../export/story-csv";
import { atacmsStory } from "../seed/atacms-story";
import { seedStory } from "../seed/seed-story";
import { createSyndicationStory, type SyndicationStory } from "../syndication/test-fixture";
import { createTemporaryDatabase, type TemporaryDatabase } from "../testing/temp-database";
import { ImportError, importStory } from "./import-story";
import { parseCsvImport, parseJsonImport } from "./parse-file";

// Export and import, on real databases: the test database (SQLite or PostgreSQL) and fresh,
// empty ones of either provider created here.

const PG_URL = process.env.TEST_DATABASE_URL && isPostgresUrl(process.env.TEST_DATABASE_URL) ? process.env.TEST_DATABASE_URL : null;

const opened: { db: Db; database: TemporaryDatabase }[] = [];
async function freshDatabase(kind: "sqlite" | "postgresql"): Promise<Db> {
  const database = await createTemporaryDatabase(kind === "postgresql" ? PG_URL! : undefined);
  const db = createDbClient(database.url);
  opened.push({ db, database });
  return db;
}
afterAll(async () => {
  for (const { db, database } of opened) {
    await db.$disconnect();
    await database.drop();
  }
});

async function counts(db: Db) {
  const [stories, events, citations, claims, changes, sources] = await Promise.all([
    db.story.count(),
    db.event.count(),
    db.citation.count(),
    db.claim.count(),
    db.claimStatusChange.count(),
    db.source.count(),
  ]);
  return { stories, events, citations, claims, changes, sources };
}

async function roundTrip(from: Db, to: Db, slug: string): Promise<{ first: string; second: string }> {
  const first = serializeStoryExport(await requireStoryExport(from, slug, { includeUnpublished: true }));
  await importStory(to, parseJsonImport(first).data);
  const second = serializeStoryExport(await requireStoryExport(to, slug, { includeUnpublished: true }));
  return { first, second };
}

let fixture: SyndicationStory;
const SEED = atacmsStory.story.slug;
beforeAll(async () => {
  await seedStory(getDb(), atacmsStory);
  fixture = await createSyndicationStory();
});

describe("JSON export", () => {
  it("is versioned, leaves out unpublished events unless asked, and is byte-stable", async () => {
    const data = (await exportStory(getDb(), fixture.story.slug))!;
    expect(data.formatVersion).toBe(2);
    expect(data.events.map((e) => e.slug)).toEqual([fixture.report.slug, fixture.denial.slug]);
    expect(JSON.stringify(data)).not.toContain("SECRET DRAFT");
    expect(data.claims[0]!.history.map((h) => h.toStatus)).toEqual(["REPORTED", "DENIED"]);
    const withDrafts = (await exportStory(getDb(), fixture.story.slug, { includeUnpublished: true }))!;
    expect(withDrafts.events).toHaveLength(3);
    expect(serializeStoryExport(data)).toBe(serializeStoryExport((await exportStory(getDb(), fixture.story.slug))!));
  });
});

describe("round trip into an empty database", () => {
  it("SQLite or the test database → fresh SQLite → export again: byte-identical", async () => {
    const target = await freshDatabase("sqlite");
    for (const slug of [SEED, fixture.story.slug]) {
      const { first, second } = await roundTrip(getDb(), target, slug);
      expect(second).toBe(first);
    }
    // The derived fields came out the same too: the labels on the timeline agree.
    const statusesA = await eventStatuses(getDb(), (await requireStoryExport(getDb(), SEED)).events.map((e) => e.id));
    const statusesB = await eventStatuses(target, (await requireStoryExport(target, SEED)).events.map((e) => e.id));
    expect([...statusesB.entries()].sort()).toEqual([...statusesA.entries()].sort());
  });

  it(
    "PostgreSQL ⇄ fresh SQLite, both ways: byte-identical",
    async (ctx) => {
      if (!PG_URL) ctx.skip("the PostgreSQL leg needs TEST_DATABASE_URL=postgresql://… (this run is SQLite only)");
      // The test database is PostgreSQL here: PG → fresh SQLite, then that SQLite → fresh PG.
      const sqlite = await freshDatabase("sqlite");
      const pg = await freshDatabase("postgresql");
      for (const slug of [SEED, fixture.story.slug]) {
        const there = await roundTrip(getDb(), sqlite, slug);
        expect(there.second).toBe(there.first);
        const back = await roundTrip(sqlite, pg, slug);
        expect(back.second).toBe(there.first);
      }
    },
  );
});

describe("import", () => {
  it("is idempotent: a second import changes nothing, and a dry run writes nothing", async () => {
    const file = serializeStoryExport(await requireStoryExport(getDb(), SEED));
    const target = await freshDatabase("sqlite");

    const dry = await importStory(target, parseJsonImport(file).data, { dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.counts.events.created).toBe(atacmsStory.events.length);
    expect(dry.counts.statusChanges.created).toBeGreaterThan(0);
    expect((await counts(target)).events).toBe(0);

    const first = await importStory(target, parseJsonImport(file).data);
    expect(first.counts.events.created).toBe(atacmsStory.events.length);
    const after = await counts(target);
    const again = await importStory(target, parseJsonImport(file).data);
    expect(again.changes).toEqual([]);
    expect(again.counts.events.unchanged).toBe(atacmsStory.events.length);
    expect(await counts(target)).toEqual(after);

    // An edited headline is an update, reported as such in a dry run and then applied.
    const edited = JSON.parse(file) as StoryExport;
    edited.events[0]!.headline = "An edited headline";
    const plan = await importStory(target, edited, { dryRun: true });
    expect(plan.changes).toEqual([{ kind: "events", action: "updated", key: edited.events[0]!.slug }]);
    await importStory(target, edited);
    expect((await target.event.findUnique({ where: { id: edited.events[0]!.id } }))!.headline).toBe("An edited headline");
  });

  it("refuses a malformed file, naming the row and the field, and leaves the database untouched", async () => {
    const data = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), SEED))) as StoryExport & {
      events: Record<string, unknown>[];
    };
    data.events[2]!.occurredAt = "18 November";
    const target = await freshDatabase("sqlite");
    const before = await counts(target);
    let error: unknown;
    try {
      parseJsonImport(JSON.stringify(data));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues[0]).toMatchObject({ row: `events[2] (${data.events[2]!.slug})`, field: "occurredAt" });
    expect(await counts(target)).toEqual(before);
  });

  it("rolls everything back when a domain rule fails half-way", async () => {
    const data = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), SEED))) as StoryExport;
    // Officially confirmed without on-record evidence: the claim rules refuse it.
    data.claims[0]!.history.push({
      toStatus: "CONFIRMED",
      knownAt: "2024-11-30T00:00:00.000Z",
      sequence: 99,
      reason: "Said to be confirmed.",
      evidenceCitationId: null,
      changedBy: "import",
    });
    const target = await freshDatabase("sqlite");
    const error = await importStory(target, data).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues[0]!.row).toMatch(/^claims\[0\] \(.+\) history\[\d+\]$/);
    expect(await counts(target)).toEqual({ stories: 0, events: 0, citations: 0, claims: 0, changes: 0, sources: 0 });
  });
});

describe("CSV", () => {
  it("opens cleanly in a spreadsheet: BOM, CRLF, RFC 4180 quoting, ISO dates, no formulas", async () => {
    const data = await requireStoryExport(getDb(), fixture.story.slug);
    const csv = storyToCsv(data, await eventStatuses(getDb(), data.events.map((e) => e.id)));
    expect(csv.startsWith("\uFEFFstory_slug,event_id,")).toBe(true);
    expect(csv).toContain("\r\n");
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows).toHaveLength(1 + 2); // one row per event × citation
    const col = (name: string) => CSV_HEADER.indexOf(name);
    const report = rows.find((r) => r[col("event_slug")] === fixture.report.slug)!;
    expect(report[col("quote")]).toBe('We were told, "it\'s done", by two officials');
    expect(csv).toContain('"We were told, ""it\'s done"", by two officials"');
    expect(report[col("occurred_at")]).toBe("2024-11-17T00:00:00.000Z");
    expect(report[col("status")]).toBe("reported");
    expect(report[col("occurred_on")]).toBe("2024-11-17");
    expect(report[col("date_shown")]).toBe("17 Nov 2024");
    expect(storyToCsv({ ...data, events: [{ ...data.events[0]!, headline: "=HYPERLINK(\"x\")" }] })).toContain("\"'=HYPERLINK(\"\"x\"\")\"");
  });

  it("imports back into the same database without changing anything, and names a bad row and field", async () => {
    const data = await requireStoryExport(getDb(), fixture.story.slug);
    const csv = storyToCsv(data);
    const parsed = await parseCsvImport(getDb(), csv);
    const before = await counts(getDb());
    const report = await importStory(getDb(), parsed.data, { locator: parsed.locator });
    expect(report.changes).toEqual([]);
    expect(await counts(getDb())).toEqual(before);

    const lines = csv.split("\r\n");
    lines[2] = lines[2]!.replace(",statement,", ",speech,");
    const error = await parseCsvImport(getDb(), lines.join("\r\n")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues[0]).toMatchObject({ row: "row 3", field: "event_kind" });
  });

  it("adds new rows by slug, idempotently, with the sources they name", async () => {
    const header = CSV_HEADER.join(",");
    const values: Record<string, string> = {
      story_slug: fixture.story.slug,
      event_slug: `${fixture.story.slug}-csv-added`,
      event_kind: "reaction",
      headline: "A reaction added from a spreadsheet",
      summary: "- starts with a dash",
      occurred_at: "2024-11-20T00:00:00.000Z",
      precision: "day",
      approximate: "false",
      time_zone: "UTC",
      day_order: "0",
      first_reported_at: "2024-11-20T00:00:00.000Z",
      published: "true",
      citation_position: "0",
      source_slug: `${fixture.story.slug}-new-wire`,
      source_name: "New Wire",
      source_kind: "wire",
      attribution: "named-on-record",
    };
    const csv = `${header}\r\n${CSV_HEADER.map((h) => values[h] ?? "").join(",")}\r\n`;
    const first = await importStory(getDb(), (await parseCsvImport(getDb(), csv)).data);
    expect(first.counts.events.created).toBe(1);
    expect(first.counts.sources.created).toBe(1);
    const second = await importStory(getDb(), (await parseCsvImport(getDb(), csv)).data);
    expect(second.changes).toEqual([]);
    const added = await getDb().event.findUnique({ where: { slug: values.event_slug! } });
    expect(added!.summary).toBe("- starts with a dash");
  });
});
