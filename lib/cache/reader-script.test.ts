import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { READER_SCRIPT, readerScriptTag, withReaderScript } from "./reader-script";

// A reader's page from the cache carries its own script instead of Next's
// (lib/cache/reader-script.ts). The page is Next's own markup, in the shape Next 16 writes it.

const N = "ODgwZDU5ZWQtYjg5Yi00YmQ0LTg3ZDAtYTIyODUzMTY2YjI2";
const kept = {
  stylesheet: `<link rel="stylesheet" href="/_next/static/chunks/0y9f.css" nonce="${N}" data-precedence="next"/>`,
  font: `<link rel="preload" as="font" href="/_next/static/media/serif.woff2"/>`,
  lookAlike: `<script data-src="/_next/static/chunks/lazy.js" async="" nonce="${N}"></script>`,
  foreign: `<script src="/elsewhere.js" async="" nonce="${N}"></script>`,
  jsonLd: `<script type="application/ld+json">{"@type":"NewsArticle","headline":"self.__next_f"}</script>`,
  ownInline: `<script nonce="${N}">document.documentElement.dataset.x="1"</script>`,
  text: `<main><h1>Story</h1><p>script src="/_next/static/x.js" async; self.__next_f</p></main>`,
};
const next = {
  preload: `<link rel="preload" as="script" fetchPriority="low" nonce="${N}" href="/_next/static/chunks/main.js"/>`,
  blocking: `<script src="/_next/static/chunks/blocking.js" data-x="not async here" nonce="${N}"></script>`,
  chunk: `<script src="/_next/static/chunks/a.js" async="" nonce="${N}"></script>`,
  polyfills: `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${N}"></script>`,
  main: `<script src="/_next/static/chunks/main.js" nonce="${N}" async=""></script>`,
  payloadStart: `<script nonce="${N}">(self.__next_f=self.__next_f||[]).push([0])</script>`,
  payload: `<script nonce="${N}">self.__next_f.push([1,"<script src=\\"/_next/static/chunks/c.js\\" async=\\"\\"><\\/script>"])</script>`,
  bootstrap: `<script nonce="${N}" id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/x.js"]})</script>`,
};
const page = [
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>`,
  kept.stylesheet,
  next.preload,
  kept.font,
  kept.lookAlike,
  next.blocking,
  next.chunk,
  next.polyfills,
  kept.foreign,
  `<title>Story</title></head><body>`,
  kept.text,
  kept.jsonLd,
  kept.ownInline,
  next.main,
  next.payloadStart,
  next.payload,
  next.bootstrap,
  `</body></html>`,
].join("");

describe("withReaderScript", () => {
  it("takes out Next's script files, their preloads, its payload and bootstrap, and ends the body with the reader's script", () => {
    const out = withReaderScript(page, N);
    for (const [name, tag] of Object.entries(next)) expect(out.includes(tag), name).toBe(false);
    for (const [name, tag] of Object.entries(kept)) expect(out.includes(tag), name).toBe(true);
    expect(out.endsWith(`${readerScriptTag(N)}</body></html>`)).toBe(true);
    expect(out.match(/<script\b/g)).toHaveLength(5);
  });

  it("leaves the page as it is without a body, without Next's scripts under the nonce, or with a forged nonce", () => {
    expect(withReaderScript(page.replace("</body>", ""), N)).toBe(page.replace("</body>", ""));
    expect(withReaderScript(page, "another")).toBe(page);
    expect(withReaderScript(page, `${N}" onload="x`)).toBe(page);
    const bare = `<!DOCTYPE html><html><head></head><body>${kept.text}${kept.foreign}</body></html>`;
    expect(withReaderScript(bare, N)).toBe(bare);
  });

  it("puts the script in one element that nothing in it can end early", () => {
    const tag = readerScriptTag(N);
    expect(tag.startsWith(`<script nonce="${N}">`)).toBe(true);
    expect(tag.match(/<\/script/gi)).toHaveLength(1);
    expect(tag).not.toContain("<!--");
  });
});

describe("READER_SCRIPT", () => {
  // The function runs from its own source, in a page with nothing else: it may name nothing from
  // its module. Run here in a bare context, with a page offering none of the parts it enhances.
  it("runs on its own, needing nothing but the browser's globals", () => {
    const asked: string[] = [];
    const context = {
      document: {
        querySelector: (selector: string) => (asked.push(selector), null),
        querySelectorAll: (selector: string) => (asked.push(selector), []),
        getElementById: () => null,
      },
      window: { location: { hash: "" } },
    };
    expect(() => vm.runInNewContext(READER_SCRIPT, context)).not.toThrow();
    expect(asked).toEqual(expect.arrayContaining(["form[data-auto-submit]", "[data-reader-updates]", "a[data-copy-link]", "button[data-copy-embed]", "[data-scroll-to]"]));
  });

  it("is small", () => {
    // What replaces about 140 KB of gzipped framework: a budget, not a timing.
    expect(READER_SCRIPT.length).toBeLessThan(16_000);
  });
});
