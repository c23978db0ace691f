import { beforeAll, describe, expect, it } from "vitest";
import {
  changeClaimStatus,
  createTestClaim,
  createTestEvent,
  createTestSource,
  createTestStory,
} from "../../prisma/factories";
import { endOfLocalDay, localDay, startOfLocalDay } from "../dates";
import { getDb } from "../db";
import { atacmsStory } from "../seed/atacms-story";
import { seedStory } from "../seed/seed-story";
import {
  getClaimBySlugOrId,
  projectClaim,
  getIndependentCount,
  independentSourcesText,
  listClaims,
  type ClaimDetail,
} from "./queries";

// A claim's page: its first report, the events taking each stance, its status as of a date and
// how many independent sources back it, on the seeded ATACMS story and on factory-built claims.

const NY = "America/New_York";
const MAIN = "biden-authorized-atacms-strikes-inside-russia";
const NYT = "nyt-reports-biden-allowed-atacms-strikes-on-russia";
const AXIOS = "axios-reports-approval-limited-to-kursk-oblast";
const ZELENSKYY = "zelenskyy-says-missiles-will-speak-for-themselves";
const STATE = "state-department-no-policy-updates";

let seedStoryId: string;
let claim: ClaimDetail;

beforeAll(async () => {
  seedStoryId = (await seedStory(getDb(), atacmsStory)).storyId;
  const found = await getClaimBySlugOrId(MAIN);
  expect(found).not.toBeNull();
  claim = found!;
});

const groups = (c: ClaimDetail, at: Date | null) =>
  projectClaim(c, at).groups.map((g) => [g.stance, g.links.map((l) => l.event.slug)] as const);

describe("getClaimBySlugOrId", () => {
  it("resolves the slug and the id", async () => {
    expect(claim.slug).toBe(MAIN);
    expect(claim.story.slug).toBe("us-atacms-policy-ukraine");
    expect((await getClaimBySlugOrId(claim.id))?.slug).toBe(MAIN);
  });

  it.each(["no-such-claim", "", "a b", "../x"])("returns null for %j", async (value) => {
    expect(await getClaimBySlugOrId(value)).toBeNull();
  });

  it("carries the status history with its evidence", () => {
    expect(claim.history.map((h) => [h.fromStatus, h.toStatus])).toEqual([[null, "REPORTED"]]);
    expect(claim.history[0]!.evidenceCitation?.source.slug).toBe("new-york-times");
    expect(claim.history[0]!.evidenceCitation?.event.slug).toBe(NYT);
  });
});

describe("the seeded claim", () => {
  it("was first reported by The New York Times on 17 Nov", () => {
    const first = projectClaim(claim, null).first;
    expect(first?.event.slug).toBe(NYT);
    expect(first?.citation?.source.name).toBe("The New York Times");
    expect(first?.citation?.attributionText).toBe("citing anonymous US officials");
    expect(localDay(first!.event.occurredAt, first!.event.timeZone)).toBe("2024-11-17");
    // Nothing had put it forward before 17 Nov.
    expect(projectClaim(claim, endOfLocalDay("2024-11-16", NY)).first).toBeNull();
  });

  it("groups the events by stance, each in time order", () => {
    expect(groups(claim, null)).toEqual([
      ["ASSERTS", [NYT]],
      ["QUALIFIES", [AXIOS]],
      ["DECLINES", [ZELENSKYY, STATE]],
    ]);
  });

  it("as of the end of 17 Nov (New York) leaves out the Axios report and the briefing of 18 Nov", () => {
    expect(groups(claim, endOfLocalDay("2024-11-17", NY))).toEqual([
      ["ASSERTS", [NYT]],
      ["DECLINES", [ZELENSKYY]],
    ]);
    expect(groups(claim, endOfLocalDay("2024-11-16", NY))).toEqual([]);
  });

  it.each<[string, Date | null, string]>([
    ["before 17 Nov", endOfLocalDay("2024-11-16", NY), "UNVERIFIED"],
    ["a moment before it became known", new Date(startOfLocalDay("2024-11-17", NY).getTime() - 1), "UNVERIFIED"],
    ["from the start of 17 Nov", startOfLocalDay("2024-11-17", NY), "REPORTED"],
    ["on 17 Nov", endOfLocalDay("2024-11-17", NY), "REPORTED"],
    ["on 18 Nov", endOfLocalDay("2024-11-18", NY), "REPORTED"],
    ["today", null, "REPORTED"],
  ])("is %s: %#", (_when, at, expected) => {
    expect(projectClaim(claim, at).status).toBe(expected);
  });

  it("has one independent source and no repeats (the Axios report only qualifies it)", async () => {
    expect(await getIndependentCount(claim.id, null)).toEqual({ independent: 1, repeats: 0 });
    expect(await getIndependentCount(claim.id, endOfLocalDay("2024-11-16", NY))).toEqual({ independent: 0, repeats: 0 });
    expect(independentSourcesText(await getIndependentCount(claim.id, null))).toBe("reported by 1 independent source");
  });

  it("lists the story's claims with their counts", async () => {
    const all = await listClaims(seedStoryId, null, 0);
    expect(all.map((c) => [c.slug, c.status, c.counts.independent])).toEqual([
      [MAIN, "REPORTED", 1],
      ["atacms-authorization-limited-to-kursk-oblast", "REPORTED", 1],
    ]);
    expect(all[0]!.events).toBe(4);
    expect(await listClaims(seedStoryId, null, 2)).toEqual([]);
    // As of 17 Nov the Kursk claim had not been reported.
    const on17 = await listClaims(seedStoryId, endOfLocalDay("2024-11-17", NY), 0);
    expect(on17.map((c) => [c.slug, c.status, c.events])).toEqual([[MAIN, "REPORTED", 2]]);
  });
});

describe("independentSourcesText", () => {
  it.each<[number, number, string]>([
    [1, 0, "reported by 1 independent source"],
    [2, 0, "reported by 2 independent sources"],
    [2, 3, "reported by 2 independent sources (repeated by 3 others)"],
    [1, 1, "reported by 1 independent source (repeated by 1 other)"],
    [0, 0, "reported by 0 independent sources"],
  ])("%i independent, %i repeats", (independent, repeats, text) => {
    expect(independentSourcesText({ independent, repeats })).toBe(text);
  });
});

describe("listClaims: minimum independent sources", () => {
  let storyId: string;
  let corroborated: string;
  let single: string;
  let unreported: string;
  let withdrawn: string;

  beforeAll(async () => {
    storyId = (await createTestStory()).id;
    const [paper, outlet, wire, broadcaster] = await Promise.all([
      createTestSource({ kind: "NEWSPAPER" }),
      createTestSource({ kind: "DIGITAL_OUTLET" }),
      createTestSource({ kind: "WIRE" }),
      createTestSource({ kind: "BROADCASTER" }),
    ]);
    corroborated = (await createTestClaim({ storyId, slug: "two-independent-and-a-repeat" })).id;
    single = (await createTestClaim({ storyId, slug: "one-source" })).id;
    unreported = (await createTestClaim({ storyId, slug: "not-reported" })).id;
    withdrawn = (await createTestClaim({ storyId, slug: "one-report-withdrawn" })).id;

    const original = await createTestEvent({
      storyId,
      kind: "MEDIA_REPORT",
      occurredAt: new Date("2024-11-17T12:00:00Z"),
      citations: [{ sourceId: paper.id, attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: corroborated, stance: "ASSERTS" }],
    });
    // The wire repeats the newspaper: not independent.
    await createTestEvent({
      storyId,
      kind: "MEDIA_REPORT",
      occurredAt: new Date("2024-11-17T15:00:00Z"),
      citations: [{ sourceId: wire.id, attribution: "ANONYMOUS_OFFICIALS", repeatsCitationId: original.citationIds[0] }],
      claims: [{ claimId: corroborated, stance: "ASSERTS" }],
    });
    await createTestEvent({
      storyId,
      kind: "MEDIA_REPORT",
      occurredAt: new Date("2024-11-19T12:00:00Z"),
      citations: [{ sourceId: outlet.id, attribution: "UNKNOWN" }],
      claims: [{ claimId: corroborated, stance: "ASSERTS" }],
    });
    await createTestEvent({
      storyId,
      kind: "MEDIA_REPORT",
      occurredAt: new Date("2024-11-18T12:00:00Z"),
      citations: [{ sourceId: broadcaster.id, attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: single, stance: "ASSERTS" }],
    });
    const retracted = await createTestEvent({
      storyId,
      kind: "MEDIA_REPORT",
      occurredAt: new Date("2024-11-18T12:00:00Z"),
      citations: [{ sourceId: outlet.id, attribution: "UNKNOWN" }],
      claims: [{ claimId: withdrawn, stance: "ASSERTS" }],
    });
    await getDb().event.update({ where: { id: retracted.id }, data: { retractedAt: new Date("2024-11-20T12:00:00Z") } });
    await changeClaimStatus(corroborated, "REPORTED", { knownAt: new Date("2024-11-17T13:00:00Z") });
    await changeClaimStatus(corroborated, "CORROBORATED", { knownAt: new Date("2024-11-19T13:00:00Z") });
  });

  const slugs = (items: { slug: string }[]) => items.map((c) => c.slug);

  it("counts independent sources, tracing the wire's repeat to its original", async () => {
    const all = await listClaims(storyId, null, 0);
    const byslug = new Map(all.map((c) => [c.slug, c]));
    expect(byslug.get("two-independent-and-a-repeat")?.counts).toEqual({ independent: 2, repeats: 1 });
    expect(byslug.get("one-source")?.counts).toEqual({ independent: 1, repeats: 0 });
    // Nothing is known about it yet: no status change, no event.
    expect(byslug.has("not-reported")).toBe(false);
    expect(independentSourcesText(byslug.get("two-independent-and-a-repeat")!.counts)).toBe(
      "reported by 2 independent sources (repeated by 1 other)",
    );
  });

  it("keeps only the claims with at least the minimum", async () => {
    expect(slugs(await listClaims(storyId, null, 2))).toEqual(["two-independent-and-a-repeat"]);
    expect(slugs(await listClaims(storyId, null, 1))).toEqual(["two-independent-and-a-repeat", "one-source"]);
    expect(slugs(await listClaims(storyId, null, 0))).toEqual(["two-independent-and-a-repeat", "one-source", "one-report-withdrawn"]);
    expect(await listClaims(storyId, null, 3)).toEqual([]);
  });

  it("counts as of a date: before the second outlet reported, one source", async () => {
    const on18 = await listClaims(storyId, new Date("2024-11-18T23:59:59Z"), 1);
    const c = on18.find((x) => x.slug === "two-independent-and-a-repeat");
    expect(c?.counts).toEqual({ independent: 1, repeats: 1 });
    expect(c?.status).toBe("REPORTED");
    expect(slugs(await listClaims(storyId, new Date("2024-11-18T23:59:59Z"), 2))).toEqual([]);
    expect(slugs(await listClaims(storyId, new Date("2024-11-19T13:00:00Z"), 2))).toEqual([
      "two-independent-and-a-repeat",
    ]);
  });

  it("stops counting a report once it is retracted", async () => {
    const before = await listClaims(storyId, new Date("2024-11-19T00:00:00Z"), 1);
    expect(slugs(before)).toContain("one-report-withdrawn");
    expect(slugs(await listClaims(storyId, null, 1))).not.toContain("one-report-withdrawn");
    expect((await getIndependentCount(withdrawn, null)).independent).toBe(0);
    expect((await getIndependentCount(single, null)).independent).toBe(1);
    expect((await getIndependentCount(unreported, null)).independent).toBe(0);
  });
});
