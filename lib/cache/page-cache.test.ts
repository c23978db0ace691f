import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";
import { EVERY_RESPONSE_HEADERS } from "../security/headers";
import {
  acceptsGzip,
  CACHE_HEADER,
  gzippedBody,
  isCacheablePath,
  isCacheableRequest,
  isNotModified,
  PageCache,
  pageCacheSeconds,
  publicCacheControl,
  storedAnswer,
} from "./page-cache";

const N1 = Buffer.from("11111111-1111-4111-8111-111111111111").toString("base64");
const N2 = Buffer.from("22222222-2222-4222-8222-222222222222").toString("base64");

function page(nonce: string, text = "timeline") {
  return {
    body: Buffer.from(`<html><script nonce="${nonce}">a</script><p>${text} — “quoted”</p><script nonce="${nonce}">b</script>${nonce}</html>`),
    headers: [["content-type", "text/html; charset=utf-8"]] as [string, string][],
  };
}

function cacheAt(clock: { now: number }, options: Partial<ConstructorParameters<typeof PageCache>[0]> = {}) {
  return new PageCache({ maxAgeMs: 60_000, maxEntries: 10, maxBytes: 1_000_000, now: () => clock.now, ...options });
}

const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");

describe("PageCache", () => {
  it("keeps a page as rendered, with the nonce it carries and a validator over its bytes", () => {
    const clock = { now: 1_700_000_000_000 };
    const cache = cacheAt(clock);
    expect(cache.set("/", page(N1), N1, cache.generation)).toBe(true);
    const stored = cache.get("/")!;
    expect(text(stored.body)).toBe(page(N1).body.toString("utf8"));
    expect(stored.nonce).toBe(N1);
    expect(stored.headers).toEqual([["content-type", "text/html; charset=utf-8"]]);
    expect(stored.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    // Another render of the same page (another nonce) is other bytes: another validator.
    const other = cacheAt(clock);
    other.set("/", page(N2), N2, other.generation);
    expect(other.get("/")!.etag).not.toBe(stored.etag);
    other.set("/", page(N1), N1, other.generation);
    expect(other.get("/")!.etag).toBe(stored.etag);
  });

  it("tells shared caches to keep a copy only for what is left of its age", () => {
    const clock = { now: 1_000_000 };
    const cache = cacheAt(clock);
    cache.set("/", page(N1), N1, cache.generation);
    expect(cache.secondsLeft(cache.get("/")!)).toBe(60);
    clock.now += 45_500;
    expect(cache.secondsLeft(cache.get("/")!)).toBe(14);
    expect(publicCacheControl(14)).toBe("public, max-age=0, s-maxage=14, stale-while-revalidate=30, stale-if-error=600");
    expect(publicCacheControl(14)).not.toMatch(/no-store|private/);
  });

  it("answers a conditional request with not-modified only for the very bytes the client holds", () => {
    const clock = { now: Date.UTC(2026, 0, 1, 12, 0, 0, 400) };
    const cache = cacheAt(clock);
    cache.set("/", page(N1), N1, cache.generation);
    const p = cache.get("/")!;
    expect(isNotModified(new Headers({ "if-none-match": p.etag }), p)).toBe(true);
    expect(isNotModified(new Headers({ "if-none-match": `"other", W/${p.etag}` }), p)).toBe(true);
    expect(isNotModified(new Headers({ "if-none-match": '"other"' }), p)).toBe(false);
    // If-None-Match wins over If-Modified-Since.
    expect(isNotModified(new Headers({ "if-none-match": '"other"', "if-modified-since": new Date(clock.now + 60_000).toUTCString() }), p)).toBe(false);
    expect(isNotModified(new Headers({ "if-modified-since": new Date(p.storedAt).toUTCString() }), p)).toBe(true);
    expect(isNotModified(new Headers({ "if-modified-since": new Date(p.storedAt - 1_000).toUTCString() }), p)).toBe(false);
    expect(isNotModified(new Headers({ "if-modified-since": "yesterday" }), p)).toBe(false);
    expect(isNotModified(new Headers(), p)).toBe(false);
  });

  it("knows which pages it would answer from memory", async () => {
    const cache = cacheAt({ now: 0 });
    expect(cache.isWarm("/")).toBe(false);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const filling = cache.fillOnce("/", async () => {
      await gate;
      cache.set("/", page(N1), N1, cache.generation);
    });
    expect(cache.isWarm("/")).toBe(true);
    release();
    await filling;
    expect(cache.isWarm("/")).toBe(true);
    cache.invalidate();
    expect(cache.isWarm("/")).toBe(false);
  });

  it("renders a page again once it is older than the maximum age", () => {
    const clock = { now: 1_000 };
    const cache = cacheAt(clock);
    cache.set("/", page(N1), N1, cache.generation);
    clock.now += 59_999;
    expect(cache.get("/")).not.toBeNull();
    clock.now += 1;
    expect(cache.get("/")).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("forgets everything on invalidation and does not store a render that began before it", () => {
    const cache = cacheAt({ now: 0 });
    cache.set("/", page(N1), N1, cache.generation);
    const before = cache.generation;
    cache.invalidate();
    expect(cache.get("/")).toBeNull();
    expect(cache.totalBytes).toBe(0);
    // A render that started before the editor's change carries the old data.
    expect(cache.set("/", page(N1, "old status"), N1, before)).toBe(false);
    expect(cache.get("/")).toBeNull();
    expect(cache.set("/", page(N1, "new status"), N1, cache.generation)).toBe(true);
    expect(text(cache.get("/")!.body)).toContain("new status");
  });

  it("keeps within its entry and byte bounds, dropping the least recently used first", () => {
    const size = page(N1).body.length;
    const cache = cacheAt({ now: 0 }, { maxEntries: 3, maxBytes: size * 10 });
    for (const key of ["/a", "/b", "/c"]) cache.set(key, page(N1), N1, cache.generation);
    cache.get("/a"); // /a is now the most recently used
    cache.set("/d", page(N1), N1, cache.generation);
    expect(cache.get("/b")).toBeNull();
    expect(cache.get("/a")).not.toBeNull();
    expect(cache.size).toBe(3);

    const small = cacheAt({ now: 0 }, { maxBytes: size * 2 });
    for (const key of ["/a", "/b", "/c"]) small.set(key, page(N1), N1, small.generation);
    expect(small.size).toBe(2);
    expect(small.totalBytes).toBe(size * 2);
    expect(small.get("/a")).toBeNull();
    // A page larger than the whole cache is not kept.
    expect(cacheAt({ now: 0 }, { maxBytes: size - 1 }).set("/", page(N1), N1, 0)).toBe(false);
  });

  it("runs one fill for a burst of readers of the same page", async () => {
    const cache = cacheAt({ now: 0 });
    let renders = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fill = async () => {
      renders += 1;
      await gate;
      cache.set("/", page(N1), N1, cache.generation);
    };
    const readers = [cache.fillOnce("/", fill), cache.fillOnce("/", fill), cache.fillOnce("/", fill)];
    release();
    await Promise.all(readers);
    expect(renders).toBe(1);
    expect(cache.get("/")).not.toBeNull();
    await cache.fillOnce("/", fill); // the finished fill is forgotten: a later miss renders again
    expect(renders).toBe(2);
  });
});

describe("a stored page's answer (proxy.ts, and the request guard for a page already stored)", () => {
  it("is the page with its kept headers, its age left and validators; a 304 without them", () => {
    const clock = { now: Date.UTC(2026, 0, 1, 12) };
    const cache = cacheAt(clock);
    cache.set("/", { ...page(N1), headers: [["content-type", "text/html; charset=utf-8"], ["vary", "rsc"]] }, N1, cache.generation);
    const p = cache.get("/")!;
    clock.now += 10_000;
    const full = storedAnswer(cache, p, new Headers(), "hit");
    expect(full.status).toBe(200);
    expect(full.body).toBe(p.body);
    expect(full.headers).toEqual([
      ["content-type", "text/html; charset=utf-8"],
      ["vary", "rsc"],
      ["Cache-Control", publicCacheControl(50)],
      ["ETag", p.etag],
      ["Last-Modified", new Date(p.storedAt).toUTCString()],
      [CACHE_HEADER, "hit"],
    ]);
    const notModified = storedAnswer(cache, p, new Headers({ "if-none-match": p.etag }), "miss");
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    expect(notModified.headers.map(([name]) => name)).toEqual(["vary", "Cache-Control", "ETag", "Last-Modified", CACHE_HEADER]);
    expect(notModified.headers.at(-1)).toEqual([CACHE_HEADER, "miss"]);
  });

  it("is gzipped once per stored render, for browsers that accept it", () => {
    const cache = cacheAt({ now: 0 });
    cache.set("/", page(N1), N1, cache.generation);
    const p = cache.get("/")!;
    const gz = gzippedBody(p);
    expect(gunzipSync(gz).equals(p.body)).toBe(true);
    expect(gzippedBody(p)).toBe(gz);
    for (const yes of ["gzip", "gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "*", "GZIP"]) expect(acceptsGzip(yes), yes).toBe(true);
    for (const no of [undefined, "", "identity", "br", "gzip;q=0", "gzip; q=0.0, br"]) expect(acceptsGzip(no), String(no)).toBe(false);
  });

  it("carries the headers next.config.ts puts on every response", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: "/:path*", headers: EVERY_RESPONSE_HEADERS.map(([key, value]) => ({ key, value })) }]);
  });
});

describe("what may be cached", () => {
  const html = (extra: Record<string, string> = {}) => new Headers({ accept: "text/html,application/xhtml+xml", ...extra });

  it("covers the readers' pages only", () => {
    for (const path of ["/", "/claims", "/stories/x", "/stories/x/claims", "/events/x", "/sources/x", "/claims/x", "/embed/x"]) {
      expect(isCacheablePath(path), path).toBe(true);
    }
    for (const path of ["/editor", "/editor/events/x", "/api/v1/events", "/feed.xml", "/events/x/opengraph-image", "/sitemap.xml", "/stories"]) {
      expect(isCacheablePath(path), path).toBe(false);
    }
  });

  it("takes GETs for HTML documents from readers who are not signed in", () => {
    expect(isCacheableRequest("GET", "/", html())).toBe(true);
    expect(isCacheableRequest("HEAD", "/", html())).toBe(false);
    expect(isCacheableRequest("POST", "/", html())).toBe(false);
    // Next's client navigations ask for */* (their RSC headers are hidden from the proxy).
    expect(isCacheableRequest("GET", "/", new Headers({ accept: "*/*" }))).toBe(false);
    expect(isCacheableRequest("GET", "/", html({ rsc: "1" }))).toBe(false);
    expect(isCacheableRequest("GET", "/", html({ "next-action": "abc" }))).toBe(false);
    expect(isCacheableRequest("GET", "/", html({ purpose: "prefetch" }))).toBe(false);
    expect(isCacheableRequest("GET", "/", html({ cookie: "theme=dark; sourceline.session_token=abc" }))).toBe(false);
    expect(isCacheableRequest("GET", "/", html({ cookie: "__Secure-sourceline.session_token=abc" }))).toBe(false);
    expect(isCacheableRequest("GET", "/", html({ cookie: "theme=dark" }))).toBe(true);
  });

  it("reads PAGE_CACHE_SECONDS strictly", () => {
    expect(pageCacheSeconds(undefined)).toBe(60);
    expect(pageCacheSeconds("")).toBe(60);
    expect(pageCacheSeconds("0")).toBe(0);
    expect(pageCacheSeconds("300")).toBe(300);
    for (const bad of ["-1", "1.5", "ten", "86401"]) {
      expect(() => pageCacheSeconds(bad)).toThrow(/PAGE_CACHE_SECONDS must be a whole number of seconds from 0 to 86400 \(got “/);
    }
  });
});
