import "server-only";
import { getStoryBySlug } from "../stories/queries";
import { invalidParameter, notFoundError, toErrorResponse } from "../http/errors";
import { listStoryChangesSince, type LiveChange } from "./feed";
import { subscribe } from "./hub";

// GET /stories/<slug>/live: Server-Sent Events announcing what changes in a story while a reader
// has it open (new events, verdicts, corrections, retractions), each message's id the instant up
// to which it reports. A reader's browser reconnects by itself after a drop and sends the last id
// it got (Last-Event-ID); the first connection says where to start with ?since= (the instant its
// page was rendered). A comment line every HEARTBEAT keeps proxies from closing a quiet stream, and
// an `event: heartbeat` lets clients see the stream is alive.

/** Seconds between heartbeats (LIVE_HEARTBEAT_SECONDS, default 15). */
export function heartbeatSeconds(value = process.env.LIVE_HEARTBEAT_SECONDS): number {
  const n = value === undefined || value.trim() === "" ? 15 : Number(value);
  return Number.isFinite(n) && n >= 0.05 && n <= 3600 ? n : 15;
}

/** An instant from Last-Event-ID or ?since=: milliseconds since 1970, or an ISO 8601 instant. */
export function parseSince(raw: string | null): Date | null | "invalid" {
  if (raw === null || raw.trim() === "") return null;
  const value = raw.trim();
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) return "invalid";
  // Never ask for more than a day back, nor for the future.
  return new Date(Math.min(Date.now(), Math.max(ms, Date.now() - 86_400_000)));
}

const encoder = new TextEncoder();

function frame(message: { id?: number; event: string; data: unknown }): Uint8Array {
  return encoder.encode(`${message.id !== undefined ? `id: ${message.id}\n` : ""}event: ${message.event}\ndata: ${JSON.stringify(message.data)}\n\n`);
}

export async function liveResponse(request: Request, slug: string): Promise<Response> {
  try {
    const story = await getStoryBySlug(slug);
    if (!story) throw notFoundError("story");
    const url = new URL(request.url);
    const resumeFrom = request.headers.get("last-event-id");
    const since = parseSince(resumeFrom ?? url.searchParams.get("since"));
    if (since === "invalid") {
      throw invalidParameter(resumeFrom !== null ? "Last-Event-ID" : "since", "Give an instant: milliseconds since 1970 or an ISO 8601 date-time with its zone.");
    }
    const heartbeatMs = heartbeatSeconds() * 1000;
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        const send = (bytes: Uint8Array) => {
          if (closed) return;
          try {
            controller.enqueue(bytes);
          } catch {
            stop();
          }
        };
        const sendChanges = (id: number, changes: LiveChange[]) => send(frame({ id, event: "change", data: changes }));
        const unsubscribe = subscribe(story.id, (m) => sendChanges(m.id, m.changes));
        const timer = setInterval(() => send(encoder.encode(`: heartbeat\nevent: heartbeat\ndata: {}\n\n`)), heartbeatMs);
        stop = () => {
          if (closed) return;
          closed = true;
          clearInterval(timer);
          unsubscribe();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        request.signal.addEventListener("abort", () => stop());
        send(encoder.encode(`retry: 3000\n: connected\n\n`));
        // Catch up on what changed between the page (or the last message) and now.
        if (since) {
          const started = Date.now();
          listStoryChangesSince(story.id, since)
            .then((changes) => {
              if (changes.length > 0) sendChanges(started, changes);
            })
            .catch((error: unknown) => console.error(`Live: could not catch up on ${slug}:`, error));
        }
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        // no-transform: Next's compression would hold the stream back until it ends.
        "Cache-Control": "no-cache, no-store, no-transform",
        "X-Accel-Buffering": "no",
        Connection: "keep-alive",
      },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}
