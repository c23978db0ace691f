import { describe, expect, it } from "vitest";
import { createTestActor, createTestClaim, createTestEvent, createTestSource, TEST_INSTANT } from "../../prisma/factories";
import type { SessionUser } from "../auth/roles";
import { getDb } from "../db";
import { signedInUser } from "../testing/auth";
import { changeClaimStatus } from "./claims";
import { ConflictError } from "./conflict";
import { addCitation, retractEvent, updateEventFields, type EventFieldsInput } from "./events";
import { listRevisions } from "./revisions";

async function editor(): Promise<SessionUser> {
  const u = await signedInUser("EDITOR");
  return { id: u.id, email: u.email, name: "Test Editor", role: "EDITOR" };
}

async function fieldsOf(eventId: string): Promise<EventFieldsInput> {
  const e = await getDb().event.findUniqueOrThrow({ where: { id: eventId }, include: { actors: true, tags: { include: { tag: true } } } });
  return {
    slug: e.slug,
    kind: e.kind,
    headline: e.headline,
    summary: e.summary,
    location: e.location,
    occurredAt: e.occurredAt,
    occurredEndAt: e.occurredEndAt,
    precision: e.precision,
    approximate: e.approximate,
    dateBound: e.dateBound,
    timeNote: e.timeNote,
    timeZone: e.timeZone,
    dayOrder: e.dayOrder,
    firstReportedAt: e.firstReportedAt,
    actors: e.actors.map((a) => ({ actorId: a.actorId, role: a.role })),
    tagNames: e.tags.map((t) => t.tag.name),
  };
}

describe("editing an event", () => {
  it("lets exactly one of two concurrent saves of the same version win; the other is told and sees the winner", async () => {
    const user = await editor();
    const event = await createTestEvent();
    const base = await fieldsOf(event.id);
    const results = await Promise.allSettled([
      updateEventFields(user, event.id, 1, { ...base, headline: "Alice's headline" }),
      updateEventFields(user, event.id, 1, { ...base, headline: "Bob's headline" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    const conflict = lost[0]!.reason as ConflictError;
    expect(conflict.currentVersion).toBe(2);
    const stored = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored.version).toBe(2);
    expect(conflict.current.headline).toBe(stored.headline);
    expect(["Alice's headline", "Bob's headline"]).toContain(stored.headline);
    // Only the winning save is in the log.
    expect((await listRevisions("Event", event.id)).filter((r) => r.action === "update")).toHaveLength(1);
  });

  it("refuses a save against a stale version even when run alone", async () => {
    const user = await editor();
    const event = await createTestEvent();
    const base = await fieldsOf(event.id);
    await updateEventFields(user, event.id, 1, { ...base, summary: "First." });
    await expect(updateEventFields(user, event.id, 1, { ...base, summary: "Stale." })).rejects.toBeInstanceOf(ConflictError);
    expect((await getDb().event.findUniqueOrThrow({ where: { id: event.id } })).summary).toBe("First.");
  });

  it("logs who changed which fields and why, and publishes a dated correction note", async () => {
    const user = await editor();
    const actor = await createTestActor();
    const event = await createTestEvent();
    const base = await fieldsOf(event.id);
    await updateEventFields(
      user,
      event.id,
      1,
      { ...base, headline: "Corrected headline", actors: [{ actorId: actor.id, role: "SPEAKER" }], tagNames: ["Long-range strikes"] },
      { correctionNote: "An earlier version misnamed the speaker." },
    );
    const [rev] = await listRevisions("Event", event.id);
    expect(rev).toMatchObject({ action: "update", isCorrection: true, reason: "An earlier version misnamed the speaker." });
    expect(rev!.by).toContain(user.email);
    expect(Object.keys(rev!.diff).sort()).toEqual(["actors", "headline", "tags"]);
    expect(rev!.diff.headline).toEqual({ from: base.headline, to: "Corrected headline" });
    const corrections = await getDb().correction.findMany({ where: { eventId: event.id } });
    expect(corrections.map((c) => c.note)).toEqual(["An earlier version misnamed the speaker."]);
  });

  it("retracts a published event with a public reason, labelling it Retracted, never deleting it", async () => {
    const user = await editor();
    const event = await createTestEvent();
    await retractEvent(user, event.id, 1, "The report was withdrawn by its publisher.");
    const stored = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(stored).toMatchObject({ status: "RETRACTED", retractionNote: "The report was withdrawn by its publisher.", published: true });
    await expect(retractEvent(user, event.id, 2, "   ")).rejects.toThrow(/public reason/);
  });
});

describe("changing a claim's status from the editor", () => {
  it("obeys the model's rules: confirmation needs on-record evidence whose event confirms the claim", async () => {
    const user = await editor();
    const claim = await createTestClaim();
    const event = await createTestEvent({
      storyId: claim.storyId,
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
      citations: [{ attribution: "ANONYMOUS_OFFICIALS" }],
    });
    await changeClaimStatus(user, { claimId: claim.id, expectedVersion: 1, to: "REPORTED", knownAt: TEST_INSTANT, reason: "First report.", evidenceCitationId: null });
    await expect(
      changeClaimStatus(user, { claimId: claim.id, expectedVersion: 2, to: "CONFIRMED", knownAt: TEST_INSTANT, reason: "Said so.", evidenceCitationId: event.citations[0]!.id }),
    ).rejects.toThrow(/needs an on-record citation/);
    const source = await createTestSource();
    const confirming = await createTestEvent({ storyId: claim.storyId, claims: [{ claimId: claim.id, stance: "CONFIRMS" }], citations: [{ attribution: "SPOKESPERSON", sourceId: source.id }] });
    const spokesperson = await addCitation(user, confirming.id, {
      sourceId: source.id, url: null, archivedUrl: null, title: null, publishedAt: TEST_INSTANT, publishedPrecision: "DAY",
      quote: "We can confirm it.", attribution: "SPOKESPERSON", attributionText: "the spokesperson", repeatsCitationId: null, note: null,
      speakerActorId: null, originSourceId: null, originText: null,
    });
    await changeClaimStatus(user, { claimId: claim.id, expectedVersion: 2, to: "CONFIRMED", knownAt: new Date(TEST_INSTANT.getTime() + 1000), reason: "Confirmed at the briefing.", evidenceCitationId: spokesperson.id });
    expect((await getDb().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("CONFIRMED");
    expect((await listRevisions("Claim", claim.id)).map((r) => r.action)).toEqual(["status-change", "status-change"]);
    await expect(
      changeClaimStatus(user, { claimId: claim.id, expectedVersion: 2, to: "DISPUTED", knownAt: new Date(TEST_INSTANT.getTime() + 2000), reason: "Stale form.", evidenceCitationId: null }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
