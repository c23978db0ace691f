"use client";

import { useEffect, useState } from "react";
import { isNewSince, type Visit } from "@/lib/reader/since-visit";

// A story page's two reader-side parts, both progressive enhancements of a page that is complete
// without them (and identical for every reader, so it can be cached):
// - "Since your last visit": the reader's own browser remembers, in localStorage only, when they
//   last saw the story and where each event they saw stood; on their next visit the events new
//   since then, and those whose verdict changed, get a mark. Nothing is sent anywhere.
// - Live updates: a Server-Sent Events stream (/stories/<slug>/live) says what changed since the
//   page was rendered; the page announces it politely and changes nothing until the reader asks.
// Both sit in one fixed panel, so that nothing on the page moves when they appear.

type Change = { kind: "event" | "verdict" | "correction" | "retraction"; id: string };

const MAX_REMEMBERED = 1_000;
const storageKey = (slug: string) => `sourceline:last-visit:${slug}`;

function readVisit(slug: string): Visit | null {
  try {
    const raw = window.localStorage.getItem(storageKey(slug));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Visit>;
    return typeof v.at === "number" && v.standings && typeof v.standings === "object" ? { at: v.at, standings: v.standings } : null;
  } catch {
    return null;
  }
}

function articles(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("main article[data-event-id]")];
}

function standingsOnPage(): Record<string, string> {
  return Object.fromEntries(articles().map((a) => [a.dataset.eventId!, a.dataset.standing ?? ""]));
}

/** Marks the events new or re-judged since `visit`; returns the counts and the first one marked. */
function markSince(visit: Visit): { fresh: number; changed: number; first: string | null } {
  let fresh = 0;
  let changed = 0;
  let first: string | null = null;
  for (const a of articles()) {
    // Seconds since 1970, when the event went public on the site.
    const onSite = Number(a.dataset.onSite ?? "NaN");
    const before = visit.standings[a.dataset.eventId!];
    let text: string | null = null;
    if (isNewSince(onSite, a.dataset.eventId!, visit)) {
      text = "New";
      fresh += 1;
    } else if (before && before !== a.dataset.standing) {
      text = `Verdict changed: ${before.toLowerCase()} → ${(a.dataset.standing ?? "").toLowerCase()}`;
      changed += 1;
    }
    if (text) {
      // The events are static HTML (lib/reader/frozen.ts), not React's: the mark can go straight in.
      const mark = document.createElement("strong");
      mark.className = "since-mark";
      mark.dataset.since = text === "New" ? "new" : "changed";
      mark.textContent = text;
      const line = a.firstElementChild?.tagName === "P" ? a.firstElementChild : a;
      line.insertBefore(mark, line.firstChild);
      first ??= a.id;
    }
  }
  return { fresh, changed, first };
}

function clearMarks() {
  for (const mark of document.querySelectorAll<HTMLElement>("main [data-since]")) mark.remove();
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function announcement(changes: Map<string, Change>): string {
  const count = (kind: Change["kind"]) => [...changes.values()].filter((c) => c.kind === kind).length;
  const parts = [
    count("event") && plural(count("event"), "new event", "new events"),
    count("verdict") && plural(count("verdict"), "verdict changed", "verdicts changed"),
    count("correction") && plural(count("correction"), "correction", "corrections"),
    count("retraction") && plural(count("retraction"), "retraction", "retractions"),
  ].filter(Boolean);
  return parts.join(" · ");
}

export function ReaderUpdates({ storySlug, since }: { storySlug: string; since: string }) {
  const [visit, setVisit] = useState<{ at: number; fresh: number; changed: number; first: string | null } | null>(null);
  const [changes, setChanges] = useState<Map<string, Change>>(new Map());

  // Since the last visit: mark, then remember this one.
  useEffect(() => {
    const previous = readVisit(storySlug);
    const now = standingsOnPage();
    if (previous) {
      const marked = markSince(previous);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- read once from localStorage after hydration
      setVisit({ at: previous.at, ...marked });
    }
    const remembered = { ...(previous?.standings ?? {}), ...now };
    const keys = Object.keys(remembered);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete remembered[k];
    try {
      window.localStorage.setItem(storageKey(storySlug), JSON.stringify({ at: Date.now(), standings: remembered }));
    } catch {
      // Storage full or refused: the marks are a convenience.
    }
  }, [storySlug]);

  // Live: what changed since the page was rendered.
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    // Where the stream resumes: the render's instant, then the last change heard (its event id).
    let from = since;
    const open = () => {
      source = new EventSource(`/stories/${encodeURIComponent(storySlug)}/live?since=${encodeURIComponent(from)}`);
      source.addEventListener("change", (e) => {
        const message = e as MessageEvent<string>;
        if (message.lastEventId) from = message.lastEventId;
        const list = JSON.parse(message.data) as Change[];
        setChanges((current) => {
          const next = new Map(current);
          for (const c of list) next.set(`${c.kind}:${c.id}`, c);
          return next;
        });
      });
    };
    // An open stream keeps the page out of the browser's back/forward cache: it is closed when the
    // reader leaves and resumed, from the last change heard, when they come back to the same page.
    const close = () => {
      source?.close();
      source = null;
    };
    const resume = (e: PageTransitionEvent) => {
      if (e.persisted && !source) open();
    };
    open();
    window.addEventListener("pagehide", close);
    window.addEventListener("pageshow", resume);
    return () => {
      window.removeEventListener("pagehide", close);
      window.removeEventListener("pageshow", resume);
      close();
    };
    // `since` only seeds the first connection; the stream resumes itself with Last-Event-ID.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storySlug]);

  // "Show" loads the page again: the timeline's events come as HTML (lib/reader/frozen.ts), and
  // the since-last-visit marks then point at what is new.
  const show = () => window.location.reload();

  const clear = () => {
    try {
      window.localStorage.removeItem(storageKey(storySlug));
    } catch {
      // nothing to forget
    }
    clearMarks();
    setVisit(null);
  };

  const live = announcement(changes);
  const lastVisit = visit ? new Date(visit.at).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) : "";
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-3 z-10 flex flex-col items-center gap-2 px-3" data-reader-updates="">
      <div role="status" aria-live="polite" className="contents">
        {live ? (
          <p className="pointer-events-auto rounded-lg border border-indigo-700 bg-white px-3 py-2 text-sm font-semibold text-indigo-950 shadow-lg dark:border-indigo-300 dark:bg-zinc-900 dark:text-indigo-50" data-live-announcement="">
            {live} —{" "}
            <button type="button" onClick={show} className="underline underline-offset-2">
              Show
            </button>
          </p>
        ) : null}
      </div>
      {visit ? (
        <section aria-label="Since your last visit" className="pointer-events-auto rounded-lg border border-zinc-400 bg-white px-3 py-2 text-sm shadow-lg dark:border-zinc-500 dark:bg-zinc-900" data-since-last-visit="">
          Since your last visit ({lastVisit}):{" "}
          {visit.fresh + visit.changed === 0
            ? "nothing new on this page"
            : [visit.fresh && plural(visit.fresh, "new event", "new events"), visit.changed && plural(visit.changed, "verdict changed", "verdicts changed")].filter(Boolean).join(" · ")}
          {visit.first ? (
            <>
              {" · "}
              <a href={`#${visit.first}`} className="underline underline-offset-2">
                Jump to the first
              </a>
            </>
          ) : null}
          {" · "}
          <button type="button" onClick={clear} className="underline underline-offset-2">
            Clear
          </button>
        </section>
      ) : null}
    </div>
  );
}
