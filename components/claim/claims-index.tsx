import Link from "next/link";
import { ClaimStatusPill } from "@/components/claim/claim-status-pill";
import { AsOfControl } from "@/components/timeline/as-of-control";
import { independentSourcesText, listClaims } from "@/lib/claims/queries";
import { asOfFor, withAsOf } from "@/lib/events/as-of";
import { EMPTY_QUERY, parseTimelineQuery } from "@/lib/events/filters";
import { getStoryDayRange, type StorySummary } from "@/lib/stories/queries";
import { allValues, type RawSearchParams } from "@/lib/url";

const MAX_MIN = 20;

/** `min_independent=N`: only claims backed by at least N independent sources. */
function parseMinIndependent(params: RawSearchParams, notes: string[]): number {
  const raw = allValues(params, "min_independent")[0];
  if (raw === undefined || raw.trim() === "") return 0;
  if (!/^\d{1,2}$/.test(raw.trim()) || Number(raw) > MAX_MIN) {
    notes.push(`Ignored min_independent “${raw.slice(0, 40)}”: use a whole number from 0 to ${MAX_MIN}.`);
    return 0;
  }
  return Number(raw);
}

export async function ClaimsIndex({
  story,
  path,
  searchParams,
}: {
  story: StorySummary;
  path: string;
  searchParams: RawSearchParams;
}) {
  const parsed = parseTimelineQuery(searchParams);
  const notes = parsed.notes.filter((n) => n.includes("asof"));
  const min = parseMinIndependent(searchParams, notes);
  const asOf = asOfFor(parsed.asof, story.timeZone);
  const [claims, dayRange] = await Promise.all([
    listClaims(story.id, asOf?.cutoff ?? null, min),
    getStoryDayRange(story.id, story.timeZone),
  ]);
  const timelinePath = story.isDefault ? "/" : `/stories/${story.slug}`;
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm">
          {/* A document load: the timeline's events come as HTML (lib/reader/frozen.ts). */}
          <a href={withAsOf(timelinePath, asOf)} className="underline underline-offset-2">
            {story.title}
          </a>
        </p>
        <h1 className="mt-1 font-serif text-3xl font-bold">Claims</h1>
        <p className="mt-1 max-w-prose">
          Each claim with its status and how many independent sources stand behind it. Repeats (wire copies, “as first
          reported by”) count under their original.
        </p>
      </header>
      <AsOfControl path={path} query={{ ...EMPTY_QUERY, asof: parsed.asof }} asOf={asOf} zone={story.timeZone} range={dayRange} noun="list of claims" />
      {notes.length ? (
        <div role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100">
          <ul>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form action={path} method="get" className="flex flex-wrap items-end gap-2" aria-label="Filter claims">
        {parsed.asof ? <input type="hidden" name="asof" value={parsed.asof} /> : null}
        <label className="flex flex-col gap-1 text-sm font-semibold">
          Independent sources, at least
          <select
            name="min_independent"
            defaultValue={String(min)}
            className="rounded border border-zinc-500 bg-white px-2 py-1 text-sm dark:bg-zinc-900"
          >
            {[0, 1, 2, 3, 5].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? "Any" : n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-zinc-600 px-3 py-1 text-sm font-semibold dark:border-zinc-300">
          Filter
        </button>
      </form>
      <p className="font-semibold" id="claim-count">
        {claims.length === 1 ? "1 claim" : `${claims.length} claims`}
      </p>
      <ul className="space-y-3">
        {claims.map((c) => (
          <li key={c.id} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <h2 className="font-serif text-lg font-semibold">
              <Link href={withAsOf(`/claims/${c.slug}`, asOf)} className="hover:underline">
                “{c.text}”
              </Link>
            </h2>
            {c.scope ? <p className="text-sm">Scope: {c.scope}</p> : null}
            <ClaimStatusPill status={c.status} className="mt-2 text-sm" />
            <p className="mt-1 text-sm">
              {independentSourcesText(c.counts).replace(/^r/, "R")} · {c.events === 1 ? "1 event" : `${c.events} events`}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
