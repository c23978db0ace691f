import Link from "next/link";
import { ACTOR_ROLE_LABEL, EVENT_KIND_LABEL, STANCE_LABEL } from "@/lib/domain";
import { withAsOf, type AsOf } from "@/lib/events/as-of";
import { projectEvent } from "@/lib/events/event-view";
import type { TimelineEvent } from "@/lib/events/queries";
import { StatusLabel } from "@/components/ui/status-label";
import { EventTime } from "@/components/event/event-time";
import { RelatedEvents } from "@/components/event/related-events";
import { SourceList } from "@/components/event/source-list";

/** One timeline item, as a reader saw it at the view's instant. Its id is the event's slug, so `/#<slug>` deep-links to it. */
export function EventCard({
  event,
  sourceHref,
  asOf = null,
}: {
  event: TimelineEvent;
  sourceHref: (slug: string) => string;
  asOf?: AsOf;
}) {
  const view = projectEvent(event, asOf?.cutoff ?? null);
  if (!view) return null;
  const quotes = view.citations.filter((c) => c.quote);
  const headingId = `h-${event.slug}`;
  return (
    <article
      id={event.slug}
      aria-labelledby={headingId}
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
      data-event-id={event.id}
    >
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <EventTime time={event} note={event.timeNote} />
        {" · "}
        {EVENT_KIND_LABEL[event.kind]}
        {event.location ? ` · ${event.location}` : ""}
      </p>
      <h3 id={headingId} className="mt-1 font-serif text-lg font-semibold leading-snug">
        <Link href={withAsOf(`/events/${event.slug}`, asOf)} className="hover:underline">
          {event.headline}
        </Link>
      </h3>
      <StatusLabel label={view.label} className="mt-2" />
      <p className="mt-2 leading-relaxed">{event.summary}</p>
      {quotes.map((c) => (
        <blockquote key={c.id} className="mt-2 border-l-4 border-zinc-300 pl-3 italic dark:border-zinc-600">
          “{c.quote}”
        </blockquote>
      ))}
      <SourceList citations={view.citations} independent={view.independent} sourceHref={sourceHref} />
      {event.actors.length > 0 ? (
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">Who: </span>
          {event.actors.map((a) => `${a.actor.name} (${ACTOR_ROLE_LABEL[a.role].toLowerCase()})`).join(", ")}
        </p>
      ) : null}
      {view.claims.length > 0 ? (
        <ul className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" aria-label="Claims">
          {view.claims.map((c, i) => (
            <li key={c.claim.id}>
              <span className="font-medium text-zinc-900 dark:text-zinc-100">
                {STANCE_LABEL[c.stance]}
                {view.claims.length > 1 && i === 0 ? " (main claim)" : ""}:
              </span>{" "}
              <Link href={withAsOf(`/claims/${c.claim.slug}`, asOf)} className="underline decoration-zinc-400 underline-offset-2">
                “{c.claim.text}”
              </Link>
              {c.note ? ` — ${c.note}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <RelatedEvents relations={view.relations} asOf={asOf} />
    </article>
  );
}
