import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, test, type Page } from "@playwright/test";
import { SEED, SEED_COUNT } from "./fixtures";

// Syndication against a real `next start`: feeds, the JSON API, exports, the embed inside a real
// iframe, share cards and the sitemap.

const STORY = "us-atacms-policy-ukraine";

test.describe("feeds", () => {
  test("the default story's RSS, Atom and JSON feeds list every event with its label and sources", async ({ request }) => {
    for (const path of ["/feed.xml", "/feed.atom"]) {
      const res = await request.get(path);
      expect(res.status()).toBe(200);
      const feed = parseFeed(await res.text());
      expect(feed.items).toHaveLength(SEED_COUNT);
      const nyt = feed.items.find((i) => i.url?.endsWith(`/events/${SEED.nyt}`));
      expect(`${nyt?.description} ${nyt?.content}`).toContain("Media-reported, not officially confirmed");
      expect(`${nyt?.description} ${nyt?.content}`).toContain("The New York Times");
    }
    const json = (await (await request.get("/feed.json?source=axios")).json()) as { items: { url: string }[] };
    expect(json.items.map((i) => i.url.split("/").pop())).toEqual([SEED.axios]);
  });

  test("filters and the changes feed work through the query string", async ({ request }) => {
    const asOf = parseFeed(await (await request.get("/stories/e2e-lifecycle-story/feed.atom?asof=2024-03-01")).text());
    expect(asOf.items).toHaveLength(1);
    const changes = parseFeed(await (await request.get("/stories/e2e-lifecycle-story/changes.xml")).text());
    expect(changes.items.map((i) => i.title)).toEqual([
      expect.stringMatching(/^Claim now Officially confirmed/),
      expect.stringMatching(/^Claim now Media-reported/),
    ]);
  });

  test("timeline pages advertise their feeds and oEmbed", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", /\/feed\.xml$/);
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", /\/feed\.atom$/);
    await expect(page.locator('link[rel="alternate"][type="application/feed+json"]')).toHaveAttribute("href", /\/feed\.json$/);
    await expect(page.locator('link[rel="alternate"][type="application/json+oembed"]')).toHaveAttribute("href", /\/api\/oembed\?url=/);
  });
});

test.describe("JSON API and exports", () => {
  test("answers with JSON, for data and for errors alike", async ({ request }) => {
    const list = await request.get(`/api/v1/events?story=${STORY}&status=reported`);
    expect(list.status()).toBe(200);
    expect(list.headers()["access-control-allow-origin"]).toBe("*");
    const body = (await list.json()) as { data: { slug: string; status_label: { text: string } }[] };
    expect(body.data.map((e) => e.slug)).toContain(SEED.nyt);
    const etag = list.headers()["etag"]!;
    expect((await request.get(`/api/v1/events?story=${STORY}&status=reported`, { headers: { "If-None-Match": etag } })).status()).toBe(304);

    const bad = await request.get("/api/v1/events?status=bogus");
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_parameter", details: [{ parameter: "status" }] } });
    const missing = await request.get("/api/v1/no-such-thing");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["content-type"]).toContain("application/json");
    const post = await request.post("/api/v1/events", { data: {} });
    expect(post.status()).toBe(405);
    const openapi = (await (await request.get("/api/v1/openapi.json")).json()) as { openapi: string };
    expect(openapi.openapi).toBe("3.1.0");
  });

  test("the story page links its exports and embed code; the files download", async ({ page, request }) => {
    await page.goto(`/stories/${STORY}`);
    await page.getByText("Feeds, data and embedding").click();
    await expect(page.getByRole("link", { name: "CSV (spreadsheet)" })).toHaveAttribute("href", `/stories/${STORY}/export.csv`);
    await expect(page.getByLabel("Embed code")).toHaveValue(new RegExp(`<iframe src="[^"]+/embed/${STORY}"`));
    const csv = await request.get(`/stories/${STORY}/export.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const json = (await (await request.get(`/stories/${STORY}/export.json`)).json()) as { formatVersion: number; events: unknown[] };
    expect(json.formatVersion).toBe(2);
    expect(json.events).toHaveLength(SEED_COUNT);
    expect((await request.get("/import-template.csv")).status()).toBe(200);
    await page.goto("/api");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("API, feeds, embeds and exports");
  });
});

test.describe("embed", () => {
  // "Someone else's site": a real page on another local origin whose iframe loads the embed.
  let host: Server;
  let hostOrigin = "";
  test.beforeAll(async () => {
    host = createServer((req, res) => {
      const src = new URL(req.url ?? "/", "http://host").searchParams.get("src") ?? "";
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      const attr = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
      res.end(`<!doctype html><title>Host</title><h1>Someone else's site</h1><iframe id="tl" title="Timeline" src="${attr}" width="800" height="500"></iframe>`);
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    await new Promise((resolve) => host.close(resolve));
  });
  const openHost = (page: Page, src: string) => page.goto(`${hostOrigin}/?src=${encodeURIComponent(src)}`);

  test("renders inside a real iframe; a hash deep link highlights; a permalink opens in the top window", async ({ page, baseURL }) => {
    await openHost(page, `${baseURL}/embed/${STORY}#${SEED.axios}`);
    const frame = page.frameLocator("#tl");
    await expect(frame.locator("article[id]")).toHaveCount(SEED_COUNT);
    await expect(frame.getByText("Skip to content")).toHaveCount(0);
    const target = frame.locator(`article#${SEED.axios}`);
    await expect.poll(() => target.evaluate((el) => el.matches(":target"))).toBe(true);
    await expect(target).toHaveCSS("outline-style", "solid");

    await frame.locator(`article#${SEED.nyt} h2 a`).click();
    await page.waitForURL(`**/events/${SEED.nyt}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("New York Times");
  });

  test("?event= highlights the item and brings it into view", async ({ page, baseURL }) => {
    await openHost(page, `${baseURL}/embed/e2e-pagination-story?event=fixture-event-007`);
    const item = page.frameLocator("#tl").locator("article#fixture-event-007");
    await expect(item).toHaveAttribute("data-highlighted", "true");
    await expect(item).toBeInViewport();
  });

  test("oEmbed describes a story page", async ({ request, baseURL }) => {
    const res = await request.get(`/api/oembed?url=${encodeURIComponent(`${baseURL}/stories/${STORY}?status=reported`)}&format=json`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { type: string; html: string };
    expect(body.type).toBe("rich");
    expect(body.html).toContain(`/embed/${STORY}?status=reported`);
  });
});

test.describe("share cards and discovery", () => {
  test("an event's Open Graph image is a PNG", async ({ page, request }) => {
    await page.goto(`/events/${SEED.nyt}`);
    const src = await page.locator('meta[property="og:image"]').first().getAttribute("content");
    expect(src).toContain(`/events/${SEED.nyt}/opengraph-image`);
    const res = await request.get(new URL(src!).pathname + new URL(src!).search);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    expect((await res.body()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  test("sitemap.xml lists published events and claims; robots.txt points to it", async ({ request }) => {
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`/events/${SEED.nyt}</loc>`);
    expect(sitemap).toContain("/claims/biden-authorized-atacms-strikes-inside-russia</loc>");
    const robots = await (await request.get("/robots.txt")).text();
    expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });
});
