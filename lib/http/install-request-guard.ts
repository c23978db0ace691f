import http from "node:http";
import type { Socket } from "node:net";
import { readEnv } from "../env";
import { normaliseForwardedHeaders } from "./forwarded";
import { clientErrorAnswer, screenRequest, type EarlyAnswer } from "./request-guard";

// Puts lib/http/request-guard.ts and lib/http/forwarded.ts in front of Next's own request handling.
// `next start` owns its HTTP server and offers no hook before routing, and a request with a
// TRACE method or an undecodable path fails inside Next before any app code runs; so the
// server's "request" (and "clientError") events are screened here. instrumentation.ts installs
// this once per process. Next loads instrumentation.ts only after it starts listening; npm start
// preloads scripts/lib/hold-requests.mjs, which holds requests until this is installed, so that
// not even the first request gets past it.

const INSTALLED = Symbol.for("sourceline.requestGuardInstalled");
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

export function installRequestGuard(): void {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: boolean; [HOLD]?: Hold };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  const hops = readEnv().TRUSTED_PROXY_HOPS;
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
