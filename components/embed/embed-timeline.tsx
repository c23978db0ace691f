import { formatEventTime } from "@/lib/dates";
import { EVENT_KIND_LABEL } from "@/lib/domain";
import { withAsOf, type AsOf } from "@/lib/events/as-of";
import { projectEvent } from "@/lib/events/event-view";
import type { TimelineEvent } from "@/lib/events/queries";

// The embeddable timeline: light, compact, no site chrome. Every link opens in the top window.
// Each item is the as-of projection of its event, as on the site.

export function EmbedTimeline({
  events,
  site,
  asOf,
  highlight,
}: {
  events: TimelineEvent[];
  site: string;
  asOf: AsOf;
  highlight: string | null;
}) {
  return (
    <ol className="space-y-2">
      {events.map((e) => {
        const view = projectEvent(e, asOf?.cutoff ?? null);
        if (!view) return null;
        const label = view.label;
        const sources = [...new Map(view.citations.map((c) => [c.source.slug, c.source])).values()];
        const current = e.slug === highlight;
        return (
          <li key={e.id}>
            <article
              id={e.slug}
              aria-labelledby={`h-${e.slug}`}
              aria-current={current ? "true" : undefined}
              data-highlighted={current ? "true" : undefined}
              className={`scroll-mt-4 rounded-md border bg-white p-3 ${current ? "border-amber-600 bg-amber-50 ring-4 ring-amber-500" : "border-zinc-300"}`}
            >
              <p className="text-xs text-zinc-700">
                <time dateTime={e.occurredAt.toISOString()}>{formatEventTime(e)}</time> · {EVENT_KIND_LABEL[e.kind]}
              </p>
              <h2 id={`h-${e.slug}`} className="mt-0.5 font-serif text-base font-semibold leading-snug">
                <a href={`${site}${withAsOf(`/events/${e.slug}`, asOf)}`} target="_top" className="hover:underline">
                  {e.headline}
                </a>
              </h2>
              <p className="mt-1 text-sm" data-status={label.status}>
                <span className="rounded border border-zinc-600 px-1.5 py-0.5 font-semibold">{label.text}</span>
                {label.detail ? <span className="ml-2 text-zinc-700">{label.detail}</span> : null}
                {label.verdict ? <span className="ml-1 font-medium text-zinc-900">· {label.verdict.text}</span> : null}
              </p>
              <p className="mt-1 text-sm text-zinc-800">
                <span className="font-medium">Sources: </span>
                {sources.map((s, i) => (
                  <span key={s.slug}>
                    {i > 0 ? "; " : ""}
                    <a href={`${site}/sources/${s.slug}`} target="_top" className="underline decoration-zinc-400 underline-offset-2">
                      {s.name}
                    </a>
                  </span>
                ))}
              </p>
            </article>
          </li>
        );
      })}
    </ol>
  );
}
