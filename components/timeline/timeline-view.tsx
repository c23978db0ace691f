import type { ReactNode } from "react";
import { EVENT_KIND_LABEL, EVENT_STATUS_SHORT } from "@/lib/domain";
import {
  hasFilters,
  hrefWithout,
  toSearchParams,
  type ActiveFilter,
  type TimelineQuery,
} from "@/lib/events/filters";
import type { TimelinePage } from "@/lib/events/queries";
import { eventListHtml } from "@/lib/reader/event-list-html";
import { freeze } from "@/lib/reader/frozen";
import type { FacetKind, FacetSummary } from "@/lib/reader/facets";
import { withDisplay, type Display } from "@/lib/reader/display";
import { createUrl } from "@/lib/url";
import type { AsOf } from "@/lib/events/as-of";
import { AsOfControl } from "./as-of-control";
import { FilterBar } from "./filter-bar";
import { ViewNotes } from "@/components/ui/view-notes";
import { FrozenHtml } from "@/components/reader/frozen-html";
import { ReaderEnhancements } from "@/components/reader/reader-enhancements";

function activeFilters(path: string, q: TimelineQuery, facets: FacetSummary, fixedSource?: string): ActiveFilter[] {
  const name = (kind: FacetKind, slug: string) => facets[kind].values.find((x) => x.slug === slug)?.name ?? slug;
  return [
    ...q.sources
      .filter((s) => s !== fixedSource)
      .map((s) => ({ label: `Source: ${name("sources", s)}`, removeHref: hrefWithout(path, q, { source: s }) })),
    ...q.statuses.map((s) => ({ label: `Status: ${EVENT_STATUS_SHORT[s]}`, removeHref: hrefWithout(path, q, { status: s }) })),
    ...q.kinds.map((k) => ({ label: `Kind: ${EVENT_KIND_LABEL[k]}`, removeHref: hrefWithout(path, q, { kind: k }) })),
    ...q.actors.map((a) => ({ label: `Actor: ${name("actors", a)}`, removeHref: hrefWithout(path, q, { actor: a }) })),
    ...q.tags.map((t) => ({ label: `Tag: ${name("tags", t)}`, removeHref: hrefWithout(path, q, { tag: t }) })),
    ...(q.from ? [{ label: `From ${q.from}`, removeHref: hrefWithout(path, q, { from: true }) }] : []),
    ...(q.to ? [{ label: `To ${q.to}`, removeHref: hrefWithout(path, q, { to: true }) }] : []),
    ...(q.q ? [{ label: `Text: “${q.q}”`, removeHref: hrefWithout(path, q, { q: true }) }] : []),
  ];
}

/**
 * A timeline: the filter bar with the active filters as chips, the events grouped by day, and
 * keyset pagination. A story page puts the story at a glance (with its "as of" control) above it;
 * other timelines get the "as of" control alone.
 */
export function TimelineView({
  path,
  query,
  page,
  facets,
  fixedSource,
  asOf = null,
  zone,
  dayRange = null,
  emptyText = "No events match these filters.",
  display = "full",
  top,
  facetListPath = null,
  after,
}: {
  path: string;
  query: TimelineQuery;
  page: TimelinePage;
  facets: FacetSummary;
  fixedSource?: string;
  asOf?: AsOf;
  /** The zone whose days the "as of" control counts in. */
  zone: string;
  dayRange?: { first: string; last: string } | null;
  emptyText?: string;
  display?: Display;
  /** What a story page puts first (where things stand, the story at a glance with the "as of" control). */
  top?: ReactNode;
  facetListPath?: ((kind: FacetKind) => string) | null;
  /** Rendered between the result line and the first event (the reader's live and since-last-visit bars). */
  after?: ReactNode;
}) {
  const notes = [...query.notes, ...page.notes];
  const active = activeFilters(path, query, facets, fixedSource);
  const filtered = hasFilters({ ...query, sources: query.sources.filter((s) => s !== fixedSource) });
  const keep = (href: string) => withDisplay(href, display);
  // Source links on items narrow the current view rather than leaving it.
  const sourceHref = (slug: string) => {
    if (fixedSource) return `/sources/${slug}`;
    const next = { ...query, sources: query.sources.includes(slug) ? query.sources : [...query.sources, slug] };
    return keep(createUrl(path, toSearchParams(next)));
  };
  const here = createUrl(path, toSearchParams(query));
  // The events travel once, as HTML (lib/reader/frozen.ts): plain links from here on, so that
  // moving through the timeline loads documents, which carry that HTML.
  const events = page.events.length ? freeze(eventListHtml(page.events, { asOf, display, sourceHref })) : null;
  return (
    <div className="space-y-2 sm:space-y-3">
      {top ?? <AsOfControl path={path} query={query} asOf={asOf} zone={zone} range={dayRange} display={display} />}
      {/* Keyed on the filters so that, after a client-side navigation (a removed chip, "Clear
          filters"), the form shows the new filters instead of keeping the old checked boxes. */}
      <FilterBar
        key={toSearchParams(query).toString()}
        action={path}
        query={query}
        facets={facets}
        fixedSource={fixedSource}
        display={display}
        facetListPath={facetListPath}
      />
      <ViewNotes notes={notes} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" aria-live="polite">
        <p id="result-count" className="font-semibold">
          {/* Counting stops at a limit, so that a story of a million events counts as fast as a small one. */}
          {!page.totalIsExact
            ? `More than ${page.total.toLocaleString("en-US")} events`
            : page.total === 1
              ? "1 event"
              : `${page.total.toLocaleString("en-US")} events`}
          {filtered ? (page.total === 1 && page.totalIsExact ? " matches the filters" : " match the filters") : ""}
          {asOf ? " (as of this date)" : ""}
        </p>
        {active.length > 0 ? (
          <ul className="flex flex-wrap gap-2" aria-label="Active filters">
            {active.map((f) => (
              <li key={f.label}>
                <a href={keep(f.removeHref)} className="chip" aria-label={`Remove filter ${f.label}`}>
                  {f.label} <span aria-hidden="true">×</span>
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        <a href={display === "compact" ? here : withDisplay(here, "compact")} className="lnk ml-auto" rel="nofollow">
          {display === "compact" ? "Full view" : "Compact view"}
        </a>
      </div>
      {after}
      {page.newerCursor ? <PageLinks path={path} query={query} page={page} label="Pages, top" display={display} /> : null}
      {events ? <FrozenHtml frozenKey={events} className="space-y-3" /> : <p className="py-8 text-center text-zinc-700 dark:text-zinc-300">{emptyText}</p>}
      <PageLinks path={path} query={query} page={page} label="Pages" display={display} />
      {/* Once per page: the filter form, the story's panel and its embed code (lib/reader/enhance.ts). */}
      <ReaderEnhancements key={here} />
    </div>
  );
}

function PageLinks({ path, query, page, label, display }: { path: string; query: TimelineQuery; page: TimelinePage; label: string; display: Display }) {
  if (!page.newerCursor && !page.olderCursor) return null;
  return (
    <nav aria-label={label} className="flex justify-between gap-4 text-sm font-semibold">
      {page.newerCursor ? (
        <a href={withDisplay(createUrl(path, toSearchParams(query, { after: page.newerCursor })), display)} rel="prev" className="underline underline-offset-2">
          ← Newer events
        </a>
      ) : (
        <span />
      )}
      {page.olderCursor ? (
        <a href={withDisplay(createUrl(path, toSearchParams(query, { before: page.olderCursor })), display)} rel="next" className="underline underline-offset-2">
          Older events →
        </a>
      ) : null}
    </nav>
  );
}
