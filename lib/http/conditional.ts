import { createHash } from "node:crypto";
import { CORS_HEADERS } from "./cors";

// Conditional GET for everything syndicated: a strong ETag over the exact bytes and a
// Last-Modified from the newest record shown, answered with 304 when the client is current.

export type Representation = {
  body: string;
  contentType: string;
  /** The newest change among the records shown; null when unknown (then no Last-Modified). */
  lastModified: Date | null;
  headers?: Record<string, string>;
};

export function etagFor(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === bare);
}

function notModifiedSince(header: string, lastModified: Date): boolean {
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  // HTTP dates have one-second resolution.
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export function conditionalResponse(request: Request, rep: Representation): Response {
  const etag = etagFor(rep.body);
  const headers: Record<string, string> = {
    "Content-Type": rep.contentType,
    "Cache-Control": "public, max-age=60",
    ETag: etag,
    ...CORS_HEADERS,
    ...rep.headers,
  };
  if (rep.lastModified) headers["Last-Modified"] = rep.lastModified.toUTCString();
  const inm = request.headers.get("if-none-match");
  const ims = request.headers.get("if-modified-since");
  // If-None-Match wins when both are sent (RFC 9110, 13.2.2).
  const fresh = inm !== null ? matchesEtag(inm, etag) : ims !== null && rep.lastModified !== null && notModifiedSince(ims, rep.lastModified);
  if (fresh) {
    const { "Content-Type": _omit, ...rest } = headers;
    void _omit;
    return new Response(null, { status: 304, headers: rest });
  }
  return new Response(request.method === "HEAD" ? null : rep.body, { status: 200, headers });
}

/** The newest of some instants, or null when there are none. */
export function newest(dates: readonly (Date | null | undefined)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d.getTime() > best.getTime())) best = d;
  return best;
}
