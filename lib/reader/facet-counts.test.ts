import { describe, expect, it } from "vitest";
import { createTestActor, createTestClaim, createTestEvent, createTestSource, createTestStory, createTestTag } from "../../prisma/factories";
import { getDb } from "../db";
import { mergeSourceInto } from "../editor/entities";
import { mergeEventInto, publishEvent } from "../editor/events";
import { testEditor } from "../testing/editor-user";
import { listFacetValues } from "./facets";
import { dataChanged } from "../live/changes";

// StoryFacetCount is kept by database triggers (migration 20241206000000_story_facet_counts). At
// every step below it must hold exactly what counting the link tables gives: the links of
// published events per story and value.

type Cell = `${string}|${string}|${string}`;

async function kept(): Promise<Map<Cell, number>> {
  const rows = await getDb().storyFacetCount.findMany({ where: { count: { not: 0 } } });
  return new Map(rows.map((r) => [`${r.storyId}|${r.facet}|${r.valueId}` as Cell, r.count]));
}

async function counted(): Promise<Map<Cell, number>> {
  const db = getDb();
  const published = { published: true };
  const [sources, actors, tags, claims] = await Promise.all([
    db.eventSource.findMany({ where: { event: published }, select: { sourceId: true, event: { select: { storyId: true } } } }),
    db.eventActor.findMany({ where: { event: published }, select: { actorId: true, event: { select: { storyId: true } } } }),
    db.eventTag.findMany({ where: { event: published }, select: { tagId: true, event: { select: { storyId: true } } } }),
    db.eventClaim.findMany({ where: { event: published }, select: { claimId: true, event: { select: { storyId: true } } } }),
  ]);
  const out = new Map<Cell, number>();
  const add = (story: string, facet: string, value: string) => out.set(`${story}|${facet}|${value}`, (out.get(`${story}|${facet}|${value}`) ?? 0) + 1);
  for (const l of sources) add(l.event.storyId, "source", l.sourceId);
  for (const l of actors) add(l.event.storyId, "actor", l.actorId);
  for (const l of tags) add(l.event.storyId, "tag", l.tagId);
  for (const l of claims) add(l.event.storyId, "claim", l.claimId);
  return out;
}

const sorted = (m: Map<Cell, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

async function expectInStep(step: string) {
  expect(sorted(await kept()), step).toEqual(sorted(await counted()));
}

describe("the kept facet counts (StoryFacetCount)", () => {
  it("follow every kind of write to events and their links", async () => {
    const db = getDb();
    const editor = await testEditor();
    const [story, other] = [await createTestStory(), await createTestStory()];
    const [s1, s2] = [await createTestSource(), await createTestSource()];
    const [a1, a2] = [await createTestActor(), await createTestActor()];
    const [t1, t2] = [await createTestTag(), await createTestTag()];
    const c1 = await createTestClaim({ storyId: story.id });
    const linked = (published: boolean, storyId = story.id) =>
      createTestEvent({
        storyId,
        published,
        citations: [{ sourceId: s1.id }, { sourceId: s2.id }],
        // One actor in two roles: two links, as the filter bar has always counted them.
        actors: [
          { actorId: a1.id, role: "SPEAKER" },
          { actorId: a1.id, role: "SUBJECT" },
          { actorId: a2.id, role: "SUBJECT" },
        ],
        tagIds: [t1.id, t2.id],
        claims: storyId === story.id ? [{ claimId: c1.id, stance: "ASSERTS" }] : [],
      });
    const e1 = await linked(true);
    const e2 = await linked(true);
    const draft = await linked(false);
    await linked(true, other.id);
    await expectInStep("created, published and draft, in two stories");
    expect((await kept()).get(`${story.id}|actor|${a1.id}`)).toBe(4);

    await publishEvent(editor, draft.id, (await db.event.findUniqueOrThrow({ where: { id: draft.id } })).version);
    await expectInStep("a draft published");

    await db.event.update({ where: { id: e2.id }, data: { published: false } });
    await expectInStep("an event unpublished");

    await db.event.update({ where: { id: e1.id }, data: { storyId: other.id } });
    await expectInStep("an event moved to another story");

    await db.eventTag.deleteMany({ where: { eventId: e1.id, tagId: t2.id } });
    await db.eventActor.create({ data: { eventId: e1.id, actorId: a2.id, role: "SPEAKER" } });
    await db.eventClaim.deleteMany({ where: { claimId: c1.id, eventId: draft.id } });
    await expectInStep("links added and removed");

    // Statement-wide updates of the link columns, as merges write them.
    const t3 = await createTestTag();
    await db.eventTag.updateMany({ where: { tagId: t1.id }, data: { tagId: t3.id } });
    await expectInStep("a tag's links moved to another tag");
    const s2Row = await db.source.findUniqueOrThrow({ where: { id: s2.id } });
    await mergeSourceInto(editor, s2.id, s2Row.version, s1.id);
    await expectInStep("a source merged into another");

    const keep = await db.event.findUniqueOrThrow({ where: { id: draft.id } });
    const duplicate = await createTestEvent({
      storyId: story.id,
      citations: [{ sourceId: s1.id }],
      actors: [{ actorId: a2.id, role: "SPEAKER" }],
      tagIds: [t2.id],
      claims: [{ claimId: c1.id, stance: "ASSERTS" }],
    });
    const dup = await db.event.findUniqueOrThrow({ where: { id: duplicate.id } });
    await mergeEventInto(editor, dup.id, dup.version, keep.slug);
    await expectInStep("an event merged into another");

    await db.event.delete({ where: { id: e1.id } });
    await db.event.deleteMany({ where: { id: e2.id } });
    await expectInStep("a published and an unpublished event deleted with their links");
  });

  it("are what the filter bar lists, for a story and for every story", async () => {
    const story = await createTestStory();
    const source = await createTestSource({ name: "Only here" });
    await createTestEvent({ storyId: story.id, citations: [{ sourceId: source.id }] });
    await createTestEvent({ storyId: story.id, citations: [{ sourceId: source.id }] });
    await createTestEvent({ storyId: story.id, published: false, citations: [{ sourceId: source.id }] });
    await createTestEvent({ citations: [{ sourceId: source.id }] });
    dataChanged("local");
    expect((await listFacetValues(story.id, "sources")).find((v) => v.name === "Only here")?.count).toBe(2);
    expect((await listFacetValues(null, "sources")).find((v) => v.name === "Only here")?.count).toBe(3);
  });
});
