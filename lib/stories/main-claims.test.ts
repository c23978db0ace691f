import { describe, expect, it } from "vitest";
import { changeClaimStatus, createTestActor, createTestClaim, createTestEvent, createTestStory } from "../../prisma/factories";
import { getDb } from "../db";
import { dataChanged } from "../live/changes";
import { setMainClaims } from "../editor/stories";
import { testEditor } from "../testing/editor-user";
import { listMainClaims } from "./main-claims";

const day = (d: number) => new Date(Date.UTC(2024, 10, d, 12));

/**
 * A story with five claims: A on four events (reported on the 2nd, confirmed on the record by a
 * named spokesperson on the 6th), B and C on two events each (B known first), D on one, and E
 * only on drafts.
 */
async function storyWithClaims() {
  const story = await createTestStory();
  const storyId = story.id;
  const [a, b, c, d, e] = await Promise.all(["A", "B", "C", "D", "E"].map((t) => createTestClaim({ storyId, text: `Claim ${t}` })));
  const asserts = (claimId: string, on: number, published = true) =>
    createTestEvent({ storyId, occurredAt: day(on), published, claims: [{ claimId, stance: "ASSERTS" }], citations: [{ attribution: "ANONYMOUS_OFFICIALS" }] });
  const a1 = await asserts(a!.id, 2);
  await asserts(a!.id, 3);
  await asserts(a!.id, 4);
  await asserts(b!.id, 2);
  await asserts(b!.id, 5);
  await asserts(c!.id, 3);
  await asserts(c!.id, 4);
  await asserts(d!.id, 7);
  await asserts(e!.id, 2, false);
  await asserts(e!.id, 3, false);
  await asserts(e!.id, 4, false);
  const speaker = await createTestActor({ name: "Jane Doe", title: "Ministry spokesperson" });
  const confirmation = await createTestEvent({
    storyId,
    occurredAt: day(6),
    claims: [{ claimId: a!.id, stance: "CONFIRMS" }],
    citations: [{ attribution: "SPOKESPERSON", speakerActorId: speaker.id }],
  });
  await changeClaimStatus(a!.id, "REPORTED", { knownAt: day(2), evidenceCitationId: a1.citationIds[0] });
  await changeClaimStatus(a!.id, "CONFIRMED", { knownAt: day(6), evidenceCitationId: confirmation.citationIds[0] });
  return { storyId, a: a!, b: b!, c: c!, d: d!, e: e! };
}

describe("a story's main claims", () => {
  it("by default, lead with the claims with the most published events, ties to the one known first", async () => {
    const { storyId, a, b, c } = await storyWithClaims();
    const now = await listMainClaims(storyId, null);
    expect(now.map((m) => m.text)).toEqual([a.text, b.text, c.text]);
    expect(now.every((m) => !m.chosen)).toBe(true);
    expect(now.map((m) => m.events)).toEqual([4, 2, 2]);
    expect((await listMainClaims(storyId, null, { limit: 2 })).map((m) => m.id)).toEqual([a.id, b.id]);
    // As of the 4th, only what was known then counts: B had one event, C two.
    expect((await listMainClaims(storyId, day(4))).map((m) => m.id)).toEqual([a.id, c.id, b.id]);
  });

  it("give each claim its status as of the instant, since when, the voice behind it and its independent sources", async () => {
    const { storyId, a } = await storyWithClaims();
    const [now] = await listMainClaims(storyId, null);
    expect(now).toMatchObject({ id: a.id, status: "CONFIRMED", since: day(6), voice: "Jane Doe, Ministry spokesperson" });
    expect(now!.independent.independent).toBeGreaterThanOrEqual(3);
    const [then] = await listMainClaims(storyId, day(3));
    expect(then).toMatchObject({ id: a.id, status: "REPORTED", since: day(2), events: 2 });
    expect(then!.voice).toMatch(/^Test Source/);
    expect(then!.independent.independent).toBe(2);
  });

  it("are the claims editors chose, in their order, each once it was known", async () => {
    const { storyId, a, d, e } = await storyWithClaims();
    const story = await getDb().story.findUniqueOrThrow({ where: { id: storyId } });
    await setMainClaims(await testEditor(), storyId, story.version, [d.id, e.id, a.id]);
    const now = await listMainClaims(storyId, null);
    // E has only drafts and no status: nothing about it is public.
    expect(now.map((m) => m.id)).toEqual([d.id, a.id]);
    expect(now.every((m) => m.chosen)).toBe(true);
    expect(now[0]).toMatchObject({ status: "UNVERIFIED", since: null, voice: null, events: 1 });
    // D was first reported on the 7th.
    expect((await listMainClaims(storyId, day(6))).map((m) => m.id)).toEqual([a.id]);
  });

  it("are kept between renders until the data change, and never served once outdated", async () => {
    const { storyId, a } = await storyWithClaims();
    const [before] = await listMainClaims(storyId, null);
    expect(before).toMatchObject({ id: a.id, status: "CONFIRMED" });
    // Written without the editor's revalidation: the kept lines still answer (as the page cache would).
    const denial = await createTestEvent({ storyId, occurredAt: day(8), claims: [{ claimId: a.id, stance: "DENIES" }], citations: [{ attribution: "SPOKESPERSON" }] });
    await changeClaimStatus(a.id, "DISPUTED", { knownAt: day(8), evidenceCitationId: denial.citationIds[0] });
    expect((await listMainClaims(storyId, null))[0]).toBe(before);
    // An editor's save (lib/cache/revalidate.ts) or another instance's NOTIFY: read again.
    dataChanged("local");
    const [after] = await listMainClaims(storyId, null);
    expect(after).toMatchObject({ id: a.id, status: "DISPUTED", since: day(8) });
  });

  it("is empty for a story with no published events", async () => {
    const story = await createTestStory();
    await createTestClaim({ storyId: story.id });
    expect(await listMainClaims(story.id, null)).toEqual([]);
  });
});
