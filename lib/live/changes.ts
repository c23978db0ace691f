// One signal for "the public data changed": an editor's save in this process, or (on PostgreSQL)
// in another instance, heard over LISTEN/NOTIFY (lib/live/notify.ts). Whoever keeps something
// derived from the data in memory listens here: the page cache (emptied), the reader's memos
// (forgotten) and the live streams (lib/live/hub.ts, which then read what changed).
//
// proxy.ts, route handlers, server actions and instrumentation.ts are separate bundles in one
// process, so the state lives on globalThis. Kept free of Next imports.

export type ChangeOrigin = "local" | "remote";
type Listener = (origin: ChangeOrigin) => void;

type Shared = { generation: number; listeners: Set<Listener> };

const KEY = Symbol.for("sourceline.data-changes");

function shared(): Shared {
  const g = globalThis as typeof globalThis & { [KEY]?: Shared };
  g[KEY] ??= { generation: 0, listeners: new Set() };
  return g[KEY];
}

/** Bumped by every change this process hears of. */
export function dataGeneration(): number {
  return shared().generation;
}

/** Calls listener after every change; returns a function that stops it. */
export function onDataChanged(listener: Listener): () => void {
  const s = shared();
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

/** Tells every listener in this process that the data changed. */
export function dataChanged(origin: ChangeOrigin): void {
  const s = shared();
  s.generation += 1;
  for (const listener of [...s.listeners]) {
    try {
      listener(origin);
    } catch (error) {
      console.error("A data-change listener failed:", error);
    }
  }
}
