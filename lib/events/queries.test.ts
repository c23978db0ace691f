import { beforeAll, describe, expect, it } from "vitest";
import {
  changeClaimStatus,
  createTestActor,
  createTestClaim,
  createTestEvent,
  createTestSource,
  createTestStory,
  createTestTag,
  type TestEvent,
  type TestEventInput,
} from "../../prisma/factories";
import { databaseKind, getDb } from "../db";
import type { RawSearchParams } from "../url";
import { asOfFor } from "./as-of";
import { briefStatusAt } from "./event-view";
import { decodeCursor } from "./cursor";
import { parseTimelineQuery } from "./filters";
import {
  getEventBySlugOrId,
  listTimeline,
  PAGE_SIZE,
  timelineCursorFor,
  type TimelinePage,
  type TimelineScope,
} from "./queries";

// The timeline query layer on a real migrated database (SQLite, or PostgreSQL with
// TEST_DATABASE_URL): a dedicated story whose events differ in source, status, kind, actor, tag,
// local day and text, queried the way the page does (query string → parseTimelineQuery →
// listTimeline).

const at = (iso: string) => new Date(iso);

type Built = Record<string, TestEvent>;
let storyId: string;
const ev: Built = {};
let claimA: string;

/** Newest first, by timelineKey then id. Filled in beforeAll (the last two share a key). */
let ORDER: string[];

async function list(params: RawSearchParams, pageSize?: number, scope: TimelineScope = { storyId }): Promise<TimelinePage> {
  return listTimeline(scope, parseTimelineQuery(params), pageSize);
}
const slugs = (p: TimelinePage) => p.events.map((e) => e.slug);
/** The expected slugs of a filter, in timeline order. */
const inOrder = (...wanted: string[]) => ORDER.filter((s) => wanted.includes(s));

beforeAll(async () => {
  const story = await createTestStory({ slug: "ukraine-long-range-strikes", timeZone: "America/New_York" });
  storyId = story.id;
  const [nyt, axios, reuters, state, kremlin, kyiv, pentagon] = await Promise.all([
    createTestSource({ slug: "new-york-times", name: "The New York Times", kind: "NEWSPAPER" }),
    createTestSource({ slug: "axios", name: "Axios", kind: "DIGITAL_OUTLET" }),
    createTestSource({ slug: "reuters", name: "Reuters", kind: "WIRE" }),
    createTestSource({ slug: "us-department-of-state", name: "U.S. Department of State", kind: "GOVERNMENT" }),
    createTestSource({ slug: "kremlin", name: "The Kremlin", kind: "GOVERNMENT" }),
    createTestSource({ slug: "office-of-the-president-of-ukraine", name: "Office of the President of Ukraine", kind: "HEAD_OF_STATE_OFFICE" }),
    createTestSource({ slug: "pentagon", name: "U.S. Department of Defense", kind: "GOVERNMENT" }),
  ]);
  const [biden, miller, zelenskyy, peskov] = await Promise.all([
    createTestActor({ slug: "joe-biden", name: "Joe Biden" }),
    createTestActor({ slug: "matthew-miller", name: "Matthew Miller" }),
    createTestActor({ slug: "volodymyr-zelenskyy", name: "Volodymyr Zelenskyy" }),
    createTestActor({ slug: "dmitry-peskov", name: "Dmitry Peskov" }),
  ]);
  const [atacms, kursk, escalation, troops] = await Promise.all([
    createTestTag({ slug: "atacms", name: "ATACMS" }),
    createTestTag({ slug: "kursk-oblast", name: "Kursk Oblast" }),
    createTestTag({ slug: "escalation", name: "Escalation" }),
    createTestTag({ slug: "north-korean-troops", name: "North Korean troops" }),
  ]);
  claimA = (await createTestClaim({ storyId, slug: "biden-authorized-atacms", text: "Biden authorized ATACMS strikes inside Russia" })).id;
  const claimB = (await createTestClaim({ storyId, slug: "us-troops-to-operate-launchers", text: "US personnel will operate the launchers" })).id;

  const make = async (slug: string, input: TestEventInput) => {
    ev[slug] = await createTestEvent({ storyId, slug, firstReportedAt: input.occurredAt, ...input });
  };

  // 23:30 in New York on 17 Nov is 04:30 UTC on 18 Nov: the event belongs to 17 Nov.
  await make("nyt-biden-lets-ukraine-strike", {
    kind: "MEDIA_REPORT",
    headline: "NYT: Biden lets Ukraine strike Russia with ATACMS",
    summary: "The New York Times reports the decision, citing officials.",
    occurredAt: at("2024-11-18T04:30:00Z"),
    precision: "MINUTE",
    timeZone: "America/New_York",
    actors: [{ actorId: biden.id, role: "DECISION_MAKER" }],
    tagIds: [atacms.id],
    citations: [{ sourceId: nyt.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "citing anonymous US officials" }],
    claims: [{ claimId: claimA, stance: "ASSERTS" }],
  });
  await changeClaimStatus(claimA, "REPORTED", {
    knownAt: at("2024-11-18T05:00:00Z"),
    evidenceCitationId: ev["nyt-biden-lets-ukraine-strike"]!.citationIds[0],
  });
  await make("reuters-us-eases-limits", {
    kind: "MEDIA_REPORT",
    headline: "Reuters: US eases limits on long-range missiles",
    summary: "Reuters, following the Times, says officials approved deeper strikes.",
    occurredAt: at("2024-11-18T08:00:00Z"),
    precision: "MINUTE",
    timeZone: "Europe/London",
    tagIds: [atacms.id],
    citations: [
      {
        sourceId: reuters.id,
        attribution: "ANONYMOUS_OFFICIALS",
        repeatsCitationId: ev["nyt-biden-lets-ukraine-strike"]!.citationIds[0],
      },
      { sourceId: nyt.id, attribution: "ANONYMOUS_OFFICIALS" },
    ],
    claims: [{ claimId: claimA, stance: "ASSERTS" }],
  });
  await make("zelenskyy-missiles-speak", {
    kind: "STATEMENT",
    headline: "Zelenskyy: strikes are not announced",
    summary: "Ukraine's president neither confirms nor denies the reports.",
    occurredAt: at("2024-11-17T18:00:00Z"), // 20:00 in Kyiv
    precision: "MINUTE",
    timeZone: "Europe/Kyiv",
    actors: [{ actorId: zelenskyy.id, role: "SPEAKER" }],
    tagIds: [atacms.id],
    citations: [
      {
        sourceId: kyiv.id,
        attribution: "NAMED_ON_RECORD",
        attributionText: "President Volodymyr Zelenskyy",
        quote: "The missiles will speak for themselves.",
      },
    ],
    claims: [{ claimId: claimA, stance: "DECLINES" }],
  });
  await make("axios-kursk-only", {
    kind: "MEDIA_REPORT",
    headline: "Axios: approval limited to Kursk Oblast",
    summary: "Strikes are allowed only where North Korean troops are concentrated.",
    occurredAt: at("2024-11-18T17:00:00Z"),
    precision: "HOUR",
    timeZone: "America/New_York",
    actors: [{ actorId: biden.id, role: "DECISION_MAKER" }],
    tagIds: [atacms.id, kursk.id, troops.id],
    citations: [{ sourceId: axios.id, attribution: "UNKNOWN" }],
    claims: [{ claimId: claimA, stance: "QUALIFIES" }],
  });
  await make("kremlin-fuel-to-the-fire", {
    kind: "STATEMENT",
    headline: "Kremlin accuses Washington of escalation",
    summary: "Moscow says the decision escalates the war.",
    occurredAt: at("2024-11-18T07:00:00Z"), // 10:00 in Moscow
    precision: "MINUTE",
    timeZone: "Europe/Moscow",
    actors: [{ actorId: peskov.id, role: "SPEAKER" }],
    tagIds: [escalation.id],
    citations: [
      {
        sourceId: kremlin.id,
        attribution: "SPOKESPERSON",
        attributionText: "Kremlin spokesman Dmitry Peskov",
        quote: "Washington is adding fuel to the fire.",
      },
    ],
  });
  await make("state-no-policy-updates", {
    kind: "BRIEFING",
    headline: "State Department: no policy updates",
    summary: "Matthew Miller declines to confirm the reports.",
    occurredAt: at("2024-11-18T19:30:00Z"),
    precision: "MINUTE",
    timeZone: "America/New_York",
    actors: [{ actorId: miller.id, role: "SPEAKER" }],
    tagIds: [atacms.id],
    citations: [
      {
        sourceId: state.id,
        attribution: "SPOKESPERSON",
        attributionText: "State Department spokesperson Matthew Miller",
        quote: "I don’t have any policy updates to speak to today.",
      },
    ],
    claims: [{ claimId: claimA, stance: "DECLINES" }],
  });
  await make("state-denies-us-crews", {
    kind: "BRIEFING",
    headline: "State Department denies US crews will fire the missiles",
    summary: "Miller rejects the claim that US personnel would operate the launchers.",
    occurredAt: at("2024-11-19T20:00:00Z"),
    precision: "MINUTE",
    timeZone: "America/New_York",
    actors: [{ actorId: miller.id, role: "SPEAKER" }],
    citations: [{ sourceId: state.id, attribution: "SPOKESPERSON", quote: "No US personnel will operate them." }],
    claims: [{ claimId: claimB, stance: "DENIES" }],
  });
  await changeClaimStatus(claimB, "DENIED", {
    knownAt: at("2024-11-19T21:00:00Z"),
    evidenceCitationId: ev["state-denies-us-crews"]!.citationIds[0],
  });
  // 03:25 in Moscow on 19 Nov is still 18 Nov in New York: it belongs to 19 Nov, its own zone.
  await make("first-atacms-strike-bryansk", {
    kind: "MILITARY_ACTION",
    headline: "First ATACMS strike on Bryansk region",
    summary: "Russia says Ukraine fired six missiles at a military facility.",
    occurredAt: at("2024-11-19T00:25:00Z"),
    firstReportedAt: at("2024-11-19T06:00:00Z"),
    precision: "MINUTE",
    timeZone: "Europe/Moscow",
    tagIds: [atacms.id, escalation.id],
    citations: [
      {
        sourceId: kremlin.id,
        attribution: "DOCUMENT",
        attributionText: "Russian Ministry of Defence statement",
        quote: "Six ATACMS missiles were launched at a facility in Bryansk region.",
      },
    ],
  });
  await make("peskov-west-wants-escalation", {
    kind: "REACTION",
    headline: "Peskov: the West wants escalation",
    summary: "The Kremlin spokesman reacts to the strike.",
    occurredAt: at("2024-11-20T06:00:00Z"),
    precision: "HOUR",
    timeZone: "Europe/Moscow",
    actors: [{ actorId: peskov.id, role: "SPEAKER" }],
    tagIds: [escalation.id],
    citations: [{ sourceId: kremlin.id, attribution: "NAMED_ON_RECORD", quote: "Strikes are up 50% since October." }],
  });
  await make("pentagon-more-troops-near-kursk", {
    kind: "BRIEFING",
    headline: "Pentagon: about 500 more North Korean troops near Kursk",
    summary: "North Korean troops now fight alongside Russian units.",
    occurredAt: at("2024-11-20T18:00:00Z"),
    precision: "HOUR",
    timeZone: "America/New_York",
    tagIds: [troops.id, kursk.id],
    citations: [{ sourceId: pentagon.id, attribution: "SPOKESPERSON" }],
  });
  await make("analysts-track-hashtag", {
    kind: "MEDIA_REPORT",
    headline: "Analysts track the #north_korean_troops hashtag",
    summary: "Open-source analysts follow social media posts.",
    occurredAt: at("2024-11-21T10:00:00Z"),
    precision: "HOUR",
    timeZone: "UTC",
    tagIds: [troops.id],
    citations: [{ sourceId: axios.id, attribution: "UNKNOWN" }],
  });
  // Two day-precision events with the same ordering key: only their ids tell them apart.
  for (const part of [1, 2]) {
    await make(`background-part-${part}`, {
      kind: "OTHER",
      headline: `Background: the long-range missile debate, part ${part}`,
      summary: "How the question of deeper strikes developed.",
      occurredAt: at("2024-11-16T05:00:00Z"),
      precision: "DAY",
      timeZone: "America/New_York",
      citations: [{ sourceId: reuters.id, attribution: "ANONYMOUS_OFFICIALS" }],
    });
  }
  // Never shown: a draft, and another story's event citing the same outlet.
  await make("draft-atacms-report", {
    kind: "MEDIA_REPORT",
    headline: "Draft: ATACMS strike report",
    summary: "Not yet published.",
    occurredAt: at("2024-11-22T15:00:00Z"),
    timeZone: "America/New_York",
    published: false,
    actors: [{ actorId: biden.id, role: "DECISION_MAKER" }],
    tagIds: [atacms.id],
    citations: [{ sourceId: nyt.id, attribution: "ANONYMOUS_OFFICIALS" }],
  });
  const other = await createTestStory({ slug: "another-story" });
  ev["other-story-atacms"] = await createTestEvent({
    storyId: other.id,
    slug: "other-story-atacms",
    kind: "MEDIA_REPORT",
    headline: "ATACMS in another story",
    occurredAt: at("2024-11-18T12:00:00Z"),
    actors: [{ actorId: biden.id, role: "DECISION_MAKER" }],
    tagIds: [atacms.id],
    citations: [{ sourceId: nyt.id, attribution: "ANONYMOUS_OFFICIALS" }],
  });

  const [p1, p2] = [ev["background-part-1"]!, ev["background-part-2"]!].sort((a, b) => (a.id < b.id ? 1 : -1));
  ORDER = [
    "analysts-track-hashtag",
    "pentagon-more-troops-near-kursk",
    "peskov-west-wants-escalation",
    "state-denies-us-crews",
    "first-atacms-strike-bryansk",
    "state-no-policy-updates",
    "axios-kursk-only",
    "reuters-us-eases-limits",
    "kremlin-fuel-to-the-fire",
    "nyt-biden-lets-ukraine-strike",
    "zelenskyy-missiles-speak",
    p1!.slug,
    p2!.slug,
  ];
});

describe("listTimeline: no filter", () => {
  it("lists the story's published events newest first, with the right total", async () => {
    const page = await list({});
    expect(slugs(page)).toEqual(ORDER);
    expect(page.total).toBe(13);
    expect(page.notes).toEqual([]);
    expect(page.olderCursor).toBeNull();
    expect(page.newerCursor).toBeNull();
  });

  it("orders by the event's own local day: 23:30 in New York on 17 Nov comes after 17 Nov in Kyiv, before 18 Nov", async () => {
    const page = await list({});
    const nyt = page.events.find((e) => e.slug === "nyt-biden-lets-ukraine-strike")!;
    expect(nyt.occurredOn).toBe("2024-11-17");
    expect(nyt.occurredAt.toISOString()).toBe("2024-11-18T04:30:00.000Z");
    const keys = page.events.map((e) => e.timelineKey);
    expect([...keys].sort().reverse()).toEqual(keys);
  });

  it("never shows unpublished events or other stories' events", async () => {
    const page = await list({});
    expect(slugs(page)).not.toContain("draft-atacms-report");
    expect(slugs(page)).not.toContain("other-story-atacms");
    expect(page.events.every((e) => e.storyId === storyId)).toBe(true);
  });

  it("loads what an item shows: citations in order, actors, tags, claims with their history", async () => {
    const page = await list({});
    const reuters = page.events.find((e) => e.slug === "reuters-us-eases-limits")!;
    expect(reuters.citations.map((c) => c.source.slug)).toEqual(["reuters", "new-york-times"]);
    expect(reuters.citations[0]!.repeatsCitationId).toBe(ev["nyt-biden-lets-ukraine-strike"]!.citationIds[0]);
    expect(reuters.tags.map((t) => t.tag.slug)).toEqual(["atacms"]);
    expect(reuters.claims[0]!.claim.history.map((h) => h.toStatus)).toEqual(["REPORTED"]);
    const axios = page.events.find((e) => e.slug === "axios-kursk-only")!;
    expect(axios.actors.map((a) => [a.role, a.actor.slug])).toEqual([["DECISION_MAKER", "joe-biden"]]);
    expect(axios.tags.map((t) => t.tag.slug).sort()).toEqual(["atacms", "kursk-oblast", "north-korean-troops"]);
  });

  it("covers every story when the scope names none", async () => {
    const page = await list({ source: "new-york-times" }, PAGE_SIZE, {});
    expect(slugs(page).sort()).toEqual(["nyt-biden-lets-ukraine-strike", "other-story-atacms", "reuters-us-eases-limits"]);
  });
});

describe("listTimeline: source", () => {
  it("one source", async () => {
    const page = await list({ source: "axios" });
    expect(slugs(page)).toEqual(inOrder("axios-kursk-only", "analysts-track-hashtag"));
    expect(page.total).toBe(2);
  });

  it("two sources give their union, and an event citing both appears once", async () => {
    const page = await list({ source: ["new-york-times", "reuters"] });
    expect(slugs(page)).toEqual(
      inOrder("nyt-biden-lets-ukraine-strike", "reuters-us-eases-limits", "background-part-1", "background-part-2"),
    );
    expect(page.total).toBe(4);
    expect(new Set(slugs(page)).size).toBe(4);
  });

  it("ignores an unknown source, saying so", async () => {
    const page = await list({ source: "the-onion" });
    expect(slugs(page)).toEqual(ORDER);
    expect(page.notes).toEqual(["Ignored source “the-onion”: there is no such source."]);
  });

  it("keeps the known source when an unknown one comes with it", async () => {
    const page = await list({ source: ["the-onion", "axios"] });
    expect(page.total).toBe(2);
    expect(page.notes).toHaveLength(1);
    expect(page.notes[0]).toContain("the-onion");
  });

  it("ignores unknown actors and tags too", async () => {
    const page = await list({ actor: "nobody-at-all", tag: "no-such-tag" });
    expect(page.total).toBe(13);
    expect(page.notes).toHaveLength(2);
    expect(page.notes.join(" ")).toMatch(/actor “nobody-at-all”/);
    expect(page.notes.join(" ")).toMatch(/tag “no-such-tag”/);
  });
});

describe("listTimeline: status, kind, actor, tag", () => {
  it.each<[RawSearchParams, string[]]>([
    [{ status: "reported" }, ["nyt-biden-lets-ukraine-strike", "reuters-us-eases-limits", "axios-kursk-only", "analysts-track-hashtag", "background-part-1", "background-part-2"]],
    [{ status: "declined" }, ["zelenskyy-missiles-speak", "state-no-policy-updates"]],
    [{ status: "denied" }, ["state-denies-us-crews"]],
    [{ status: "on-record" }, ["kremlin-fuel-to-the-fire", "first-atacms-strike-bryansk", "peskov-west-wants-escalation", "pentagon-more-troops-near-kursk"]],
    [{ status: "confirmed" }, []],
    [{ status: ["declined", "denied"] }, ["zelenskyy-missiles-speak", "state-no-policy-updates", "state-denies-us-crews"]],
    [{ kind: "media-report" }, ["nyt-biden-lets-ukraine-strike", "reuters-us-eases-limits", "axios-kursk-only", "analysts-track-hashtag"]],
    [{ kind: "briefing" }, ["state-no-policy-updates", "state-denies-us-crews", "pentagon-more-troops-near-kursk"]],
    [{ kind: ["statement", "reaction"] }, ["zelenskyy-missiles-speak", "kremlin-fuel-to-the-fire", "peskov-west-wants-escalation"]],
    [{ kind: "military-action" }, ["first-atacms-strike-bryansk"]],
    [{ kind: "other" }, ["background-part-1", "background-part-2"]],
    [{ kind: "decision" }, []],
    [{ actor: "joe-biden" }, ["nyt-biden-lets-ukraine-strike", "axios-kursk-only"]],
    [{ actor: ["matthew-miller", "dmitry-peskov"] }, ["state-no-policy-updates", "state-denies-us-crews", "kremlin-fuel-to-the-fire", "peskov-west-wants-escalation"]],
    [{ tag: "atacms" }, ["nyt-biden-lets-ukraine-strike", "reuters-us-eases-limits", "zelenskyy-missiles-speak", "axios-kursk-only", "state-no-policy-updates", "first-atacms-strike-bryansk"]],
    [{ tag: "north-korean-troops" }, ["axios-kursk-only", "pentagon-more-troops-near-kursk", "analysts-track-hashtag"]],
    [{ tag: ["kursk-oblast", "escalation"] }, ["axios-kursk-only", "pentagon-more-troops-near-kursk", "kremlin-fuel-to-the-fire", "first-atacms-strike-bryansk", "peskov-west-wants-escalation"]],
  ])("%j", async (params, expected) => {
    const page = await list(params);
    expect(slugs(page)).toEqual(inOrder(...expected));
    expect(page.total).toBe(expected.length);
    expect(page.notes).toEqual([]);
  });

  it("labels every listed event with the status it was filtered on", async () => {
    const page = await list({ status: ["on-record", "denied"] });
    expect(new Set(page.events.map((e) => e.status))).toEqual(new Set(["ON_RECORD", "DENIED"]));
  });
});

describe("listTimeline: from and to, on the event's own local day", () => {
  it.each<[RawSearchParams, string[]]>([
    // 23:30 on 17 Nov in New York (04:30 UTC on 18 Nov) is on 17 Nov.
    [{ to: "2024-11-17" }, ["nyt-biden-lets-ukraine-strike", "zelenskyy-missiles-speak", "background-part-1", "background-part-2"]],
    [{ from: "2024-11-17", to: "2024-11-17" }, ["nyt-biden-lets-ukraine-strike", "zelenskyy-missiles-speak"]],
    [{ from: "2024-11-18", to: "2024-11-18" }, ["kremlin-fuel-to-the-fire", "reuters-us-eases-limits", "axios-kursk-only", "state-no-policy-updates"]],
    // 03:25 on 19 Nov in Moscow (still 18 Nov in New York) is on 19 Nov.
    [{ from: "2024-11-19", to: "2024-11-19" }, ["first-atacms-strike-bryansk", "state-denies-us-crews"]],
    [{ from: "2024-11-20" }, ["peskov-west-wants-escalation", "pentagon-more-troops-near-kursk", "analysts-track-hashtag"]],
    [{ from: "2024-11-21", to: "2024-11-21" }, ["analysts-track-hashtag"]],
    [{ from: "2024-11-22" }, []],
    [{ to: "2024-11-15" }, []],
  ])("%j", async (params, expected) => {
    const page = await list(params);
    expect(slugs(page)).toEqual(inOrder(...expected));
    expect(page.total).toBe(expected.length);
  });

  it("ignores a reversed range rather than returning nothing", async () => {
    const page = await list({ from: "2024-11-20", to: "2024-11-17" });
    expect(page.total).toBe(13);
  });
});

describe("listTimeline: q", () => {
  it.each<[string, string[]]>([
    ["Kursk", ["axios-kursk-only", "pentagon-more-troops-near-kursk"]], // headline
    ["concentrated", ["axios-kursk-only"]], // summary
    ["fuel", ["kremlin-fuel-to-the-fire"]], // quote
    ["FUEL", ["kremlin-fuel-to-the-fire"]],
    ["Bryansk", ["first-atacms-strike-bryansk"]],
    ["don’t have", ["state-no-policy-updates"]],
    ["missiles speak", ["zelenskyy-missiles-speak"]], // every word, in any order
    ["speak missiles", ["zelenskyy-missiles-speak"]],
    ["missiles xylophone", []],
    ["xylophone", []],
    ["  north   KOREAN  ", ["axios-kursk-only", "pentagon-more-troops-near-kursk", "analysts-track-hashtag"]],
  ])("q=%s", async (q, expected) => {
    const page = await list({ q });
    expect(slugs(page)).toEqual(inOrder(...expected));
    expect(page.total).toBe(expected.length);
  });

  it.each<[string, string[]]>([
    ["50%", ["peskov-west-wants-escalation"]], // not "500"
    ["%", ["peskov-west-wants-escalation"]],
    ["north_korean", ["analysts-track-hashtag"]], // not "north korean"
    ["_", ["analysts-track-hashtag"]],
    ["#north_korean_troops", ["analysts-track-hashtag"]],
    ["\\", []],
  ])(`matches q=%s literally, not as a LIKE pattern (${databaseKind()})`, async (q, expected) => {
    const page = await list({ q });
    expect(slugs(page)).toEqual(inOrder(...expected));
    expect(page.total).toBe(expected.length);
  });
});

describe("listTimeline: filters combine", () => {
  it.each<[RawSearchParams, string[]]>([
    [{ source: "new-york-times", status: "reported" }, ["nyt-biden-lets-ukraine-strike", "reuters-us-eases-limits"]],
    [{ source: "us-department-of-state", status: "declined" }, ["state-no-policy-updates"]],
    [{ source: ["kremlin", "axios"], status: ["on-record"] }, ["kremlin-fuel-to-the-fire", "first-atacms-strike-bryansk", "peskov-west-wants-escalation"]],
    [{ kind: "media-report", actor: "joe-biden", from: "2024-11-18" }, ["axios-kursk-only"]],
    [{ kind: "media-report", actor: "joe-biden", to: "2024-11-17" }, ["nyt-biden-lets-ukraine-strike"]],
    [{ q: "atacms", source: "new-york-times", status: "reported" }, ["nyt-biden-lets-ukraine-strike"]],
    [{ q: "troops", tag: "kursk-oblast" }, ["axios-kursk-only", "pentagon-more-troops-near-kursk"]],
    [{ q: "atacms", status: "denied" }, []],
    [{ tag: "atacms", actor: "matthew-miller", kind: "briefing", from: "2024-11-18", to: "2024-11-18" }, ["state-no-policy-updates"]],
  ])("%j", async (params, expected) => {
    const page = await list(params);
    expect(slugs(page)).toEqual(inOrder(...expected));
    expect(page.total).toBe(expected.length);
  });
});

/** Every page reached by following "Older events" from the first page. */
async function walkOlder(params: RawSearchParams, pageSize: number): Promise<TimelinePage[]> {
  const pages = [await list(params, pageSize)];
  while (pages.at(-1)!.olderCursor) {
    pages.push(await list({ ...params, before: pages.at(-1)!.olderCursor! }, pageSize));
    expect(pages.length).toBeLessThan(50);
  }
  return pages;
}

describe("listTimeline: pagination", () => {
  it("the first page links to older events and not to newer ones", async () => {
    const page = await list({}, 3);
    expect(slugs(page)).toEqual(ORDER.slice(0, 3));
    expect(page.total).toBe(13);
    expect(page.olderCursor).not.toBeNull();
    expect(page.newerCursor).toBeNull();
    expect(decodeCursor(page.olderCursor!)).toEqual({ key: page.events[2]!.timelineKey, id: page.events[2]!.id });
  });

  it("following before cursors visits every event exactly once, in order", async () => {
    const pages = await walkOlder({}, 3);
    expect(pages.map((p) => p.events.length)).toEqual([3, 3, 3, 3, 1]);
    expect(pages.flatMap(slugs)).toEqual(ORDER);
    expect(pages.every((p) => p.total === 13)).toBe(true);
    expect(pages.slice(1).every((p) => p.newerCursor !== null)).toBe(true);
    expect(pages.at(-1)!.olderCursor).toBeNull();
  });

  it("following after cursors back from the last page returns the same pages", async () => {
    const forward = await walkOlder({}, 3);
    const back: TimelinePage[] = [forward.at(-1)!];
    while (back.at(-1)!.newerCursor) {
      back.push(await list({ after: back.at(-1)!.newerCursor! }, 3));
      expect(back.length).toBeLessThan(50);
    }
    expect(back.map(slugs).reverse()).toEqual(forward.map(slugs));
    // Back on the first page, there is nothing newer.
    expect(back.at(-1)!.newerCursor).toBeNull();
    expect(back.at(-1)!.olderCursor).toBe(forward[0]!.olderCursor);
  });

  it("gives no link to an empty last page when the total is a multiple of the page size", async () => {
    const single = await list({}, 13);
    expect(single.events).toHaveLength(13);
    expect(single.olderCursor).toBeNull();

    const pages = await walkOlder({ status: "reported" }, 3);
    expect(pages.map((p) => p.events.length)).toEqual([3, 3]);
    expect(pages[1]!.olderCursor).toBeNull();
    expect(pages[1]!.newerCursor).not.toBeNull();
  });

  it("pages through a filtered view, keeping the filter and its total", async () => {
    const pages = await walkOlder({ tag: "atacms" }, 4);
    expect(pages.map((p) => p.events.length)).toEqual([4, 2]);
    expect(pages.flatMap(slugs)).toEqual(
      inOrder("nyt-biden-lets-ukraine-strike", "reuters-us-eases-limits", "zelenskyy-missiles-speak", "axios-kursk-only", "state-no-policy-updates", "first-atacms-strike-bryansk"),
    );
    expect(pages.every((p) => p.total === 6)).toBe(true);
  });

  it("splits events sharing an ordering key by id, the same way every time", async () => {
    const [a, b] = [ev["background-part-1"]!, ev["background-part-2"]!];
    const keys = await getDb().event.findMany({ where: { id: { in: [a.id, b.id] } }, select: { timelineKey: true } });
    expect(keys[0]!.timelineKey).toBe(keys[1]!.timelineKey);

    const pages = await walkOlder({ kind: "other" }, 1);
    const higher = a.id > b.id ? a : b;
    const lower = a.id > b.id ? b : a;
    expect(pages.map(slugs)).toEqual([[higher.slug], [lower.slug]]);
    const again = await walkOlder({ kind: "other" }, 1);
    expect(again.map(slugs)).toEqual(pages.map(slugs));
    // And a page boundary falling between them, in the full timeline.
    const full = await walkOlder({}, 6);
    expect(full.map((p) => p.events.length)).toEqual([6, 6, 1]);
    expect(full[2]!.events[0]!.slug).toBe(lower.slug);
  });

  it("a page link still works after the event it names was deleted", async () => {
    const s = await createTestStory();
    const source = await createTestSource();
    const days = ["01", "02", "03", "04", "05"];
    const built: TestEvent[] = [];
    for (const d of days) {
      built.push(
        await createTestEvent({
          storyId: s.id,
          slug: `paging-day-${d}`,
          occurredAt: at(`2024-12-${d}T12:00:00Z`),
          citations: [{ sourceId: source.id }],
        }),
      );
    }
    const first = await list({}, 2, { storyId: s.id });
    expect(slugs(first)).toEqual(["paging-day-05", "paging-day-04"]);
    await getDb().event.delete({ where: { id: built[3]!.id } });

    const older = await list({ before: first.olderCursor! }, 2, { storyId: s.id });
    expect(slugs(older)).toEqual(["paging-day-03", "paging-day-02"]);
    expect(older.total).toBe(4);
    const newer = await list({ after: first.olderCursor! }, 2, { storyId: s.id });
    expect(slugs(newer)).toEqual(["paging-day-05"]);
    expect(newer.newerCursor).toBeNull();
  });

  it("a tampered page link shows the first page with a note", async () => {
    const page = await list({ before: "bm90LWEtY3Vyc29y" }, 3);
    expect(slugs(page)).toEqual(ORDER.slice(0, 3));
    expect(page.newerCursor).toBeNull();
    expect(parseTimelineQuery({ before: "bm90LWEtY3Vyc29y" }).notes).toHaveLength(1);
  });
});

describe("listTimeline: as of a date", () => {
  let asOfStory: string;
  let report: TestEvent;
  let confirmation: TestEvent;
  const zone = "America/New_York";

  beforeAll(async () => {
    const s = await createTestStory({ timeZone: zone });
    asOfStory = s.id;
    const claim = await createTestClaim({ storyId: s.id });
    const paper = await createTestSource({ kind: "NEWSPAPER" });
    const ministry = await createTestSource({ kind: "GOVERNMENT" });
    // Day 1: reported, citing anonymous officials.
    report = await createTestEvent({
      storyId: s.id,
      slug: "asof-report",
      kind: "MEDIA_REPORT",
      occurredAt: at("2024-12-01T15:00:00Z"),
      citations: [{ sourceId: paper.id, attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await changeClaimStatus(claim.id, "REPORTED", { knownAt: at("2024-12-01T16:00:00Z"), evidenceCitationId: report.citationIds[0] });
    // Day 8: confirmed on the record.
    confirmation = await createTestEvent({
      storyId: s.id,
      slug: "asof-confirmation",
      kind: "BRIEFING",
      occurredAt: at("2024-12-08T15:00:00Z"),
      citations: [{ sourceId: ministry.id, attribution: "SPOKESPERSON" }],
      claims: [{ claimId: claim.id, stance: "CONFIRMS" }],
    });
    await changeClaimStatus(claim.id, "CONFIRMED", {
      knownAt: at("2024-12-08T16:00:00Z"),
      evidenceCitationId: confirmation.citationIds[0],
    });
  });

  async function asOf(day: string, params: RawSearchParams = {}) {
    const a = asOfFor(day, zone)!;
    const page = await list({ ...params, asof: day }, PAGE_SIZE, { storyId: asOfStory, cutoffs: [{ storyId: asOfStory, cutoff: a.cutoff }] });
    return { page, asOf: a };
  }

  it("shows only what had been reported by the end of the day", async () => {
    expect(slugs((await asOf("2024-11-30")).page)).toEqual([]);
    expect(slugs((await asOf("2024-12-01")).page)).toEqual(["asof-report"]);
    expect(slugs((await asOf("2024-12-07")).page)).toEqual(["asof-report"]);
    expect(slugs((await asOf("2024-12-08")).page)).toEqual(["asof-confirmation", "asof-report"]);
    expect((await asOf("2024-12-07")).page.total).toBe(1);
  });

  it("filters on the status as it stood then: the confirmation only from day 8, the report stays a report", async () => {
    const day2 = await asOf("2024-12-02", { status: "reported" });
    expect(slugs(day2.page)).toEqual(["asof-report"]);
    expect(day2.page.total).toBe(1);
    expect(briefStatusAt(day2.page.events[0]!, day2.asOf.cutoff)).toBe("REPORTED");
    expect(slugs((await asOf("2024-12-02", { status: "confirmed" })).page)).toEqual([]);

    expect(slugs((await asOf("2024-12-09", { status: "reported" })).page)).toEqual(["asof-report"]);
    const day9 = await asOf("2024-12-09", { status: "confirmed" });
    expect(slugs(day9.page)).toEqual(["asof-confirmation"]);
    expect(day9.page.events.map((e) => briefStatusAt(e, day9.asOf.cutoff))).toEqual(["CONFIRMED"]);
  });

  it("uses the current status when there is no as-of date", async () => {
    expect(slugs(await list({ status: "reported" }, PAGE_SIZE, { storyId: asOfStory }))).toEqual(["asof-report"]);
    expect(slugs(await list({ status: "confirmed" }, PAGE_SIZE, { storyId: asOfStory }))).toEqual(["asof-confirmation"]);
  });

  it("stores the report's label history: a media report throughout (the verdict is not its label)", async () => {
    const periods = await getDb().eventStatusPeriod.findMany({
      where: { eventId: report.id },
      orderBy: { validFrom: "asc" },
      select: { status: true, validFrom: true, validTo: true },
    });
    expect(periods).toEqual([{ status: "REPORTED", validFrom: at("2024-12-01T15:00:00Z"), validTo: null }]);
  });
});

describe("getEventBySlugOrId", () => {
  it("resolves the slug and the id to the same event", async () => {
    const e = ev["axios-kursk-only"]!;
    const bySlug = await getEventBySlugOrId(e.slug);
    const byId = await getEventBySlugOrId(e.id);
    expect(bySlug?.id).toBe(e.id);
    expect(byId?.slug).toBe(e.slug);
    expect(bySlug?.story.id).toBe(storyId);
    expect(bySlug?.citations.map((c) => c.source.slug)).toEqual(["axios"]);
  });

  it.each(["no-such-event", "cm000000000000000000000000", "", "../etc/passwd", "a b", "x".repeat(121), "axios-kursk-only%"])(
    "returns null for %j",
    async (value) => {
      expect(await getEventBySlugOrId(value)).toBeNull();
    },
  );

  it("returns null for an unpublished event, by slug or id", async () => {
    const draft = ev["draft-atacms-report"]!;
    expect(await getEventBySlugOrId(draft.slug)).toBeNull();
    expect(await getEventBySlugOrId(draft.id)).toBeNull();
  });

  it("reads fresh data on every call outside a request (React cache is a no-op in tests)", async () => {
    const s = await createTestStory();
    const e = await createTestEvent({ storyId: s.id });
    expect((await getEventBySlugOrId(e.slug))?.id).toBe(e.id);
    await getDb().event.update({ where: { id: e.id }, data: { published: false } });
    expect(await getEventBySlugOrId(e.slug)).toBeNull();
  });
});

describe("timelineCursorFor", () => {
  it("is null on the first page, and otherwise starts a page with the event", async () => {
    const s = await createTestStory();
    const source = await createTestSource();
    const built: TestEvent[] = [];
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      built.push(
        await createTestEvent({
          storyId: s.id,
          occurredAt: new Date(Date.UTC(2024, 0, 1, 0, i)),
          precision: "MINUTE",
          citations: [{ sourceId: source.id }],
        }),
      );
    }
    const rows = await getDb().event.findMany({
      where: { storyId: s.id },
      orderBy: [{ timelineKey: "desc" }, { id: "desc" }],
      select: { id: true, slug: true, storyId: true, timelineKey: true },
    });
    expect(rows).toHaveLength(PAGE_SIZE + 2);
    expect(await timelineCursorFor(rows[0]!)).toBeNull();
    expect(await timelineCursorFor(rows[PAGE_SIZE - 1]!)).toBeNull();
    for (const index of [PAGE_SIZE, PAGE_SIZE + 1]) {
      const cursor = await timelineCursorFor(rows[index]!);
      expect(cursor).not.toBeNull();
      const page = await list({ before: cursor! }, PAGE_SIZE, { storyId: s.id });
      expect(page.events[0]!.slug).toBe(rows[index]!.slug);
    }
  });
});

describe("listTimeline: from/to keep an event whose date overlaps the range", () => {
  it("includes month-precision and ranged events that began before `from`, in timeline order, with a right count", async () => {
    const s = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource();
    const make = (slug: string, occurredAt: string, extra: Parameters<typeof createTestEvent>[0] = {}) =>
      createTestEvent({ storyId: s.id, slug: `${slug}-${s.id.slice(-6)}`, occurredAt: at(occurredAt), citations: [{ sourceId: source.id }], ...extra });
    const month = await make("troops-in-november", "2024-11-01T00:00:00Z", { precision: "MONTH" });
    const ranged = await make("between-12-and-15", "2024-11-12T00:00:00Z", { dateBound: "BETWEEN", occurredEndAt: at("2024-11-15T00:00:00Z") });
    const inside = await make("on-the-14th", "2024-11-14T00:00:00Z");
    const before = await make("on-the-1st", "2024-11-01T00:00:00Z");
    const after = await make("on-the-30th", "2024-11-30T00:00:00Z");
    const year = await make("this-year", "2024-01-01T00:00:00Z", { precision: "YEAR" });
    const october = await make("october", "2024-10-01T00:00:00Z", { precision: "MONTH" });

    const page = await list({ from: "2024-11-13", to: "2024-11-20" }, PAGE_SIZE, { storyId: s.id });
    expect(page.events.map((e) => e.id)).toEqual([inside.id, ranged.id, month.id, year.id]);
    expect(page.total).toBe(4);
    for (const e of [before, after, october]) expect(page.events.map((x) => x.id)).not.toContain(e.id);

    // Keyset pages run across both parts of the range.
    const first = await list({ from: "2024-11-13", to: "2024-11-20" }, 2, { storyId: s.id });
    expect(first.events.map((e) => e.id)).toEqual([inside.id, ranged.id]);
    const second = await list({ from: "2024-11-13", to: "2024-11-20", before: first.olderCursor! }, 2, { storyId: s.id });
    expect(second.events.map((e) => e.id)).toEqual([month.id, year.id]);
  });
});
