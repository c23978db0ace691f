import vm from "node:vm";
import { parseHTML } from "linkedom";
import { describe, expect, it, vi } from "vitest";
import { READER_SCRIPT, READER_SCRIPT_INLINABLE, readerScriptTag, withReaderScript } from "./reader-script";

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
  // React's own inline runtime for streamed parts: it needs no framework file, and must stay.
  reactRuntime: `<script nonce="${N}">$RC=function(b,c){};$RC("B:0","S:0")</script>`,
  text: `<main><h1>Story</h1><p>script src="/_next/static/x.js" async; self.__next_f</p></main>`,
};
const next = {
  preload: `<link rel="preload" as="script" fetchPriority="low" nonce="${N}" href="/_next/static/chunks/main.js"/>`,
  modulePreload: `<link rel="modulepreload" href="/_next/static/chunks/module.js"/>`,
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
  next.modulePreload,
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
  kept.reactRuntime,
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
    expect(out.match(/<script\b/g)).toHaveLength(6);
  });

  it("leaves the page as it is without a body, without Next's scripts under the nonce, or with a forged nonce", () => {
    expect(withReaderScript(page.replace("</body>", ""), N)).toBe(page.replace("</body>", ""));
    expect(withReaderScript(page, "another")).toBe(page);
    expect(withReaderScript(page, `${N}" onload="x`)).toBe(page);
    const bare = `<!DOCTYPE html><html><head></head><body>${kept.text}${kept.foreign}</body></html>`;
    expect(withReaderScript(bare, N)).toBe(bare);
  });

  it("puts the script in one element that nothing in it can end early", () => {
    expect(READER_SCRIPT_INLINABLE).toBe(true);
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
    expect(asked).toEqual(expect.arrayContaining(["form[data-auto-submit]", "[data-reader-updates]", "a[data-copy-link]", "button[data-copy-embed]", "[data-scroll-to]", "form[data-omit-empty]"]));
  });

  it("is small", () => {
    // What replaces about 140 KB of gzipped framework: a budget, not a timing.
    expect(READER_SCRIPT.length).toBeLessThan(16_000);
  });
});

describe("READER_SCRIPT on a page", () => {
  // The script as sent, run on a parsed story page with every part it enhances, the browser's
  // storage and stream stood in for by hand.
  const story = `<!DOCTYPE html><html><body><main>
<form data-auto-submit=""><input name="q" value=""/><input type="checkbox" name="status" value="confirmed"/><select name="kind"><option value="">Any kind</option><option value="statement">Statement</option></select><details class="filters"></details></form>
<div data-reader-updates="" data-story="atacms" data-rendered-at="2024-11-18T12:00:00.000Z" data-whole-story="WHOLE"><div role="status" data-live=""></div></div>
<article id="new-one" data-event-id="e1" data-on-site="2000" data-standing="On the record"><p class="meta">18 Nov</p></article>
<article id="rejudged" data-event-id="e2" data-on-site="1000" data-standing="Confirmed"><p class="meta">17 Nov</p></article>
<article id="same" data-event-id="e3" data-on-site="1000" data-standing="Media-reported"><p class="meta">16 Nov</p></article>
<span><a href="/events/new-one" data-copy-link="">Copy link to this event</a><span data-copy-status=""></span></span>
<div><textarea id="embed-code">&lt;iframe&gt;</textarea><button type="button" hidden="" data-copy-embed="embed-code">Copy embed code</button><span data-copy-status=""></span></div>
<form data-omit-empty=""><input type="hidden" name="view" value="compact"/><input type="date" name="asof" value=""/></form>
</main></body></html>`;

  function load(remembered: object | null, wholeStory = true, clipboard: { writeText: (text: string) => Promise<void> } = { writeText: async () => {} }) {
    const { window, document } = parseHTML(story.replace("WHOLE", String(wholeStory)));
    const storage = new Map<string, string>(remembered ? [["sourceline:last-visit:atacms", JSON.stringify(remembered)]] : []);
    const streams: { url: string; closed: boolean; listeners: Map<string, (e: unknown) => void> }[] = [];
    class FakeEventSource {
      stream = { url: "", closed: false, listeners: new Map<string, (e: unknown) => void>() };
      constructor(url: string) {
        this.stream.url = url;
        streams.push(this.stream);
      }
      addEventListener(type: string, fn: (e: unknown) => void) {
        this.stream.listeners.set(type, fn);
      }
      close() {
        this.stream.closed = true;
      }
    }
    const form = document.querySelector("form")!;
    const requestSubmit = vi.fn();
    const reset = vi.fn();
    Object.assign(form, { requestSubmit, reset });
    // What linkedom leaves out: a form's fields, and selecting a text area's text.
    for (const f of document.querySelectorAll("form")) Object.defineProperty(f, "elements", { get: () => f.querySelectorAll("input, select") });
    const select = vi.fn();
    Object.assign(document.querySelector("textarea")!, { select });
    const selected: Node[] = [];
    const windowLike = Object.assign(window, {
      localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) },
      sessionStorage: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
      location: { hash: "", href: "http://localhost/stories/atacms" },
      getSelection: () => ({ selectAllChildren: (node: Node) => selected.push(node) }),
    });
    const context = vm.createContext({
      window: windowLike,
      document,
      navigator: { clipboard },
      EventSource: FakeEventSource,
      HTMLInputElement: window.HTMLInputElement,
      HTMLSelectElement: window.HTMLSelectElement,
      HTMLTextAreaElement: window.HTMLTextAreaElement,
      URL,
    });
    const run = () => vm.runInContext(READER_SCRIPT, context) as () => void;
    return { window, document, storage, streams, requestSubmit, reset, select, selected, run };
  }

  it("marks what is new or re-judged since the last visit, says so, and remembers this visit", () => {
    const page = load({ at: 1_500_000, standings: { e2: "Media-reported", e3: "Media-reported" } });
    page.run();
    const marks = [...page.document.querySelectorAll("[data-since]")].map((m) => [m.closest("article")!.id, m.textContent]);
    expect(marks).toEqual([
      ["new-one", "New"],
      ["rejudged", "Verdict changed: media-reported → confirmed"],
    ]);
    const summary = page.document.querySelector("[data-since-last-visit]")!;
    expect(summary.getAttribute("aria-label")).toBe("Since your last visit");
    expect(summary.textContent).toMatch(/^Since your last visit \(.+\): 1 new event · 1 verdict changed · Jump to the first · Clear$/);
    expect(summary.querySelector("a")!.getAttribute("href")).toBe("#new-one");
    // Remembered at the render's instant (the server's clock), with what was shown.
    const saved = JSON.parse(page.storage.get("sourceline:last-visit:atacms")!);
    expect(saved.at).toBe(Date.parse("2024-11-18T12:00:00.000Z"));
    expect(saved.standings).toEqual({ e1: "On the record", e2: "Confirmed", e3: "Media-reported" });
  });

  it("does not move the visit on from a filtered view, and an event once shown is never new", () => {
    const visit = { at: 1_500_000, standings: { e9: "Confirmed" } };
    const filtered = load(visit, false);
    filtered.run();
    const saved = JSON.parse(filtered.storage.get("sourceline:last-visit:atacms")!);
    expect(saved.at).toBe(1_500_000);
    expect(Object.keys(saved.standings).sort()).toEqual(["e1", "e2", "e3", "e9"]);
    // Next, the whole story: the three events were shown by the filtered view, so none is new.
    const whole = load(saved, true);
    whole.run();
    expect(whole.document.querySelectorAll("[data-since]")).toHaveLength(0);
    expect(whole.document.querySelector("[data-since-last-visit]")!.textContent).toContain("nothing new on this page");
  });

  it("announces live changes in one element, updated in place, and resumes from the last one heard", () => {
    const page = load(null);
    page.run();
    expect(page.document.querySelector("[data-since-last-visit]")).toBeNull();
    expect(page.streams).toHaveLength(1);
    expect(page.streams[0]!.url).toBe(`/stories/atacms/live?since=${encodeURIComponent("2024-11-18T12:00:00.000Z")}`);
    const hear = (lastEventId: string, changes: object[]) => page.streams.at(-1)!.listeners.get("change")!({ lastEventId, data: JSON.stringify(changes) });
    hear("t1", [{ kind: "event", id: "e9" }]);
    const announcement = page.document.querySelector("[data-live] [data-live-announcement]")!;
    expect(announcement.textContent).toBe("1 new event — Show");
    hear("t2", [
      { kind: "event", id: "e9" },
      { kind: "verdict", id: "c1" },
      { kind: "correction", id: "e3" },
    ]);
    expect(page.document.querySelector("[data-live] [data-live-announcement]")).toBe(announcement);
    expect(announcement.textContent).toBe("1 new event · 1 verdict changed · 1 correction — Show");
    // Leaving closes the stream; coming back from the back/forward cache resumes after "t2".
    page.window.dispatchEvent(new page.window.Event("pagehide"));
    expect(page.streams[0]!.closed).toBe(true);
    page.window.dispatchEvent(Object.assign(new page.window.Event("pageshow"), { persisted: true }));
    expect(page.streams[1]!.url).toBe("/stories/atacms/live?since=t2");
  });

  it("applies a ticked filter at once, shows the copy button, runs once, and undoes all it did", () => {
    const page = load({ at: 1_500_000, standings: {} });
    const undo = page.run();
    const again = page.run();
    expect(page.streams).toHaveLength(1);
    expect(page.document.querySelectorAll("[data-since-last-visit]")).toHaveLength(1);
    const box = page.document.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    box.dispatchEvent(new page.window.Event("change", { bubbles: true }));
    expect(page.requestSubmit).toHaveBeenCalledTimes(1);
    // A select moved from the keyboard applies when the reader leaves it, not at the first arrow key.
    const kind = page.document.querySelector("select")!;
    kind.dispatchEvent(Object.assign(new page.window.Event("keydown", { bubbles: true }), { key: "ArrowDown" }));
    kind.dispatchEvent(new page.window.Event("change", { bubbles: true }));
    expect(page.requestSubmit).toHaveBeenCalledTimes(1);
    kind.dispatchEvent(new page.window.Event("focusout", { bubbles: true }));
    expect(page.requestSubmit).toHaveBeenCalledTimes(2);
    // Back from the back/forward cache: the form is reset to what the page was rendered with.
    page.window.dispatchEvent(Object.assign(new page.window.Event("pageshow"), { persisted: true }));
    expect(page.reset).toHaveBeenCalledTimes(1);
    expect(page.document.querySelector<HTMLButtonElement>("button[data-copy-embed]")!.hidden).toBe(false);
    again();
    undo();
    expect(page.document.querySelectorAll("[data-since], [data-since-last-visit], [data-enhanced]")).toHaveLength(0);
    expect(page.streams[0]!.closed).toBe(true);
    expect(page.document.querySelector<HTMLButtonElement>("button[data-copy-embed]")!.hidden).toBe(true);
    box.dispatchEvent(new page.window.Event("change", { bubbles: true }));
    expect(page.requestSubmit).toHaveBeenCalledTimes(2);
  });

  it("leaves an empty field of the as-of form out of the address, as the filter form's", () => {
    const page = load(null);
    page.run();
    const asOf = page.document.querySelector<HTMLFormElement>("form[data-omit-empty]")!;
    const date = asOf.querySelector<HTMLInputElement>('input[name="asof"]')!;
    asOf.dispatchEvent(new page.window.Event("submit", { cancelable: true }));
    expect(date.disabled).toBe(true);
    expect(asOf.querySelector<HTMLInputElement>('input[name="view"]')!.disabled).toBe(false);
    const filters = page.document.querySelector<HTMLFormElement>("form[data-auto-submit]")!;
    filters.dispatchEvent(new page.window.Event("submit", { cancelable: true }));
    expect(filters.querySelector<HTMLInputElement>('input[name="q"]')!.disabled).toBe(true);
  });

  it("says when the browser refuses to copy, and leaves the text to copy by hand", async () => {
    const page = load(null, true, { writeText: () => Promise.reject(new Error("Write permission denied.")) });
    page.run();
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    // The link: the address is shown to copy, and the link opens on the next click.
    const link = page.document.querySelector<HTMLAnchorElement>("a[data-copy-link]")!;
    const first = new page.window.Event("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(first);
    await settle();
    expect(first.defaultPrevented).toBe(true);
    expect(page.window.location.href).toBe("http://localhost/stories/atacms");
    expect(link.parentElement!.querySelector("[data-copy-status]")!.textContent).toBe(
      "Could not copy the link. Copy it by hand: http://localhost/events/new-one",
    );
    expect(page.selected.map((n) => n.textContent)).toEqual(["http://localhost/events/new-one"]);
    const second = new page.window.Event("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(second);
    expect(second.defaultPrevented).toBe(false);
    // The embed code: selected in its text area.
    const button = page.document.querySelector<HTMLButtonElement>("button[data-copy-embed]")!;
    button.dispatchEvent(new page.window.Event("click", { bubbles: true }));
    await settle();
    expect(button.parentElement!.querySelector("[data-copy-status]")!.textContent).toBe("Could not copy the embed code. It is selected: copy it by hand.");
    expect(page.select).toHaveBeenCalled();
  });
});
