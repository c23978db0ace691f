import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, getDb, type Db } from "../db";
import { requireStoryExport } from "../export/export-story";
import { serializeStoryExport, type StoryExport } from "../export/format";
import { atacmsStory } from "../seed/atacms-story";
import { seedStory } from "../seed/seed-story";
import { createSyndicationStory, type SyndicationStory } from "../syndication/test-fixture";
import { versionOneOf } from "../testing/story-files";
import { createTemporaryDatabase, type TemporaryDatabase } from "../testing/temp-database";
import { ImportError, importStory, importStoryFile } from "./import-story";
import { openJsonStoryFile } from "./story-file";

// A JSON file imported from disk a few events at a time (lib/import/story-file.ts): the same
// result as the whole file in memory, and the same refusals.

const dir = mkdtempSync(path.join(tmpdir(), "sourceline-stream-import-"));
const opened: { db: Db; database: TemporaryDatabase }[] = [];
async function freshDatabase(): Promise<Db> {
  const database = await createTemporaryDatabase(undefined);
  const db = createDbClient(database.url);
  opened.push({ db, database });
  return db;
}
afterAll(async () => {
  for (const { db, database } of opened) {
    await db.$disconnect();
    await database.drop();
  }
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function fileOf(text: string): string {
  const file = path.join(dir, `story-${++n}.json`);
  writeFileSync(file, text);
  return file;
}

const eventCount = (db: Db) => db.event.count();

let fixture: SyndicationStory;
const SEED = atacmsStory.story.slug;
beforeAll(async () => {
  await seedStory(getDb(), atacmsStory);
  fixture = await createSyndicationStory();
});

describe("a JSON file imported from disk in chunks", () => {
  it("writes what the whole file writes, in chunks of one event, whatever the order of its records", async () => {
    for (const slug of [SEED, fixture.story.slug]) {
      const data = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), slug, { includeUnpublished: true }))) as StoryExport;
      // The first event's citation repeats the last one's, which a later chunk writes (and,
      // events last first, the other way round); claim changes name evidence that the first
      // pass finds in the events.
      const [first, last] = [data.events[0]!, data.events[data.events.length - 1]!];
      first.citations[0]!.repeatsCitationId = last.citations[0]!.id;
      last.citations[0]!.repeatsCitationId = null;
      const text = serializeStoryExport(data);
      const reversed = { ...data, events: [...data.events].reverse() };
      for (const [file, chunkSize] of [
        [fileOf(text), 1],
        [fileOf(JSON.stringify(reversed)), 1],
        [fileOf(JSON.stringify(reversed)), 2],
      ] as const) {
        const target = await freshDatabase();
        const report = await importStoryFile(target, await openJsonStoryFile(file), { chunkSize });
        expect(report.events).toBe(data.events.length);
        expect(report.counts.events.created).toBe(data.events.length);
        expect(serializeStoryExport(await requireStoryExport(target, slug, { includeUnpublished: true }))).toBe(text);
        // Importing it again changes nothing.
        const again = await importStoryFile(target, await openJsonStoryFile(file), { chunkSize });
        expect(again.changes).toEqual([]);
        expect(again.counts.events.unchanged).toBe(data.events.length);
      }
    }
  });

  it("reads the story's head wherever it stands in the file, and a byte-order mark", async () => {
    const text = serializeStoryExport(await requireStoryExport(getDb(), fixture.story.slug));
    const data = JSON.parse(text) as StoryExport;
    const { events, relations, ...head } = data;
    const target = await freshDatabase();
    const file = fileOf(`\uFEFF${JSON.stringify({ relations, events, ...head })}`);
    await importStoryFile(target, await openJsonStoryFile(file), { chunkSize: 1 });
    expect(serializeStoryExport(await requireStoryExport(target, fixture.story.slug))).toBe(text);
  });

  it("reports every record that breaks the format, naming it, and writes nothing", async () => {
    const data = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), SEED))) as StoryExport;
    const broken = structuredClone(data) as unknown as { events: Record<string, unknown>[]; relations: Record<string, unknown>[] };
    broken.events[1]!.headline = "";
    broken.events[3]!.occurredAt = "yesterday";
    broken.relations.push({ id: "r1", fromEventId: "a", toEventId: "b", type: "NOT-A-TYPE", note: null });
    const target = await freshDatabase();
    const error = await importStoryFile(target, await openJsonStoryFile(fileOf(JSON.stringify(broken))), { chunkSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const issues = (error as ImportError).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: `events[1] (${data.events[1]!.slug})`, field: "headline" }),
        expect.objectContaining({ row: `events[3] (${data.events[3]!.slug})`, field: "occurredAt" }),
        expect.objectContaining({ row: `relations[${data.relations.length}]`, field: "type" }),
      ]),
    );
    expect(await eventCount(target)).toBe(0);
    expect(await target.story.count()).toBe(0);
  });

  it("refuses a file that is not JSON, or is cut off, and writes nothing", async () => {
    const text = serializeStoryExport(await requireStoryExport(getDb(), SEED));
    const target = await freshDatabase();
    const cut = fileOf(text.slice(0, Math.floor(text.length * 0.8)));
    const opened = await openJsonStoryFile(cut);
    const error = await importStoryFile(target, opened, { chunkSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues[0]).toMatchObject({ row: "file", field: "(json)" });
    expect((error as ImportError).issues[0]!.message).toMatch(/^not valid JSON/);
    expect(await eventCount(target)).toBe(0);
    const garbage = await openJsonStoryFile(fileOf("{ not json")).catch((e: unknown) => e);
    expect(garbage).toBeInstanceOf(ImportError);
    expect((garbage as ImportError).issues[0]!.message).toMatch(/^not valid JSON/);
    const headless = await openJsonStoryFile(fileOf(JSON.stringify({ formatVersion: 2, events: [] }))).catch((e: unknown) => e);
    expect(headless).toBeInstanceOf(ImportError);
    expect((headless as ImportError).issues.map((i) => i.field)).toEqual(expect.arrayContaining(["story", "sources"]));
  });

  it("reads a version 1 file record by record", async () => {
    const v2 = JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), fixture.story.slug))) as StoryExport;
    const v1 = versionOneOf(v2);
    const streamed = await freshDatabase();
    const whole = await freshDatabase();
    await importStoryFile(streamed, await openJsonStoryFile(fileOf(JSON.stringify(v1))), { chunkSize: 1 });
    await importStory(whole, v2);
    expect(serializeStoryExport(await requireStoryExport(streamed, fixture.story.slug))).toBe(serializeStoryExport(await requireStoryExport(whole, fixture.story.slug)));
  });
});
