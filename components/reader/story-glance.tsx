import type { ReactNode } from "react";
import { formatIsoDay, formatIsoMonth } from "@/lib/dates";
import { CLAIM_STATUS_LABEL, EVENT_STATUS_SHORT, type EventStatusValue } from "@/lib/domain";
import { toSearchParams, type TimelineQuery } from "@/lib/events/filters";
import { GROUPED_WINDOW_DAYS, glanceBars, type Glance, type GlanceBar } from "@/lib/reader/glance";
import { withDisplay, type Display } from "@/lib/reader/display";
import { freeze } from "@/lib/reader/frozen";
import { html, join } from "@/lib/reader/html";
import { STATUS_MARK } from "@/lib/reader/status-marks";
import { createUrl } from "@/lib/url";
import { FrozenHtml } from "./frozen-html";

// Bottom to top: the settled first, the contested on top.
const STACK: readonly EventStatusValue[] = ["CONFIRMED", "ON_RECORD", "REPORTED", "CLAIMED", "DECLINED", "DISPUTED", "DENIED", "RETRACTED"];

/** Each label's fill class (app/globals.css). */
export const GLANCE_CLASS: Record<EventStatusValue, string> = {
  CONFIRMED: "g-con",
  ON_RECORD: "g-onr",
  REPORTED: "g-rep",
  CLAIMED: "g-cla",
  DECLINED: "g-dec",
  DISPUTED: "g-dis",
  DENIED: "g-den",
  RETRACTED: "g-ret",
};

const UNIT = 10;
const HEIGHT = 60;
const TOP = 7;
const BOTTOM = 55;
const r1 = (n: number) => Math.round(n * 10) / 10;

/** A bar's dates: its day or days, or, for a bar of whole months, its month or months. */
function range(b: GlanceBar, months: boolean): string {
  if (months) {
    const [from, to] = [formatIsoMonth(b.from), formatIsoMonth(b.to)];
    return from === to ? from : `${from} – ${to}`;
  }
  return b.from === b.to ? formatIsoDay(b.from) : `${formatIsoDay(b.from)} – ${formatIsoDay(b.to)}`;
}

/** How long a bar is, as the legend and the table say it. */
function barLength(daysPerBar: number | null, monthsPerBar: number | null): { legend: string; per: string; heading: string } {
  if (monthsPerBar) {
    return monthsPerBar === 1
      ? { legend: "one bar a month", per: "month", heading: "Month" }
      : { legend: `one bar per ${monthsPerBar} months`, per: `${monthsPerBar} months`, heading: "Months" };
  }
  return daysPerBar === 1 || daysPerBar === null
    ? { legend: "one bar a day", per: "day", heading: "Day" }
    : { legend: `one bar per ${daysPerBar} days`, per: `${daysPerBar} days`, heading: "Days" };
}

function countsText(b: GlanceBar): string {
  const parts = STACK.filter((s) => b.counts[s]).map((s) => `${b.counts[s]} ${EVENT_STATUS_SHORT[s].toLowerCase()}`);
  return parts.length ? parts.join(", ") : "no events";
}

function changesText(b: GlanceBar): string {
  return b.changes.map((c) => `“${c.claim}” became ${CLAIM_STATUS_LABEL[c.to].toLowerCase()}`).join("; ");
}

/**
 * The story at a glance: a server-rendered SVG strip of the whole story, one bar per day (or per
 * run of days in a long story, per month or run of months in a story of years), stacked by the
 * label each event carried at the view's instant, with the days on which a main claim's status
 * changed marked above. Each bar is a link to that slice (from/to). The colours only repeat what
 * the legend, each bar's title and the table say in words: the table is the strip's text
 * alternative, and its links are the keyboard's way in. Works without JavaScript. The strip and
 * the table are static HTML (lib/reader/frozen.ts).
 */
export function StoryGlance({
  glance,
  path,
  query,
  display = "full",
  children,
}: {
  glance: Glance;
  path: string;
  query: TimelineQuery;
  display?: Display;
  /** The "as of" control, which sits with the strip. */
  children?: ReactNode;
}) {
  const { bars, daysPerBar, monthsPerBar } = glanceBars(glance);
  const length = barLength(daysPerBar, monthsPerBar);
  const dates = (b: GlanceBar) => range(b, monthsPerBar !== null);
  const max = Math.max(1, ...bars.map((b) => b.total));
  const slice = (b: GlanceBar) =>
    withDisplay(createUrl(path, toSearchParams({ ...query, from: b.from, to: b.to, before: null, after: null })), display);
  const ranged = query.from !== null || query.to !== null;
  const inRange = (b: GlanceBar) => ranged && (!query.from || b.to >= query.from) && (!query.to || b.from <= query.to);
  const present = STACK.filter((s) => bars.some((b) => b.counts[s]));
  const withEvents = bars.filter((b) => b.total > 0 || b.changes.length > 0);
  const width = Math.max(1, bars.length) * UNIT;

  const strip = bars.length
    ? html`<svg viewBox="0 0 ${width} ${HEIGHT}" preserveAspectRatio="none" class="glance block h-8 w-full sm:h-12" aria-hidden="true" focusable="false">${bars.map((b, i) => {
        if (b.total === 0 && b.changes.length === 0 && !inRange(b)) return null;
        let y = BOTTOM;
        const segments = STACK.map((s) => {
          const n = b.counts[s];
          if (!n) return null;
          const h = Math.max(1.5, (n / max) * (BOTTOM - TOP));
          y -= h;
          return html`<rect class="${GLANCE_CLASS[s]}" y="${r1(y + 0.4)}" height="${r1(Math.max(0.8, h - 0.8))}"/>`;
        });
        return html`<a href="${slice(b)}" tabindex="-1"><title>${dates(b)}: ${b.total === 1 ? "1 event" : `${b.total} events`}${b.changes.length ? ", a status change" : ""}</title><g transform="translate(${i * UNIT})"><rect class="g-hit"/>${segments}${
          b.changes.length ? html`<rect class="g-chg" y="0" height="5"/>` : null
        }${inRange(b) ? html`<rect class="g-rng" y="${HEIGHT - 3}" height="3"/>` : null}</g></a>`;
      })}</svg><ul class="flex flex-wrap gap-x-3 text-xs leading-4" aria-label="Legend">${present.map(
        (s) =>
          html`<li class="inline-flex items-center gap-1"><svg width="10" height="10" aria-hidden="true" focusable="false"><rect class="${GLANCE_CLASS[s]}" width="10" height="10"/></svg><span aria-hidden="true">${STATUS_MARK[s]}</span> ${EVENT_STATUS_SHORT[s]}</li>`,
      )}${
        glance.changes.length
          ? html`<li class="inline-flex items-center gap-1"><svg width="10" height="4" aria-hidden="true" focusable="false"><rect class="g-chg" width="10" height="4"/></svg>a main claim’s status changed</li>`
          : null
      }<li class="meta text-xs max-sm:hidden">${length.legend}${ranged ? "; underlined: the dates shown" : ""}</li>${
        glance.window ? html`<li class="meta text-xs">with this filter, the ${GROUPED_WINDOW_DAYS} days to ${formatIsoDay(glance.window.to)}</li>` : null
      }</ul>`
    : html`<p class="meta">No events to draw for this view.</p>`;

  const table = withEvents.length
    ? html`<details class="glance-details text-sm"><summary class="cursor-pointer font-semibold"><span class="sm:hidden">Table</span><span class="max-sm:hidden">The strip as a table</span></summary><table class="glance-table"><caption class="sr-only">Events per ${length.per} by label, and the main claims’ status changes</caption><thead><tr><th scope="col">${length.heading}</th><th scope="col">Events</th><th scope="col">By label, and status changes</th></tr></thead><tbody>${join(
        withEvents.map(
          (b) =>
            html`<tr><th scope="row"><a href="${slice(b)}" class="lnk">${dates(b)}</a></th><td>${b.total}</td><td>${countsText(b)}${
              b.changes.length ? html`<span class="block">${changesText(b)}</span>` : null
            }</td></tr>`,
        ),
      )}</tbody></table></details>`
    : null;

  return (
    <section aria-labelledby="glance-heading" className="min-w-0 space-y-1" data-glance={glance.via}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-xs">
        <h2 id="glance-heading" className="font-bold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
          The story at a glance
        </h2>
        {bars.length ? <span className="meta ml-auto text-xs max-sm:hidden">{`${formatIsoDay(bars[0]!.from)} – ${formatIsoDay(bars[bars.length - 1]!.to)}`}</span> : null}
        {table ? <FrozenHtml frozenKey={freeze(table.value)} className="glance-table-wrap text-sm" /> : null}
      </div>
      <FrozenHtml frozenKey={freeze(strip.value)} />
      {children}
    </section>
  );
}
