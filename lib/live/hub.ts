import "server-only";
import { onDataChanged } from "./changes";
import { listStoryChangesSince, type LiveChange } from "./feed";

// The live streams of this process, one hub per story: however many readers have a story open,
// a change costs one read of what changed (lib/live/feed.ts), sent to each of them. The hubs hear
// of changes from lib/live/changes.ts: an editor's save in this process, or (PostgreSQL) on
// another instance.

export type LiveMessage = { id: number; changes: LiveChange[] };
type Subscriber = (message: LiveMessage) => void;

class StoryHub {
  readonly subscribers = new Set<Subscriber>();
  /** Everything recorded up to this instant (ms) has been read and sent. */
  watermark: number;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(readonly storyId: string) {
    this.watermark = Date.now();
  }

  /** Reads what changed since the watermark and sends it; a change heard meanwhile reads again. */
  poll(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        const started = Date.now();
        try {
          const changes = await listStoryChangesSince(this.storyId, new Date(this.watermark));
          this.watermark = started;
          if (changes.length > 0) {
            const message = { id: started, changes };
            for (const s of [...this.subscribers]) s(message);
          }
        } catch (error) {
          console.error(`Live: could not read the changes of story ${this.storyId}:`, error);
        }
      } while (this.again);
      this.running = null;
    })();
    return this.running;
  }
}

type Shared = { hubs: Map<string, StoryHub>; listening: boolean; streams: number };
const KEY = Symbol.for("sourceline.live-hubs");

function shared(): Shared {
  const g = globalThis as typeof globalThis & { [KEY]?: Shared };
  g[KEY] ??= { hubs: new Map(), listening: false, streams: 0 };
  const s = g[KEY];
  if (!s.listening) {
    s.listening = true;
    onDataChanged(() => {
      for (const hub of s.hubs.values()) void hub.poll();
    });
  }
  return s;
}

/** Sends `subscriber` every change to the story from now on; returns a function that stops it. */
export function subscribe(storyId: string, subscriber: Subscriber): () => void {
  const s = shared();
  let hub = s.hubs.get(storyId);
  if (!hub) s.hubs.set(storyId, (hub = new StoryHub(storyId)));
  hub.subscribers.add(subscriber);
  s.streams += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    s.streams -= 1;
    hub.subscribers.delete(subscriber);
    if (hub.subscribers.size === 0) s.hubs.delete(storyId);
  };
}

/** How many live streams this process holds open. */
export function openStreams(): number {
  return shared().streams;
}
