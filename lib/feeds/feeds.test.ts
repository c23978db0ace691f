import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestEvent, createTestSource, createTestStory } from "../../prisma/factories";
import { createSyndicationStory, type SyndicationStory } from "../syndication/test-fixture";
import type { FeedFormat } from "./formats";
import { feedResponse } from "./respond";
import type { FeedTarget } from "./timeline-feed";

// Every feed is parsed by a real feed parser (RSS and Atom) or checked against the JSON Feed 1
// shape, and must honour the timeline's query string exactly like the page does.

const jsonFeed = z.object({
  version: z.literal("https://jsonfeed.org/version/1"),
  title: z.string(),
  home_page_url: z.string(),
  feed_url: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      title: z.string(),
      content_html: z.string(),
      date_published: z.string().optional(),
      _sourceline: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

type ParsedItem = { id: string; title: string; url: string; content: string; categories: string[] };

async function fetchFeed(target: FeedTarget, format: FeedFormat, query = "", kind: "timeline" | "changes" = "timeline") {
  const res = await feedResponse(new Request(`http://localhost/feed?${query}`), target, format, kind);
  const body = await res.text();
  return { res, body };
}

async function items(target: FeedTarget, format: FeedFormat, query = "", kind: "timeline" | "changes" = "timeline"): Promise<ParsedItem[]> {
  const { res, body } = await fetchFeed(target, format, query, kind);
  expect(res.status, body).toBe(200);
  if (format === "json") {
    const feed = jsonFeed.parse(JSON.parse(body));
    return feed.items.map((i) => ({
      id: i.id,
      title: i.title,
      url: i.url,
      content: i.content_html,
      categories: [],
    }));
  }
  const feed = parseFeed(body);
  return feed.items.map((i) => ({
    id: i.id ?? "",
    title: i.title ?? "",
    url: i.url ?? "",
    content: `${i.description ?? ""}\n${i.content ?? ""}`,
    categories: i.categories.map((c) => c.label ?? c.term ?? ""),
  }));
}

let s: SyndicationStory;
beforeAll(async () => {
  s = await createSyndicationStory();
});

const FORMATS: FeedFormat[] = ["rss", "atom", "json"];

describe.each(FORMATS)("the %s timeline feed", (format) => {
  const story = (): FeedTarget => ({ type: "story", slug: s.story.slug });

  it("lists published events with their status label and sources, never a draft", async () => {
    const list = await items(story(), format);
    expect(list.map((i) => i.title)).toEqual([
      "Ministry denies the report",
      "The Daily Record reports the strikes were authorized",
    ]);
    // The claim the report asserts has since been denied on the record: the report stays a media
    // report, and says so beside its label.
    const report = list.find((i) => i.title.startsWith("The Daily Record"))!;
    expect(report.content).toContain("Media-reported, not officially confirmed");
    expect(report.content).toContain("since officially denied by Ministry of Examples, 18 Nov 2024");
    expect(report.content).toContain("The Daily Record");
    expect(report.url).toContain(`/events/${s.report.slug}`);
    const denial = list.find((i) => i.title.startsWith("Ministry"))!;
    expect(denial.content).toContain("Officially denied");
    expect(denial.content).toContain("Ministry of Examples");
    const { body } = await fetchFeed(story(), format);
    expect(body).not.toContain("SECRET DRAFT");
  });

  it("honours the filters of the timeline's query string", async () => {
    expect(await items(story(), format, "status=denied")).toHaveLength(1);
    expect(await items(story(), format, "status=reported")).toHaveLength(1);
    expect((await items(story(), format, `source=${s.paper.slug}`)).map((i) => i.title)).toEqual([
      "The Daily Record reports the strikes were authorized",
    ]);
    expect((await items(story(), format, "kind=statement")).map((i) => i.title)).toEqual(["Ministry denies the report"]);
    expect((await items(story(), format, `tag=${s.tag.slug}`))).toHaveLength(1);
    expect((await items(story(), format, `actor=${s.minister.slug}`))).toHaveLength(1);
    expect((await items(story(), format, "from=2024-11-18&to=2024-11-18"))).toHaveLength(1);
    expect((await items(story(), format, "q=officials+paper"))).toHaveLength(1);
  });

  it("shows the labels as they stood on the asof date", async () => {
    const asOf = await items(story(), format, "asof=2024-11-17");
    expect(asOf.map((i) => i.title)).toEqual(["The Daily Record reports the strikes were authorized"]);
    expect(asOf[0]!.url).toContain("asof=2024-11-17");
    expect(asOf[0]!.content).toContain("Media-reported, not officially confirmed");
    expect(asOf[0]!.content).toContain("two officials, speaking anonymously");
    expect(await items(story(), format, "asof=2024-11-17&status=reported")).toHaveLength(1);
  });
});

describe("feeds of a source and of the changes", () => {
  it("a source's feed lists only the events citing it", async () => {
    const list = await items({ type: "source", slug: s.ministry.slug }, "atom");
    expect(list.map((i) => i.title)).toEqual(["Ministry denies the report"]);
  });

  it.each(FORMATS)("the %s changes feed lists claim status changes and corrections", async (format) => {
    const list = await items({ type: "story", slug: s.story.slug }, format, "", "changes");
    const titles = list.map((i) => i.title);
    expect(titles).toHaveLength(3);
    expect(titles[0]).toMatch(/^Claim now Officially denied/);
    expect(titles).toContain("Correction: The Daily Record reports the strikes were authorized");
    expect(titles[2]).toMatch(/^Claim now Media-reported/);
    const asOf = await items({ type: "story", slug: s.story.slug }, format, "asof=2024-11-17", "changes");
    expect(asOf).toHaveLength(1);
  });

  it("answers an unknown story with a JSON 404 and a current client with 304", async () => {
    const missing = await fetchFeed({ type: "story", slug: "no-such-story" }, "rss");
    expect(missing.res.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: { code: "not_found" } });

    const first = await fetchFeed({ type: "story", slug: s.story.slug }, "rss");
    expect(first.res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const etag = first.res.headers.get("etag")!;
    const again = await feedResponse(
      new Request("http://localhost/feed", { headers: { "If-None-Match": etag } }),
      { type: "story", slug: s.story.slug },
      "rss",
    );
    expect(again.status).toBe(304);
  });
});

describe("paged feeds (RFC 5005)", () => {
  it("links the next page of older entries, and the next page holds the rest", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource();
    for (let i = 0; i < 57; i++) {
      await createTestEvent({ storyId: story.id, occurredAt: new Date(Date.UTC(2024, 10, 1, 0, i)), precision: "MINUTE", citations: [{ sourceId: source.id }] });
    }
    const target: FeedTarget = { type: "story", slug: story.slug };
    const atom = (await fetchFeed(target, "atom", "kind=statement")).body;
    const next = /<link rel="next" href="([^"]+)"\/>/.exec(atom)?.[1]?.replace(/&amp;/g, "&");
    expect(next).toMatch(/\/stories\/[^/]+\/feed\.atom\?kind=statement&before=/);
    expect(parseFeed(atom).items).toHaveLength(50);
    const rest = await items(target, "atom", new URL(next!).search.slice(1));
    expect(rest).toHaveLength(7);
    const second = (await fetchFeed(target, "atom", new URL(next!).search.slice(1))).body;
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('rel="first"');

    const rss = (await fetchFeed(target, "rss")).body;
    expect(rss).toMatch(/<atom:link rel="next" href="[^"]+\/feed\.xml\?before=[^"]+"\/>/);
    const json = JSON.parse((await fetchFeed(target, "json")).body) as { next_url?: string; items: unknown[] };
    expect(json.next_url).toMatch(/\/feed\.json\?before=/);
    expect(json.items).toHaveLength(50);
  });
});
