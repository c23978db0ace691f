import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { createSyndicationStory, type SyndicationStory } from "../syndication/test-fixture";
import { openApiDocument } from "./openapi";
import { handleApiRequest } from "./router";

// Contract tests: every response is validated against the schema the OpenAPI document names for
// it (compiled with Ajv from the served document, not from the zod objects).

const doc = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "openapi", components: doc.components });

function expectSchema(name: string, body: unknown) {
  const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
  if (!validate) throw new Error(`No schema ${name} in the OpenAPI document`);
  const ok = validate(body);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
}

async function call(path: string, init: RequestInit = {}) {
  const url = new URL(`http://localhost${path}`);
  // Next hands the route its path segments decoded.
  const segments = url.pathname.replace(/^\/api\/v1\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const res = await handleApiRequest(new Request(url, init), segments);
  const text = await res.text();
  return { res, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

async function ok(path: string, schema: string) {
  const r = await call(path);
  expect(r.res.status, r.text).toBe(200);
  expect(r.res.headers.get("access-control-allow-origin")).toBe("*");
  expectSchema(schema, r.body);
  return r;
}

async function fails(path: string, status: number, parameter?: string, init?: RequestInit) {
  const r = await call(path, init);
  expect(r.res.status, r.text).toBe(status);
  expect(r.res.headers.get("content-type")).toContain("application/json");
  expectSchema("Error", r.body);
  if (parameter) expect(JSON.stringify(r.body)).toContain(`"parameter":"${parameter}"`);
  expect(r.text).not.toMatch(/at .*\.ts:\d+/);
  return r;
}

type Listed = { data: { slug: string; status?: string; headline?: string }[]; next_cursor: string | null };

let s: SyndicationStory;
beforeAll(async () => {
  s = await createSyndicationStory();
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and references a schema for every endpoint", async () => {
    const served = (await call("/api/v1/openapi.json")).body as { openapi: string; paths: Record<string, unknown> };
    expect(served.openapi).toBe("3.1.0");
    for (const p of ["/api/v1/events", "/api/v1/events/{slugOrId}", "/api/v1/claims/{slugOrId}", "/api/v1/retractions"]) {
      expect(Object.keys(served.paths)).toContain(p);
    }
    for (const name of ["Event", "EventList", "ClaimDetail", "SourceList", "ActorList", "StoryList", "RetractionList", "Error"]) {
      expect(ajv.getSchema(`openapi#/components/schemas/${name}`)).toBeTruthy();
    }
  });
});

describe("events", () => {
  it("lists a story's published events with the timeline's filters", async () => {
    const all = (await ok(`/api/v1/events?story=${s.story.slug}`, "EventList")).body as unknown as Listed & { total: number };
    expect(all.data.map((e) => e.slug)).toEqual([s.denial.slug, s.report.slug]);
    expect(all.total).toBe(2);
    expect(JSON.stringify(all)).not.toContain("SECRET DRAFT");

    const bySource = (await ok(`/api/v1/events?story=${s.story.slug}&source=${s.paper.slug}`, "EventList")).body as unknown as Listed;
    expect(bySource.data.map((e) => e.slug)).toEqual([s.report.slug]);
    const asOf = (await ok(`/api/v1/events?story=${s.story.slug}&asof=2024-11-17&status=reported`, "EventList")).body as unknown as Listed;
    expect(asOf.data.map((e) => [e.slug, e.status])).toEqual([[s.report.slug, "reported"]]);
  });

  it("pages with cursor and next_cursor", async () => {
    const first = (await ok(`/api/v1/events?story=${s.story.slug}&limit=1`, "EventList")).body as unknown as Listed;
    expect(first.data).toHaveLength(1);
    expect(first.next_cursor).toBeTruthy();
    const second = (await ok(`/api/v1/events?story=${s.story.slug}&limit=1&cursor=${first.next_cursor}`, "EventList")).body as unknown as Listed;
    expect(second.data.map((e) => e.slug)).toEqual([s.report.slug]);
    expect(second.next_cursor).toBeNull();
  });

  it("filters by updated_since for mirrors", async () => {
    const future = (await ok(`/api/v1/events?story=${s.story.slug}&updated_since=2999-01-01T00:00:00Z`, "EventList")).body as unknown as Listed;
    expect(future.data).toEqual([]);
    const past = (await ok(`/api/v1/events?story=${s.story.slug}&updated_since=2000-01-01T00:00:00Z`, "EventList")).body as unknown as Listed;
    expect(past.data).toHaveLength(2);
  });

  it("finds one event by slug or id, never an unpublished one", async () => {
    const bySlug = await ok(`/api/v1/events/${s.report.slug}`, "Event");
    const byId = await ok(`/api/v1/events/${s.report.id}`, "Event");
    expect(byId.text).toBe(bySlug.text);
    type Labelled = { status_label: { text: string; verdict: { status: string; text: string } | null } };
    const now = (bySlug.body as Labelled).status_label;
    // A media report stays one; the denial since is its verdict, not its label.
    expect(now.text).toBe("Media-reported, not officially confirmed");
    expect(now.verdict).toMatchObject({ status: "denied", text: "since officially denied by Ministry of Examples, 18 Nov 2024" });
    const then = (await ok(`/api/v1/events/${s.report.slug}?asof=2024-11-17`, "Event")).body as Labelled;
    expect(then.status_label.text).toBe("Media-reported, not officially confirmed");
    expect(then.status_label.verdict).toBeNull();
    await fails(`/api/v1/events/${s.draft.slug}`, 404);
    await fails(`/api/v1/events/${s.draft.id}`, 404);
    await fails(`/api/v1/events/no-such-event`, 404);
  });

  it("rejects malformed parameters with 400 naming them", async () => {
    await fails(`/api/v1/events?status=bogus`, 400, "status");
    await fails(`/api/v1/events?from=2024-13-40`, 400, "from");
    await fails(`/api/v1/events?from=2024-11-20&to=2024-11-01`, 400, "from");
    await fails(`/api/v1/events?asof=yesterday`, 400, "asof");
    await fails(`/api/v1/events?source=Not%20A%20Slug`, 400, "source");
    await fails(`/api/v1/events?source=no-such-source`, 400, "source");
    await fails(`/api/v1/events?cursor=nonsense`, 400, "cursor");
    await fails(`/api/v1/events?limit=1000`, 400, "limit");
    await fails(`/api/v1/events?updated_since=last-week`, 400, "updated_since");
    await fails(`/api/v1/events?story=no-such-story`, 400, "story");
    await fails(`/api/v1/events?sources=axios`, 400, "sources");
  });

  it("refuses dates no database can hold, and NUL in the search text, with 400 (not 500)", async () => {
    await fails(`/api/v1/events?asof=9999-12-31`, 400, "asof");
    await fails(`/api/v1/events?to=9999-12-31`, 400, "to");
    await fails(`/api/v1/events/${s.report.slug}?asof=9999-12-31`, 400, "asof");
    await fails(`/api/v1/claims?story=${s.story.slug}&asof=9999-12-31`, 400, "asof");
    await fails(`/api/v1/events?updated_since=0000-01-01T00:00:00Z`, 400, "updated_since");
    await fails(`/api/v1/events?updated_since=%2B275760-09-13T00:00:00Z`, 400, "updated_since");
    await fails(`/api/v1/retractions?updated_since=0000-01-01T00:00:00Z`, 400, "updated_since");
    await fails(`/api/v1/events?q=a%00b`, 400, "q");
  });

  it("decodes a path segment once: an escaped % is looked up as it is", async () => {
    await fails(`/api/v1/events/%25`, 404);
    await fails(`/api/v1/claims/%25`, 404);
    await fails(`/api/v1/events/%2525zz`, 404);
  });
});

describe("conditional requests, CORS and errors", () => {
  it("answers If-None-Match and If-Modified-Since with 304", async () => {
    const first = await ok(`/api/v1/events/${s.report.slug}`, "Event");
    const etag = first.res.headers.get("etag")!;
    const lastModified = first.res.headers.get("last-modified")!;
    expect(etag).toMatch(/^"/);
    expect(lastModified).toMatch(/GMT$/);
    expect((await call(`/api/v1/events/${s.report.slug}`, { headers: { "If-None-Match": etag } })).res.status).toBe(304);
    expect((await call(`/api/v1/events/${s.report.slug}`, { headers: { "If-Modified-Since": lastModified } })).res.status).toBe(304);
    expect((await call(`/api/v1/events/${s.report.slug}`, { headers: { "If-None-Match": '"other"' } })).res.status).toBe(200);
  });

  it("answers a preflight, refuses other methods with 405 and unknown paths with a JSON 404", async () => {
    const pre = await call("/api/v1/events", { method: "OPTIONS" });
    expect(pre.res.status).toBe(204);
    expect(pre.res.headers.get("access-control-allow-methods")).toContain("GET");
    const post = await fails("/api/v1/events", 405, undefined, { method: "POST", body: "{}" });
    expect(post.res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    await fails("/api/v1/nothing-here", 404);
  });
});

describe("claims, sources, actors, stories, retractions", () => {
  it("lists claims and gives one with its history", async () => {
    const list = (await ok(`/api/v1/claims?story=${s.story.slug}`, "ClaimList")).body as unknown as Listed;
    expect(list.data.map((c) => [c.slug, c.status])).toEqual([[s.claim.slug, "denied"]]);
    const then = (await ok(`/api/v1/claims?story=${s.story.slug}&asof=2024-11-17&status=reported`, "ClaimList")).body as unknown as Listed;
    expect(then.data).toHaveLength(1);
    const one = (await ok(`/api/v1/claims/${s.claim.slug}`, "ClaimDetail")).body as { history: { to: string }[] };
    expect(one.history.map((h) => h.to)).toEqual(["reported", "denied"]);
    await fails(`/api/v1/claims?status=maybe`, 400, "status");
    await fails(`/api/v1/claims/nope-${s.claim.slug}`, 404);
  });

  it("lists sources, actors and stories", async () => {
    const sources = (await ok("/api/v1/sources?limit=500", "SourceList")).body as unknown as Listed;
    expect(sources.data.map((x) => x.slug)).toContain(s.paper.slug);
    const actors = (await ok("/api/v1/actors", "ActorList")).body as unknown as Listed;
    expect(actors.data.map((x) => x.slug)).toContain(s.minister.slug);
    const stories = (await ok("/api/v1/stories", "StoryList")).body as unknown as Listed;
    expect(stories.data.map((x) => x.slug)).toContain(s.story.slug);
    const page = (await ok("/api/v1/sources?limit=1", "SourceList")).body as unknown as Listed;
    const next = (await ok(`/api/v1/sources?limit=1&cursor=${page.next_cursor}`, "SourceList")).body as unknown as Listed;
    expect(next.data[0]!.slug > page.data[0]!.slug).toBe(true);
  });

  it("lists retracted and withdrawn events, without a withdrawn event's content", async () => {
    await getDb().event.update({ where: { id: s.denial.id }, data: { retractedAt: new Date("2024-11-20T00:00:00Z"), retractionNote: "Wrong ministry." } });
    // Published once, then withdrawn (lib/editor/events.ts withdrawEvent).
    await getDb().event.update({
      where: { id: s.draft.id },
      data: { publishedAt: new Date("2024-11-19T00:00:00Z"), withdrawnAt: new Date("2024-11-21T00:00:00Z"), withdrawalNote: "Legal reasons." },
    });
    const r = (await ok(`/api/v1/retractions?story=${s.story.slug}`, "RetractionList")).body as {
      data: { type: string; event_id: string; event_slug: string | null; at: string; note: string | null }[];
    };
    expect(r.data.map((d) => [d.type, d.event_id])).toEqual(
      expect.arrayContaining([
        ["retracted", s.denial.id],
        ["withdrawn", s.draft.id],
      ]),
    );
    expect(r.data.find((d) => d.event_id === s.draft.id)).toMatchObject({ at: "2024-11-21T00:00:00.000Z", note: "Legal reasons." });
    expect(JSON.stringify(r)).not.toContain(s.draft.slug);
  });
});
