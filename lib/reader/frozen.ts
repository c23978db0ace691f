// Server-rendered HTML that React renders without putting it in the page's RSC payload.
//
// A server component's output travels twice on a first page load: as HTML, and again inside the
// page as the RSC payload React hydrates from (for a timeline, about 1.6 times the HTML). Most of
// a timeline is static text: nothing on it needs React in the browser. So the server component
// builds that part as HTML (lib/reader/event-list-html.ts) and leaves it here, under a fresh key;
// the payload carries only the key, to components/reader/frozen-html.tsx, which takes the HTML
// back out while the same request's HTML is rendered (the RSC and the HTML renders share this
// process) and, in the browser, keeps whatever the server put in the page.
//
// An entry is taken once. A request that renders no HTML (a client-side navigation, a prefetch)
// never takes its entry: those expire.

type Entry = { html: string; at: number };

const KEY = Symbol.for("sourceline.frozen-html");
const EXPIRE_MS = 60_000;

function stash(): Map<string, Entry> {
  const g = globalThis as typeof globalThis & { [KEY]?: Map<string, Entry> };
  g[KEY] ??= new Map();
  return g[KEY];
}

/** Keeps html for this request's HTML render; returns its key. */
export function freeze(html: string): string {
  const map = stash();
  const now = Date.now();
  for (const [k, e] of map) {
    if (now - e.at < EXPIRE_MS) break;
    map.delete(k);
  }
  const key = crypto.randomUUID();
  map.set(key, { html, at: now });
  return key;
}

/** The html kept under key (once), or null. */
export function thaw(key: string): string | null {
  const map = stash();
  const entry = map.get(key);
  if (!entry) return null;
  map.delete(key);
  return entry.html;
}
