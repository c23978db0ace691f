import { parseFeed } from "@rowanmanning/feed-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestEvent, createTestSource, createTestStory, createTestTag, uniqueSlug } from "../../prisma/factories";
import type { FeedFormat } from "./formats";
import { feedResponse } from "./respond";

// Feed injection: feed readers render an entry's title, description and content as HTML, so text
// an editor (or an import) typed must reach them as text, never as live markup, in every format.

const PAYLOAD = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
const CDATA_BREAK = "a]]>b]]>c<script>alert(3)</script>";

let storySlug = "";

beforeAll(async () => {
  const story = await createTestStory({ title: "Injection fixture", timeZone: "UTC" });
  storySlug = story.slug;
  const source = await createTestSource({ slug: uniqueSlug("evil-source"), name: `Evil ${PAYLOAD} Gazette` });
  const tag = await createTestTag({ name: `<b>bold</b> & "quoted"` });
  await createTestEvent({
    storyId: story.id,
    headline: `Headline ${CDATA_BREAK}`,
    summary: `Summary ${PAYLOAD} ${CDATA_BREAK}`,
    tagIds: [tag.id],
    citations: [{ sourceId: source.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: `officials ${PAYLOAD}`, quote: `quote ${PAYLOAD}` }],
  });
});

async function feed(format: FeedFormat): Promise<string> {
  const res = await feedResponse(new Request(`http://localhost/stories/${storySlug}/feed`), { type: "story", slug: storySlug }, format);
  expect(res.status).toBe(200);
  return res.text();
}

/** Markup a browser would act on: a script, an image, or any tag with an event-handler attribute. */
const LIVE = /<\s*(script|img|iframe|svg|object)\b|<[^>]*\son[a-z]+\s*=/i;

describe("feed injection", () => {
  it.each<FeedFormat>(["rss", "atom"])("%s: titles, descriptions and content carry text, never live HTML", async (format) => {
    const xml = await feed(format);
    // What a reader renders as HTML: the CDATA of each entry field, as written.
    const fields = format === "rss" ? ["title", "description", "content:encoded"] : ["title", "summary", "content"];
    const entry = xml.slice(xml.indexOf(format === "rss" ? "<item>" : "<entry>"));
    const html: Record<string, string> = {};
    for (const field of fields) {
      const m = new RegExp(`<${field}(?: [^>]*)?>\\s*<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>\\s*</${field}>`).exec(entry);
      expect(m, `${format} ${field}`).not.toBeNull();
      html[field] = m![1]!;
      expect([field, LIVE.test(html[field]!)]).toEqual([field, false]);
    }
    // The text itself survives, escaped, for the reader to see.
    expect(html[fields[1]!]).toContain("Summary &lt;img src=x onerror=alert(1)&gt;");
    expect(html[fields[2]!]).toContain("Evil &lt;img src=x onerror=alert(1)&gt;");
    expect(html.title).toContain("a]]&gt;b]]&gt;c&lt;script&gt;");
    // And a feed parser reads it back as the text that was typed.
    expect(parseFeed(xml).items[0]!.title).toBe(`Headline ${CDATA_BREAK}`);
  });

  it("atom: a category label holding < is escaped, so the document stays well-formed", async () => {
    const xml = await feed("atom");
    // "<" is not allowed in an XML attribute value.
    expect(xml).not.toMatch(/\s[\w:-]+="[^"]*</);
    expect(xml).toContain('label="&lt;b>bold&lt;/b> &amp; &quot;quoted&quot;"');
    const categories = parseFeed(xml).items[0]!.categories.map((c) => c.label);
    expect(categories).toContain(`<b>bold</b> & "quoted"`);
  });

  it("rss and atom: the CDATA sections are never broken out of", async () => {
    for (const format of ["rss", "atom"] as const) {
      const xml = await feed(format);
      // Every "]]>" closes a section this document opened: none comes from the data.
      const opened = xml.split("<![CDATA[").length - 1;
      const closed = xml.split("]]>").length - 1;
      expect([format, closed]).toEqual([format, opened]);
    }
  });

  it("json: content_html carries no live HTML; title and summary are plain text", async () => {
    const body = JSON.parse(await feed("json")) as { items: { title: string; summary?: string; content_html: string }[] };
    const [item] = body.items;
    expect(LIVE.test(item!.content_html)).toBe(false);
    expect(item!.content_html).toContain("Summary &lt;img src=x onerror=alert(1)&gt;");
    expect(item!.title).toBe(`Headline ${CDATA_BREAK}`);
  });
});

describe("feed parameters", () => {
  it.each(["asof=9999-12-31", "from=9999-12-31", "asof=yesterday", "status=bogus"])("refuses %s with a 400 in the API's error shape", async (query) => {
    const res = await feedResponse(new Request(`http://localhost/feed?${query}`), { type: "story", slug: storySlug }, "rss");
    expect(res.status).toBe(400);
    const name = query.split("=")[0];
    expect(await res.json()).toEqual({
      error: { code: "invalid_parameter", message: expect.stringContaining(name!), details: [{ parameter: name, message: expect.any(String) }] },
    });
  });

  it("still allows parameters it does not know (tracking tags and the like)", async () => {
    const res = await feedResponse(new Request(`http://localhost/feed?utm_source=reader`), { type: "story", slug: storySlug }, "rss");
    expect(res.status).toBe(200);
  });
});
