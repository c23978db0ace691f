import { describe, expect, it } from "vitest";
import { clientErrorAnswer, MAX_URL_LENGTH, screenRequest } from "./request-guard";

const answer = (method: string, url: string) => {
  const s = screenRequest(method, url);
  if (!("answer" in s)) throw new Error(`expected an answer for ${method} ${url}, got ${s.url}`);
  return s.answer;
};
const passed = (method: string, url: string) => {
  const s = screenRequest(method, url);
  if ("answer" in s) throw new Error(`expected ${method} ${url} to pass, got ${s.answer.status}`);
  return s.url;
};

describe("the request guard", () => {
  it("passes ordinary requests through unchanged", () => {
    expect(passed("GET", "/events/nyt-report?asof=2024-11-18&q=%E2%80%9Cquote%E2%80%9D")).toBe(
      "/events/nyt-report?asof=2024-11-18&q=%E2%80%9Cquote%E2%80%9D",
    );
    expect(passed("POST", "/editor/sign-in")).toBe("/editor/sign-in");
    expect(passed("OPTIONS", "/api/v1/events")).toBe("/api/v1/events");
  });

  it.each(["TRACE", "TRACK", "CONNECT", "PROPFIND", "M-SEARCH"])("answers %s with 405 and Allow, in the API's shape under /api", (method) => {
    const page = answer(method, "/");
    expect(page.status).toBe(405);
    expect(page.headers.Allow).toBe("GET, HEAD, POST");
    expect(page.headers["Content-Type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Method not allowed");
    const api = answer(method, "/api/v1/events");
    expect(api.status).toBe(405);
    expect(api.headers.Allow).toBe("GET, HEAD, OPTIONS");
    expect(JSON.parse(api.body)).toEqual({ error: { code: "method_not_allowed", message: expect.any(String), details: [] } });
  });

  it("answers a writing method on an address for machines (all read-only) with a JSON 405", () => {
    for (const [method, url] of [
      ["POST", "/feed.xml"],
      ["DELETE", "/api/v1/events"],
      ["PUT", "/stories/x/export.csv"],
      ["PATCH", "/api/auth/sign-in/email"],
      ["POST", "/api/oembed?url=x"],
    ] as const) {
      const a = answer(method, url);
      expect([method, url, a.status, a.headers.Allow]).toEqual([method, url, 405, "GET, HEAD, OPTIONS"]);
      expect(JSON.parse(a.body).error.code).toBe("method_not_allowed");
    }
    expect(passed("POST", "/editor/sign-in")).toBe("/editor/sign-in");
    expect(passed("OPTIONS", "/feed.json")).toBe("/feed.json");
  });

  it("takes a path segment whose escapes do not decode literally, so it is looked up (and not found)", () => {
    expect(passed("GET", "/events/%zz")).toBe("/events/%25zz");
    expect(passed("GET", "/stories/%")).toBe("/stories/%25");
    expect(passed("GET", "/sources/%C0%AF?asof=x")).toBe("/sources/%25C0%25AF?asof=x");
    expect(passed("GET", "/api/v1/events/%E0%A4%A")).toBe("/api/v1/events/%25E0%25A4%25A");
    // Valid escapes, including an escaped "%", are left alone.
    expect(passed("GET", "/api/v1/events/%25")).toBe("/api/v1/events/%25");
    expect(passed("GET", "/events/caf%C3%A9")).toBe("/events/caf%C3%A9");
  });

  it("answers an address under /api/ that no route serves with a JSON 404, not the HTML page", () => {
    for (const url of ["/api/foo", "/api/auth", "/api/oembed/x", "/api/v2/events"]) {
      const a = answer("GET", url);
      expect([url, a.status, JSON.parse(a.body).error.code]).toEqual([url, 404, "not_found"]);
    }
    for (const url of ["/api/v1", "/api/v1/events/x", "/api/auth/get-session", "/api/oembed", "/api/oembed/", "/api/", "/api"]) expect(passed("GET", url)).toBe(url);
  });

  it("refuses control characters in the path", () => {
    expect(answer("GET", "/events/%00").status).toBe(400);
    expect(JSON.parse(answer("GET", "/api/v1/claims/a%0Ab").body).error.code).toBe("invalid_path");
  });

  it("answers an overlong address with 414 and a body", () => {
    const long = `/api/v1/events?q=${"x".repeat(MAX_URL_LENGTH)}`;
    expect(answer("GET", long)).toMatchObject({ status: 414 });
    expect(JSON.parse(answer("GET", long).body).error.code).toBe("uri_too_long");
    expect(answer("GET", `/?q=${"x".repeat(MAX_URL_LENGTH)}`).body).toContain("Address too long");
  });

  it("answers a request Node could not parse with a body, in the API's shape when it was for the API", () => {
    const api = clientErrorAnswer("HPE_HEADER_OVERFLOW", "GET /api/v1/events?q=xxxxxxxx");
    expect(api.status).toBe(431);
    expect(JSON.parse(api.body).error.code).toBe("request_too_large");
    const page = clientErrorAnswer("HPE_HEADER_OVERFLOW", "GET /?q=xxxx");
    expect(page.headers["Content-Type"]).toMatch(/^text\/html/);
    expect(clientErrorAnswer("HPE_INVALID_METHOD", "")).toMatchObject({ status: 400 });
    expect(clientErrorAnswer("HPE_INVALID_METHOD", "TRACK /feed.xml HTTP/1.1").headers["Content-Type"]).toMatch(/^application\/json/);
  });
});
