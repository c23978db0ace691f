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
import { versionOneOf } from "../testing/story-files";
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

describe("loading a second story and re-importing", () => {
  /** The seed story's export, renamed into a new story that shares its sources, actors and tags by slug under new ids. */
  async function sharedSlugsFile(): Promise<StoryExport> {
    const data = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), SEED))) as StoryExport;
    const renamed = new Map<string, string>();
    const fresh = (id: string) => {
      if (!renamed.has(id)) renamed.set(id, `${id.slice(0, 50)}x2`);
      return renamed.get(id)!;
    };
    const story = { ...data.story, id: fresh(data.story.id), slug: "second-story-shared-slugs", isDefault: false };
    return {
      ...data,
      story,
      sources: data.sources.map((s) => ({ ...s, id: fresh(s.id) })),
      actors: data.actors.map((a) => ({ ...a, id: fresh(a.id) })),
      tags: data.tags.map((t) => ({ ...t, id: fresh(t.id) })),
      claims: data.claims.map((c) => ({ ...c, id: fresh(c.id), slug: `${c.slug}-2`, history: c.history.map((h) => ({ ...h, evidenceCitationId: h.evidenceCitationId ? fresh(h.evidenceCitationId) : null })) })),
      events: data.events.map((e) => ({
        ...e,
        id: fresh(e.id),
        slug: `${e.slug}-2`,
        actors: e.actors.map((a) => ({ ...a, actorId: fresh(a.actorId) })),
        tagIds: e.tagIds.map(fresh),
        claims: e.claims.map((c) => ({ ...c, claimId: fresh(c.claimId) })),
        citations: e.citations.map((c) => ({
          ...c,
          id: fresh(c.id),
          sourceId: fresh(c.sourceId),
          speakerActorId: c.speakerActorId ? fresh(c.speakerActorId) : null,
          originSourceId: c.originSourceId ? fresh(c.originSourceId) : null,
          repeatsCitationId: c.repeatsCitationId ? fresh(c.repeatsCitationId) : null,
        })),
      })),
      relations: data.relations.map((r) => ({ ...r, id: fresh(r.id), fromEventId: fresh(r.fromEventId), toEventId: fresh(r.toEventId) })),
    };
  }

  it("names every record whose slug another record already has, all at once, and writes nothing", async () => {
    const file = await sharedSlugsFile();
    const before = await counts(getDb());
    const error = await importStory(getDb(), file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const issues = (error as ImportError).issues;
    // Every shared source, actor and tag, in one refusal.
    expect(issues).toHaveLength(file.sources.length + file.actors.length + file.tags.length);
    expect(issues.map((i) => i.row)).toEqual(expect.arrayContaining(["sources[0]", "actors[0]", "tags[0]"]));
    expect(issues[0]!.message).toContain("--adopt-by-slug");
    expect(await counts(getDb())).toEqual(before);
  });

  it("adopts the existing records by slug when asked, and logs every write as imported from the file", async () => {
    const file = await sharedSlugsFile();
    const before = await counts(getDb());
    const report = await importStory(getDb(), file, { adoptBySlug: true, fileName: "second.json" });
    expect(report.adopted.map((a) => a.kind)).toEqual(expect.arrayContaining(["sources", "actors", "tags"]));
    const after = await counts(getDb());
    expect(after.sources).toBe(before.sources);
    expect(after.events).toBe(before.events + file.events.length);
    const story = await getDb().story.findUniqueOrThrow({ where: { slug: "second-story-shared-slugs" } });
    const event = await getDb().event.findFirstOrThrow({ where: { storyId: story.id }, select: { id: true, citations: { select: { source: { select: { slug: true } } } } } });
    const revisions = await getDb().revision.findMany({ where: { entityId: event.id } });
    expect(revisions.map((r) => [r.action, r.reason])).toEqual([["import-create", "imported from second.json"]]);
    // The citations point at the sources that were already there.
    const sourceSlugs = new Set((await getDb().source.findMany({ select: { slug: true } })).map((s) => s.slug));
    for (const c of event.citations) expect(sourceSlugs.has(c.source.slug)).toBe(true);
  });

  it("gives the same result whatever the order of the file's arrays", async () => {
    const file = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), fixture.story.slug, { includeUnpublished: true }))) as StoryExport;
    const reversed: StoryExport = {
      ...file,
      sources: [...file.sources].reverse(),
      actors: [...file.actors].reverse(),
      tags: [...file.tags].reverse(),
      claims: [...file.claims].reverse().map((c) => ({ ...c, history: [...c.history].reverse() })),
      events: [...file.events].reverse().map((e) => ({ ...e, actors: [...e.actors].reverse(), tagIds: [...e.tagIds].reverse(), corrections: [...e.corrections].reverse() })),
      relations: [...file.relations].reverse(),
    };
    const a = await freshDatabase("sqlite");
    const b = await freshDatabase("sqlite");
    await importStory(a, file);
    await importStory(b, reversed);
    const exportOf = async (db: Db) => serializeStoryExport(await requireStoryExport(db, fixture.story.slug, { includeUnpublished: true }));
    expect(await exportOf(b)).toBe(await exportOf(a));
    // And re-importing either order into either database changes nothing.
    expect((await importStory(a, reversed)).changes).toEqual([]);
    expect((await importStory(b, file)).changes).toEqual([]);
  });

  it("refuses to overwrite newer edits, naming the events, unless told to; then logs the replacement", async () => {
    const target = await freshDatabase("sqlite");
    const file = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), SEED))) as StoryExport;
    await importStory(target, file);
    const [first, second] = file.events;
    // Two editor saves on two events: their versions move on.
    for (const e of [first!, second!]) {
      await target.event.update({ where: { id: e.id }, data: { headline: `${e.headline} (edited)`, version: { increment: 10 } } });
    }
    const error = await importStory(target, file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const issues = (error as ImportError).issues;
    expect(issues.map((i) => i.field)).toEqual(["version", "version"]);
    expect(issues[0]!.message).toContain("--overwrite-newer");
    expect(issues.map((i) => i.message).join(" ")).toContain(first!.slug);
    expect((await target.event.findUniqueOrThrow({ where: { id: first!.id } })).headline).toBe(`${first!.headline} (edited)`);

    const report = await importStory(target, file, { overwriteNewer: true, fileName: "old.json" });
    expect(report.counts.events.updated).toBe(2);
    const back = await target.event.findUniqueOrThrow({ where: { id: first!.id } });
    expect(back.headline).toBe(first!.headline);
    expect(back.version).toBe(12);
    const revision = await target.revision.findFirstOrThrow({ where: { entityId: first!.id, action: "import-overwrite-newer" } });
    expect(revision.reason).toContain("replacing version 11");
    expect(JSON.parse(revision.diff)).toMatchObject({ headline: { from: `${first!.headline} (edited)`, to: first!.headline } });
  });

  it("still imports a version 1 file", async () => {
    const v2 = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), fixture.story.slug))) as StoryExport;
    const v1 = versionOneOf(v2);
    const target = await freshDatabase("sqlite");
    const report = await importStory(target, parseJsonImport(JSON.stringify(v1)).data);
    expect(report.counts.events.created).toBe(v2.events.length);
    expect(serializeStoryExport(await requireStoryExport(target, fixture.story.slug))).toBe(serializeStoryExport(v2));
  });

  it("refuses a javascript: or data: address, as the editor does", async () => {
    const file = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), SEED))) as StoryExport & { events: { citations: { url: string | null }[] }[] };
    file.events[0]!.citations[0]!.url = "javascript:alert(1)";
    file.sources[0] = { ...file.sources[0]!, homepage: "data:text/html,<script>alert(1)</script>" };
    const error = (() => {
      try {
        parseJsonImport(JSON.stringify(file));
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues.map((i) => i.field)).toEqual(expect.arrayContaining(["citations[0].url", "homepage"]));
  });
});
