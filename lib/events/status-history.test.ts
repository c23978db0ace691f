import { describe, expect, it } from "vitest";
import {
  changeClaimStatus,
  createTestClaim,
  createTestEvent,
  createTestSource,
  createTestStory,
} from "../../prisma/factories";
import { getDb } from "../db";
import type { AttributionValue, ClaimStatusValue, StanceValue } from "../domain";
import { asOfFor, knownBy, reportedBy, statusAsOf, withAsOf } from "./as-of";
import { claimStatusAt, statusAt, statusTimeline, type StatusHistoryEntry, type StatusPeriod } from "./status";
import { refreshEvents } from "./write";

// How solid an item was as of any date: a claim's status at an instant, the periods of an event's
// label derived from it, the periods createEvent / refreshEvents store, and the "as of" helpers.

const at = (iso: string) => new Date(iso);
const h = (toStatus: ClaimStatusValue, knownAt: string): StatusHistoryEntry => ({ toStatus, knownAt: at(knownAt) });

describe("claimStatusAt", () => {
  const history = [h("REPORTED", "2024-11-17T05:00:00Z"), h("CORROBORATED", "2024-11-18T12:00:00Z"), h("CONFIRMED", "2024-11-20T16:00:00Z")];

  it.each<[string, ClaimStatusValue]>([
    ["2024-11-01T00:00:00Z", "UNVERIFIED"],
    ["2024-11-17T04:59:59.999Z", "UNVERIFIED"],
    ["2024-11-17T05:00:00Z", "REPORTED"], // at the instant it became known
    ["2024-11-18T11:59:59.999Z", "REPORTED"],
    ["2024-11-18T12:00:00Z", "CORROBORATED"],
    ["2024-11-20T15:59:59Z", "CORROBORATED"],
    ["2024-11-20T16:00:00Z", "CONFIRMED"],
    ["2030-01-01T00:00:00Z", "CONFIRMED"],
  ])("at %s is %s", (instant, expected) => {
    expect(claimStatusAt(history, at(instant))).toBe(expected);
    // The order the rows come back in does not matter.
    expect(claimStatusAt([...history].reverse(), at(instant))).toBe(expected);
  });

  it("is unverified with no history", () => {
    expect(claimStatusAt([], at("2024-11-20T00:00:00Z"))).toBe("UNVERIFIED");
  });
});

type Link = { stance: StanceValue; history: StatusHistoryEntry[] };

function periods(firstReportedAt: string, attributions: AttributionValue[], links: Link[], retractedAt: string | null = null) {
  return statusTimeline({ firstReportedAt: at(firstReportedAt), retractedAt: retractedAt ? at(retractedAt) : null, attributions, claimLinks: links });
}
const p = (status: StatusPeriod["status"], from: string, to: string | null): StatusPeriod => ({
  status,
  validFrom: at(from),
  validTo: to ? at(to) : null,
});

describe("statusTimeline", () => {
  it("reported → corroborated → confirmed: media-reported until the official confirmation", () => {
    const history = [h("REPORTED", "2024-11-17T13:00:00Z"), h("CORROBORATED", "2024-11-18T13:00:00Z"), h("CONFIRMED", "2024-11-20T16:00:00Z")];
    expect(periods("2024-11-17T12:00:00Z", ["ANONYMOUS_OFFICIALS"], [{ stance: "ASSERTS", history }])).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"),
      p("CONFIRMED", "2024-11-20T16:00:00Z", null),
    ]);
  });

  it("reported → denied", () => {
    const history = [h("REPORTED", "2024-11-17T13:00:00Z"), h("DENIED", "2024-11-20T16:00:00Z")];
    expect(periods("2024-11-17T12:00:00Z", ["ANONYMOUS_OFFICIALS"], [{ stance: "ASSERTS", history }])).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"),
      p("DENIED", "2024-11-20T16:00:00Z", null),
    ]);
  });

  it("confirmed → retracted (the claim retracted)", () => {
    const history = [h("REPORTED", "2024-11-17T13:00:00Z"), h("CONFIRMED", "2024-11-20T16:00:00Z"), h("RETRACTED", "2024-11-25T09:00:00Z")];
    expect(periods("2024-11-17T12:00:00Z", ["ANONYMOUS_OFFICIALS"], [{ stance: "ASSERTS", history }])).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"),
      p("CONFIRMED", "2024-11-20T16:00:00Z", "2024-11-25T09:00:00Z"),
      p("RETRACTED", "2024-11-25T09:00:00Z", null),
    ]);
  });

  it("the event itself retracted: on the record until its retraction", () => {
    expect(periods("2024-11-18T15:00:00Z", ["SPOKESPERSON"], [], "2024-11-19T10:00:00Z")).toEqual([
      p("ON_RECORD", "2024-11-18T15:00:00Z", "2024-11-19T10:00:00Z"),
      p("RETRACTED", "2024-11-19T10:00:00Z", null),
    ]);
  });

  it("starts with the claim's status as it stood when the event was first reported", () => {
    const history = [h("REPORTED", "2024-11-17T13:00:00Z"), h("CONFIRMED", "2024-11-20T16:00:00Z")];
    expect(periods("2024-11-22T08:00:00Z", ["UNKNOWN"], [{ stance: "ASSERTS", history }])).toEqual([
      p("CONFIRMED", "2024-11-22T08:00:00Z", null),
    ]);
  });

  it("keeps an on-record decline declined throughout: one period", () => {
    const history = [h("REPORTED", "2024-11-17T13:00:00Z"), h("CONFIRMED", "2024-11-20T16:00:00Z")];
    expect(periods("2024-11-18T15:00:00Z", ["SPOKESPERSON"], [{ stance: "DECLINES", history }])).toEqual([
      p("DECLINED", "2024-11-18T15:00:00Z", null),
    ]);
  });

  it("gives statusAt the period in force, and null before the first report", () => {
    const list = [p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"), p("CONFIRMED", "2024-11-20T16:00:00Z", null)];
    expect(statusAt(list, at("2024-11-17T11:59:59Z"))).toBeNull();
    expect(statusAt(list, at("2024-11-17T12:00:00Z"))?.status).toBe("REPORTED");
    expect(statusAt(list, at("2024-11-20T15:59:59Z"))?.status).toBe("REPORTED");
    expect(statusAt(list, at("2024-11-20T16:00:00Z"))?.status).toBe("CONFIRMED");
    expect(statusAt(list, at("2031-01-01T00:00:00Z"))?.status).toBe("CONFIRMED");
  });
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

    expect(await storedPeriods(report.id)).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"),
      p("CONFIRMED", "2024-11-20T16:00:00Z", null),
    ]);
    expect(await storedPeriods(second.id)).toEqual([
      p("REPORTED", "2024-11-18T12:00:00Z", "2024-11-20T16:00:00Z"),
      p("CONFIRMED", "2024-11-20T16:00:00Z", null),
    ]);
    expect(await storedPeriods(statement.id)).toEqual([p("CONFIRMED", "2024-11-20T15:00:00Z", null)]);
    expect(await storedStatus(report.id)).toBe("CONFIRMED");
  });

  it("reported → denied", async () => {
    const { story, claim, report } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "DENIES", "2024-11-19T15:00:00Z");
    await changeClaimStatus(claim.id, "DENIED", { knownAt: at("2024-11-19T16:00:00Z"), evidenceCitationId: statement.citationIds[0] });
    expect(await storedPeriods(report.id)).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-19T16:00:00Z"),
      p("DENIED", "2024-11-19T16:00:00Z", null),
    ]);
    expect(await storedPeriods(statement.id)).toEqual([p("DENIED", "2024-11-19T15:00:00Z", null)]);
    expect(await storedStatus(report.id)).toBe("DENIED");
  });

  it("confirmed → retracted (the claim retracted)", async () => {
    const { story, claim, report } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "CONFIRMS", "2024-11-20T15:00:00Z");
    await changeClaimStatus(claim.id, "CONFIRMED", { knownAt: at("2024-11-20T16:00:00Z"), evidenceCitationId: statement.citationIds[0] });
    await changeClaimStatus(claim.id, "RETRACTED", { knownAt: at("2024-11-25T09:00:00Z"), reason: "The report was withdrawn." });
    expect(await storedPeriods(report.id)).toEqual([
      p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"),
      p("CONFIRMED", "2024-11-20T16:00:00Z", "2024-11-25T09:00:00Z"),
      p("RETRACTED", "2024-11-25T09:00:00Z", null),
    ]);
    expect(await storedStatus(report.id)).toBe("RETRACTED");
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

  it("stores what statusTimeline derives from the stored history", async () => {
    const { story, claim, report } = await reportedClaim();
    const statement = await officialStatement(story.id, claim.id, "DENIES", "2024-11-19T15:00:00Z");
    await changeClaimStatus(claim.id, "DENIED", { knownAt: at("2024-11-19T16:00:00Z"), evidenceCitationId: statement.citationIds[0] });
    const history = await getDb().claimStatusChange.findMany({ where: { claimId: claim.id }, select: { toStatus: true, knownAt: true } });
    expect(await storedPeriods(report.id)).toEqual(
      statusTimeline({
        firstReportedAt: at("2024-11-17T12:00:00Z"),
        retractedAt: null,
        attributions: ["ANONYMOUS_OFFICIALS"],
        claimLinks: [{ stance: "ASSERTS", history }],
      }),
    );
  });
});

describe("the as-of helpers", () => {
  const zone = "America/New_York";
  const event = {
    status: "CONFIRMED" as const,
    firstReportedAt: at("2024-11-17T12:00:00Z"),
    statusPeriods: [p("REPORTED", "2024-11-17T12:00:00Z", "2024-11-20T16:00:00Z"), p("CONFIRMED", "2024-11-20T16:00:00Z", null)],
  };

  it("asOfFor cuts off at the end of the day in the story's zone", () => {
    expect(asOfFor(null, zone)).toBeNull();
    expect(asOfFor("2024-11-17", zone)).toEqual({ day: "2024-11-17", cutoff: at("2024-11-18T04:59:59.999Z") });
    expect(asOfFor("2024-11-17", "UTC")!.cutoff).toEqual(at("2024-11-17T23:59:59.999Z"));
  });

  it("reportedBy: what had been reported by the cut-off", () => {
    expect(reportedBy(event, null)).toBe(true);
    expect(reportedBy(event, asOfFor("2024-11-16", zone))).toBe(false);
    expect(reportedBy(event, asOfFor("2024-11-17", zone))).toBe(true);
    // 04:30 UTC on 18 Nov is still 17 Nov in New York.
    expect(reportedBy({ firstReportedAt: at("2024-11-18T04:30:00Z") }, asOfFor("2024-11-17", zone))).toBe(true);
  });

  it("statusAsOf: the label as it stood then, the current one without a date", () => {
    expect(statusAsOf(event, null)).toBe("CONFIRMED");
    expect(statusAsOf(event, asOfFor("2024-11-18", zone))).toBe("REPORTED");
    // The confirmation came at 11:00 in New York on 20 Nov: by the end of that day, confirmed.
    expect(statusAsOf(event, asOfFor("2024-11-19", zone))).toBe("REPORTED");
    expect(statusAsOf(event, asOfFor("2024-11-20", zone))).toBe("CONFIRMED");
    // Before it was reported there is no period: the current label stands in.
    expect(statusAsOf(event, asOfFor("2024-11-10", zone))).toBe("CONFIRMED");
  });

  it("knownBy keeps the entries known by the cut-off, and everything without a date", () => {
    const changes = [h("REPORTED", "2024-11-17T13:00:00Z"), h("CONFIRMED", "2024-11-20T16:00:00Z")];
    const known = (day: string | null) => knownBy(changes, (c) => c.knownAt, asOfFor(day, zone)).map((c) => c.toStatus);
    expect(known(null)).toEqual(["REPORTED", "CONFIRMED"]);
    expect(known("2024-11-16")).toEqual([]);
    expect(known("2024-11-17")).toEqual(["REPORTED"]);
    expect(known("2024-11-20")).toEqual(["REPORTED", "CONFIRMED"]);
    // A copy, not the caller's array.
    expect(knownBy(changes, (c) => c.knownAt, null)).not.toBe(changes);
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
