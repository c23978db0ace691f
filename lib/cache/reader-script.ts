import { enhanceReaderPage } from "../reader/enhance";
import { isNewSince } from "../reader/since-visit";

// A reader's page from the page cache carries no framework: only its own small script.
//
// Every page the cache keeps (lib/cache/page-cache.ts, isCacheablePath) is a reader's page,
// rendered on the server and complete without JavaScript: links, GET forms, pages of events. Its
// events and filter form are static HTML (lib/reader/frozen.ts), and what it does with JavaScript
// is one function, lib/reader/enhance.ts. Next would still send React, its router and the page's
// payload (about 140 KB gzipped, parsed and run on every visit) to hydrate a tree that has
// nothing left to do. On a phone that work is what stood between the text and the reader: total
// blocking time, and a first paint waiting behind the scripts.
//
// So the cache stores each page with Next's scripts taken out (its script files, their preloads,
// its inline payload and bootstrap) and the enhancement script, inline under the page's nonce, put
// at the end of the body. Any other script stays (the JSON-LD of an event, say).
//
// What it trades: a link on a cached page loads a document instead of a client-side navigation
// (the pages are cached, and the back/forward cache keeps them). A page Next renders for one
// reader (signed in, or not cacheable) keeps the framework: components/reader/reader-enhancements.tsx
// runs the same function after hydration. So a client component added to a reader's page would
// not run on the cached copy: what a reader's page does in the browser belongs in enhance.ts.
//
// Kept free of Next imports so unit tests can drive it.

/** The page's script: the enhancement function's own source, called with the rule it needs. */
export const READER_SCRIPT = `(${enhanceReaderPage.toString()})(${isNewSince.toString()});`;

/** `<script …>…</script>` (React escapes "</script" inside inline scripts) and `<link …/>`. */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const LINK_TAG = /<link\b([^>]*)\/?>/g;
/** One attribute: a name, and its double-quoted value if it has one (React writes no other kind). */
const ATTRIBUTE = /([^\s"'=<>/]+)(?:="([^"]*)")?/g;
/** Next's script files: this app sets no `basePath` or `assetPrefix`, which would move them. */
const NEXT_FILE = /^\/_next\/static\/[^"<>]+$/;
/** Next's inline scripts: the payload (`self.__next_f`) and the bundler's bootstrap. */
const NEXT_INLINE = /^\s*\(?\s*(self\.__next_f\b|\(?globalThis\["TURBOPACK"\])/;

/** A tag's attributes, by lower-case name; a value inside quotes is never read as a name. */
function attributesOf(text: string): Map<string, string> {
  return new Map([...text.matchAll(ATTRIBUTE)].map((m) => [m[1]!.toLowerCase(), m[2] ?? ""]));
}

/**
 * Whether the script can be sent inline: code cannot be escaped the way a string can, so nothing
 * in it may end its element early. Checked once; the unit tests hold it true. Were it ever false,
 * pages would keep Next's scripts rather than break.
 */
export const READER_SCRIPT_INLINABLE = !/<\/script|<!--/i.test(READER_SCRIPT);

/** The page's script as an element. */
export function readerScriptTag(nonce: string): string {
  return `<script nonce="${nonce}">${READER_SCRIPT}</script>`;
}

/**
 * The page without Next's scripts, with the reader's script at the end of its body. Returned as
 * it was when it has no body, when `nonce` is not one the policy could name, or when it has no
 * script of Next's carrying that nonce (it was not rendered for this fill).
 */
export function withReaderScript(html: string, nonce: string): string {
  if (!READER_SCRIPT_INLINABLE || !/^[A-Za-z0-9+/=_-]+$/.test(nonce) || html.lastIndexOf("</body>") < 0) return html;
  const dropped = new Set<string>();
  let found = false;
  const lean = html.replace(SCRIPT, (tag, text: string, body: string) => {
    const a = attributesOf(text);
    if (a.get("nonce") !== nonce) return tag;
    const src = a.get("src");
    const isNext = src !== undefined ? NEXT_FILE.test(src) : NEXT_INLINE.test(body);
    if (!isNext) return tag;
    found = true;
    if (src) dropped.add(src);
    return "";
  });
  if (!found) return html;
  // Next's preloads of its scripts go too: they would fetch what no longer runs.
  const unloaded = lean.replace(LINK_TAG, (tag, text: string) => {
    const a = attributesOf(text);
    const rel = a.get("rel");
    const href = a.get("href") ?? "";
    return ((rel === "preload" && a.get("as") === "script") || rel === "modulepreload") && (dropped.has(href) || NEXT_FILE.test(href)) ? "" : tag;
  });
  const end = unloaded.lastIndexOf("</body>");
  return unloaded.slice(0, end) + readerScriptTag(nonce) + unloaded.slice(end);
}
