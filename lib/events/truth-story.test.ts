import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listClaims } from "../claims/queries";
import { createDbClient, getDb, type Db } from "../db";
import { isPostgresUrl } from "../env";
import { requireStoryExport } from "../export/export-story";
import { serializeStoryExport } from "../export/format";
import { importStory } from "../import/import-story";
import { parseJsonImport } from "../import/parse-file";
import { createTemporaryDatabase, type TemporaryDatabase } from "../testing/temp-database";
import { CUTOFF_DAYS, TRUTH_STORY_SLUG, cutoffOf, truthStory } from "../testing/truth-story";
import { EXPECTED_VIEWS } from "../testing/truth-story-expected";
import { projectEvent } from "./event-view";
import { EMPTY_QUERY } from "./filters";
import { listTimeline } from "./queries";

// The truth-through-time fixture, end to end through the database: imported through the write
// paths, read back through the same queries and projection the pages use, at three cut-offs,
// against labels written out by hand. Then exported and re-imported byte for byte.

let storyId: string;
beforeAll(async () => {
  await importStory(getDb(), parseJsonImport(serializeStoryExport(truthStory())).data, { fileName: "truth-story.json" });
  storyId = (await getDb().story.findUniqueOrThrow({ where: { slug: TRUTH_STORY_SLUG } })).id;
});

const opened: { db: Db; database: TemporaryDatabase }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.db.$disconnect();
    await o.database.drop();
  }
});

async function timelineAt(day: string, extra: Partial<typeof EMPTY_QUERY> = {}) {
  const cutoff = cutoffOf(day);
  const page = await listTimeline({ storyId, cutoffs: [{ storyId, cutoff }] }, { ...EMPTY_QUERY, asof: day, ...extra }, 100);
  return { page, cutoff };
}

describe.each(CUTOFF_DAYS)("the fixture as of the end of %s (New York)", (day) => {
  const expected = EXPECTED_VIEWS[day]!;

  it("shows exactly the events known by then, each with the hand-written label, voice, verdict and citations", async () => {
    const { page, cutoff } = await timelineAt(day);
    expect(page.events.map((e) => e.id).sort()).toEqual(Object.keys(expected.events).sort());
    for (const e of page.events) {
      const view = projectEvent(e, cutoff)!;
      const want = expected.events[e.id]!;
      const got = {
        status: view.label.status,
        text: view.label.text,
        ...(want.detail !== undefined ? { detail: view.label.detail } : {}),
        voice: view.label.credit?.voice ?? null,
        verdict: view.label.verdict?.text ?? null,
        citations: view.citations.map((c) => c.id),
      };
      expect({ event: e.id, ...got }).toEqual({ event: e.id, ...want });
      // The stored label history (the status filter's key) agrees with the projection.
      const period = e.statusPeriods.find((p) => p.validFrom <= cutoff && (p.validTo === null || p.validTo > cutoff));
      expect({ event: e.id, status: period?.status }).toEqual({ event: e.id, status: want.status });
    }
  });

  it("filters on the label as it stood then", async () => {
    for (const status of ["REPORTED", "CONFIRMED", "DECLINED", "CLAIMED", "DISPUTED", "ON_RECORD"] as const) {
      const { page } = await timelineAt(day, { statuses: [status] });
      const want = Object.entries(expected.events).filter(([, l]) => l.status === status).map(([id]) => id).sort();
      expect({ status, ids: page.events.map((e) => e.id).sort() }).toEqual({ status, ids: want });
    }
  });

  it("counts each claim's independent sources from what was known then", async () => {
    const claims = await listClaims(storyId, cutoffOf(day), 0);
    const got = Object.fromEntries(claims.map((c) => [c.slug, { status: c.status, independent: c.counts.independent, repeats: c.counts.repeats }]));
    expect(got).toEqual(expected.claims);
  });

  it("lists an event on a source's page only once it cited that source", async () => {
    for (const [slug, ids] of Object.entries(expected.sourcePages)) {
      const { page } = await timelineAt(day, { sources: [slug] });
      expect({ slug, ids: page.events.map((e) => e.id) }).toEqual({ slug, ids });
    }
  });
});

describe("the fixture file", () => {
  it("is what the exporter writes after importing it, byte for byte", async () => {
    expect(serializeStoryExport(await requireStoryExport(getDb(), TRUTH_STORY_SLUG))).toBe(serializeStoryExport(truthStory()));
  });

  it("exports, re-imports into an empty database and exports again byte-identically", async () => {
    const baseUrl = process.env.TEST_DATABASE_URL;
    for (const kind of ["sqlite", ...(baseUrl && isPostgresUrl(baseUrl) ? ["postgresql"] : [])]) {
      const database = await createTemporaryDatabase(kind === "postgresql" ? baseUrl : undefined);
      const db = createDbClient(database.url);
      opened.push({ db, database });
      const first = serializeStoryExport(await requireStoryExport(getDb(), TRUTH_STORY_SLUG));
      await importStory(db, parseJsonImport(first).data);
      expect(serializeStoryExport(await requireStoryExport(db, TRUTH_STORY_SLUG))).toBe(first);
    }
  });
});
