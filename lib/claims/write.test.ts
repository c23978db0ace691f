import { describe, expect, it } from "vitest";
import {
  changeClaimStatus,
  createTestClaim,
  createTestEvent,
  createTestSource,
  createTestStory,
} from "../../prisma/factories";
import { databaseKind, getDb } from "../db";
import type { ClaimStatusValue } from "../domain";
import { DomainError } from "../errors";
import { databaseErrorCode, rejectionOf, RULE_VIOLATION_CODE } from "../testing/db-errors";
import { countIndependentSources, recordClaimStatusChange } from "./write";

// A claim's status changes only through recordClaimStatusChange; the database's triggers stop
// any path that bypasses it. These run on a real migrated database (lib/testing/setup-db.ts).

const day = (iso: string) => new Date(iso);

/** A story with one claim, reported by an anonymous-sourced newspaper article (the NYT case). */
async function reportedClaim() {
  const story = await createTestStory();
  const claim = await createTestClaim({ storyId: story.id, text: "The president authorized the strikes" });
  const newspaper = await createTestSource({ name: "The Daily Record", kind: "NEWSPAPER" });
  const report = await createTestEvent({
    storyId: story.id,
    kind: "MEDIA_REPORT",
    occurredAt: day("2024-11-17T12:00:00Z"),
    citations: [
      {
        sourceId: newspaper.id,
        attribution: "ANONYMOUS_OFFICIALS",
        attributionText: "citing anonymous US officials",
        publishedAt: day("2024-11-17T12:00:00Z"),
      },
    ],
    claims: [{ claimId: claim.id, stance: "ASSERTS" }],
  });
  expect(report.citationIds).toHaveLength(1);
  await changeClaimStatus(claim.id, "REPORTED", {
    knownAt: day("2024-11-17T13:00:00Z"),
    evidenceCitationId: report.citationIds[0],
    reason: "The Daily Record reported it, citing anonymous officials.",
  });
  return { story, claim, report, newspaper };
}

/** An event whose on-record spokesperson takes `stance` on the claim. */
async function officialStatement(storyId: string, claimId: string, stance: "CONFIRMS" | "DENIES" | "DECLINES") {
  const government = await createTestSource({ name: "Ministry of Examples", kind: "GOVERNMENT" });
  return createTestEvent({
    storyId,
    kind: "BRIEFING",
    occurredAt: day("2024-11-20T15:00:00Z"),
    citations: [
      {
        sourceId: government.id,
        attribution: "SPOKESPERSON",
        publishedAt: day("2024-11-20T15:00:00Z"),
        quote: "We can confirm it.",
      },
    ],
    claims: [{ claimId, stance }],
  });
}

async function claimState(claimId: string) {
  const claim = await getDb().claim.findUniqueOrThrow({
    where: { id: claimId },
    select: {
      status: true,
      version: true,
      history: { select: { fromStatus: true, toStatus: true }, orderBy: { knownAt: "asc" } },
    },
  });
  return claim;
}

async function eventStatus(eventId: string) {
  return (await getDb().event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true } })).status;
}

const steps = (history: { fromStatus: ClaimStatusValue | null; toStatus: ClaimStatusValue }[]) =>
  history.map((h) => `${h.fromStatus ?? "∅"}→${h.toStatus}`);

describe("recordClaimStatusChange: lifecycles", () => {
  it("reported → corroborated → confirmed, relabelling the reports on the way", async () => {
    const { story, claim, report } = await reportedClaim();
    expect(await eventStatus(report.id)).toBe("REPORTED");

    // A second outlet reporting on its own makes two independent sources.
    const digital = await createTestSource({ name: "Example Digital", kind: "DIGITAL_OUTLET" });
    const second = await createTestEvent({
      storyId: story.id,
      kind: "MEDIA_REPORT",
      occurredAt: day("2024-11-18T12:00:00Z"),
      citations: [{ sourceId: digital.id, attribution: "UNKNOWN" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await changeClaimStatus(claim.id, "CORROBORATED", {
      knownAt: day("2024-11-18T13:00:00Z"),
      reason: "A second, independent outlet reported it.",
    });

    const statement = await officialStatement(story.id, claim.id, "CONFIRMS");
    expect(await eventStatus(statement.id)).toBe("CONFIRMED");
    await changeClaimStatus(claim.id, "CONFIRMED", {
      knownAt: day("2024-11-20T16:00:00Z"),
      evidenceCitationId: statement.citationIds[0],
      reason: "The ministry's spokesperson confirmed it on the record.",
    });

    const state = await claimState(claim.id);
    expect(state.status).toBe("CONFIRMED");
    expect(state.version).toBe(4);
    expect(steps(state.history)).toEqual(["∅→REPORTED", "REPORTED→CORROBORATED", "CORROBORATED→CONFIRMED"]);
    // A media report stays a media report: "confirmed" does not spread to the events that never
    // confirmed anything (their label shows the verdict beside it instead).
    expect(await eventStatus(report.id)).toBe("REPORTED");
    expect(await eventStatus(second.id)).toBe("REPORTED");
  });

  it("reported → denied", async () => {
    const { story, claim, report } = await reportedClaim();
    const denial = await officialStatement(story.id, claim.id, "DENIES");
    await changeClaimStatus(claim.id, "DENIED", {
      knownAt: day("2024-11-20T16:00:00Z"),
      evidenceCitationId: denial.citationIds[0],
      reason: "The ministry denied it on the record.",
    });
    const state = await claimState(claim.id);
    expect(state.status).toBe("DENIED");
    expect(steps(state.history)).toEqual(["∅→REPORTED", "REPORTED→DENIED"]);
    expect(await eventStatus(report.id)).toBe("REPORTED");
    expect(await eventStatus(denial.id)).toBe("DENIED");
  });

  it("confirmed → retracted", async () => {
    const { story, claim, report } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "CONFIRMS");
    await changeClaimStatus(claim.id, "CONFIRMED", {
      knownAt: day("2024-11-20T16:00:00Z"),
      evidenceCitationId: statement.citationIds[0],
    });
    expect(await eventStatus(report.id)).toBe("REPORTED");
    await changeClaimStatus(claim.id, "RETRACTED", {
      knownAt: day("2024-11-22T10:00:00Z"),
      reason: "The ministry withdrew its confirmation.",
    });
    const state = await claimState(claim.id);
    expect(state.status).toBe("RETRACTED");
    expect(steps(state.history)).toEqual(["∅→REPORTED", "REPORTED→CONFIRMED", "CONFIRMED→RETRACTED"]);
    // Each item keeps its own label; the verdict beside it says the claim was retracted.
    expect(await eventStatus(report.id)).toBe("REPORTED");
    expect(await eventStatus(statement.id)).toBe("CONFIRMED");
  });

  it("keeps an on-record decline labelled declined, even once the claim is confirmed", async () => {
    const { story, claim } = await reportedClaim();
    const decline = await officialStatement(story.id, claim.id, "DECLINES");
    expect(await eventStatus(decline.id)).toBe("DECLINED");
    const statement = await officialStatement(story.id, claim.id, "CONFIRMS");
    await changeClaimStatus(claim.id, "CONFIRMED", {
      knownAt: day("2024-11-20T16:00:00Z"),
      evidenceCitationId: statement.citationIds[0],
    });
    expect(await eventStatus(decline.id)).toBe("DECLINED");
  });
});

describe("recordClaimStatusChange: rejected changes write nothing", () => {
  async function expectUnchanged(claimId: string, eventId: string, attempt: () => Promise<unknown>) {
    const before = await claimState(claimId);
    const eventBefore = await eventStatus(eventId);
    const error = await rejectionOf(attempt());
    expect(error).toBeInstanceOf(DomainError);
    expect(await claimState(claimId)).toEqual(before);
    expect(await eventStatus(eventId)).toBe(eventBefore);
    return error instanceof DomainError ? error.message : "";
  }

  it("refuses to confirm on an anonymous citation, naming the missing on-record citation", async () => {
    const { claim, report } = await reportedClaim();
    const message = await expectUnchanged(claim.id, report.id, () =>
      changeClaimStatus(claim.id, "CONFIRMED", {
        knownAt: day("2024-11-20T16:00:00Z"),
        evidenceCitationId: report.citationIds[0],
      }),
    );
    expect(message).toContain("needs an on-record citation (named or spokesperson) whose event confirms the claim");
    expect(message).toContain("The Daily Record citation is attributed to anonymous officials");
    const history = await getDb().claimStatusChange.count({ where: { claimId: claim.id } });
    expect(history).toBe(1);
  });

  it("refuses to confirm with no evidence at all", async () => {
    const { claim, report } = await reportedClaim();
    const message = await expectUnchanged(claim.id, report.id, () =>
      changeClaimStatus(claim.id, "CONFIRMED", { knownAt: day("2024-11-20T16:00:00Z") }),
    );
    expect(message).toContain("needs an evidence citation");
  });

  it("refuses to confirm on an on-record citation whose event is not about the claim", async () => {
    const { story, claim, report } = await reportedClaim();
    const other = await createTestClaim({ storyId: story.id });
    const unrelated = await officialStatement(story.id, other.id, "CONFIRMS");
    const message = await expectUnchanged(claim.id, report.id, () =>
      changeClaimStatus(claim.id, "CONFIRMED", {
        knownAt: day("2024-11-20T16:00:00Z"),
        evidenceCitationId: unrelated.citationIds[0],
      }),
    );
    expect(message).toContain("is not linked to this claim");
  });

  it("refuses to corroborate on one source", async () => {
    const { claim, report } = await reportedClaim();
    const message = await expectUnchanged(claim.id, report.id, () =>
      changeClaimStatus(claim.id, "CORROBORATED", { knownAt: day("2024-11-18T13:00:00Z") }),
    );
    expect(message).toContain("the claim has 1");
  });

  it("refuses a change dated before the latest recorded one", async () => {
    const { claim, report } = await reportedClaim();
    const message = await expectUnchanged(claim.id, report.id, () =>
      changeClaimStatus(claim.id, "DISPUTED", { knownAt: day("2024-11-17T12:30:00Z") }),
    );
    expect(message).toContain("append-only");
  });

  it("rolls back every write of the transaction it runs in", async () => {
    const { claim, report } = await reportedClaim();
    const before = await claimState(claim.id);
    const error = await rejectionOf(
      getDb().$transaction(async (tx) => {
        await recordClaimStatusChange(tx, {
          claimId: claim.id,
          to: "DISPUTED",
          knownAt: day("2024-11-19T10:00:00Z"),
          reason: "Disputed by a second report.",
          evidenceCitationId: null,
          changedBy: "test",
        });
        await recordClaimStatusChange(tx, {
          claimId: claim.id,
          to: "CONFIRMED",
          knownAt: day("2024-11-19T11:00:00Z"),
          reason: "Not allowed.",
          evidenceCitationId: report.citationIds[0],
          changedBy: "test",
        });
      }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(await claimState(claim.id)).toEqual(before);
  });
});

describe("the database's own status rules", () => {
  const code = () => RULE_VIOLATION_CODE[databaseKind()];

  it("rejects a CONFIRMED history row written directly without on-record evidence", async () => {
    const { claim, report } = await reportedClaim();
    for (const evidenceCitationId of [report.citationIds[0], null]) {
      const error = await rejectionOf(
        getDb().$transaction((tx) =>
          tx.claimStatusChange.create({
            data: {
              claimId: claim.id,
              fromStatus: "REPORTED",
              toStatus: "CONFIRMED",
              knownAt: day("2024-11-20T16:00:00Z"),
              reason: "Bypassing the domain rules.",
              evidenceCitationId,
              changedBy: "test",
            },
          }),
        ),
      );
      expect(databaseErrorCode(error)).toBe(code());
    }
    expect(await getDb().claimStatusChange.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it("rejects a direct DENIED row whose evidence confirms rather than denies", async () => {
    const { story, claim } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "CONFIRMS");
    const error = await rejectionOf(
      getDb().claimStatusChange.create({
        data: {
          claimId: claim.id,
          toStatus: "DENIED",
          knownAt: day("2024-11-20T16:00:00Z"),
          reason: "Wrong stance.",
          evidenceCitationId: statement.citationIds[0],
          changedBy: "test",
        },
      }),
    );
    expect(databaseErrorCode(error)).toBe(code());
  });

  it("accepts a direct CONFIRMED row with proper evidence (the trigger is not a blanket ban)", async () => {
    const { story, claim } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "CONFIRMS");
    const row = await getDb().claimStatusChange.create({
      data: {
        claimId: claim.id,
        fromStatus: "REPORTED",
        toStatus: "CONFIRMED",
        knownAt: day("2024-11-20T16:00:00Z"),
        reason: "Spokesperson on the record.",
        evidenceCitationId: statement.citationIds[0],
        changedBy: "test",
      },
    });
    expect(row.toStatus).toBe("CONFIRMED");
  });

  it("rejects a history row with an empty reason", async () => {
    const { claim } = await reportedClaim();
    const error = await rejectionOf(
      getDb().claimStatusChange.create({
        data: { claimId: claim.id, toStatus: "DISPUTED", knownAt: day("2024-11-21T00:00:00Z"), reason: "  ", changedBy: "test" },
      }),
    );
    expect(databaseErrorCode(error)).toBe(code());
  });

  it("keeps the history append-only: an UPDATE of a history row is rejected", async () => {
    const { claim } = await reportedClaim();
    const row = await getDb().claimStatusChange.findFirstOrThrow({ where: { claimId: claim.id } });
    const error = await rejectionOf(
      getDb().$transaction((tx) =>
        tx.claimStatusChange.update({ where: { id: row.id }, data: { reason: "Rewritten history." } }),
      ),
    );
    expect(databaseErrorCode(error)).toBe(code());
    const after = await getDb().claimStatusChange.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toEqual(row);
  });
});

describe("countIndependentSources", () => {
  it("counts wire copy repeated by three outlets as one source, three repeats", async () => {
    const story = await createTestStory();
    const claim = await createTestClaim({ storyId: story.id });
    const wire = await createTestSource({ name: "Example Wire", kind: "WIRE" });
    const original = await createTestEvent({
      storyId: story.id,
      kind: "MEDIA_REPORT",
      citations: [{ sourceId: wire.id, attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    for (let i = 0; i < 3; i++) {
      await createTestEvent({
        storyId: story.id,
        kind: "MEDIA_REPORT",
        citations: [{ attribution: "ANONYMOUS_OFFICIALS", repeatsCitationId: original.citationIds[0] }],
        claims: [{ claimId: claim.id, stance: "ASSERTS" }],
      });
    }
    expect(await countIndependentSources(getDb(), claim.id)).toEqual({ independent: 1, repeats: 3 });

    // Wire copy does not corroborate.
    const error = await rejectionOf(changeClaimStatus(claim.id, "CORROBORATED"));
    expect(error).toBeInstanceOf(DomainError);

    // A report that only narrows the claim (qualifies it) is not support for it as stated.
    await createTestEvent({
      storyId: story.id,
      kind: "MEDIA_REPORT",
      citations: [{ attribution: "UNKNOWN" }],
      claims: [{ claimId: claim.id, stance: "QUALIFIES", note: "Northern region only." }],
    });
    expect(await countIndependentSources(getDb(), claim.id)).toEqual({ independent: 1, repeats: 3 });

    // A fourth outlet reporting it on its own does.
    await createTestEvent({
      storyId: story.id,
      kind: "MEDIA_REPORT",
      citations: [{ attribution: "UNKNOWN" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    expect(await countIndependentSources(getDb(), claim.id)).toEqual({ independent: 2, repeats: 3 });
    await changeClaimStatus(claim.id, "CORROBORATED");
    expect((await claimState(claim.id)).status).toBe("CORROBORATED");
  });

  it("traces repeats to an original on an event that does not mention the claim", async () => {
    const story = await createTestStory();
    const claim = await createTestClaim({ storyId: story.id });
    const original = await createTestEvent({ storyId: story.id, citations: [{ attribution: "ANONYMOUS_OFFICIALS" }] });
    const firstRepeat = await createTestEvent({
      storyId: story.id,
      citations: [{ attribution: "ANONYMOUS_OFFICIALS", repeatsCitationId: original.citationIds[0] }],
    });
    for (const repeats of [original.citationIds[0], firstRepeat.citationIds[0]]) {
      await createTestEvent({
        storyId: story.id,
        citations: [{ attribution: "ANONYMOUS_OFFICIALS", repeatsCitationId: repeats }],
        claims: [{ claimId: claim.id, stance: "ASSERTS" }],
      });
    }
    expect(await countIndependentSources(getDb(), claim.id)).toEqual({ independent: 1, repeats: 2 });
  });

  it("counts an outlet once however often it reported, and only reports known by the date", async () => {
    const story = await createTestStory();
    const claim = await createTestClaim({ storyId: story.id });
    const outlet = await createTestSource();
    for (const occurredAt of [day("2024-11-17T12:00:00Z"), day("2024-11-19T12:00:00Z")]) {
      await createTestEvent({
        storyId: story.id,
        occurredAt,
        citations: [{ sourceId: outlet.id, attribution: "ANONYMOUS_OFFICIALS" }],
        claims: [{ claimId: claim.id, stance: "ASSERTS" }],
      });
    }
    await createTestEvent({
      storyId: story.id,
      occurredAt: day("2024-11-19T12:00:00Z"),
      citations: [{ attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    // Declining, denying and unpublished events are not sources for the claim.
    await createTestEvent({
      storyId: story.id,
      citations: [{ attribution: "SPOKESPERSON" }],
      claims: [{ claimId: claim.id, stance: "DECLINES" }],
    });
    await createTestEvent({
      storyId: story.id,
      published: false,
      citations: [{ attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });

    expect(await countIndependentSources(getDb(), claim.id)).toEqual({ independent: 2, repeats: 0 });
    expect(await countIndependentSources(getDb(), claim.id, day("2024-11-18T00:00:00Z"))).toEqual({
      independent: 1,
      repeats: 0,
    });
  });
});
