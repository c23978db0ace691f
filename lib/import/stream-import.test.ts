import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, getDb, type Db } from "../db";
import { requireStoryExport } from "../export/export-story";
import { serializeStoryExport, type StoryExport } from "../export/format";
import { refreshEvents } from "../events/write";
import { atacmsStory } from "../seed/atacms-story";
import { seedStory } from "../seed/seed-story";
import { createSyndicationStory, type SyndicationStory } from "../syndication/test-fixture";
import { versionOneOf } from "../testing/story-files";
import { truthStory } from "../testing/truth-story";
import { createTemporaryDatabase, type TemporaryDatabase } from "../testing/temp-database";
import { ImportError, importStory, importStoryFile, type ImportProgress } from "./import-story";
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
        const progress: ImportProgress[] = [];
        const report = await importStoryFile(target, await openJsonStoryFile(file), { chunkSize, onProgress: (p) => progress.push(p) });
        expect(report.events).toBe(data.events.length);
        // Every chunk is reported, checked first, then written.
        const steps = Array.from({ length: Math.ceil(data.events.length / chunkSize) }, (_, i) => Math.min((i + 1) * chunkSize, data.events.length));
        expect(progress).toEqual([...steps.map((events) => ({ pass: "check", events })), ...steps.map((events) => ({ pass: "write", events }))]);
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
    broken.events.push({ ...broken.events[0]!, slug: "the-same-event-again" });
    const target = await freshDatabase();
    const error = await importStoryFile(target, await openJsonStoryFile(fileOf(JSON.stringify(broken))), { chunkSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    const issues = (error as ImportError).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: `events[1] (${data.events[1]!.slug})`, field: "headline" }),
        expect.objectContaining({ row: `events[3] (${data.events[3]!.slug})`, field: "occurredAt" }),
        expect.objectContaining({ row: `relations[${data.relations.length}]`, field: "type" }),
        expect.objectContaining({ row: `events[${data.events.length}]`, field: "id", message: `the event id “${data.events[0]!.id}” appears more than once in the file` }),
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
    // Lists the format requires: missing, or not lists.
    const { events: _e, relations: _r, ...head } = JSON.parse(text) as StoryExport;
    void _e;
    void _r;
    for (const [body, field, message] of [
      [{ ...head, relations: [] }, "events", "is required"],
      [{ ...head, events: [] }, "relations", "is required"],
      [{ ...head, events: { a: 1 }, relations: [] }, "events", "must be a list"],
      [{ ...head, events: [], relations: null }, "relations", "must be a list"],
    ] as const) {
      const refused = await importStoryFile(target, await openJsonStoryFile(fileOf(JSON.stringify(body)))).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ImportError);
      expect((refused as ImportError).issues).toContainEqual({ row: "file", field, message });
    }
    // Junk after the document, and a file that is not there.
    const junk = await importStoryFile(target, await openJsonStoryFile(fileOf(`${text}\n${" ".repeat(300_000)}x`))).catch((e: unknown) => e);
    expect((junk as ImportError).issues[0]!.message).toMatch(/^not valid JSON/);
    const missing = await openJsonStoryFile(path.join(dir, "no-such-file.json")).catch((e: unknown) => e);
    expect((missing as ImportError).issues[0]!.message).toMatch(/^there is no file/);
    expect(await eventCount(target)).toBe(0);
    const headless = await openJsonStoryFile(fileOf(JSON.stringify({ formatVersion: 2, events: [] }))).catch((e: unknown) => e);
    expect(headless).toBeInstanceOf(ImportError);
    expect((headless as ImportError).issues.map((i) => i.field)).toEqual(expect.arrayContaining(["story", "sources"]));
  });

  it("refuses a file rewritten between its two passes, and writes nothing", async () => {
    const text = serializeStoryExport(await requireStoryExport(getDb(), SEED));
    const file = fileOf(text);
    const target = await freshDatabase();
    const story = await openJsonStoryFile(file);
    let rewritten = false;
    const events = story.events.bind(story);
    // Rewritten (same bytes, a later time) while the first pass reads it.
    story.events = async function* (size) {
      for await (const chunk of events(size)) {
        if (!rewritten) {
          rewritten = true;
          await new Promise((r) => setTimeout(r, 20));
          writeFileSync(file, text);
        }
        yield chunk;
      }
    };
    const error = await importStoryFile(target, story, { chunkSize: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues).toContainEqual({ row: "file", field: "(file)", message: "the file changed while it was being imported; import it again" });
    expect(await eventCount(target)).toBe(0);
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

  it("labels new events with the evidence as the file leaves it, when an event a later chunk updates holds it", async () => {
    // "decision" was confirmed on the record by the spokesman Harlan (tt-cit-16-globalwire). The
    // file gives that citation another speaker, in an event it lists last, and adds, first, a
    // statement asserting the claim in Harlan's words: no longer the confirmer's voice, so not
    // "confirmed". Written a chunk at a time, the new event comes before the update.
    const target = await freshDatabase();
    await importStory(target, truthStory());
    const file = truthStory();
    const holder = file.events.find((e) => e.citations.some((c) => c.id === "tt-cit-16-globalwire"))!;
    const evidence = holder.citations.find((c) => c.id === "tt-cit-16-globalwire")!;
    const other = file.actors.find((a) => a.id !== evidence.speakerActorId)!;
    const decision = file.claims.find((c) => c.history.some((h) => h.evidenceCitationId === evidence.id))!;
    const added = {
      ...structuredClone(holder),
      id: "tt-ev-added",
      slug: "added-statement-in-harlans-words",
      kind: "STATEMENT" as const,
      claims: [{ claimId: decision.id, stance: "ASSERTS" as const, note: null }],
      citations: holder.citations.map((c, i) => ({ ...c, id: `tt-cit-added-${i}`, repeatsCitationId: null })),
      corrections: [],
    };
    evidence.speakerActorId = other.id;
    file.events = [added, ...file.events.filter((e) => e !== holder), holder];
    await importStoryFile(target, await openJsonStoryFile(fileOf(JSON.stringify(file))), { chunkSize: 1 });

    const labels = async () =>
      (await target.event.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, statusPeriods: { select: { status: true, validFrom: true }, orderBy: { validFrom: "asc" } } } })).map((e) => JSON.stringify(e));
    const imported = await labels();
    const ids = (await target.event.findMany({ select: { id: true } })).map((e) => e.id);
    await target.$transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 100) await refreshEvents(tx, ids.slice(i, i + 100));
    });
    expect(imported).toEqual(await labels());
    expect((await target.event.findUniqueOrThrow({ where: { id: "tt-ev-added" }, select: { status: true } })).status).not.toBe("CONFIRMED");
  });
});
