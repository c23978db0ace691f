import { errorBodyFor, type ApiErrorCode } from "./errors";

// What every request is screened for before Next sees it (installed by instrumentation.ts through
// lib/http/install-request-guard.ts). Next answers these with a bare "Internal Server Error":
// - a method Fetch cannot represent (TRACE, CONNECT, TRACK) or any other unusual one, and any
//   writing method on an address for machines (they are all read-only);
// - a path segment whose percent-encoding does not decode (`/events/%zz`, `/sources/%C0%AF`);
// - an address too long to be a real link.
// Kept free of Next and Node server imports, so the rules are unit-tested directly.

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/**
 * Longer request targets are answered 414 (Node itself refuses headers over 16 KB with a 431).
 * 4 KB, not more: Next answers some addresses with a redirect that repeats the target, re-encoded
 * (a "%zz" becomes "%25zz"), in both Location and Refresh, and those two headers must stay under
 * the 16 KB that clients accept.
 */
export const MAX_URL_LENGTH = 4 * 1024;

export type EarlyAnswer = { status: number; headers: Record<string, string>; body: string };

export type Screened = { answer: EarlyAnswer } | { url: string };

/**
 * Addresses for machines, answered in the API's JSON error shape: the JSON API and the other
 * route handlers (feeds, exports, oEmbed, sitemap). /api itself is the human-readable page.
 */
export function isMachinePath(pathname: string): boolean {
  return pathname.startsWith("/api/") || /\.(xml|atom|json|csv|txt)$/.test(pathname);
}

/** The route handlers under /api/ (and their trailing-slash forms, which Next redirects). */
const API_ROUTES = /^\/api\/(v1(\/.*)?|auth\/.+|oembed\/?)$/;

/** Every machine address is read-only: it answers only these. */
export const READ_ONLY_METHODS = ["GET", "HEAD", "OPTIONS"] as const;

const TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Refused",
  405: "Method not allowed",
  414: "Address too long",
  431: "Request headers too large",
};

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A small self-contained answer: JSON in the API's shape for /api/*, a plain page otherwise. */
export function earlyAnswer(
  status: number,
  code: ApiErrorCode,
  message: string,
  api: boolean,
  extraHeaders: Record<string, string> = {},
): EarlyAnswer {
  const common = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    ...extraHeaders,
  };
  if (api) {
    return {
      status,
      headers: { ...common, "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
      body: JSON.stringify(errorBodyFor(code, message)),
    };
  }
  const title = TITLES[status] ?? "Error";
  const body =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${status} ${title} · Sourceline</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">` +
    `<main><h1>${title}</h1><p>${escapeText(message)}</p><p><a href="/">Go to the Sourceline home page</a></p></main></body></html>`;
  return { status, headers: { ...common, "Content-Type": "text/html; charset=utf-8" }, body };
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The request target to hand on to Next (a segment whose escapes do not decode is taken
 * literally: each of its "%" becomes "%25", so `/events/%zz` looks up the slug "%zz" and finds
 * nothing), or the answer to send instead.
 */
export function screenRequest(method: string | undefined, url: string | undefined): Screened {
  const target = url ?? "/";
  const q = target.indexOf("?");
  const path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? "" : target.slice(q);
  const api = isMachinePath(path);
  const allowed: readonly string[] = api ? READ_ONLY_METHODS : ALLOWED_METHODS;
  if (!allowed.includes(method ?? "")) {
    const allow = api ? READ_ONLY_METHODS.join(", ") : "GET, HEAD, POST";
    return {
      answer: earlyAnswer(405, "method_not_allowed", `This address does not answer ${String(method).slice(0, 20)} requests; use ${allow}.`, api, {
        Allow: allow,
      }),
    };
  }
  if (target.length > MAX_URL_LENGTH) {
    return { answer: earlyAnswer(414, "uri_too_long", `The address is longer than ${MAX_URL_LENGTH} characters.`, api) };
  }
  if (!path.startsWith("/")) return { url: target };
  // An address under /api/ that no route serves would get the HTML 404 page.
  if (path.startsWith("/api/") && path !== "/api/" && !API_ROUTES.test(path)) {
    return { answer: earlyAnswer(404, "not_found", "There is nothing at this address. The API is under /api/v1 (see /api/v1/openapi.json).", true) };
  }
  const segments = path.split("/").map((s) => (decodes(s) ? s : s.replace(/%/g, "%25")));
  if (segments.some((s) => CONTROL.test(decodeURIComponent(s)))) {
    return { answer: earlyAnswer(400, "invalid_path", "The address contains control characters.", api) };
  }
  return { url: segments.join("/") + query };
}

/** The answer to a request Node could not parse (see install-request-guard.ts), by its start. */
export function clientErrorAnswer(code: string | undefined, start: string): EarlyAnswer {
  const target = /^[!-~]+ (\/[^ ?]*)/.exec(start)?.[1] ?? "";
  const api = isMachinePath(target) || target.startsWith("/api/");
  if (code === "HPE_HEADER_OVERFLOW") {
    return earlyAnswer(431, "request_too_large", "The address or the request headers are too large (16 KB at most).", api);
  }
  return earlyAnswer(400, "bad_request", "The request could not be read.", api);
}
