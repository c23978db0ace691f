import { NextResponse, type NextRequest } from "next/server";
import {
  CACHE_HEADER,
  FILL_NONCE_HEADER,
  FILL_TOKEN_HEADER,
  fillToken,
  headersToCache,
  isCacheableRequest,
  pageCache,
  PRIVATE_CACHE_CONTROL,
  storedAnswer,
  type CachedPage,
  type PageCache,
} from "./lib/cache/page-cache";
import { PAGE_FILL_USER_AGENT } from "./lib/cache/fill-agent";
import { withReaderScript } from "./lib/cache/reader-script";
import { earlyAnswer, isMachinePath } from "./lib/http/request-guard";
import { securityHeaders } from "./lib/security/headers";
import { isCrossOriginWrite } from "./lib/security/origin";

// Next 16's proxy (formerly middleware): a fresh CSP nonce per request. Next reads the policy from
// the request headers and puts the nonce on its own scripts; the same policy goes on the response
// with the other security headers. /embed/* and /api/oembed may be framed by any site; nothing
// else may be framed.
//
// A write (a server action's POST) from another site is refused here with a 403, and a form post
// whose body does not parse with a 400 (Next answers both with a 500). Forwarded
// headers reach this point already screened (lib/http/forwarded.ts), so x-forwarded-proto and
// -host are the client's only when a trusted proxy said so.
//
// Readers' pages are answered from lib/cache/page-cache.ts when they can be: a miss renders the
// page once through a loopback request (marked with this process's fill token, so it passes
// straight through) and keeps the bytes. A stored page is served as rendered, with the policy
// naming the nonce it was rendered with, as public: a shared cache in front (nginx, a CDN) may
// keep it for what is left of its age here, and a client holding it gets a 304.

const newNonce = () => Buffer.from(crypto.randomUUID()).toString("base64");

export async function proxy(request: NextRequest) {
  const fill = request.headers.get(FILL_TOKEN_HEADER);
  const isFill = fill !== null && fill === fillToken();
  // A fill renders with the nonce its reader will get; anything else gets a fresh one.
  const nonce = (isFill && request.headers.get(FILL_NONCE_HEADER)) || newNonce();
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? request.nextUrl.protocol.replace(":", "");
  const headers = securityHeaders(request.nextUrl.pathname, nonce, {
    secure: proto === "https",
    dev: process.env.NODE_ENV === "development",
  });

  if (!isMachinePath(request.nextUrl.pathname)) {
    const refusal = isCrossOriginWrite(request.method, request.headers)
      ? earlyAnswer(403, "forbidden", "Requests from other sites cannot change anything here.", false)
      : (await hasUnreadableForm(request))
        ? earlyAnswer(400, "bad_request", "The form data sent could not be read.", false)
        : null;
    if (refusal) {
      const response = new NextResponse(refusal.body, { status: refusal.status, headers: refusal.headers });
      for (const [name, value] of headers) if (name !== "Content-Security-Policy") response.headers.set(name, value);
      return response;
    }
  }

  const cache = process.env.NODE_ENV === "production" ? pageCache() : null;
  if (cache && !isFill && isCacheableRequest(request.method, request.nextUrl.pathname, request.headers)) {
    const served = await fromCache(cache, request, nonce);
    if (served) {
      // A stored page is served with the policy naming the nonce it was rendered with.
      const pageHeaders = served.nonce === nonce ? headers : securityHeaders(request.nextUrl.pathname, served.nonce, { secure: proto === "https", dev: false });
      for (const [name, value] of pageHeaders) {
        // A 304 carries no policy: the client keeps the one stored with its copy of the page.
        if (served.response.status === 304 && name === "Content-Security-Policy") continue;
        served.response.headers.set(name, value);
      }
      return served.response;
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(FILL_TOKEN_HEADER);
  requestHeaders.delete(FILL_NONCE_HEADER);
  requestHeaders.set("x-nonce", nonce);
  for (const [name, value] of headers) if (name === "Content-Security-Policy") requestHeaders.set(name, value);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

/**
 * A form post (a server action without JavaScript) whose body does not parse: Next would fail on
 * it with a 500, so it is answered with a 400 here. Next keeps the body for the page to read.
 */
async function hasUnreadableForm(request: NextRequest): Promise<boolean> {
  if (request.method !== "POST") return false;
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(request.headers.get("content-type") ?? "")) return false;
  try {
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}

type Served = { response: NextResponse; nonce: string };

/** The page from the cache, rendering it first on a miss; null to let Next render it here. */
async function fromCache(cache: PageCache, request: NextRequest, nonce: string): Promise<Served | null> {
  const key = request.nextUrl.pathname + request.nextUrl.search;
  const hit = cache.get(key);
  if (hit) return storedResponse(cache, hit, request, "hit");

  const mine: { served?: Served } = {};
  const fill = cache.fillOnce(key, async () => {
    const generation = cache.generation;
    const renderedAt = Date.now();
    const response = await renderForCache(key, nonce);
    if (!response) return;
    const type = response.headers.get("content-type") ?? "";
    if (response.status >= 300 && response.status < 400) {
      // Next answers this reader itself (its Location must name the public origin, not loopback).
      await response.body?.cancel();
      return;
    }
    const rendered = Buffer.from(await response.arrayBuffer());
    // A stored page runs its own script, not Next's (lib/cache/reader-script.ts).
    const body = response.status === 200 && type.startsWith("text/html") ? Buffer.from(withReaderScript(rendered.toString("utf8"), nonce)) : rendered;
    const keep = headersToCache(response.headers);
    if (response.status === 200 && type.startsWith("text/html") && !response.headers.has("set-cookie")) {
      if (cache.set(key, { body, headers: keep }, nonce, generation, renderedAt)) {
        const stored = cache.get(key);
        if (stored) {
          mine.served = storedResponse(cache, stored, request, "miss");
          return;
        }
      }
    }
    // The reader who asked gets this render whatever its status (a 404 page, say): it already
    // carries their nonce. It was not stored, so no one else may keep it either.
    const own = new NextResponse(new Uint8Array(body), { status: response.status });
    for (const [name, value] of keep) own.headers.set(name, value);
    own.headers.set("Cache-Control", PRIVATE_CACHE_CONTROL);
    own.headers.set(CACHE_HEADER, "miss");
    mine.served = { response: own, nonce };
  });
  try {
    await fill;
  } catch (error) {
    // A render cut off half-way: nothing is stored, and Next renders the page for this reader.
    console.error(`Page cache: could not read the render of ${key}:`, error);
    return null;
  }
  if (mine.served) return mine.served;
  // Someone else's fill, now stored (or not storable: then Next renders it for this reader).
  const filled = cache.get(key);
  return filled ? storedResponse(cache, filled, request, "hit") : null;
}

/** A stored page as a public response, or a 304 when the client already holds these bytes. */
function storedResponse(cache: PageCache, page: CachedPage, request: NextRequest, state: "hit" | "miss"): Served {
  const answer = storedAnswer(cache, page, request.headers, state);
  const response = new NextResponse(answer.body ? new Uint8Array(answer.body) : null, { status: answer.status });
  for (const [name, value] of answer.headers) response.headers.set(name, value);
  return { response, nonce: page.nonce };
}

async function renderForCache(key: string, nonce: string): Promise<Response | null> {
  // start-server.js records the address it listens on; the loopback fallback covers `-p` alone.
  const origin = process.env.__NEXT_PRIVATE_ORIGIN || `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
  try {
    return await fetch(new URL(key, origin), {
      headers: {
        [FILL_TOKEN_HEADER]: fillToken(),
        [FILL_NONCE_HEADER]: nonce,
        "user-agent": PAGE_FILL_USER_AGENT,
        accept: "text/html",
        "accept-encoding": "identity",
      },
      redirect: "manual",
      cache: "no-store",
    });
  } catch (error) {
    console.error(`Page cache: could not render ${key} through ${origin}:`, error);
    return null;
  }
}

export const config = {
  matcher: [
    // Everything but static build assets (the favicon gets the security headers too).
    { source: "/((?!_next/static|_next/image).*)" },
  ],
};
