import { describe, expect, it } from "vitest";
import {
  changeClaimStatus,
  createTestClaim,
  createTestEvent,
  createTestSource,
  createTestStory,
} from "../../prisma/factories";
import { getDb } from "../db";
import { asOfFor, withAsOf } from "./as-of";
import { type StatusPeriod } from "./projection";
import { refreshEvents } from "./write";

// The label history createEvent / refreshEvents store (EventStatusPeriod) and the source key's
// known-from instants (EventSource), on a real database, and the "as of" helpers.

const at = (iso: string) => new Date(iso);

const p = (status: StatusPeriod["status"], from: string, to: string | null): StatusPeriod => ({
  status,
  validFrom: at(from),
  validTo: to ? at(to) : null,
});

async function storedPeriods(eventId: string) {
  return getDb().eventStatusPeriod.findMany({
    where: { eventId },
    orderBy: { validFrom: "asc" },
    select: { status: true, validFrom: true, validTo: true },
  });
}

async function storedStatus(eventId: string) {
  return (await getDb().event.findUniqueOrThrow({ where: { id: eventId }, select: { status: true } })).status;
}

/** A story with a claim reported by an anonymous-sourced newspaper report on 17 Nov. */
async function reportedClaim() {
  const story = await createTestStory();
  const claim = await createTestClaim({ storyId: story.id });
  const report = await createTestEvent({
    storyId: story.id,
    kind: "MEDIA_REPORT",
    occurredAt: at("2024-11-17T12:00:00Z"),
    citations: [{ attribution: "ANONYMOUS_OFFICIALS", attributionText: "citing anonymous US officials" }],
    claims: [{ claimId: claim.id, stance: "ASSERTS" }],
  });
  await changeClaimStatus(claim.id, "REPORTED", { knownAt: at("2024-11-17T13:00:00Z"), evidenceCitationId: report.citationIds[0] });
  return { story, claim, report };
}

async function officialStatement(storyId: string, claimId: string, stance: "CONFIRMS" | "DENIES", when: string) {
  return createTestEvent({
    storyId,
    kind: "BRIEFING",
    occurredAt: at(when),
    citations: [{ attribution: "SPOKESPERSON", publishedAt: at(when) }],
    claims: [{ claimId, stance }],
  });
}

describe("stored status periods (createEvent, refreshEvents)", () => {
  it("createEvent stores one open period from the first report", async () => {
    const { report } = await reportedClaim();
    const statement = await createTestEvent({ occurredAt: at("2024-11-18T15:00:00Z"), firstReportedAt: at("2024-11-18T16:00:00Z") });
    expect(await storedPeriods(statement.id)).toEqual([p("ON_RECORD", "2024-11-18T16:00:00Z", null)]);
    expect(await storedPeriods(report.id)).toEqual([p("REPORTED", "2024-11-17T12:00:00Z", null)]);
  });

  it("reported → corroborated → confirmed", async () => {
    const { story, claim, report } = await reportedClaim();
    const digital = await createTestSource({ kind: "DIGITAL_OUTLET" });
    const second = await createTestEvent({
      storyId: story.id,
      kind: "MEDIA_REPORT",
      occurredAt: at("2024-11-18T12:00:00Z"),
      citations: [{ sourceId: digital.id, attribution: "UNKNOWN" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await changeClaimStatus(claim.id, "CORROBORATED", { knownAt: at("2024-11-18T13:00:00Z") });
    // Corroboration does not change a media report's label.
    expect(await storedPeriods(report.id)).toEqual([p("REPORTED", "2024-11-17T12:00:00Z", null)]);

    const statement = await officialStatement(story.id, claim.id, "CONFIRMS", "2024-11-20T15:00:00Z");
    await changeClaimStatus(claim.id, "CONFIRMED", { knownAt: at("2024-11-20T16:00:00Z"), evidenceCitationId: statement.citationIds[0] });

    // A media report stays a media report: "confirmed" does not spread to it.
    expect(await storedPeriods(report.id)).toEqual([p("REPORTED", "2024-11-17T12:00:00Z", null)]);
    expect(await storedPeriods(second.id)).toEqual([p("REPORTED", "2024-11-18T12:00:00Z", null)]);
    expect(await storedPeriods(statement.id)).toEqual([p("CONFIRMED", "2024-11-20T15:00:00Z", null)]);
    expect(await storedStatus(report.id)).toBe("REPORTED");
  });

  it("reported → denied", async () => {
    const { story, claim, report } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "DENIES", "2024-11-19T15:00:00Z");
    await changeClaimStatus(claim.id, "DENIED", { knownAt: at("2024-11-19T16:00:00Z"), evidenceCitationId: statement.citationIds[0] });
    expect(await storedPeriods(report.id)).toEqual([p("REPORTED", "2024-11-17T12:00:00Z", null)]);
    expect(await storedPeriods(statement.id)).toEqual([p("DENIED", "2024-11-19T15:00:00Z", null)]);
    expect(await storedStatus(report.id)).toBe("REPORTED");
  });

  it("an on-record confirmation added to the event later: media-reported until that citation is published", async () => {
    const { report } = await reportedClaim();
    const source = await createTestSource({ kind: "WIRE" });
    await getDb().citation.create({
      data: { eventId: report.id, sourceId: source.id, attribution: "SPOKESPERSON", publishedAt: at("2024-11-25T15:00:00Z"), position: 1 },
    });
    await getDb().eventClaim.updateMany({ where: { eventId: report.id }, data: { stance: "CONFIRMS" } });
    await refreshEvents(getDb(), [report.id]);
    expect(await storedPeriods(report.id)).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-25T15:00:00Z"),
      p("CONFIRMED", "2024-11-25T15:00:00Z", null),
    ]);
    // The source key lists the event under the new source only from then (database triggers).
    const keys = await getDb().eventSource.findMany({ where: { eventId: report.id }, orderBy: { knownFrom: "asc" }, select: { sourceId: true, knownFrom: true, status: true } });
    expect(keys).toEqual([
      { sourceId: report.sourceIds[0], knownFrom: at("2024-11-17T12:00:00Z"), status: "CONFIRMED" },
      { sourceId: source.id, knownFrom: at("2024-11-25T15:00:00Z"), status: "CONFIRMED" },
    ]);
  });

  it("an event known only from a later citation is known from then", async () => {
    const e = await createTestEvent({ occurredAt: at("2024-11-18T15:00:00Z"), citations: [{ attribution: "SPOKESPERSON", publishedAt: at("2024-11-21T10:00:00Z") }] });
    const row = await getDb().event.findUniqueOrThrow({ where: { id: e.id }, select: { firstReportedAt: true, knownFrom: true } });
    expect(row).toEqual({ firstReportedAt: at("2024-11-18T15:00:00Z"), knownFrom: at("2024-11-21T10:00:00Z") });
    expect(await storedPeriods(e.id)).toEqual([p("ON_RECORD", "2024-11-21T10:00:00Z", null)]);
  });

  it("the event retracted: refreshEvents closes its label at the retraction", async () => {
    const statement = await createTestEvent({ occurredAt: at("2024-11-18T15:00:00Z"), citations: [{ attribution: "SPOKESPERSON" }] });
    await getDb().event.update({ where: { id: statement.id }, data: { retractedAt: at("2024-11-19T10:00:00Z") } });
    await refreshEvents(getDb(), [statement.id]);
    expect(await storedPeriods(statement.id)).toEqual([
      p("ON_RECORD", "2024-11-18T15:00:00Z", "2024-11-19T10:00:00Z"),
      p("RETRACTED", "2024-11-19T10:00:00Z", null),
    ]);
    expect(await storedStatus(statement.id)).toBe("RETRACTED");
  });

});

describe("the as-of helpers", () => {
  const zone = "America/New_York";

  it("asOfFor cuts off at the end of the day in the story's zone", () => {
    expect(asOfFor(null, zone)).toBeNull();
    expect(asOfFor("2024-11-17", zone)).toEqual({ day: "2024-11-17", cutoff: at("2024-11-18T04:59:59.999Z") });
    expect(asOfFor("2024-11-17", "UTC")!.cutoff).toEqual(at("2024-11-17T23:59:59.999Z"));
  });

  it("withAsOf adds the date and keeps the path, the other parameters and the hash", () => {
    const a = asOfFor("2024-11-18", zone);
    expect(withAsOf("/events/nyt-report", a)).toBe("/events/nyt-report?asof=2024-11-18");
    expect(withAsOf("/stories/s?source=axios&source=reuters&before=abc#nyt-report", a)).toBe(
      "/stories/s?source=axios&source=reuters&before=abc&asof=2024-11-18#nyt-report",
    );
    expect(withAsOf("/#nyt-report", "2024-11-18")).toBe("/?asof=2024-11-18#nyt-report");
    // An existing date is replaced, not repeated.
    expect(withAsOf("/?asof=2024-11-17&q=missiles", a)).toBe("/?asof=2024-11-18&q=missiles");
  });

  it("withAsOf leaves the link alone when there is no date", () => {
    expect(withAsOf("/stories/s?source=axios#x", null)).toBe("/stories/s?source=axios#x");
    expect(withAsOf("/claims", "")).toBe("/claims");
  });
});
