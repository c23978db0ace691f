import type { Visit } from "./since-visit";

// Everything a reader's page does with JavaScript, in one function. Each page is complete without
// it: server-rendered, with links and GET forms. It adds:
// - the filter form applying a checkbox, a select or a date at once, with empty fields left out of
//   the address (`form[data-auto-submit]`), and the reader's focus kept on it after "Clear filters";
// - the "as of" form leaving an empty date out of the address (`form[data-omit-empty]`);
// - on a story page (`[data-reader-updates]`):
//   - "Since your last visit": the reader's own browser remembers, in localStorage only, when they
//     last saw the story and where each event they saw stood; on their next visit the events new
//     since then, and those whose verdict changed, get a mark. Nothing is sent anywhere.
//   - Live updates: a Server-Sent Events stream (/stories/<slug>/live) says what changed since the
//     page was rendered; the page announces it politely and changes nothing until the reader asks.
//   Both sit in one fixed panel, so that nothing on the page moves when they appear; the page's
//   foot is lengthened by the panel's height, so that the panel never hides its end;
// - copy buttons for a permalink (`a[data-copy-link]`) and the embed code (`[data-copy-embed]`),
//   saying so when the browser refuses, and leaving the text to copy by hand;
// - in an embed, scrolling the event named by `?event=` into view (`[data-scroll-to]`).
//
// It runs in one of two ways, and is the same code in both:
// - A page from the page cache carries no framework at all (lib/cache/reader-script.ts): this
//   function's own source, inline under the page's nonce, is its only script.
// - A page Next renders for one reader (signed in, or not cacheable) hydrates as usual, and
//   components/reader/reader-enhancements.tsx calls this function after hydration.
// So it must need nothing outside its own body: no imports at run time, no module-level names.
// The one rule it shares with the server's tests, `isNewSince`, comes in as an argument. It reads
// what it needs from the page, changes only the parts React does not render (the static HTML of
// lib/reader/frozen.ts, and containers the server leaves empty for it), and returns a function
// that undoes what it did.

type IsNewSince = (onSiteSeconds: number, eventId: string, visit: Visit) => boolean;

export function enhanceReaderPage(isNewSince: IsNewSince): () => void {
  const undo: Array<() => void> = [];
  const listen = (target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions) => {
    target.addEventListener(type, handler, options);
    undo.push(() => target.removeEventListener(type, handler, options));
  };
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, ...children: Array<Node | string>) => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.append(...children);
    return el;
  };
  const button = (text: string, onClick: () => void) => {
    const b = element("button", { type: "button", class: "underline underline-offset-2" }, text);
    b.addEventListener("click", onClick);
    return b;
  };
  /**
   * Copies `text`, then says so in `status` for a moment; false when the browser refused (a
   * permission denied, a page not in focus), which the caller then says, and for as long as it holds.
   */
  const copy = async (text: string, status: Element | null, said: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      return false;
    }
    if (status) {
      status.textContent = said;
      window.setTimeout(() => {
        if (status.textContent === said) status.textContent = "";
      }, 2500);
    }
    return true;
  };
  // Empty fields stay out of the address, so shared links read "?source=axios", not
  // "?q=&source=axios&kind=&…", and an empty "as of" date is today's view, not "?asof=". Runs in the
  // capture phase, before the form is serialised.
  const omitEmpty = (f: HTMLFormElement) =>
    listen(
      f,
      "submit",
      () => {
        const empty = [...f.elements].filter(
          (el): el is HTMLInputElement | HTMLSelectElement =>
            (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) && el.name !== "" && el.value === "",
        );
        for (const el of empty) el.disabled = true;
        window.setTimeout(() => empty.forEach((el) => (el.disabled = false)), 0);
      },
      { capture: true },
    );

  /** Marks `el` as enhanced until undone; false when it already was. */
  const once = (el: HTMLElement) => {
    if (el.dataset.enhanced === "true") return false;
    el.dataset.enhanced = "true";
    undo.push(() => delete el.dataset.enhanced);
    return true;
  };
  // The filter form.
  const KEEP_OPEN = "sourceline:filters-open";
  const form = document.querySelector<HTMLFormElement>("form[data-auto-submit]");
  if (form && once(form)) {
    // The filtered view is a new document: the folded filters the reader was choosing in are open
    // again on it.
    try {
      if (window.sessionStorage.getItem(KEEP_OPEN) === "1") form.querySelector("details.filters")?.setAttribute("open", "");
      window.sessionStorage.removeItem(KEEP_OPEN);
    } catch {
      // no session storage: the filters stay folded
    }
    const submit = () => {
      try {
        window.sessionStorage.setItem(KEEP_OPEN, "1");
      } catch {
        // as above
      }
      form.requestSubmit();
    };
    // A select or a date changed from the keyboard fires "change" at each arrow key or digit
    // (a year typed digit by digit is a date at every step): applied when the reader leaves the
    // field or presses Enter, not at the first key. A click in a list or a date picker applies at once.
    let typing: Element | null = null;
    let typed = false;
    const isChoice = (t: EventTarget | null): t is HTMLInputElement | HTMLSelectElement =>
      (t instanceof HTMLInputElement && (t.type === "checkbox" || t.type === "date")) || t instanceof HTMLSelectElement;
    listen(form, "keydown", (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === "Tab") return;
      if (key === "Enter" && typed && e.target instanceof HTMLSelectElement) {
        e.preventDefault();
        submit();
        return;
      }
      if (e.target instanceof HTMLSelectElement || (e.target instanceof HTMLInputElement && e.target.type === "date")) typing = e.target;
    });
    listen(form, "change", (e) => {
      if (!isChoice(e.target)) return;
      if (e.target === typing && !(e.target instanceof HTMLInputElement && e.target.type === "checkbox")) typed = true;
      else submit();
    });
    listen(form, "focusout", (e) => {
      if (e.target !== typing) return;
      typing = null;
      if (typed) submit();
    });
    // Restored by Back from the back/forward cache, the form shows what this page was rendered
    // with, not the boxes ticked on the way out. (autocomplete="off" on the form does the same for
    // a page loaded again.)
    listen(window, "pageshow", (e) => {
      if (!(e as PageTransitionEvent).persisted) return;
      form.reset();
      typing = null;
      typed = false;
    });
    omitEmpty(form);
    // "Clear filters" is a link: the timeline it loads would start the reader's focus again at the
    // top of the page. It is put back where they were, on the folded filters ("Filters", now with
    // none active), when the page loaded is the one the link named.
    const CLEARED = "sourceline:filters-cleared";
    try {
      const cleared = window.sessionStorage.getItem(CLEARED);
      window.sessionStorage.removeItem(CLEARED);
      if (cleared === window.location.href) form.querySelector<HTMLElement>("details.filters > summary")?.focus();
    } catch {
      // as above: the focus starts at the top
    }
    for (const clear of form.querySelectorAll<HTMLAnchorElement>("a[data-clear-filters]")) {
      listen(clear, "click", (e) => {
        const click = e as MouseEvent;
        if (click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) return;
        try {
          window.sessionStorage.setItem(CLEARED, clear.href);
        } catch {
          // as above
        }
      });
    }
  }
  for (const f of document.querySelectorAll<HTMLFormElement>("form[data-omit-empty]")) if (once(f)) omitEmpty(f);

  // A story's panel: since the last visit, and live updates.
  const panel = document.querySelector<HTMLElement>("[data-reader-updates]");
  const live = panel?.querySelector<HTMLElement>("[data-live]");
  const slug = panel?.dataset.story;
  if (panel && live && slug && once(panel)) {
    const MAX_REMEMBERED = 1_000;
    const storageKey = `sourceline:last-visit:${slug}`;
    const articles = () => [...document.querySelectorAll<HTMLElement>("main article[data-event-id]")];
    const clearMarks = () => document.querySelectorAll("main .since-mark[data-since]").forEach((mark) => mark.remove());

    // The panel is fixed over the bottom of the window: while it shows something, the page ends
    // that much lower, so that its last lines (the footer) can be scrolled clear of it. Nothing
    // above moves.
    if (typeof ResizeObserver !== "undefined") {
      const body = document.body;
      const before = body.style.paddingBottom;
      const fit = new ResizeObserver(() => {
        const height = panel.offsetHeight;
        body.style.paddingBottom = height > 0 ? `${height + (parseFloat(window.getComputedStyle(panel).bottom) || 0)}px` : before;
      });
      fit.observe(panel);
      undo.push(() => {
        fit.disconnect();
        body.style.paddingBottom = before;
      });
    }

    // Since the last visit: mark, then remember this one.
    let previous: Visit | null = null;
    try {
      const raw = window.localStorage.getItem(storageKey);
      const v = raw ? (JSON.parse(raw) as Partial<Visit>) : null;
      if (v && typeof v.at === "number" && v.standings && typeof v.standings === "object") previous = { at: v.at, standings: v.standings };
    } catch {
      // unreadable: as if there were no last visit
    }
    if (previous) {
      let fresh = 0;
      let changed = 0;
      let first: string | null = null;
      for (const a of articles()) {
        const id = a.dataset.eventId!;
        // Seconds since 1970, when the event went public on the site.
        const onSite = Number(a.dataset.onSite ?? "NaN");
        const before = previous.standings[id];
        let text: string | null = null;
        if (isNewSince(onSite, id, previous)) {
          text = "New";
          fresh += 1;
        } else if (before && before !== a.dataset.standing) {
          text = `Verdict changed: ${before.toLowerCase()} → ${(a.dataset.standing ?? "").toLowerCase()}`;
          changed += 1;
        }
        if (!text) continue;
        // The events are static HTML (lib/reader/frozen.ts), not React's: the mark can go straight in.
        const mark = element("strong", { class: "since-mark", "data-since": text === "New" ? "new" : "changed" }, text);
        const line = a.firstElementChild?.tagName === "P" ? a.firstElementChild : a;
        line.insertBefore(mark, line.firstChild);
        first ??= a.id;
      }
      const when = new Date(previous.at).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
      const summary =
        fresh + changed === 0
          ? "nothing new on this page"
          : [fresh && plural(fresh, "new event", "new events"), changed && plural(changed, "verdict changed", "verdicts changed")].filter(Boolean).join(" · ");
      const section = element(
        "section",
        {
          "aria-label": "Since your last visit",
          class: "pointer-events-auto rounded-lg border border-zinc-400 bg-white px-3 py-2 text-sm shadow-lg dark:border-zinc-500 dark:bg-zinc-900",
          "data-since-last-visit": "",
        },
        `Since your last visit (${when}): ${summary}`,
      );
      if (first) section.append(" · ", element("a", { href: `#${first}`, class: "underline underline-offset-2" }, "Jump to the first"));
      section.append(
        " · ",
        button("Clear", () => {
          try {
            window.localStorage.removeItem(storageKey);
          } catch {
            // nothing to forget
          }
          clearMarks();
          section.remove();
        }),
      );
      panel.append(section);
      undo.push(() => {
        clearMarks();
        section.remove();
      });
    }
    // This visit is remembered: the events shown (so they are not new next time), and when. "When"
    // is the server's instant of the render, the clock the events' times come from (a reader's
    // clock may be off), and it moves on only from a view of the story's newest events,
    // unfiltered: a filtered view or a later page shows only some of what is new, and moving the
    // visit on from there would take the "New" marks from the rest. A page showing no events (a
    // filter matching none, or a page whose events are still to load) is not remembered at all.
    const shown = articles();
    if (shown.length > 0) {
      const rendered = Date.parse(panel.dataset.renderedAt ?? "");
      const at = previous && panel.dataset.wholeStory !== "true" ? previous.at : Number.isFinite(rendered) ? rendered : Date.now();
      const remembered: Record<string, string> = { ...(previous?.standings ?? {}) };
      for (const a of shown) remembered[a.dataset.eventId!] = a.dataset.standing ?? "";
      const keys = Object.keys(remembered);
      for (const k of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete remembered[k];
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ at, standings: remembered }));
      } catch {
        // Storage full or refused: the marks are a convenience.
      }
    }

    // Live: what changed since the page was rendered, announced in the panel's polite live region.
    // "Show" loads the page again: the timeline's events come as HTML, and the since-last-visit
    // marks then point at what is new.
    if (typeof EventSource !== "undefined" && panel.dataset.renderedAt) {
      type Change = { kind: "event" | "verdict" | "correction" | "retraction"; id: string };
      const changes = new Map<string, Change>();
      // Built once and updated in place, so that a reader on "Show" keeps their focus when more comes.
      const said = document.createTextNode("");
      const announcement = element(
        "p",
        {
          class:
            "pointer-events-auto rounded-lg border border-indigo-700 bg-white px-3 py-2 text-sm font-semibold text-indigo-950 shadow-lg dark:border-indigo-300 dark:bg-zinc-900 dark:text-indigo-50",
          "data-live-announcement": "",
        },
        said,
        button("Show", () => window.location.reload()),
      );
      const announce = () => {
        const count = (kind: Change["kind"]) => [...changes.values()].filter((c) => c.kind === kind).length;
        const text = [
          count("event") && plural(count("event"), "new event", "new events"),
          count("verdict") && plural(count("verdict"), "verdict changed", "verdicts changed"),
          count("correction") && plural(count("correction"), "correction", "corrections"),
          count("retraction") && plural(count("retraction"), "retraction", "retractions"),
        ]
          .filter(Boolean)
          .join(" · ");
        if (!text) return;
        said.data = `${text} — `;
        if (!announcement.isConnected) live.append(announcement);
      };
      let source: EventSource | null = null;
      // Where the stream resumes: the render's instant, then the last change heard (its event id).
      let from = panel.dataset.renderedAt;
      const open = () => {
        source = new EventSource(`/stories/${encodeURIComponent(slug)}/live?since=${encodeURIComponent(from)}`);
        source.addEventListener("change", (e) => {
          const message = e as MessageEvent<string>;
          if (message.lastEventId) from = message.lastEventId;
          for (const c of JSON.parse(message.data) as Change[]) changes.set(`${c.kind}:${c.id}`, c);
          announce();
        });
      };
      // An open stream keeps the page out of the browser's back/forward cache: it is closed when
      // the reader leaves and resumed, from the last change heard, when they come back.
      const close = () => {
        source?.close();
        source = null;
      };
      open();
      listen(window, "pagehide", close);
      listen(window, "pageshow", (e) => {
        if ((e as PageTransitionEvent).persisted && !source) open();
      });
      // A tab in the background gives its connection back (browsers allow six per site over
      // HTTP/1.1) and hears what it missed when shown again.
      listen(document, "visibilitychange", () => {
        if (document.visibilityState === "hidden") close();
        else if (!source) open();
      });
      undo.push(() => {
        close();
        live.replaceChildren();
      });
    }
  }

  // Copy buttons: a permalink is a plain link (to copy by hand or open) that also copies itself;
  // the embed code is a read-only text area, and its button appears only where it can work.
  // When the browser refuses to copy, the reader is told, and given the text to copy by hand: the
  // address, selected, in the link's status (and the link is a plain link again, to open); the
  // embed code, selected in its text area.
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-copy-link]")) {
    if (!once(link)) continue;
    let refused = false;
    listen(link, "click", (e) => {
      if (!navigator.clipboard || refused) return;
      e.preventDefault();
      const url = new URL(link.getAttribute("href") ?? "", window.location.href).toString();
      const status = link.parentElement?.querySelector("[data-copy-status]") ?? null;
      void copy(url, status, "Link copied").then((ok) => {
        if (ok) return;
        if (!status) {
          window.location.href = url;
          return;
        }
        refused = true;
        const address = element("span", { class: "break-all" }, url);
        status.replaceChildren("Could not copy the link. Copy it by hand: ", address);
        window.getSelection()?.selectAllChildren(address);
      });
    });
    undo.push(() => link.parentElement?.querySelector("[data-copy-status]")?.replaceChildren());
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>("button[data-copy-embed]")) {
    const code = document.getElementById(b.dataset.copyEmbed ?? "");
    if (!(code instanceof HTMLTextAreaElement) || !once(b)) continue;
    // Selected on focus, for copying by hand.
    listen(code, "focus", () => code.select());
    if (!navigator.clipboard) continue;
    b.hidden = false;
    undo.push(() => (b.hidden = true));
    const status = b.parentElement?.querySelector("[data-copy-status]") ?? null;
    listen(b, "click", () =>
      void copy(code.value, status, "Embed code copied").then((ok) => {
        if (ok) return;
        if (status) status.textContent = "Could not copy the embed code. It is selected: copy it by hand.";
        code.focus();
        code.select();
      }),
    );
    undo.push(() => status?.replaceChildren());
  }

  // An embed's `?event=<slug>`: the server marks the item; a query string cannot scroll to it
  // without script. (`#<slug>` needs no script at all: CSS :target.)
  // Only the embed's own document scrolls (scrollIntoView would scroll the host page too).
  const focus = document.querySelector<HTMLElement>("[data-scroll-to]")?.dataset.scrollTo;
  const target = focus && !window.location.hash ? document.getElementById(focus) : null;
  if (target) {
    const box = target.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + box.top - (window.innerHeight - box.height) / 2 });
  }

  return () => {
    for (const step of undo.splice(0).reverse()) step();
  };
}
