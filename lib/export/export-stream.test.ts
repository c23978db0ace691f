import { beforeAll, describe, expect, it } from "vitest";
import { createTestEvent, createTestRelation, createTestStory } from "../../prisma/factories";
import { getDb } from "../db";
import { importStory } from "../import/import-story";
import { parseCsvImport, parseJsonImport } from "../import/parse-file";
import { TRUTH_STORY_SLUG, truthStory } from "../testing/truth-story";
import { openStoryExport, requireStoryExport, storyJsonChunks } from "./export-story";
import { serializeStoryExport } from "./format";
import { storyCsvChunks, storyToCsv } from "./story-csv";

// Streamed exports (the site's downloads and `npm run export`) read the story a chunk at a time
// and write it as they go. Whatever the chunk size, the bytes are those of the whole story
// serialised at once, on the fixture story and on a story whose events share one instant.

async function text(chunks: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

let tiedSlug: string;
beforeAll(async () => {
  await importStory(getDb(), parseJsonImport(serializeStoryExport(truthStory())).data, { fileName: "truth-story.json" });
  // Twelve events at the same instant and day order, and three more after them, with relations.
  const story = await createTestStory();
  tiedSlug = story.slug;
  const at = new Date("2024-11-18T00:00:00.000Z");
  const events = [];
  for (let i = 0; i < 12; i++) events.push(await createTestEvent({ storyId: story.id, occurredAt: at, firstReportedAt: at }));
  for (let i = 0; i < 3; i++) {
    const later = new Date(at.getTime() + (i + 1) * 3_600_000);
    events.push(await createTestEvent({ storyId: story.id, occurredAt: later, firstReportedAt: later, dayOrder: i }));
  }
  for (let i = 1; i < events.length; i += 2) await createTestRelation({ fromEventId: events[i]!.id, toEventId: events[i - 1]!.id });
  // A draft: in a backup, never in the site's download.
  await createTestEvent({ storyId: story.id, occurredAt: at, firstReportedAt: at, published: false });
});

describe("streamed exports", () => {
  for (const slug of [() => TRUTH_STORY_SLUG, () => tiedSlug]) {
    it("write the same JSON and CSV bytes as the whole story at once, whatever the chunk size", async () => {
      const db = getDb();
      for (const includeUnpublished of [false, true]) {
        const whole = await requireStoryExport(db, slug(), { includeUnpublished });
        expect(whole.events.length).toBeGreaterThan(10);
        const expectedJson = serializeStoryExport(whole);
        const statuses = new Map((await db.event.findMany({ where: { id: { in: whole.events.map((e) => e.id) } }, select: { id: true, status: true } })).map((e) => [e.id, e.status.toLowerCase().replaceAll("_", "-")]));
        const expectedCsv = storyToCsv(whole, statuses);
        for (const chunkSize of [1, 5, 1000]) {
          const json = await text(storyJsonChunks((await openStoryExport(db, slug(), { includeUnpublished, chunkSize }))!));
          expect(json).toBe(expectedJson);
          const csv = await text(storyCsvChunks((await openStoryExport(db, slug(), { includeUnpublished, chunkSize }))!));
          expect(csv).toBe(expectedCsv);
        }
        // The file is in timeline order, ties broken by id.
        const keys = whole.events.map((e) => `${e.occurredAt}|${String(e.dayOrder).padStart(4, "0")}|${e.id}`);
        expect(keys).toEqual([...keys].sort());
      }
    });
  }

  it("leave out drafts from the site's download, with the relations and sources only they use", async () => {
    const published = await requireStoryExport(getDb(), tiedSlug);
    const all = await requireStoryExport(getDb(), tiedSlug, { includeUnpublished: true });
    expect(all.events.length).toBe(published.events.length + 1);
    expect(all.sources.length).toBe(published.sources.length + 1);
    expect(published.relations.length).toBeGreaterThan(0);
  });

  it("read back through the CSV importer without a change", async () => {
    const db = getDb();
    const csv = await text(storyCsvChunks((await openStoryExport(db, tiedSlug, { chunkSize: 4 }))!));
    const parsed = await parseCsvImport(db, csv);
    const report = await importStory(db, parsed.data, { locator: parsed.locator });
    expect(report.changes).toEqual([]);
    expect(report.counts.events.unchanged).toBe(15);
  });
});
