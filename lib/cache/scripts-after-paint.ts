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
// at once; when no paint comes (a tab opened in the background), after FALLBACK_MS.
//
// Kept free of Next imports so unit tests can drive it.

/** When the scripts start if no paint has been reported by then (ms). */
export const FALLBACK_MS = 3_000;

/** Next's script tags: `<script src="/_next/static/…" async …></script>`, any attribute order. */
const SCRIPT_TAG = /<script\b([^>]*)><\/script>/g;
const SRC = /\bsrc="(\/_next\/static\/[^"<>]+)"/;
const ASYNC = /\basync(?:=""|(?=[\s>/]|$))/;
const NO_MODULE = /\bnomodule\b/i;

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
  const rest = html.replace(SCRIPT_TAG, (tag, attributes: string) => {
    const src = SRC.exec(attributes);
    if (!src || !ASYNC.test(attributes) || NO_MODULE.test(attributes)) return tag;
    if (!attributes.includes(`nonce="${nonce}"`)) return tag;
    sources.push(src[1]!);
    return "";
  });
  if (sources.length === 0) return html;
  const end = rest.indexOf("</head>");
  return rest.slice(0, end) + loaderScript(sources, nonce) + rest.slice(end);
}
