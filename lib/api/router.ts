import "server-only";
import { CORS_HEADERS, preflightResponse } from "../http/cors";
import { getClaim, getEvent, listActors, listClaims, listEvents, listRetractions, listSources, listStoriesApi, type ApiResult } from "./endpoints";
import { ApiError, methodNotAllowed, toErrorResponse } from "../http/errors";
import { conditionalResponse } from "../http/conditional";
import { openApiDocument } from "./openapi";
import { searchParamsOf } from "../http/search-params";
import type { RawSearchParams } from "../url";

// Every address under /api/v1 goes through here (app/api/v1/[[...path]]/route.ts), so an
// unknown path or method is answered in the API's own JSON error shape, never with a page.

type Handler = (params: RawSearchParams, arg: string) => Promise<ApiResult>;

const ROUTES: { pattern: RegExp; handler: Handler }[] = [
  { pattern: /^events$/, handler: (p) => listEvents(p) },
  { pattern: /^events\/([^/]+)$/, handler: (p, id) => getEvent(id, p) },
  { pattern: /^claims$/, handler: (p) => listClaims(p) },
  { pattern: /^claims\/([^/]+)$/, handler: (p, id) => getClaim(id, p) },
  { pattern: /^sources$/, handler: (p) => listSources(p) },
  { pattern: /^actors$/, handler: (p) => listActors(p) },
  { pattern: /^stories$/, handler: (p) => listStoriesApi(p) },
  { pattern: /^retractions$/, handler: (p) => listRetractions(p) },
  { pattern: /^openapi\.json$/, handler: async () => ({ body: openApiDocument(), lastModified: null }) },
];

const ALLOWED = ["GET", "HEAD", "OPTIONS"];

export async function handleApiRequest(request: Request, segments: readonly string[] = []): Promise<Response> {
  const allowHeader = { Allow: ALLOWED.join(", ") };
  try {
    // Next hands the segments over already decoded: decoding again would turn "%25" into "%" and
    // fail on it.
    const path = segments.join("/");
    const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
    if (!match) throw new ApiError(404, "not_found", `There is no API endpoint at /api/v1/${path}. See /api/v1/openapi.json.`);
    if (request.method === "OPTIONS") return preflightResponse();
    if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(ALLOWED);
    const url = new URL(request.url);
    const result = await match.r.handler(searchParamsOf(url), match.m![1] ?? "");
    if (result.movedTo) {
      // A retired slug or id (lib/redirects.ts): the record's current address, same query.
      return new Response(null, { status: 308, headers: { Location: `/api/v1/${result.movedTo}${url.search}`, "Cache-Control": "no-store", ...CORS_HEADERS } });
    }
    return conditionalResponse(request, {
      body: JSON.stringify(result.body),
      contentType: "application/json; charset=utf-8",
      lastModified: result.lastModified,
    });
  } catch (err) {
    return toErrorResponse(err, err instanceof ApiError && err.status === 405 ? allowHeader : {});
  }
}
