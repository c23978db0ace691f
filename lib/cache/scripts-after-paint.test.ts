import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { FALLBACK_MS, loaderScript, scriptsAfterFirstPaint } from "./scripts-after-paint";

// Next's scripts on a reader's page start after the first contentful paint
// (lib/cache/scripts-after-paint.ts). The page is Next's own markup, in the shape Next 16 writes it.

const N = "ODgwZDU5ZWQtYjg5Yi00YmQ0LTg3ZDAtYTIyODUzMTY2YjI2";
const page = [
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>`,
  `<link rel="stylesheet" href="/_next/static/chunks/0y9f.css" nonce="${N}" data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" nonce="${N}" href="/_next/static/chunks/main.js"/>`,
  `<link rel="preload" as="font" href="/_next/static/media/serif.woff2"/>`,
  `<script data-src="/_next/static/chunks/lazy.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/blocking.js" data-x="not async here" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/a.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/turbopack-b.js" async="" nonce="${N}"></script>`,
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${N}"></script>`,
  `<script src="/elsewhere.js" async="" nonce="${N}"></script>`,
  `<title>Story</title></head><body><main><h1>Story</h1><p>script src="/_next/static/x.js" async</p></main>`,
  `<script src="/_next/static/chunks/main.js" nonce="${N}" async=""></script>`,
  `<script nonce="${N}">(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script nonce="${N}">self.__next_f.push([1,"<script src=\\"/_next/static/chunks/c.js\\" async=\\"\\"></script>"])</script>`,
  `</body></html>`,
].join("");

/** Runs a loader in a bare context with the browser APIs it uses, on a hand-moved clock. */
function runLoader(html: string, options: { paint: boolean }) {
  const code = /<script nonce="[^"]+">(\(function\(\)\{var s=[\s\S]*?)<\/script><\/head>/.exec(html)?.[1];
  if (!code) throw new Error("no loader in the page");
  const added: { src: string; async: boolean; nonce: string }[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let observer: ((list: { getEntries(): { name: string }[] }, o: { disconnect(): void }) => void) | null = null;
  let disconnected = false;
  class FakeObserver {
    static supportedEntryTypes = options.paint ? ["paint", "resource"] : ["resource"];
    constructor(callback: typeof observer) {
      observer = callback;
    }
    observe(init: { type: string; buffered: boolean }) {
      expect(init).toEqual({ type: "paint", buffered: true });
    }
  }
  const context = {
    window: { PerformanceObserver: FakeObserver },
    document: {
      createElement: () => ({ src: "", async: false, nonce: "" }),
      head: { appendChild: (e: { src: string; async: boolean; nonce: string }) => added.push({ ...e }) },
    },
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
  };
  vm.runInNewContext(code, context);
  return {
    added,
    paint(name: string) {
      observer?.({ getEntries: () => [{ name }] }, { disconnect: () => (disconnected = true) });
    },
    /** Runs the timers set to fire within `ms`. */
    runTimers(ms: number) {
      for (const t of timers.filter((t) => t.ms <= ms)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
    get disconnected() {
      return disconnected;
    },
  };
}

describe("scriptsAfterFirstPaint", () => {
  it("takes Next's async scripts out, in document order, and puts one loader with the page's nonce at the end of the head", () => {
    const out = scriptsAfterFirstPaint(page, N);
    expect(out).not.toMatch(/<script src="\/_next\/static\/chunks\/(a|turbopack-b|main)\.js"/);
    expect(out).toContain(`<script nonce="${N}">(function(){var s=["/_next/static/chunks/a.js","/_next/static/chunks/turbopack-b.js","/_next/static/chunks/main.js"]`);
    expect(out.indexOf(`<script nonce="${N}">(function(){`)).toBeLessThan(out.indexOf("</head>"));
    // Left as they were: the old browsers' polyfills, scripts from elsewhere, inline scripts and
    // their payload, text, the stylesheet and the preload.
    for (const kept of [
      `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${N}"></script>`,
      `<script src="/elsewhere.js" async="" nonce="${N}"></script>`,
      `<p>script src="/_next/static/x.js" async</p>`,
      `<script nonce="${N}">(self.__next_f=self.__next_f||[]).push([0])</script>`,
      `<script src=\\"/_next/static/chunks/c.js\\" async=\\"\\"></script>`,
      `<link rel="preload" as="font" href="/_next/static/media/serif.woff2"/>`,
      `<script data-src="/_next/static/chunks/lazy.js" async="" nonce="${N}"></script>`,
      `<script src="/_next/static/chunks/blocking.js" data-x="not async here" nonce="${N}"></script>`,
    ]) {
      expect(out).toContain(kept);
    }
    // Next's preload of a moved script would fetch it before the paint.
    expect(out).not.toContain(`href="/_next/static/chunks/main.js"`);
  });

  it("leaves a page as it is without such scripts, without a head, or when the nonce is not the scripts' own", () => {
    const bare = `<!DOCTYPE html><html><head><title>x</title></head><body>text</body></html>`;
    expect(scriptsAfterFirstPaint(bare, N)).toBe(bare);
    expect(scriptsAfterFirstPaint(page.replace("</head>", ""), N)).toBe(page.replace("</head>", ""));
    expect(scriptsAfterFirstPaint(page, "another")).toBe(page);
    expect(scriptsAfterFirstPaint(page, `${N}" onload="x`)).toBe(page);
  });

  it("writes sources so that none can end the loader's script element", () => {
    expect(loaderScript(["/_next/static/</script><script>alert(1)</script>"], N)).not.toContain("</script><script>alert");
  });
});

describe("the loader", () => {
  it("adds the scripts, with the nonce, once the first contentful paint is reported, and once only", () => {
    const loader = runLoader(scriptsAfterFirstPaint(page, N), { paint: true });
    expect(loader.added).toEqual([]);
    loader.paint("first-paint");
    loader.runTimers(100);
    // The first paint of a background is not the first contentful paint.
    expect(loader.added).toEqual([]);
    loader.paint("first-contentful-paint");
    expect(loader.disconnected).toBe(true);
    loader.runTimers(0);
    expect(loader.added).toEqual([
      { src: "/_next/static/chunks/a.js", async: true, nonce: N },
      { src: "/_next/static/chunks/turbopack-b.js", async: true, nonce: N },
      { src: "/_next/static/chunks/main.js", async: true, nonce: N },
    ]);
    loader.runTimers(FALLBACK_MS);
    expect(loader.added).toHaveLength(3);
  });

  it(`adds them after ${FALLBACK_MS} ms when no paint comes, and at once where paints are not reported`, () => {
    const hidden = runLoader(scriptsAfterFirstPaint(page, N), { paint: true });
    hidden.runTimers(FALLBACK_MS - 1);
    expect(hidden.added).toHaveLength(0);
    hidden.runTimers(FALLBACK_MS);
    expect(hidden.added).toHaveLength(3);
    hidden.paint("first-contentful-paint");
    hidden.runTimers(FALLBACK_MS);
    expect(hidden.added).toHaveLength(3);
    const older = runLoader(scriptsAfterFirstPaint(page, N), { paint: false });
    expect(older.added).toHaveLength(3);
  });
});
