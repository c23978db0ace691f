import Form from "next/form";
import Link from "next/link";
import {
  EVENT_KINDS,
  EVENT_KIND_LABEL,
  EVENT_STATUSES,
  EVENT_STATUS_SHORT,
  toSlug,
} from "@/lib/domain";
import type { TimelineQuery } from "@/lib/events/filters";
import type { StoryFacets } from "@/lib/stories/queries";
import { AutoSubmit } from "./auto-submit";

const field = "rounded border border-zinc-400 bg-white px-2 py-1 text-sm dark:border-zinc-600 dark:bg-zinc-900";
const legend = "cursor-pointer text-sm font-semibold";

/** The filter bar: a GET form, so it works without JavaScript; the URL is the state. */
export function FilterBar({
  action,
  query,
  facets,
  fixedSource,
}: {
  action: string;
  query: TimelineQuery;
  facets: StoryFacets;
  fixedSource?: string;
}) {
  const selectedSources = query.sources.length;
  return (
    <Form action={action} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" aria-label="Filter the timeline">
      <AutoSubmit />
      {query.asof ? <input type="hidden" name="asof" value={query.asof} /> : null}
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-semibold">
          Search headlines, summaries and quotes
          <input type="search" name="q" defaultValue={query.q ?? ""} className={field} maxLength={200} />
        </label>
        <button
          type="submit"
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
        >
          Apply filters
        </button>
        <Link href={action} className="py-1.5 text-sm underline underline-offset-2">
          Clear filters
        </Link>
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {fixedSource ? (
          <input type="hidden" name="source" value={fixedSource} />
        ) : (
          <details open={selectedSources > 0} className="text-sm">
            <summary className={legend}>
              Sources{selectedSources ? ` (${selectedSources} selected)` : ""}
            </summary>
            <fieldset className="mt-2 grid gap-1">
              <legend className="sr-only">Sources</legend>
              {facets.sources.map((s) => (
                <label key={s.slug} className="flex items-center gap-2">
                  <input type="checkbox" name="source" value={s.slug} defaultChecked={query.sources.includes(s.slug)} />
                  {s.name}
                </label>
              ))}
            </fieldset>
          </details>
        )}
        <details open={query.statuses.length > 0} className="text-sm">
          <summary className={legend}>
            Status{query.statuses.length ? ` (${query.statuses.length} selected)` : ""}
          </summary>
          <fieldset className="mt-2 grid gap-1">
            <legend className="sr-only">Status</legend>
            {EVENT_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-2">
                <input type="checkbox" name="status" value={toSlug(s)} defaultChecked={query.statuses.includes(s)} />
                {EVENT_STATUS_SHORT[s]}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      <div className="mt-3 flex flex-wrap gap-3">
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Kind
          <select name="kind" defaultValue={query.kinds[0] ? toSlug(query.kinds[0]) : ""} className={field}>
            <option value="">Any kind</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={toSlug(k)}>
                {EVENT_KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Actor
          <select name="actor" defaultValue={query.actors[0] ?? ""} className={field}>
            <option value="">Anyone</option>
            {facets.actors.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Tag
          <select name="tag" defaultValue={query.tags[0] ?? ""} className={field}>
            <option value="">Any tag</option>
            {facets.tags.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-semibold">
          From
          <input type="date" name="from" defaultValue={query.from ?? ""} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-semibold">
          To
          <input type="date" name="to" defaultValue={query.to ?? ""} className={field} />
        </label>
      </div>
    </Form>
  );
}
