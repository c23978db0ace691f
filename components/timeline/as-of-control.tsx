import { addDays, formatIsoDay } from "@/lib/dates";
import type { AsOf } from "@/lib/events/as-of";
import { toSearchParams, type TimelineQuery } from "@/lib/events/filters";
import { withDisplay, type Display } from "@/lib/reader/display";
import { createUrl } from "@/lib/url";

type Props = {
  path: string;
  query: TimelineQuery;
  asOf: AsOf;
  zone: string;
  range: { first: string; last: string } | null;
  noun?: string;
  display?: Display;
  /** A one-line control (beside the story at a glance). */
  compact?: boolean;
};

/**
 * The "as of" banner and date control: a plain GET form and links, so it works without
 * JavaScript. It keeps the current filters and moves through the story's days.
 */
export function AsOfControl({ path, query, asOf, zone, range, noun = "timeline", display = "full", compact = false }: Props) {
  const at = (day: string | null) => withDisplay(createUrl(path, toSearchParams({ ...query, asof: day })), display);
  const hidden = [...toSearchParams({ ...query, asof: null }).entries(), ...(display === "compact" ? [["view", "compact"]] : [])];
  const prev = asOf && range && asOf.day > range.first ? addDays(asOf.day, -1) : null;
  const next = asOf && range && asOf.day < range.last ? addDays(asOf.day, 1) : null;
  return (
    <div
      className={
        asOf
          ? "rounded-lg border-2 border-indigo-700 bg-indigo-50 p-3 text-indigo-950 dark:border-indigo-300 dark:bg-indigo-950 dark:text-indigo-50"
          : "text-sm"
      }
    >
      {asOf ? (
        <div role="status" className="mb-2">
          <p className="font-bold" id="as-of-banner">
            Viewing this {noun} as of {formatIsoDay(asOf.day)}: only what had been reported by the end of that day
            ({zone} time), with every status as it stood then.
          </p>
          <p className="mt-1">
            <a href={at(null)} className="font-semibold underline underline-offset-2">
              Back to today&apos;s {noun}
            </a>
          </p>
        </div>
      ) : null}
      {/* An empty date is left out of the address by lib/reader/enhance.ts; the server reads "asof="
          as no date. */}
      <form
        action={path}
        method="get"
        className="flex flex-wrap items-center gap-2 text-sm"
        aria-label={`View the ${noun} as of a date`}
        data-omit-empty=""
      >
        {hidden.map(([k, v], i) => (
          <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
        ))}
        {prev ? (
          <a href={at(prev)} className="py-1 underline underline-offset-2" rel="nofollow">
            ← {formatIsoDay(prev)}
          </a>
        ) : null}
        <label className="flex items-center gap-2 text-sm font-semibold">
          As of
          <input
            type="date"
            name="asof"
            defaultValue={asOf?.day ?? ""}
            min={range?.first}
            max={range?.last}
            className={`rounded border border-zinc-500 bg-white px-2 text-sm text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100 ${compact ? "py-0.5" : "py-1"}`}
          />
        </label>
        <button
          type="submit"
          aria-label={compact ? "Show as of date" : undefined}
          className="rounded border border-zinc-600 px-3 py-1 text-sm font-semibold dark:border-zinc-300"
        >
          {compact ? "Show" : "Show as of date"}
        </button>
        {next ? (
          <a href={at(next)} className="py-1 underline underline-offset-2" rel="nofollow">
            {formatIsoDay(next)} →
          </a>
        ) : null}
      </form>
    </div>
  );
}
