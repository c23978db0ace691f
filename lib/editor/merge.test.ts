import { describe, expect, it } from "vitest";
import {
  changeClaimStatus,
  createTestActor,
  createTestClaim,
  createTestEvent,
  createTestRelation,
  createTestSource,
  createTestStory,
  createTestTag,
} from "../../prisma/factories";
import { handleApiRequest } from "../api/router";
import { countIndependentSources } from "../claims/write";
import { getDb } from "../db";
import { EMPTY_QUERY } from "../events/filters";
import { listTimeline, resolveFilterSlugs } from "../events/queries";
import { findRedirect } from "../redirects";
import { testEditor } from "../testing/editor-user";
import { ConflictError } from "./conflict";
import { createSource, mergeSourceInto } from "./entities";
import { mergeEventInto, retractEvent } from "./events";
import { listRevisions } from "./revisions";

const day = (d: number) => new Date(Date.UTC(2024, 10, d, 12));

async function api(path: string) {
  const url = new URL(`http://localhost${path}`);
  const segments = url.pathname.replace(/^\/api\/v1\/?/, "").split("/").filter(Boolean);
  const res = await handleApiRequest(new Request(url), segments);
  return { status: res.status, location: res.headers.get("location"), text: await res.text() };
}

const sourceKeys = (eventId: string) =>
  getDb()
    .eventSource.findMany({ where: { eventId }, select: { sourceId: true } })
    .then((rows) => rows.map((r) => r.sourceId).sort());

/** Two duplicate reports of one development, and a third event they relate to. */
async function duplicates() {
  const story = await createTestStory();
  const storyId = story.id;
  const [c1, c2] = [await createTestClaim({ storyId }), await createTestClaim({ storyId })];
  const [a1, a2] = [await createTestActor(), await createTestActor()];
  const [t1, t2] = [await createTestTag(), await createTestTag()];
  const gov = await createTestSource({ kind: "GOVERNMENT" });
  const keep = await createTestEvent({
    storyId,
    occurredAt: day(5),
    claims: [{ claimId: c1.id, stance: "ASSERTS" }],
    actors: [{ actorId: a1.id, role: "SPEAKER" }],
    tagIds: [t1.id],
    citations: [{ attribution: "ANONYMOUS_OFFICIALS" }],
  });
  const dup = await createTestEvent({
    storyId,
    occurredAt: day(3),
    claims: [
      { claimId: c1.id, stance: "ASSERTS" },
      { claimId: c2.id, stance: "ASSERTS" },
    ],
    actors: [
      { actorId: a1.id, role: "SPEAKER" },
      { actorId: a2.id, role: "SUBJECT" },
    ],
    tagIds: [t1.id, t2.id],
    citations: [{ attribution: "ANONYMOUS_OFFICIALS" }, { attribution: "SPOKESPERSON", sourceId: gov.id }],
  });
  const other = await createTestEvent({ storyId, occurredAt: day(6) });
  await createTestRelation({ fromEventId: other.id, toEventId: dup.id, type: "RESPONDS_TO" });
  await createTestRelation({ fromEventId: other.id, toEventId: keep.id, type: "RESPONDS_TO" });
  await createTestRelation({ fromEventId: dup.id, toEventId: other.id, type: "FOLLOWS_UP" });
  await createTestRelation({ fromEventId: dup.id, toEventId: keep.id, type: "REPORTS_ON" });
  const db = getDb();
  await db.correction.create({ data: { eventId: keep.id, note: "Kept event's correction.", createdBy: "test" } });
  await db.correction.create({ data: { eventId: dup.id, note: "Duplicate's correction.", createdBy: "test" } });
  await changeClaimStatus(c1.id, "REPORTED", { knownAt: day(6), evidenceCitationId: dup.citationIds[0] });
  return { storyId, c1, c2, a1, a2, t1, t2, gov, keep, dup, other };
}

describe("merging duplicate events", () => {
  it("moves every citation, stance, actor, tag, relation and correction to the kept event, without duplicates", async () => {
    const user = await testEditor();
    const f = await duplicates();
    const before = await countIndependentSources(getDb(), f.c1.id);
    const result = await mergeEventInto(user, f.dup.id, 1, f.keep.slug, null);
    expect(result.moved).toMatchObject({ citations: 2, stances: 1, actors: 2, tags: 2, corrections: 1 });

    const db = getDb();
    const kept = await db.event.findUniqueOrThrow({
      where: { id: f.keep.id },
      include: { citations: { orderBy: { position: "asc" } }, claims: { orderBy: { position: "asc" } }, actors: true, tags: true, corrections: true },
    });
    expect(kept.citations.map((c) => c.id)).toEqual([...f.keep.citationIds, ...f.dup.citationIds]);
    expect(kept.citations.map((c) => c.position)).toEqual([0, 1, 2]);
    expect(kept.claims.map((c) => [c.claimId, c.stance])).toEqual([
      [f.c1.id, "ASSERTS"],
      [f.c2.id, "ASSERTS"],
    ]);
    expect(kept.actors.map((a) => `${a.actorId}:${a.role}`).sort()).toEqual([`${f.a1.id}:SPEAKER`, `${f.a2.id}:SUBJECT`].sort());
    expect(kept.tags.map((t) => t.tagId).sort()).toEqual([f.t1.id, f.t2.id].sort());
    expect(kept.corrections.map((c) => c.note).sort()).toEqual(["Duplicate's correction.", "Kept event's correction."]);
    // First reported when the first of the two was.
    expect(kept.firstReportedAt).toEqual(day(3));

    const relations = await db.eventRelation.findMany({ where: { OR: [{ fromEventId: { in: [f.keep.id, f.dup.id] } }, { toEventId: { in: [f.keep.id, f.dup.id] } }] } });
    expect(relations.map((r) => `${r.fromEventId === f.keep.id ? "keep" : r.fromEventId === f.other.id ? "other" : "dup"}>${r.toEventId === f.keep.id ? "keep" : r.toEventId === f.other.id ? "other" : "dup"}:${r.type}`).sort()).toEqual([
      "keep>other:FOLLOWS_UP",
      "other>keep:RESPONDS_TO",
    ]);

    // The duplicate is withdrawn and owns nothing any more; its source keys went with its citations.
    const dup = await db.event.findUniqueOrThrow({ where: { id: f.dup.id }, include: { _count: { select: { citations: true, claims: true, actors: true, tags: true } } } });
    expect(dup).toMatchObject({ published: false, withdrawalNote: `A duplicate of “Test event ${f.keep.slug}”, merged into it.` });
    expect(dup.withdrawnAt).not.toBeNull();
    expect(dup._count).toEqual({ citations: 0, claims: 0, actors: 0, tags: 0 });
    expect(await sourceKeys(f.dup.id)).toEqual([]);
    expect(await sourceKeys(f.keep.id)).toEqual([...new Set([...f.keep.sourceIds, ...f.dup.sourceIds])].sort());
    expect((await listTimeline({ storyId: f.storyId }, EMPTY_QUERY)).events.map((e) => e.id).sort()).toEqual([f.keep.id, f.other.id].sort());
    // The evidence citation kept its id; the claim's independent count is unchanged.
    expect((await db.claimStatusChange.findFirstOrThrow({ where: { claimId: f.c1.id } })).evidenceCitationId).toBe(f.dup.citationIds[0]);
    expect(await countIndependentSources(getDb(), f.c1.id)).toEqual(before);

    expect((await listRevisions("Event", f.keep.id))[0]).toMatchObject({ action: "merge" });
    expect((await listRevisions("Event", f.dup.id))[0]).toMatchObject({ action: "merge-away", isCorrection: true });
  });

  it("keeps the duplicate's slug and id leading to the kept event: the API answers 308, mirrors learn where it went", async () => {
    const user = await testEditor();
    const f = await duplicates();
    await mergeEventInto(user, f.dup.id, 1, f.keep.id, "Same briefing, entered twice.");
    for (const key of [f.dup.slug, f.dup.id]) {
      expect(await findRedirect("Event", key)).toEqual({ id: f.keep.id, slug: f.keep.slug });
      const r = await api(`/api/v1/events/${key}?asof=2024-11-20`);
      expect(r.status).toBe(308);
      expect(r.location).toBe(`/api/v1/events/${f.keep.slug}?asof=2024-11-20`);
    }
    const mirrors = JSON.parse((await api(`/api/v1/retractions`)).text) as { data: Record<string, unknown>[] };
    expect(mirrors.data).toContainEqual(expect.objectContaining({ type: "withdrawn", event_id: f.dup.id, note: "Same briefing, entered twice.", merged_into: f.keep.id }));

    // Merged again later: the old keys follow in one step.
    const next = await createTestEvent({ storyId: f.storyId });
    const keptVersion = (await getDb().event.findUniqueOrThrow({ where: { id: f.keep.id } })).version;
    await mergeEventInto(user, f.keep.id, keptVersion, next.slug);
    expect(await findRedirect("Event", f.dup.id)).toEqual({ id: next.id, slug: next.slug });
    expect(await findRedirect("Event", f.keep.slug)).toEqual({ id: next.id, slug: next.slug });
  });

  it("refuses what would change what readers were told, and writes nothing then", async () => {
    const user = await testEditor();
    const f = await duplicates();
    const confirming = await createTestEvent({ storyId: f.storyId, claims: [{ claimId: f.c1.id, stance: "CONFIRMS" }] });
    await expect(mergeEventInto(user, confirming.id, 1, f.keep.slug)).rejects.toThrow(/different stances/);
    expect(await getDb().citation.count({ where: { eventId: confirming.id } })).toBe(1);

    const draft = await createTestEvent({ storyId: f.storyId, published: false });
    await expect(mergeEventInto(user, f.dup.id, 1, draft.slug)).rejects.toThrow(/Publish the event to keep first/);
    await expect(mergeEventInto(user, f.dup.id, 1, f.dup.slug)).rejects.toThrow(/itself/);
    const elsewhere = await createTestEvent();
    await expect(mergeEventInto(user, f.dup.id, 1, elsewhere.slug)).rejects.toThrow(/within one story/);
    await expect(mergeEventInto(user, f.dup.id, 7, f.keep.slug)).rejects.toBeInstanceOf(ConflictError);
    await retractEvent(user, f.other.id, 1, "It was wrong.");
    await expect(mergeEventInto(user, f.other.id, 2, f.keep.slug)).rejects.toThrow(/retracted/);
    expect(await getDb().citation.count({ where: { eventId: f.dup.id } })).toBe(2);
    expect(await findRedirect("Event", f.dup.slug)).toBeNull();

    // A draft merged into a draft is fine (nothing public moves).
    const draft2 = await createTestEvent({ storyId: f.storyId, published: false });
    await mergeEventInto(user, draft2.id, 1, draft.id);
    expect(await getDb().citation.count({ where: { eventId: draft.id } })).toBe(2);
  });
});

describe("merging duplicate sources", () => {
  it("moves every citation and relay to the kept source, drops self-relays, removes the duplicate and keeps its slug leading on", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const [dupSource, keepSource, third] = [await createTestSource(), await createTestSource(), await createTestSource()];
    const cites = await createTestEvent({ storyId: story.id, citations: [{ sourceId: dupSource.id, attribution: "ANONYMOUS_OFFICIALS" }] });
    const relaysDupViaKeep = await createTestEvent({ storyId: story.id, citations: [{ sourceId: keepSource.id, originSourceId: dupSource.id, attribution: "ANONYMOUS_OFFICIALS" }] });
    const relaysDupViaThird = await createTestEvent({ storyId: story.id, citations: [{ sourceId: third.id, originSourceId: dupSource.id, attribution: "ANONYMOUS_OFFICIALS" }] });
    const dupRelaysKeep = await createTestEvent({ storyId: story.id, citations: [{ sourceId: dupSource.id, originSourceId: keepSource.id, attribution: "ANONYMOUS_OFFICIALS" }] });

    const result = await mergeSourceInto(user, dupSource.id, 1, keepSource.id, "Two entries for one outlet.");
    expect(result).toMatchObject({ citations: 2, events: 4 });
    const db = getDb();
    expect(await db.source.findUnique({ where: { id: dupSource.id } })).toBeNull();
    expect(await db.citation.count({ where: { OR: [{ sourceId: dupSource.id }, { originSourceId: dupSource.id }] } })).toBe(0);
    const citationOf = (eventId: string) => db.citation.findFirstOrThrow({ where: { eventId }, select: { sourceId: true, originSourceId: true } });
    expect(await citationOf(cites.id)).toEqual({ sourceId: keepSource.id, originSourceId: null });
    expect(await citationOf(relaysDupViaKeep.id)).toEqual({ sourceId: keepSource.id, originSourceId: null });
    expect(await citationOf(relaysDupViaThird.id)).toEqual({ sourceId: third.id, originSourceId: keepSource.id });
    expect(await citationOf(dupRelaysKeep.id)).toEqual({ sourceId: keepSource.id, originSourceId: null });
    expect(await sourceKeys(cites.id)).toEqual([keepSource.id]);
    expect(await sourceKeys(dupRelaysKeep.id)).toEqual([keepSource.id]);

    // The old slug: a redirect for pages and feeds, and a filter value that still works.
    expect(await findRedirect("Source", dupSource.slug)).toEqual({ id: keepSource.id, slug: keepSource.slug });
    const query = { ...EMPTY_QUERY, sources: [dupSource.slug] };
    expect((await resolveFilterSlugs(query)).notes).toEqual([]);
    const listed = await listTimeline({ storyId: story.id }, query);
    expect(listed.events.map((e) => e.id).sort()).toEqual([cites.id, relaysDupViaKeep.id, dupRelaysKeep.id].sort());
    await expect(createSource(user, { slug: dupSource.slug, name: "Reused", kind: "NEWSPAPER", country: null, homepage: null, description: null })).rejects.toThrow(/old address/);

    expect((await listRevisions("Source", keepSource.id))[0]).toMatchObject({ action: "merge", reason: "Two entries for one outlet." });
    expect((await listRevisions("Source", dupSource.id))[0]).toMatchObject({ action: "merge-away" });
    expect((await listRevisions("Event", cites.id))[0]).toMatchObject({ action: "source-merge" });
  });

  it("refuses a stale form, a missing source and a merge into itself", async () => {
    const user = await testEditor();
    const [a, b] = [await createTestSource(), await createTestSource()];
    await expect(mergeSourceInto(user, a.id, 2, b.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(mergeSourceInto(user, a.id, 1, a.id)).rejects.toThrow(/itself/);
    await expect(mergeSourceInto(user, a.id, 1, "missing")).rejects.toThrow(/source to keep/);
    expect(await getDb().source.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });
});
