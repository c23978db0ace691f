import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { refreshEvents } from "../events/write";
import { requireStoryExport } from "../export/export-story";
import { serializeStoryExport } from "../export/format";
import { atacmsStory } from "../seed/atacms-story";
import { seedStory } from "../seed/seed-story";
import { TRUTH_STORY_SLUG, truthStory } from "../testing/truth-story";
import { createTemporaryDatabase } from "../testing/temp-database";
import { createDbClient } from "../db";
import type { StoryExport } from "../export/format";
import { BULK_CHUNK } from "./bulk-events";
import { ImportError, importStory } from "./import-story";
import { parseJsonImport } from "./parse-file";

// New events are written many at a time (lib/import/bulk-events.ts), their labels derived from
// the claim histories as they stand once the import is done. They must be exactly what the
// one-by-one write path derives: refreshing every event afterwards changes nothing.

async function derivedState() {
  const events = await getDb().event.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      status: true,
      knownFrom: true,
      occurredOn: true,
      spanEndOn: true,
      timelineKey: true,
      searchText: true,
      publishedAt: true,
      statusPeriods: { select: { status: true, validFrom: true, validTo: true, storyId: true, timelineKey: true }, orderBy: { validFrom: "asc" } },
      sourceKeys: { select: { sourceId: true, timelineKey: true, status: true, knownFrom: true }, orderBy: { sourceId: "asc" } },
    },
  });
  const claims = await getDb().claim.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, history: { select: { sequence: true, toStatus: true }, orderBy: { sequence: "asc" } } } });
  return { events, claims };
}

describe("importing new events in bulk", () => {
  it("derives every label, label history and key exactly as the write paths do", async () => {
    const db = getDb();
    const report = await importStory(db, parseJsonImport(serializeStoryExport(truthStory())).data, { fileName: "truth-story.json" });
    expect(report.counts.events.created).toBeGreaterThan(20);
    expect(report.counts.statusChanges.created).toBeGreaterThan(5);
    // The seed story, written one by one through the write paths, beside it.
    await seedStory(db, atacmsStory);
    const before = await derivedState();
    expect(before.events.some((e) => e.statusPeriods.length > 1)).toBe(true);
    const ids = before.events.map((e) => e.id);
    await db.$transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 100) await refreshEvents(tx, ids.slice(i, i + 100));
    });
    expect(await derivedState()).toEqual(before);
    // And the story reads back as the file it came from.
    expect(serializeStoryExport(await requireStoryExport(db, TRUTH_STORY_SLUG))).toBe(serializeStoryExport(truthStory()));
  });

  it("logs every event it creates as imported from the file", async () => {
    const events = await getDb().event.findMany({ where: { story: { slug: TRUTH_STORY_SLUG } }, select: { id: true } });
    const logged = await getDb().revision.findMany({ where: { entityType: "Event", entityId: { in: events.map((e) => e.id) }, action: "import-create" }, select: { entityId: true, reason: true } });
    expect(new Set(logged.map((r) => r.entityId)).size).toBe(events.length);
    for (const r of logged) expect(r.reason).toBe("imported from truth-story.json");
  });
});

describe("a rule broken past the first chunk of new events", () => {
  it("is reported for its row once the chunks before it are written, and nothing stays written", async () => {
    // Built while the chunk before it is written (bulk-events.ts): the error waits for that write.
    const file = JSON.parse(serializeStoryExport(truthStory())) as StoryExport;
    const model = file.events.find((e) => e.published && e.citations.length > 0 && e.claims.length === 0)!;
    const count = BULK_CHUNK + 50;
    file.events = Array.from({ length: count }, (_, i) => {
      const n = String(i).padStart(4, "0");
      return {
        ...model,
        id: `bulk-event-${n}`,
        slug: `bulk-event-${n}`,
        citations: model.citations.map((c, j) => ({ ...c, id: `bulk-citation-${n}-${j}`, repeatsCitationId: null })),
        corrections: [],
      };
    });
    file.relations = [];
    file.claims = file.claims.map((c) => ({ ...c, history: [] }));
    const bad = BULK_CHUNK + 20;
    file.events[bad]!.timeZone = "Mars/Olympus_Mons";
    const database = await createTemporaryDatabase(process.env.TEST_DATABASE_URL);
    const db = createDbClient(database.url);
    try {
      const error = await importStory(db, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).issues).toEqual([{ row: `events[${bad}]`, field: "timeZone", message: '"Mars/Olympus_Mons" is not an IANA time zone.' }]);
      expect([await db.story.count(), await db.event.count(), await db.citation.count(), await db.revision.count()]).toEqual([0, 0, 0, 0]);
      // And without the broken row, every event is written.
      file.events[bad]!.timeZone = model.timeZone;
      expect((await importStory(db, file)).counts.events.created).toBe(count);
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  });
});
