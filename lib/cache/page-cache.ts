// The public pages' response cache. proxy.ts serves a reader's page from here when it can, and
// fills it by rendering the page once (a loopback request that it lets through to Next).
//
// Why here and not Next's own full-route cache: every page carries a CSP nonce (proxy.ts), and
// Next cannot prerender or cache a page that uses one. A stored page keeps the nonce it was
// rendered with, and is served with a policy naming that nonce: the nonce is fixed per render,
// not per response, which is what lets a shared cache (nginx, a CDN) keep the page too. The
// policy stays strict (no 'unsafe-inline'); README "Speed and caching" says what this trades.
//
// Freshness:
// - an editor's change (lib/cache/revalidate.ts, from every editor write path) empties the cache
//   in this process at once, and a render that started before the change is not stored;
// - a change made by another process (`npm run import`, a second server on the same database)
//   shows within PAGE_CACHE_SECONDS (default 60), the age at which an entry is rendered again.
//   Shared caches are told to keep a copy only for what is left of that age (s-maxage), so no
//   copy anywhere outlives it.
//
// Kept free of Next imports so unit tests can drive it.

import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export const CACHE_HEADER = "X-Sourceline-Cache";
export const FILL_TOKEN_HEADER = "x-sourceline-page-fill";
export const FILL_NONCE_HEADER = "x-sourceline-fill-nonce";

/** The browser's session cookie (lib/auth/auth.ts: cookiePrefix "sourceline"), plain or __Secure-. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?sourceline\.session_token=/;

export type CachedHeaders = [name: string, value: string][];

/** A stored render: its bytes as rendered, the nonce they carry, and their validators. */
export type CachedPage = {
  body: Buffer;
  headers: CachedHeaders;
  /** The CSP nonce the page was rendered with; it is served with a policy naming it. */
  nonce: string;
  /** A strong validator over the exact bytes. */
  etag: string;
  /** When its render began: its age, for this cache and for shared caches, counts from here. */
  storedAt: number;
  /**
   * The bytes gzipped, made for the first reader whose browser accepts them (gzippedBody) and kept
   * with the page: about a fifth of its size, outside maxBytes.
   */
  gzip?: Buffer;
};

export type PageCacheOptions = {
  /** Age in milliseconds after which an entry is rendered again. */
  maxAgeMs: number;
  maxEntries: number;
  maxBytes: number;
  now?: () => number;
};

export function etagOf(body: Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

export class PageCache {
  /** Bumped by every invalidation; a fill that began under an older generation is not stored. */
  generation = 0;
  private readonly entries = new Map<string, CachedPage>();
  private readonly filling = new Map<string, Promise<void>>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get maxAgeMs(): number {
    return this.options.maxAgeMs;
  }

  /** The stored page for key, or null when absent or too old. */
  get(key: string): CachedPage | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.now() - entry.storedAt >= this.options.maxAgeMs) {
      this.delete(key);
      return null;
    }
    // Least recently used goes first: re-insert to move the key to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /** Whether key would be answered from memory now (a fresh entry, or a fill under way). */
  isWarm(key: string): boolean {
    if (this.filling.has(key)) return true;
    const entry = this.entries.get(key);
    return entry !== undefined && this.now() - entry.storedAt < this.options.maxAgeMs;
  }

  /** Whole seconds a shared cache may still keep this page: what is left of its maximum age. */
  secondsLeft(page: CachedPage): number {
    return Math.max(0, Math.floor((page.storedAt + this.options.maxAgeMs - this.now()) / 1000));
  }

  /**
   * Stores a rendered page. renderNonce is the nonce the page was rendered with; generation is
   * this.generation as it was when the render began, renderedAt when it began. Returns whether
   * the page was stored.
   */
  set(key: string, page: { body: Buffer; headers: CachedHeaders }, renderNonce: string, generation: number, renderedAt = this.now()): boolean {
    if (generation !== this.generation) return false;
    if (page.body.length > this.options.maxBytes) return false;
    this.delete(key);
    // Its age counts from when the render began: its data are at least that recent, and no older.
    this.entries.set(key, { body: page.body, headers: page.headers, nonce: renderNonce, etag: etagOf(page.body), storedAt: Math.min(renderedAt, this.now()) });
    this.bytes += page.body.length;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break;
      this.delete(oldest);
    }
    return true;
  }

  /**
   * Runs fill for key unless a fill for it is already running, in which case it waits for that
   * one: a burst of readers of an uncached page costs one render.
   */
  async fillOnce(key: string, fill: () => Promise<void>): Promise<void> {
    const running = this.filling.get(key);
    if (running) return running;
    const started = fill().finally(() => {
      if (this.filling.get(key) === started) this.filling.delete(key);
    });
    this.filling.set(key, started);
    return started;
  }

  /** Forgets every page: the next reader of each gets a fresh render. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.filling.clear();
    this.bytes = 0;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length;
    this.entries.delete(key);
  }
}

/** Reader pages that may be served from the cache. Feeds and the API have their own validators. */
export function isCacheablePath(pathname: string): boolean {
  if (pathname === "/" || pathname === "/claims") return true;
  return /^\/(stories|events|sources|claims)\/[^/]+(\/claims)?$/.test(pathname) || /^\/embed\/[^/]+$/.test(pathname);
}

/**
 * Whether a request may be answered from the cache: a GET for an HTML document (a browser's
 * navigation says `Accept: text/html`), from a reader who is not signed in (an editor always sees
 * a fresh render). Next's own client-side requests (navigation payloads, prefetches, server
 * actions) are never documents: Next hides their RSC headers from proxy.ts, but they do not ask
 * for text/html.
 */
export function isCacheableRequest(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "GET" || !isCacheablePath(pathname)) return false;
  if (!(headers.get("accept") ?? "").includes("text/html")) return false;
  if (headers.has("rsc") || headers.has("next-router-prefetch") || headers.has("next-action")) return false;
  if (headers.get("purpose") === "prefetch") return false;
  return !SESSION_COOKIE.test(headers.get("cookie") ?? "");
}

/** Response headers worth keeping with a cached page; Next and proxy.ts set the rest per response. */
export function headersToCache(headers: Headers): CachedHeaders {
  const kept: CachedHeaders = [];
  for (const name of ["content-type", "link", "vary", "x-nextjs-stale-time"]) {
    const value = headers.get(name);
    if (value !== null) kept.push([name, value]);
  }
  return kept;
}

/** How long a shared cache may serve a stale copy while it fetches a fresh one. */
export const STALE_WHILE_REVALIDATE_SECONDS = 30;
/** How long a shared cache may serve a stale copy when the app cannot answer (503 under overload). */
export const STALE_IF_ERROR_SECONDS = 600;

/**
 * Cache-Control of a stored public page: any cache may keep it, shared caches for what is left of
 * its age here (so no copy anywhere outlives PAGE_CACHE_SECONDS), browsers revalidate every time
 * (max-age=0, answered with a 304 while the page is unchanged). Not no-store: the page can enter
 * the back/forward cache.
 */
export function publicCacheControl(secondsLeft: number): string {
  return `public, max-age=0, s-maxage=${secondsLeft}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}, stale-if-error=${STALE_IF_ERROR_SECONDS}`;
}

/** A stored page's answer: 200 with its bytes, or 304 without them when the client holds them. */
export type StoredAnswer = { status: 200 | 304; headers: CachedHeaders; body: Buffer | null };

/**
 * A stored page as a public answer (proxy.ts, and the request guard for a page already stored):
 * its kept headers (only Vary on a 304), what is left of its age for shared caches, its
 * validators, and whether this request filled the cache or found the page there. The security
 * headers, naming the page's own nonce, are the caller's.
 */
export function storedAnswer(cache: PageCache, page: CachedPage, requestHeaders: Headers, state: "hit" | "miss"): StoredAnswer {
  const notModified = isNotModified(requestHeaders, page);
  const headers: CachedHeaders = page.headers.filter(([name]) => !notModified || name === "vary");
  headers.push(
    ["Cache-Control", publicCacheControl(cache.secondsLeft(page))],
    ["ETag", page.etag],
    ["Last-Modified", new Date(page.storedAt).toUTCString()],
    [CACHE_HEADER, state],
  );
  return { status: notModified ? 304 : 200, headers, body: notModified ? null : page.body };
}

/** The page's bytes gzipped, made once per stored render. */
export function gzippedBody(page: CachedPage): Buffer {
  page.gzip ??= gzipSync(page.body);
  return page.gzip;
}

/** Whether an Accept-Encoding header lets a response be gzipped (gzip or *, without q=0). */
export function acceptsGzip(value: string | undefined): boolean {
  if (!value) return false;
  return value.split(",").some((part) => {
    const [coding = "", ...params] = part.split(";").map((p) => p.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** What every response that must stay with one reader says (editors, signed-in, uncacheable). */
export const PRIVATE_CACHE_CONTROL = "private, no-cache, no-store, max-age=0, must-revalidate";

/**
 * Whether the client's copy is this page (If-None-Match wins over If-Modified-Since, RFC 9110
 * 13.2.2). The validator covers the exact bytes, nonce included, so a 304 always leaves the client
 * with the page the policy it holds names.
 */
export function isNotModified(headers: Headers, page: CachedPage): boolean {
  const inm = headers.get("if-none-match");
  if (inm !== null) return inm.split(",").some((t) => t.trim().replace(/^W\//, "") === page.etag || t.trim() === "*");
  const ims = headers.get("if-modified-since");
  if (ims === null) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(page.storedAt / 1000) * 1000 <= since;
}

const GLOBAL_KEY = Symbol.for("sourceline.page-cache");

type Shared = { cache: PageCache | null; fillToken: string };

function shared(): Shared {
  // proxy.ts and the server actions are separate bundles in one process: the cache lives on
  // globalThis so that an editor's write empties the very cache the proxy reads.
  const g = globalThis as typeof globalThis & { [GLOBAL_KEY]?: Shared };
  g[GLOBAL_KEY] ??= { cache: null, fillToken: crypto.randomUUID() };
  return g[GLOBAL_KEY];
}

export const DEFAULT_PAGE_CACHE_SECONDS = 60;

/** PAGE_CACHE_SECONDS: 0 turns the cache off; otherwise a whole number of seconds up to a day. */
export function pageCacheSeconds(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_PAGE_CACHE_SECONDS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 86_400) {
    throw new Error(`PAGE_CACHE_SECONDS must be a whole number of seconds from 0 to 86400 (got “${value}”).`);
  }
  return n;
}

/** The process's page cache, or null when PAGE_CACHE_SECONDS is 0. */
export function pageCache(): PageCache | null {
  const s = shared();
  if (s.cache === null) {
    const seconds = pageCacheSeconds(process.env.PAGE_CACHE_SECONDS);
    if (seconds === 0) return null;
    s.cache = new PageCache({ maxAgeMs: seconds * 1000, maxEntries: 500, maxBytes: 128 * 1024 * 1024 });
  }
  return s.cache;
}

/** The secret a fill request carries, so that only this process can ask for an uncached render. */
export function fillToken(): string {
  return shared().fillToken;
}

/** Empties this process's page cache (see lib/cache/revalidate.ts). */
export function invalidatePublicPages(): void {
  shared().cache?.invalidate();
}
