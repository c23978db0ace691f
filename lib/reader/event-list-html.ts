import "server-only";
import { dayGroup, formatEventTime, machineTime } from "../dates";
import {
  ACTOR_ROLE_LABEL,
  EVENT_KIND_LABEL,
  EVENT_STATUS_SHORT,
  STANCE_LABEL,
  type ClaimStatusValue,
  type EventStatusValue,
} from "../domain";
import { withAsOf, type AsOf } from "../events/as-of";
import { briefStatusAt, projectEvent, type EventView } from "../events/event-view";
import { creditOf, relationText, type StatusLabel } from "../events/labels";
import type { TimelineEvent } from "../events/queries";
import type { Display } from "./display";
import { html, join, type Html } from "./html";
import { STATUS_MARK } from "./status-marks";

// The timeline's events as HTML, for lib/reader/frozen.ts: the same items as
// components/timeline/event-card.tsx draws (its twin: a change to one is a change to both), but
// built as a string, so that they travel once, as HTML, instead of twice (HTML and the RSC payload
// React would add for them). They hold no client component and nothing to hydrate.

const VERDICT_WORD: Partial<Record<ClaimStatusValue, string>> = {
  CONFIRMED: "Confirmed",
  DENIED: "Denied",
  CORROBORATED: "Corroborated",
  DISPUTED: "Disputed",
  RETRACTED: "Retracted",
  SUPERSEDED: "Superseded",
};

/** Where the item stands in a word or two: its verdict when it has one, else its label. */
export function standingOf(label: StatusLabel): string {
  return (label.verdict && VERDICT_WORD[label.verdict.status]) || EVENT_STATUS_SHORT[label.status];
}

/** How many related events an item lists before "N more" (its permalink lists them all). */
export const RELATED_SHOWN = 3;

type View = EventView<TimelineEvent>;

function statusLabel(label: StatusLabel): Html {
  return html`<p class="ev-l" data-status="${label.status}"><span class="st st-${label.status}"><span aria-hidden="true">${STATUS_MARK[label.status]}</span><span class="status-text">${label.text}</span></span>${
    label.detail ? html`<span class="status-detail meta">${label.detail}</span>` : null
  }${label.verdict ? html`<span class="status-verdict em" data-verdict="${label.verdict.status}">· ${label.verdict.text}</span>` : null}</p>`;
}

function sourceList(view: View, sourceHref: (slug: string) => string): Html {
  const bySource = [...new Map(view.citations.map((c) => [c.source.slug, c])).values()];
  const items = bySource.map((c, i) => {
    const credit = creditOf(c);
    const words = c.speaker ? credit.voice : credit.origin ? `relaying ${credit.origin}${c.attributionText ? `, ${c.attributionText}` : ""}` : c.attributionText;
    return html`${i > 0 ? "; " : ""}<a href="${sourceHref(c.source.slug)}" class="lnk">${c.source.name}</a>${words ? html`<span class="meta"> (${words})</span>` : null}`;
  });
  const voices = view.independent.independent;
  return html`<p class="ev-src"><b>Sources:</b> ${items}${
    bySource.length > 1 ? html`<span class="meta"> · ${voices} independent ${voices === 1 ? "voice" : "voices"}</span>` : null
  }</p>`;
}

function relatedEvents(view: View, asOf: AsOf, moreHref: string): Html | null {
  if (view.relations.length === 0) return null;
  const sorted = [...view.relations].sort((a, b) => a.event.timelineKey.localeCompare(b.event.timelineKey));
  const shown = sorted.length > RELATED_SHOWN + 1 ? sorted.slice(0, RELATED_SHOWN) : sorted;
  const hidden = sorted.length - shown.length;
  const items = shown.map((r) => {
    const status = briefStatusAt<EventStatusValue>(r.event, asOf?.cutoff ?? null);
    const who = r.event.actors[0]?.actor.name ?? r.event.citations[0]?.source.name ?? "";
    return html`<li class="meta"><span class="em">${relationText(r.type, r.direction)}${r.direction === "incoming" && who ? ` ${who}` : ""}</span>: <a href="${withAsOf(
      `/events/${r.event.slug}`,
      asOf,
    )}" class="lnk">${r.event.headline}</a> · <span>${formatEventTime({ ...r.event, occurredEndAt: null })}</span>${
      status ? html` · <span class="italic">${EVENT_STATUS_SHORT[status]}</span>` : null
    }</li>`;
  });
  return html`<ul class="mt-2 space-y-1 text-sm" aria-label="Related events">${items}${
    hidden > 0 ? html`<li><a href="${moreHref}" class="lnk">${hidden} more related events</a></li>` : null
  }</ul>`;
}

function card(event: TimelineEvent, view: View, asOf: AsOf, display: Display, sourceHref: (slug: string) => string, first: boolean): Html {
  const href = withAsOf(`/events/${event.slug}`, asOf);
  const attrs = html`id="${event.slug}" data-event-id="${event.id}" data-on-site="${Math.floor((event.publishedAt ?? event.firstReportedAt).getTime() / 1000)}" data-standing="${standingOf(view.label)}"`;
  const label = view.label;
  if (display === "compact") {
    const sources = [...new Map(view.citations.map((c) => [c.source.slug, c.source.name])).values()];
    return html`<article ${attrs} class="card-compact text-sm"><h3 class="inline font-semibold"><a class="hover:underline" href="${href}">${event.headline}</a></h3> · <span class="st st-${label.status}" data-status="${label.status}"><span aria-hidden="true">${STATUS_MARK[label.status]}</span> ${
      label.verdict ? `${EVENT_STATUS_SHORT[label.status]}, ${label.verdict.text}` : EVENT_STATUS_SHORT[label.status]
    }</span>${sources.length ? html`<span class="meta"> · ${sources.join(", ")}</span>` : null}</article>`;
  }
  const quotes = view.citations.filter((c) => c.quote).map((c) => html`<blockquote class="quote">“${c.quote}”</blockquote>`);
  const who = event.actors.length
    ? html`<p class="meta mt-1"><span class="em">Who: </span>${event.actors.map((a) => `${a.actor.name} (${ACTOR_ROLE_LABEL[a.role].toLowerCase()})`).join(", ")}</p>`
    : null;
  const claims = view.claims.length
    ? html`<ul class="meta mt-1" aria-label="Claims">${view.claims.map(
        (c, i) =>
          html`<li><span class="em">${STANCE_LABEL[c.stance]}${view.claims.length > 1 && i === 0 ? " (main claim)" : ""}:</span> <a class="lnk" href="${withAsOf(
            `/claims/${c.claim.slug}`,
            asOf,
          )}">“${c.claim.text}”</a>${c.note ? ` — ${c.note}` : ""}</li>`,
      )}</ul>`
    : null;
  return html`<article ${attrs} class="card"><p class="meta"><time datetime="${machineTime(event)}"${
    event.timeNote ? html` title="${event.timeNote}"` : null
  }>${formatEventTime(event)}</time> · ${EVENT_KIND_LABEL[event.kind]}${event.location ? ` · ${event.location}` : ""}</p><h3 class="ev-h"${first ? html` elementtiming="first-event"` : null}><a href="${href}">${
    event.headline
  }</a></h3>${statusLabel(label)}<p class="ev-p">${event.summary}</p>${quotes}${sourceList(view, sourceHref)}${who}${claims}${relatedEvents(
    view,
    asOf,
    href,
  )}</article>`;
}

/** The events grouped by day, as the timeline shows them. */
export function eventListHtml(
  events: readonly TimelineEvent[],
  options: { asOf: AsOf; display: Display; sourceHref: (slug: string) => string },
): string {
  const groups: { key: string; heading: string; items: Html[] }[] = [];
  for (const e of events) {
    const view = projectEvent(e, options.asOf?.cutoff ?? null);
    if (!view) continue;
    const g = dayGroup(e);
    const last = groups[groups.length - 1];
    // The first headline carries an Element Timing mark: the benchmark's "first event painted".
    const item = html`<li>${card(e, view, options.asOf, options.display, options.sourceHref, groups.length === 0)}</li>`;
    if (last && last.key === g.key) last.items.push(item);
    else groups.push({ key: g.key, heading: g.heading, items: [item] });
  }
  return join(
    groups.map(
      (g) =>
        html`<section aria-labelledby="day-${g.key}"><h2 id="day-${g.key}" class="sticky top-0 z-[1] bg-white/95 py-1 text-sm font-bold uppercase tracking-wide text-zinc-700 dark:bg-[#0b0f19]/95 dark:text-zinc-300">${
          g.heading
        }</h2><ol class="${options.display === "compact" ? "mt-1" : "mt-2 space-y-3"}">${g.items}</ol></section>`,
    ),
  ).value;
}
