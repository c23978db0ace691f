// A reader's page starts Next's scripts after its first contentful paint.
//
// Every public page is rendered on the server and works without JavaScript (forms, links,
// pagination). Next puts its scripts (about 140 KB gzipped: React, the router, the page's client
// parts) in the head as async scripts, so on a fast connection they arrive, and run, before the
// browser has painted anything: on a slow phone the first paint then waits behind them, for
// bandwidth and for the processor. The page cache (proxy.ts) stores each page with those script
// tags taken out and one small loader in their place, carrying the page's nonce: once the browser
// reports the first contentful paint (a PerformanceObserver on "paint"), the loader adds the same
// scripts, which the policy's 'strict-dynamic' lets run. What it trades: the interactive parts
// (live updates, the since-last-visit marks, the filter bar applying at once) start a moment
// later, after the text is on screen. Where the browser does not report paints, the scripts start
// at once; when no paint comes (a tab opened in the background, an embed out of view), after
// FALLBACK_MS (not at the load event, which can come before the paint is reported). Next's
// preloads of those scripts are taken out too.
//
// Kept free of Next imports so unit tests can drive it.

/** When the scripts start if no paint has been reported by then (ms). */
export const FALLBACK_MS = 3_000;

/** Script and link tags: `<script …></script>`, `<link …/>`. */
const SCRIPT_TAG = /<script\b([^>]*)><\/script>/g;
const LINK_TAG = /<link\b([^>]*)\/?>/g;
/** One attribute: a name, and its double-quoted value if it has one (React writes no other kind). */
const ATTRIBUTE = /([^\s"'=<>/]+)(?:="([^"]*)")?/g;
const NEXT_STATIC = /^\/_next\/static\/[^"<>]+$/;

/** A tag's attributes, by lower-case name; a value inside quotes is never read as a name. */
function attributesOf(text: string): Map<string, string> {
  return new Map([...text.matchAll(ATTRIBUTE)].map((m) => [m[1]!.toLowerCase(), m[2] ?? ""]));
}

/** The loader, as an inline script: starts `sources` once the first contentful paint is reported. */
export function loaderScript(sources: readonly string[], nonce: string): string {
  // JSON is valid JavaScript; "<" is escaped so that no source can close the script element.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
  const code = `(function(){var s=${json(sources)},n=${json(nonce)},d=false;
function go(){if(d)return;d=true;for(var i=0;i<s.length;i++){var e=document.createElement("script");e.src=s[i];e.async=true;e.nonce=n;document.head.appendChild(e);}}
var P=window.PerformanceObserver;
if(!P||!P.supportedEntryTypes||P.supportedEntryTypes.indexOf("paint")<0){go();return;}
new P(function(l,o){if(l.getEntries().some(function(x){return x.name==="first-contentful-paint";})){o.disconnect();setTimeout(go,0);}}).observe({type:"paint",buffered:true});
setTimeout(go,${FALLBACK_MS});})();`;
  return `<script nonce="${nonce}">${code}</script>`;
}

/**
 * The page with Next's async script tags taken out and the loader put at the end of its head. The
 * page is returned as it was when it has no such script or no head, or when `nonce` is not the
 * one its scripts carry (the loader must be allowed by the same policy).
 */
export function scriptsAfterFirstPaint(html: string, nonce: string): string {
  const head = html.indexOf("</head>");
  if (head < 0 || !/^[A-Za-z0-9+/=_-]+$/.test(nonce)) return html;
  const sources: string[] = [];
  const rest = html.replace(SCRIPT_TAG, (tag, text: string) => {
    const a = attributesOf(text);
    const src = a.get("src");
    if (!src || !NEXT_STATIC.test(src) || !a.has("async") || a.has("nomodule") || a.get("nonce") !== nonce) return tag;
    sources.push(src);
    return "";
  });
  if (sources.length === 0) return html;
  // Next's preloads of the same scripts go too: they would fetch them before the paint.
  const moved = new Set(sources);
  const lean = rest.replace(LINK_TAG, (tag, text: string) => {
    const a = attributesOf(text);
    return a.get("rel") === "preload" && a.get("as") === "script" && moved.has(a.get("href") ?? "") ? "" : tag;
  });
  const end = lean.indexOf("</head>");
  return lean.slice(0, end) + loaderScript(sources, nonce) + lean.slice(end);
}
