import http from "node:http";
import type { Socket } from "node:net";
import { readEnv } from "../env";
import { acceptsGzip, fillToken, FILL_TOKEN_HEADER, gzippedBody, isCacheablePath, isCacheableRequest, pageCache, storedAnswer } from "../cache/page-cache";
import { EVERY_RESPONSE_HEADERS, securityHeaders } from "../security/headers";
import { AdmissionGate, EXPORT_ADMISSION, admissionOptionsFrom, isExportPath, isLivePath, isStaticPath } from "./admission";
import { normaliseForwardedHeaders } from "./forwarded";
import { clientErrorAnswer, earlyAnswer, isMachinePath, screenRequest, type EarlyAnswer } from "./request-guard";

// Puts lib/http/request-guard.ts and lib/http/forwarded.ts in front of Next's own request handling.
// `next start` owns its HTTP server and offers no hook before routing, and a request with a
// TRACE method or an undecodable path fails inside Next before any app code runs; so the
// server's "request" (and "clientError") events are screened here. instrumentation.ts installs
// this once per process. Next loads instrumentation.ts only after it starts listening; npm start
// preloads scripts/lib/hold-requests.mjs, which holds requests until this is installed, so that
// not even the first request gets past it.
//
// It also admits renders (lib/http/admission.ts): a request that will make Next render (a page
// not in the page cache, an RSC payload, the API, a feed) waits for one of a few places, in a
// bounded queue, or is answered 503 with Retry-After at once. Build assets, pages the cache will
// answer, the cache's own fill requests and form posts pass straight through; story downloads
// have their own limit.
//
// A page the cache already holds is answered here (serveStored), exactly as proxy.ts would answer
// it, without Next: through Next's proxy a hit cost a request and a response object, a copy of
// the page and a gzip of it per request (295 pages/s where a plain Node server sends 2,809).

const INSTALLED = Symbol.for("sourceline.requestGuardInstalled");
/** The admission gates, for the benchmark's and tests' inspection. */
const GATES = Symbol.for("sourceline.admissionGates");
/** Set by scripts/lib/hold-requests.mjs when preloaded: requests held until the guard is here. */
const HOLD = Symbol.for("sourceline.requestHold");

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
type Hold = { original: Emit; install(guard: Emit): void };

function send(res: http.ServerResponse, answer: EarlyAnswer, head: boolean): void {
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": String(Buffer.byteLength(answer.body)) });
  res.end(head ? undefined : answer.body);
}

function rawResponse(answer: EarlyAnswer): string {
  const reason = http.STATUS_CODES[answer.status] ?? "Error";
  const headers = { ...answer.headers, "Content-Length": String(Buffer.byteLength(answer.body)), Connection: "close" };
  return `HTTP/1.1 ${answer.status} ${reason}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n")}\r\n\r\n${answer.body}`;
}

type Gates = { renders: AdmissionGate; exports: AdmissionGate };

/**
 * The request's headers as the cache's rules read them, when the cache may answer or hold it: a
 * reader's GET for a cacheable page, in production. Null for everything else (tested on the path
 * first, so a request for anything else costs no copy of its headers).
 */
function cacheableHeaders(req: http.IncomingMessage, pathname: string): Headers | null {
  if (process.env.NODE_ENV !== "production" || req.method !== "GET" || !isCacheablePath(pathname)) return null;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return isCacheableRequest("GET", pathname, headers) ? headers : null;
}

/**
 * Answers a reader's request for a page the cache holds, as proxy.ts would (storedAnswer, the
 * security headers naming the page's own nonce, no policy on a 304), gzipped when the browser
 * accepts it as Next would have. False when the page is not stored: Next answers (and fills).
 */
function serveStored(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, headers: Headers): boolean {
  if (headers.get(FILL_TOKEN_HEADER) !== null) return false;
  const cache = pageCache();
  const page = cache?.get(req.url ?? "/");
  if (!cache || !page) return false;
  const answer = storedAnswer(cache, page, headers, "hit");
  const out = new Map<string, string>();
  for (const [name, value] of EVERY_RESPONSE_HEADERS) out.set(name.toLowerCase(), value);
  for (const [name, value] of answer.headers) out.set(name.toLowerCase(), value);
  const secure = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  for (const [name, value] of securityHeaders(pathname, page.nonce, { secure })) {
    if (answer.status !== 304 || name !== "Content-Security-Policy") out.set(name.toLowerCase(), value);
  }
  const vary = out.get("vary");
  if (!vary) out.set("vary", "Accept-Encoding");
  else if (!/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) out.set("vary", `${vary}, Accept-Encoding`);
  let body = answer.body;
  if (body && acceptsGzip(headers.get("accept-encoding") ?? undefined)) {
    body = gzippedBody(page);
    out.set("content-encoding", "gzip");
  }
  if (body) out.set("content-length", String(body.length));
  res.writeHead(answer.status, Object.fromEntries(out));
  res.end(body ?? undefined);
  return true;
}

/** Which gate, if any, holds this request (`cacheable`: its headers when the cache may hold it). */
function gateFor(req: http.IncomingMessage, gates: Gates, pathname: string, cacheable: Headers | null): AdmissionGate | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (isStaticPath(pathname) || isLivePath(pathname)) return null;
  if (isExportPath(pathname)) return gates.exports;
  // The page cache's own render: its reader already holds a place.
  if (req.headers[FILL_TOKEN_HEADER] === fillToken()) return null;
  // A page the cache is filling (its reader holds the place) is answered from memory: no wait.
  if (cacheable && pageCache()?.isWarm(req.url ?? "/")) return null;
  return gates.renders;
}

function busyAnswer(pathname: string, retryAfterSeconds: number): EarlyAnswer {
  return earlyAnswer(
    503,
    "service_unavailable",
    `Too many pages are being prepared right now. Please try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
    isMachinePath(pathname),
    { "Retry-After": String(retryAfterSeconds) },
  );
}

/** Holds req until its gate admits it, or answers 503; the place is given back when res closes. */
function admitted(gate: AdmissionGate, req: http.IncomingMessage, res: http.ServerResponse, go: () => void): void {
  const { outcome, abandon } = gate.admit();
  res.once("close", abandon);
  void outcome.then((o) => {
    res.off("close", abandon);
    if (!o.admitted) {
      if (!res.headersSent && !res.destroyed) send(res, busyAnswer((req.url ?? "/").split("?")[0]!, o.retryAfterSeconds), req.method === "HEAD");
      return;
    }
    if (res.destroyed || res.writableEnded) {
      o.release();
      return;
    }
    res.once("close", o.release);
    go();
  });
}

export function installRequestGuard(): void {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: boolean; [HOLD]?: Hold };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const hops = readEnv().TRUSTED_PROXY_HOPS;
  const gates: Gates = {
    renders: new AdmissionGate(admissionOptionsFrom(process.env)),
    exports: new AdmissionGate(EXPORT_ADMISSION),
  };
  (globalThis as typeof globalThis & { [GATES]?: Gates })[GATES] = gates;
  const hold = g[HOLD];
  const original = hold?.original ?? (http.Server.prototype.emit as Emit);
  const guarded: Emit = function (event, ...args) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const screened = screenRequest(req.method, req.url);
      if ("answer" in screened) {
        send(res, screened.answer, req.method === "HEAD");
        return true;
      }
      req.url = screened.url;
      normaliseForwardedHeaders(req.headers, req.socket.remoteAddress, hops);
      const pathname = screened.url.split("?")[0]!;
      const cacheable = cacheableHeaders(req, pathname);
      if (cacheable && serveStored(req, res, pathname, cacheable)) return true;
      const gate = gateFor(req, gates, pathname, cacheable);
      if (gate) {
        admitted(gate, req, res, () => original.call(this, event, ...args));
        return true;
      }
    } else if (event === "clientError") {
      const [error, socket] = args as [Error & { code?: string; rawPacket?: Buffer }, Socket];
      // A timeout keeps Node's own answer (408); everything else gets a readable one.
      if (error.code !== "ERR_HTTP_REQUEST_TIMEOUT" && socket.writable && socket.bytesWritten === 0) {
        const start = error.rawPacket ? error.rawPacket.subarray(0, 16 * 1024).toString("latin1").split("\r\n", 1)[0]! : "";
        socket.end(rawResponse(clientErrorAnswer(error.code, start)), () => socket.destroy());
        return true;
      }
    }
    return original.call(this, event, ...args);
  };
  if (hold) hold.install(guarded);
  else http.Server.prototype.emit = guarded as typeof http.Server.prototype.emit;
}
