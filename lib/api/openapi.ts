import { z } from "zod";
import { CLAIM_STATUSES, EVENT_KINDS, EVENT_STATUSES, toSlug } from "../domain";
import { siteUrl } from "../site";
import { apiRegistry } from "./schemas";

// The OpenAPI 3.1 document, generated from the zod schemas the handlers validate their bodies
// with (lib/api/schemas.ts). /api renders its endpoint list from API_ENDPOINTS too.

type Param = { name: string; description: string; repeatable?: boolean; example?: string; in?: "query" | "path" };

const TIMELINE: Param[] = [
  { name: "source", description: "Events citing that source (slug). Repeatable: several give their union.", repeatable: true, example: "new-york-times" },
  { name: "status", description: `Event status: ${EVENT_STATUSES.map(toSlug).join(", ")}. Repeatable.`, repeatable: true, example: "reported" },
  { name: "kind", description: `Event kind: ${EVENT_KINDS.map(toSlug).join(", ")}. Repeatable.`, repeatable: true, example: "statement" },
  { name: "actor", description: "Events involving that actor (slug). Repeatable.", repeatable: true, example: "matthew-miller" },
  { name: "tag", description: "Events carrying that tag (slug). Repeatable.", repeatable: true, example: "atacms" },
  { name: "from", description: "YYYY-MM-DD: events on or after that day (in the event's zone).", example: "2024-11-17" },
  { name: "to", description: "YYYY-MM-DD: events on or before that day.", example: "2024-11-18" },
  { name: "q", description: "Every word must appear in the headline, summary or a quote.", example: "kursk" },
  { name: "asof", description: "YYYY-MM-DD: what had been reported by the end of that day (story's zone), with statuses as they stood then.", example: "2024-11-18" },
];
const STORY: Param = { name: "story", description: "A story's slug; all stories when absent.", example: "us-atacms-policy-ukraine" };
const CURSOR: Param = { name: "cursor", description: "The next_cursor of the previous page." };
const LIMIT = (max: number, fallback: number): Param => ({ name: "limit", description: `Page size, 1–${max} (default ${fallback}).`, example: "20" });
const UPDATED: Param = { name: "updated_since", description: "ISO 8601 date-time: only records changed at or after it (for mirrors).", example: "2024-11-18T00:00:00Z" };
const SLUG_OR_ID: Param = { name: "slugOrId", in: "path", description: "The record's slug or its stable id." };
const ASOF: Param = TIMELINE[TIMELINE.length - 1]!;

export type ApiEndpoint = { path: string; summary: string; params: Param[]; schema: string; example: string };

export const API_ENDPOINTS: ApiEndpoint[] = [
  { path: "/api/v1/events", summary: "Timeline events, newest first, with the timeline's filters.", params: [...TIMELINE, STORY, CURSOR, LIMIT(100, 50), UPDATED], schema: "EventList", example: "/api/v1/events?story=us-atacms-policy-ukraine&status=reported&asof=2024-11-18" },
  { path: "/api/v1/events/{slugOrId}", summary: "One published event. An old slug or id (renamed, or merged into another event) answers 308 to its current address; a withdrawn event answers 410 with its public note.", params: [SLUG_OR_ID, ASOF], schema: "Event", example: "/api/v1/events/nyt-reports-biden-allowed-atacms-strikes-on-russia" },
  { path: "/api/v1/claims", summary: "Claims with their status (as of a date when asked).", params: [STORY, { name: "status", description: `Claim status: ${CLAIM_STATUSES.map(toSlug).join(", ")}. Repeatable.`, repeatable: true, example: "reported" }, ASOF, CURSOR, LIMIT(100, 50), UPDATED], schema: "ClaimList", example: "/api/v1/claims?story=us-atacms-policy-ukraine" },
  { path: "/api/v1/claims/{slugOrId}", summary: "One claim with its append-only status history and the events taking a stance on it.", params: [SLUG_OR_ID, ASOF], schema: "ClaimDetail", example: "/api/v1/claims/biden-authorized-atacms-strikes-inside-russia" },
  { path: "/api/v1/sources", summary: "Sources (outlets and institutions), by slug.", params: [CURSOR, LIMIT(500, 100), UPDATED], schema: "SourceList", example: "/api/v1/sources" },
  { path: "/api/v1/actors", summary: "Actors (people and bodies), by slug.", params: [CURSOR, LIMIT(500, 100), UPDATED], schema: "ActorList", example: "/api/v1/actors" },
  { path: "/api/v1/stories", summary: "Stories, with their feeds and exports.", params: [], schema: "StoryList", example: "/api/v1/stories" },
  { path: "/api/v1/retractions", summary: "Retracted events and events withdrawn from publication, for mirrors to sync.", params: [STORY, UPDATED, LIMIT(1000, 500)], schema: "RetractionList", example: "/api/v1/retractions?updated_since=2024-11-01T00:00:00Z" },
];

/** The component schemas, as JSON Schema 2020-12 (OpenAPI 3.1's dialect). */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(apiRegistry, { uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
    void _s;
    void _i;
    out[id] = rest;
  }
  return out;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  for (const e of API_ENDPOINTS) {
    paths[e.path] = {
      get: {
        summary: e.summary,
        operationId: e.path.replace(/^\/api\/v1\//, "").replace(/\{slugOrId\}/, "one").replace(/\//g, "_"),
        parameters: e.params.map((p) => ({
          name: p.name,
          in: p.in ?? "query",
          required: p.in === "path",
          description: p.description,
          schema: p.repeatable ? { type: "array", items: { type: "string" } } : { type: "string" },
          ...(p.repeatable ? { style: "form", explode: true } : {}),
          ...(p.example ? { example: p.example } : {}),
        })),
        responses: {
          "200": {
            description: "OK. Carries ETag and Last-Modified; send If-None-Match or If-Modified-Since for a 304.",
            content: { "application/json": { schema: ref(e.schema) } },
          },
          "304": { description: "Not modified since the ETag or date the client sent." },
          ...(e.path.endsWith("{slugOrId}")
            ? { "308": { description: "The slug or id was retired (renamed, or merged into another record): Location gives the current address." } }
            : {}),
          "400": errorResponse("A malformed or unknown parameter; details name it."),
          "404": errorResponse("No such record."),
          "405": errorResponse("Only GET, HEAD and OPTIONS are answered."),
          ...(e.path === "/api/v1/events/{slugOrId}"
            ? { "410": errorResponse("The event was withdrawn from publication; the message and details give when and the public note.") }
            : {}),
          "500": errorResponse("An unexpected error; no internals are disclosed."),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Sourceline API",
      version: "1.0.0",
      description:
        "Read-only JSON API of Sourceline, a timeline of record. The filters are the timeline's own (see /api). Errors share one shape: { error: { code, message, details } }.",
    },
    servers: [{ url: siteUrl() }],
    paths,
    components: { schemas: componentSchemas() },
  };
}
