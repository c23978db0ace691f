import { pageCacheSeconds } from "../cache/page-cache";
import { dataGeneration } from "../live/changes";

// Answers worth keeping between requests (a story's facet counts, its main claims): each kept
// until the data change (lib/live/changes.ts: an editor's save here, or on another instance over
// PostgreSQL) and for at most PAGE_CACHE_SECONDS, the window in which the page cache also shows
// other processes' changes. PAGE_CACHE_SECONDS=0 keeps nothing.

type Entry = { generation: number; storedAt: number; value: Promise<unknown> };

const KEY = Symbol.for("sourceline.reader-memo");
const MAX_ENTRIES = 1_000;

function entries(): Map<string, Entry> {
  const g = globalThis as typeof globalThis & { [KEY]?: Map<string, Entry> };
  g[KEY] ??= new Map();
  return g[KEY];
}

export function memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const ttl = pageCacheSeconds(process.env.PAGE_CACHE_SECONDS) * 1000;
  if (ttl === 0) return compute();
  const map = entries();
  const now = Date.now();
  const generation = dataGeneration();
  const found = map.get(key);
  if (found && found.generation === generation && now - found.storedAt < ttl) return found.value as Promise<T>;
  const value = compute();
  map.set(key, { generation, storedAt: now, value });
  // A failed computation is not kept.
  value.catch(() => {
    if (map.get(key)?.value === value) map.delete(key);
  });
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
  return value;
}
