import { beforeAll, describe, expect, it } from "vitest";
import { createTestActor, createTestEvent } from "../../prisma/factories";
import { getDb } from "../db";
import { importStory } from "../import/import-story";
import { parseJsonImport } from "../import/parse-file";
import { serializeStoryExport } from "../export/format";
import { TRUTH_STORY_SLUG, truthStory } from "../testing/truth-story";
import { EMPTY_QUERY } from "./filters";
import { withPageRelations } from "./page-read";
import { listTimeline, timelineEventSelect, type TimelineEvent, type TimelineEventScalars } from "./queries";

// The timeline page reads its events' relations with hand-written statements on the driver
// (lib/events/page-read.ts). Whatever they return must be what Prisma returns for
// timelineEventSelect: the same fields, values, types and order, for every event of a story with
// every shape a page shows (relayed and repeated citations, speakers, claims whose changes cite
// evidence, retractions, relations both ways, one to an unpublished event).

let storyId: string;
beforeAll(async () => {
  const db = getDb();
  await importStory(db, parseJsonImport(serializeStoryExport(truthStory())).data, { fileName: "truth-story.json" });
  storyId = (await db.story.findUniqueOrThrow({ where: { slug: TRUTH_STORY_SLUG } })).id;
  const events = await db.event.findMany({ where: { storyId }, orderBy: { timelineKey: "asc" }, select: { id: true } });
  const [a, b, c] = events.map((e) => e.id);
  const speaker = await createTestActor({ name: "A speaker of a related event" });
  const draft = await createTestEvent({ storyId, published: false, headline: "Not yet published" });
  const related = await createTestEvent({ storyId, headline: "Related, with a speaker", actors: [{ actorId: speaker.id, role: "SPEAKER" }] });
  await db.eventRelation.createMany({
    data: [
      { fromEventId: a!, toEventId: b!, type: "FOLLOWS_UP", note: "b follows a" },
      { fromEventId: a!, toEventId: related.id, type: "DENIES", note: null },
      { fromEventId: c!, toEventId: a!, type: "CORRECTS", note: "c corrects a" },
      { fromEventId: a!, toEventId: draft.id, type: "FOLLOWS_UP", note: "to a draft: never shown" },
      { fromEventId: draft.id, toEventId: b!, type: "FOLLOWS_UP", note: "from a draft: never shown" },
    ],
  });
});

type Period = { validFrom: Date };
type Rel = { type: string; note: string | null; other: { id: string; statusPeriods: Period[] } };
/** Lists whose order neither read promises (no ORDER BY in the select) are compared sorted. */
function normalized(e: TimelineEvent) {
  const by = <T>(key: (x: T) => string) => (x: T, y: T) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);
  const periods = <P extends Period>(list: P[]) => [...list].sort(by((p) => p.validFrom.toISOString()));
  const rel = (list: Rel[]) =>
    list.map((r) => ({ ...r, other: { ...r.other, statusPeriods: periods(r.other.statusPeriods) } })).sort(by((r) => `${r.other.id}:${r.type}`));
  return {
    ...e,
    statusPeriods: periods(e.statusPeriods),
    actors: [...e.actors].sort(by((a) => `${a.actor.slug}:${a.role}`)),
    tags: [...e.tags].sort(by((t) => t.tag.slug)),
    relationsFrom: rel(e.relationsFrom.map((r) => ({ type: r.type, note: r.note, other: r.to }))),
    relationsTo: rel(e.relationsTo.map((r) => ({ type: r.type, note: r.note, other: r.from }))),
  };
}

describe("a timeline page's relations read on the driver", () => {
  it("are exactly what Prisma reads for timelineEventSelect, for every event of the story", async () => {
    const db = getDb();
    const expected = await db.event.findMany({ where: { storyId }, orderBy: [{ timelineKey: "desc" }, { id: "desc" }], select: timelineEventSelect });
    const relations = new Set(["statusPeriods", "citations", "actors", "tags", "claims", "relationsFrom", "relationsTo"]);
    const scalars = expected.map((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !relations.has(key))) as TimelineEventScalars);
    const got = await withPageRelations(db, scalars);
    expect(got.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    // The story has each shape being compared.
    expect(expected.some((e) => e.citations.some((c) => c.speaker && c.origin))).toBe(true);
    expect(expected.some((e) => e.claims.some((l) => l.claim.history.some((h) => h.evidenceCitation?.speaker)))).toBe(true);
    expect(expected.some((e) => e.relationsFrom.some((r) => r.to.actors.length === 1))).toBe(true);
    expect(expected.some((e) => e.relationsTo.length > 0)).toBe(true);
    expect(expected.some((e) => e.retractedAt !== null)).toBe(true);
    for (let i = 0; i < expected.length; i++) {
      expect(normalized(got[i]!)).toStrictEqual(normalized(expected[i]!));
    }
  });

  it("leave relations to and from an unpublished event out, as the select does", async () => {
    const page = await listTimeline({ storyId }, EMPTY_QUERY, 100);
    const notes = page.events.flatMap((e) => [...e.relationsFrom, ...e.relationsTo].map((r) => r.note));
    expect(notes).toEqual(expect.arrayContaining(["b follows a", "c corrects a"]));
    expect(notes.filter((n) => n?.includes("draft"))).toEqual([]);
  });
});
