import { EVENT_KINDS, EVENT_KIND_LABEL, EVENT_STATUSES, EVENT_STATUS_SHORT, toSlug } from "@/lib/domain";
import { EMPTY_QUERY, toSearchParams, type TimelineQuery } from "@/lib/events/filters";
import { FACET_NOUN, type FacetChoices, type FacetKind, type FacetSummary } from "@/lib/reader/facets";
import { withDisplay, type Display } from "@/lib/reader/display";
import { freeze } from "@/lib/reader/frozen";
import { html, type Html } from "@/lib/reader/html";
import { createUrl } from "@/lib/url";
import { FrozenHtml } from "@/components/reader/frozen-html";

const legend = "cursor-pointer text-sm font-semibold";
const FORM_ID = "filter-form";

/**
 * The filter bar: one row (search, apply, and the other filters folded away), a GET form so it
 * works without JavaScript; the URL is the state. Each facet offers its most frequent values with
 * their counts, and a link to the full list. Static HTML (lib/reader/frozen.ts); lib/reader/enhance.ts
 * enhances it from outside.
 */
export function FilterBar({
  action,
  query,
  facets,
  fixedSource,
  display = "full",
  facetListPath,
}: {
  action: string;
  query: TimelineQuery;
  facets: FacetSummary;
  fixedSource?: string;
  display?: Display;
  /** The full list of a facet's values, e.g. `/stories/x/filters/sources`; null: no such page. */
  facetListPath?: ((kind: FacetKind) => string) | null;
}) {
  const selected = {
    sources: query.sources.filter((s) => s !== fixedSource).length,
    statuses: query.statuses.length,
    more: query.kinds.length + query.actors.length + query.tags.length + (query.from ? 1 : 0) + (query.to ? 1 : 0),
  };
  const active = selected.sources + selected.statuses + selected.more;
  const listHref = (kind: FacetKind) => (facetListPath ? withDisplay(createUrl(facetListPath(kind), toSearchParams(query)), display) : null);
  const kind = query.kinds[0] ? toSlug(query.kinds[0]) : "";
  const form = html`<form id="${FORM_ID}" action="${action}" method="get" class="flex flex-wrap items-center gap-2" aria-label="Filter the timeline" autocomplete="off" data-auto-submit="">${
    query.asof ? html`<input type="hidden" name="asof" value="${query.asof}"/>` : null
  }${display === "compact" ? html`<input type="hidden" name="view" value="compact"/>` : null}<label for="filter-q" class="sr-only">Search headlines, summaries and quotes</label><input id="filter-q" type="search" name="q" value="${
    query.q ?? ""
  }" placeholder="Search headlines, summaries, quotes" class="field min-w-0 flex-1 basis-40" maxlength="200"/><button type="submit" aria-label="Apply filters" class="rounded bg-zinc-900 px-3 py-1 text-sm font-semibold text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300">Apply</button><details class="filters text-sm"><summary class="${legend} py-1">Filters${
    active ? ` (${active} active)` : ""
  }</summary><div class="mt-2 grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800">${
    fixedSource
      ? html`<input type="hidden" name="source" value="${fixedSource}"/>`
      : facetGroup("sources", "Sources", facets.sources, query.sources, listHref("sources"))
  }<details class="filter-group"${selected.statuses ? html` open=""` : null}><summary class="${legend}">Status${
    selected.statuses ? ` (${selected.statuses} selected)` : ""
  }</summary><fieldset class="mt-2 grid gap-1"><legend class="sr-only">Status</legend>${EVENT_STATUSES.map(
    (s) =>
      html`<label class="flex items-center gap-2"><input type="checkbox" name="status" value="${toSlug(s)}"${query.statuses.includes(s) ? html` checked=""` : null}/>${
        EVENT_STATUS_SHORT[s]
      }</label>`,
  )}</fieldset></details>${facetGroup("actors", "Actors", facets.actors, query.actors, listHref("actors"))}${facetGroup(
    "tags",
    "Tags",
    facets.tags,
    query.tags,
    listHref("tags"),
  )}<div class="flex flex-wrap gap-3 sm:col-span-2"><label class="flex min-w-0 flex-col gap-1 font-semibold">Kind<select name="kind" class="field max-w-full"><option value=""${
    kind === "" ? html` selected=""` : null
  }>Any kind</option>${EVENT_KINDS.map(
    (k) => html`<option value="${toSlug(k)}"${kind === toSlug(k) ? html` selected=""` : null}>${EVENT_KIND_LABEL[k]}</option>`,
  )}</select></label><label class="flex flex-col gap-1 font-semibold">From<input type="date" name="from" value="${query.from ?? ""}" class="field"/></label><label class="flex flex-col gap-1 font-semibold">To<input type="date" name="to" value="${
    query.to ?? ""
  }" class="field"/></label></div><p class="sm:col-span-2"><a href="${withDisplay(
    createUrl(action, toSearchParams({ ...EMPTY_QUERY, asof: query.asof })),
    display,
  )}" class="lnk" data-clear-filters="">Clear filters</a></p></div></details></form>`;
  return <FrozenHtml frozenKey={freeze(form.value)} />;
}

function facetGroup(kind: FacetKind, title: string, choices: FacetChoices, chosen: readonly string[], listHref: string | null): Html {
  const noun = FACET_NOUN[kind];
  return html`<details class="filter-group"${chosen.length ? html` open=""` : null}><summary class="${legend}">${title}${
    chosen.length ? ` (${chosen.length} selected)` : ""
  }</summary><fieldset class="mt-2 grid gap-1"><legend class="sr-only">${title}</legend>${choices.values.map(
    (v) =>
      html`<label class="flex items-center gap-2"><input type="checkbox" name="${noun.param}" value="${v.slug}"${
        chosen.includes(v.slug) ? html` checked=""` : null
      } aria-describedby="n-${kind}-${v.slug}"/><span class="min-w-0 break-words">${v.name}</span><span id="n-${kind}-${v.slug}" class="meta" aria-hidden="true">${v.count.toLocaleString(
        "en-US",
      )}<span class="sr-only"> events</span></span></label>`,
  )}</fieldset>${
    listHref && choices.total > choices.values.length
      ? html`<p class="mt-1"><a href="${listHref}" class="lnk">All ${choices.total.toLocaleString("en-US")} ${noun.many}</a></p>`
      : null
  }</details>`;
}
