import Link from "next/link";
import { dayGroup } from "@/lib/dates";
import { EVENT_KIND_LABEL, EVENT_STATUS_SHORT } from "@/lib/domain";
import {
  hasFilters,
  hrefWithout,
  toSearchParams,
  type ActiveFilter,
  type TimelineQuery,
} from "@/lib/events/filters";
import type { TimelineEvent, TimelinePage } from "@/lib/events/queries";
import type { StoryFacets } from "@/lib/stories/queries";
import { createUrl } from "@/lib/url";
import type { AsOf } from "@/lib/events/as-of";
import { AsOfControl } from "./as-of-control";
import { EventCard } from "./event-card";
import { FilterBar } from "./filter-bar";
import { ViewNotes } from "@/components/ui/view-notes";

function groupByDay(events: TimelineEvent[]) {
  const groups: { key: string; heading: string; events: TimelineEvent[] }[] = [];
  for (const e of events) {
    const g = dayGroup(e);
    const last = groups[groups.length - 1];
    if (last && last.key === g.key) last.events.push(e);
    else groups.push({ ...g, events: [e] });
  }
  return groups;
}

function activeFilters(path: string, q: TimelineQuery, facets: StoryFacets, fixedSource?: string): ActiveFilter[] {
  const name = (list: { slug: string; name: string }[], slug: string) => list.find((x) => x.slug === slug)?.name ?? slug;
  return [
    ...q.sources
      .filter((s) => s !== fixedSource)
      .map((s) => ({ label: `Source: ${name(facets.sources, s)}`, removeHref: hrefWithout(path, q, { source: s }) })),
    ...q.statuses.map((s) => ({ label: `Status: ${EVENT_STATUS_SHORT[s]}`, removeHref: hrefWithout(path, q, { status: s }) })),
    ...q.kinds.map((k) => ({ label: `Kind: ${EVENT_KIND_LABEL[k]}`, removeHref: hrefWithout(path, q, { kind: k }) })),
    ...q.actors.map((a) => ({ label: `Actor: ${name(facets.actors, a)}`, removeHref: hrefWithout(path, q, { actor: a }) })),
    ...q.tags.map((t) => ({ label: `Tag: ${name(facets.tags, t)}`, removeHref: hrefWithout(path, q, { tag: t }) })),
    ...(q.from ? [{ label: `From ${q.from}`, removeHref: hrefWithout(path, q, { from: true }) }] : []),
    ...(q.to ? [{ label: `To ${q.to}`, removeHref: hrefWithout(path, q, { to: true }) }] : []),
    ...(q.q ? [{ label: `Text: “${q.q}”`, removeHref: hrefWithout(path, q, { q: true }) }] : []),
  ];
}

/** A timeline: filter bar, what is active, the events grouped by day, and keyset pagination. */
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
}: {
  path: string;
  query: TimelineQuery;
  page: TimelinePage;
  facets: StoryFacets;
  fixedSource?: string;
  asOf?: AsOf;
  /** The zone whose days the "as of" control counts in. */
  zone: string;
  dayRange?: { first: string; last: string } | null;
  emptyText?: string;
}) {
  const notes = [...query.notes, ...page.notes];
  const active = activeFilters(path, query, facets, fixedSource);
  const filtered = hasFilters({ ...query, sources: query.sources.filter((s) => s !== fixedSource) });
  // Source links on items narrow the current view rather than leaving it.
  const sourceHref = (slug: string) => {
    if (fixedSource) return `/sources/${slug}`;
    const next = { ...query, sources: query.sources.includes(slug) ? query.sources : [...query.sources, slug] };
    return createUrl(path, toSearchParams(next));
  };
  const groups = groupByDay(page.events);
  return (
    <div className="space-y-4">
      <AsOfControl path={path} query={query} asOf={asOf} zone={zone} range={dayRange} />
      {/* Keyed on the filters so that, after a client-side navigation (a removed chip, "Clear
          filters"), the form shows the new filters instead of keeping the old checked boxes. */}
      <FilterBar key={toSearchParams(query).toString()} action={path} query={query} facets={facets} fixedSource={fixedSource} />
      <ViewNotes notes={notes} />
      <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
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
                <Link
                  href={f.removeHref}
                  className="inline-flex items-center gap-1 rounded-full border border-zinc-400 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-600 dark:hover:bg-zinc-800"
                  aria-label={`Remove filter ${f.label}`}
                >
                  {f.label} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {page.newerCursor ? <PageLinks path={path} query={query} page={page} label="Pages, top" /> : null}
      {groups.length === 0 ? <p className="py-8 text-center text-zinc-700 dark:text-zinc-300">{emptyText}</p> : null}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`day-${g.key}`}>
          <h2 id={`day-${g.key}`} className="sticky top-0 z-[1] bg-white/95 py-1 text-sm font-bold uppercase tracking-wide text-zinc-700 dark:bg-[#0b0f19]/95 dark:text-zinc-300">
            {g.heading}
          </h2>
          <ol className="mt-2 space-y-3">
            {g.events.map((e) => (
              <li key={e.id}>
                <EventCard event={e} sourceHref={sourceHref} asOf={asOf} />
              </li>
            ))}
          </ol>
        </section>
      ))}
      <PageLinks path={path} query={query} page={page} label="Pages" />
    </div>
  );
}

function PageLinks({ path, query, page, label }: { path: string; query: TimelineQuery; page: TimelinePage; label: string }) {
  if (!page.newerCursor && !page.olderCursor) return null;
  return (
    <nav aria-label={label} className="flex justify-between gap-4 text-sm font-semibold">
      {page.newerCursor ? (
        <Link href={createUrl(path, toSearchParams(query, { after: page.newerCursor }))} rel="prev" className="underline underline-offset-2">
          ← Newer events
        </Link>
      ) : (
        <span />
      )}
      {page.olderCursor ? (
        <Link href={createUrl(path, toSearchParams(query, { before: page.olderCursor }))} rel="next" className="underline underline-offset-2">
          Older events →
        </Link>
      ) : null}
    </nav>
  );
}
