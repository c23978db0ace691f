import { pageCacheSeconds } from "../cache/page-cache";
import { dataGeneration } from "../live/changes";

// Answers worth keeping between requests (a story's facet counts, its main claims): each kept
// until the data change (lib/live/changes.ts: an editor's save here, or on another instance over
// PostgreSQL) and for at most PAGE_CACHE_SECONDS, the window in which the page cache also shows
// other processes' changes. PAGE_CACHE_SECONDS=0 keeps nothing.

type Entry = { generation: number; storedAt: number; value: Promise<unknown>; settled: boolean; refreshing: boolean };

const KEY = Symbol.for("sourceline.reader-memo");
const MAX_ENTRIES = 1_000;

function entries(): Map<string, Entry> {
  const g = globalThis as typeof globalThis & { [KEY]?: Map<string, Entry> };
  g[KEY] ??= new Map();
  return g[KEY];
}

export type MemoOptions = {
  /**
   * What an outdated answer may still serve while a new one is computed in the background (the
   * first caller after it expires starts the computation; nobody waits for it):
   * - "expired": an answer past PAGE_CACHE_SECONDS, never one older than a data change.
   * Absent: an outdated answer is never served; the caller waits for the new one.
   */
  stale?: "expired";
};

function keep(map: Map<string, Entry>, key: string, generation: number, storedAt: number, value: Promise<unknown>): Entry {
  const entry: Entry = { generation, storedAt, value, settled: false, refreshing: false };
  map.set(key, entry);
  value.then(
    () => {
      entry.settled = true;
    },
    // A failed computation is not kept.
    () => {
      if (map.get(key) === entry) map.delete(key);
    },
  );
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return entry;
}

export function memo<T>(key: string, compute: () => Promise<T>, options: MemoOptions = {}): Promise<T> {
  const ttl = pageCacheSeconds(process.env.PAGE_CACHE_SECONDS) * 1000;
  if (ttl === 0) return compute();
  const map = entries();
  const now = Date.now();
  const generation = dataGeneration();
  const found = map.get(key);
  const current = found !== undefined && found.generation === generation;
  if (found && current && now - found.storedAt < ttl) return found.value as Promise<T>;
  const servable = found?.settled && options.stale === "expired" && current;
  if (found && servable) {
    if (!found.refreshing) {
      found.refreshing = true;
      const next = compute();
      next.then(
        () => void keep(map, key, generation, now, next),
        () => {
          found.refreshing = false;
        },
      );
    }
    return found.value as Promise<T>;
  }
  return keep(map, key, generation, now, compute()).value as Promise<T>;
}
