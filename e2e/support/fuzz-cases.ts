import http from "node:http";
import fc from "fast-check";
import { PAGINATION_PATH, SEED } from "../fixtures";

// The fuzz suite's request generator and its verdict (used by e2e/fuzz.spec.ts; a failing case
// can be replayed with the same seed).

const STORY = "us-atacms-policy-ukraine";
const REAL = {
  story: [STORY, PAGINATION_PATH.split("/").pop()!, "e2e-lifecycle-story"],
  event: [SEED.nyt, SEED.axios, SEED.blinken],
  source: ["new-york-times", "axios", "us-department-of-state"],
  claim: ["biden-authorized-atacms-strikes-inside-russia", "atacms-authorization-limited-to-kursk-oblast"],
  actor: ["joe-biden", "matthew-miller"],
  tag: ["atacms", "kursk-oblast"],
};

/** Path segments and parameter values that have broken servers before. */
const NASTY = [
  "%",
  "%zz",
  "%C0%AF",
  "%E0%A4%A",
  "%FF%FE",
  "%ED%A0%80", // a lone surrogate, UTF-8 encoded
  "%00",
  "a%00b",
  "%0A%0D",
  "%1F",
  "%7F",
  "%25",
  "%2525zz",
  "%2F",
  "..",
  "%2e%2e",
  ".",
  "%20",
  "%E2%80%AE", // right-to-left override
  "%F0%9F%92%A9",
  "null",
  "undefined",
  "-1",
  "0",
  "1e309",
  "NaN",
  "9999999999999999999999",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "'%20OR%201=1--",
  "%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
  "%5B%5D",
  "%7B%7D",
];

const DATES = [
  "9999-12-31",
  "0000-01-01",
  "0001-01-01",
  "0099-12-31",
  "0100-01-01",
  "9998-12-31",
  "+275760-09-13",
  "-000001-01-01",
  "2024-02-30",
  "2024-13-01",
  "2024-11-18",
  "2024-11-18T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "%2B275760-09-13T00:00:00.000Z",
  "2024-11-18T00:00:00%2B25:00",
  "2024-11-18T24:00:00Z",
  "1970-01-01T00:00:00Z",
  "1969-12-31T23:59:59.999Z",
];

const ROUTES = [
  "/",
  "/stories",
  "/stories/{story}",
  "/events/{event}",
  "/sources/{source}",
  "/claims",
  "/claims/{claim}",
  "/stories/{story}/claims",
  "/embed/{story}",
  "/api",
  "/feed.xml",
  "/feed.atom",
  "/feed.json",
  "/stories/{story}/feed.xml",
  "/stories/{story}/feed.atom",
  "/stories/{story}/feed.json",
  "/sources/{source}/feed.xml",
  "/sources/{source}/feed.atom",
  "/sources/{source}/feed.json",
  "/changes.xml",
  "/changes.atom",
  "/changes.json",
  "/stories/{story}/changes.xml",
  "/stories/{story}/changes.atom",
  "/stories/{story}/changes.json",
  "/stories/{story}/export.json",
  "/stories/{story}/export.csv",
  "/import-template.csv",
  "/api/v1/events",
  "/api/v1/events/{event}",
  "/api/v1/claims",
  "/api/v1/claims/{claim}",
  "/api/v1/sources",
  "/api/v1/actors",
  "/api/v1/stories",
  "/api/v1/retractions",
  "/api/v1/openapi.json",
  "/api/v1/{any}",
  "/api/v1/events/{event}/{any}",
  "/api/oembed",
  "/api/auth/get-session",
  "/api/auth/{any}",
  "/api/{any}",
  "/api/{any}/{any}",
  "/sitemap.xml",
  "/robots.txt",
  "/favicon.ico",
  "/events/{event}/opengraph-image",
  "/editor/sign-in",
  "/editor",
  "/{any}",
  "/{any}/{any}",
];

const PARAMS = [
  "source",
  "status",
  "kind",
  "actor",
  "tag",
  "from",
  "to",
  "q",
  "asof",
  "before",
  "after",
  "cursor",
  "limit",
  "updated_since",
  "story",
  "event",
  "url",
  "format",
  "maxwidth",
  "maxheight",
  "min_independent",
  "password",
];

const METHODS = ["GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "TRACK", "PROPFIND", "M-SEARCH", "FOO"];

const enc = (s: string) => encodeURIComponent(s);

/** A segment: a real slug, a nasty one, random text (encoded), or something long. */
const segment = (kind: keyof typeof REAL | "any") =>
  fc.oneof(
    { weight: kind === "any" ? 1 : 4, arbitrary: fc.constantFrom(...(kind === "any" ? ["x"] : REAL[kind])) },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }).map(enc) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }).map((s) => s.replace(/[^A-Za-z0-9%._~-]/g, "%")) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => "a".repeat(n)) },
  );

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  { weight: 3, arbitrary: fc.constantFrom(...REAL.story, ...REAL.source, ...REAL.actor, ...REAL.tag, "on-record", "reported", "denied", "statement", "json", "10", "50", "1000") },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }).map(enc) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 20 }).map((s) => s.replace(/[^A-Za-z0-9%+._~-]/g, "%")) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 6000 }).map((n) => "q".repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom(`http://127.0.0.1/stories/${STORY}`, "javascript:alert(1)", "http://[::1", "//evil.example/x", "http://127.0.0.1/embed/%zz") },
);

const query = fc.array(
  fc.tuple(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY, "", "a[b]", "__proto__") }), value, fc.oneof({ weight: 9, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 120 }) })),
  { maxLength: 6 },
);

const headers = fc.record(
  {
    "if-none-match": fc.constantFrom("*", '"x"', "W/\"abc\", garbage", "%00"),
    "if-modified-since": fc.constantFrom("yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "0"),
    accept: fc.constantFrom("text/html", "application/json", "*/*", "text/x-component", "application/rss+xml;q=garbage"),
    origin: fc.constantFrom("http://evil.example", "null", "http://127.0.0.1", "not a url"),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "garbage, , ,", "::1", "%00"),
    "x-forwarded-host": fc.constantFrom("evil.example", "", "a".repeat(300)),
    "x-forwarded-proto": fc.constantFrom("https", "gopher", ""),
    "content-type": fc.constantFrom("application/json", "multipart/form-data; boundary=x", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded"),
    "next-action": fc.constantFrom("0000000000000000000000000000000000000000", "x", "%00"),
    rsc: fc.constantFrom("1", "0"),
  },
  { requiredKeys: [] },
);

export type Case = { method: string; path: string; headers: Record<string, string>; body: string | null };

export const caseArb: fc.Arbitrary<Case> = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    parts: fc.record({ story: segment("story"), event: segment("event"), source: segment("source"), claim: segment("claim"), any: segment("any") }),
    query,
    method: fc.constantFrom(...METHODS),
    headers,
    body: fc.option(fc.oneof(fc.constant("{}"), fc.string({ maxLength: 200 }), fc.constant('[{"status":"idle"},"$K1"]')), { nil: null }),
  })
  .map(({ route, parts, query, method, headers, body }) => {
    const pathname = route.replace(/\{(story|event|source|claim|any)\}/g, (_, k: keyof typeof parts) => parts[k]);
    const qs = query.flatMap(([k, v, times]) => Array.from({ length: times }, () => `${k}=${v}`)).join("&");
    return { method, path: qs ? `${pathname}?${qs}` : pathname, headers, body: method === "GET" || method === "HEAD" ? null : body };
  })
  // Headers over Node's 16 KB limit are refused before any request exists (431; see
  // e2e/hardening.spec.ts); 8–16 KB addresses get the 414 and stay in.
  .filter((c) => c.path.length < 15_000);

export type Result = {
  status: number;
  contentType: string;
  body: string;
  /** Retry-After, in seconds, when the answer carries one (the admission gate's 503). */
  retryAfter: number | null;
};


export function send(baseURL: string, c: Case): Promise<Result> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: c.method,
        path: c.path,
        // A body is always framed (Node sends OPTIONS and DELETE bodies unframed otherwise, which the
        // server can only read as the start of a second request).
        headers: c.body === null ? c.headers : { ...c.headers, "content-length": String(Buffer.byteLength(c.body)) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (b: Buffer) => chunks.push(b));
        res.on("end", () => {
          const retryAfter = res.headers["retry-after"];
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
            retryAfter: retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null,
          });
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error("timed out after 60 s")));
    req.on("error", reject);
    req.end(c.body ?? undefined);
  });
}

/** The feed routes (not a page whose slug happens to end in .xml). */
const FEED_ROUTE = /^(\/(stories|sources)\/[^/]+)?\/(feed|changes)\.(xml|atom|json)$/;

/** The path the server routes: dot segments resolved, as every HTTP stack does. */
function normalisedPath(path: string): string {
  try {
    return new URL(path.split("?")[0]!, "http://x").pathname;
  } catch {
    return path.split("?")[0]!;
  }
}

/** What is wrong with an answer, or null. */
export function problem(c: Case, r: Result): string | null {
  const pathname = normalisedPath(c.path);
  // oEmbed says a provider that cannot answer in the requested format answers 501 Not Implemented.
  const oembedFormat = pathname === "/api/oembed" && r.status === 501 && /(^|[?&])format=/.test(c.path);
  if (r.status >= 500 && !oembedFormat) return `status ${r.status}`;
  const shaped = pathname.startsWith("/api/") || FEED_ROUTE.test(pathname);
  if (shaped && r.status >= 400 && c.method !== "HEAD") {
    try {
      const body = JSON.parse(r.body) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
      const e = body.error;
      const keys = Object.keys(body);
      if (keys.length !== 1 || !e || typeof e.code !== "string" || typeof e.message !== "string" || !Array.isArray(e.details)) {
        return `error off the documented shape: ${r.body.slice(0, 200)}`;
      }
      if (!r.contentType.startsWith("application/json")) return `error with content-type ${r.contentType}`;
    } catch {
      return `error body is not JSON (${r.contentType}): ${r.body.slice(0, 200)}`;
    }
  }
  return null;
}

