import Link from "next/link";
import { ACTOR_ROLE_LABEL, EVENT_KIND_LABEL, STANCE_LABEL } from "@/lib/domain";
import { knownBy, statusAsOf, withAsOf, type AsOf } from "@/lib/events/as-of";
import { statusLabel } from "@/lib/events/labels";
import type { TimelineEvent } from "@/lib/events/queries";
import { StatusLabel } from "@/components/ui/status-label";
import { EventTime } from "@/components/event/event-time";
import { RelatedEvents, collectRelations } from "@/components/event/related-events";

/** One timeline item. Its id is the event's slug, so `/#<slug>` deep-links to it. */
export function EventCard({
  event,
  sourceHref,
  asOf = null,
}: {
  event: TimelineEvent;
  sourceHref: (slug: string) => string;
  asOf?: AsOf;
}) {
  // In an "as of" view the label is the one the event carried then.
  const label = statusLabel(
    statusAsOf(event, asOf),
    event.citations,
    knownBy(
      event.claims.flatMap((c) => c.claim.history),
      (h) => h.knownAt,
      asOf,
    ),
    event.timeZone,
  );
  const quotes = event.citations.filter((c) => c.quote);
  const sources = [...new Map(event.citations.map((c) => [c.source.slug, c])).values()];
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
      <StatusLabel label={label} className="mt-2" />
      <p className="mt-2 leading-relaxed">{event.summary}</p>
      {quotes.map((c) => (
        <blockquote key={c.id} className="mt-2 border-l-4 border-zinc-300 pl-3 italic dark:border-zinc-600">
          “{c.quote}”
        </blockquote>
      ))}
      <p className="mt-2 text-sm">
        <span className="font-medium">Sources: </span>
        {sources.map((c, i) => (
          <span key={c.source.slug}>
            {i > 0 ? "; " : ""}
            <a href={sourceHref(c.source.slug)} className="underline decoration-zinc-400 underline-offset-2">
              {c.source.name}
            </a>
            {c.attributionText ? <span className="text-zinc-700 dark:text-zinc-300"> ({c.attributionText})</span> : null}
          </span>
        ))}
      </p>
      {event.actors.length > 0 ? (
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">Who: </span>
          {event.actors.map((a) => `${a.actor.name} (${ACTOR_ROLE_LABEL[a.role].toLowerCase()})`).join(", ")}
        </p>
      ) : null}
      {event.claims.length > 0 ? (
        <ul className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" aria-label="Claims">
          {event.claims.map((c) => (
            <li key={c.claim.id}>
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{STANCE_LABEL[c.stance]}:</span>{" "}
              <Link href={withAsOf(`/claims/${c.claim.slug}`, asOf)} className="underline decoration-zinc-400 underline-offset-2">
                “{c.claim.text}”
              </Link>
              {c.note ? ` — ${c.note}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <RelatedEvents relations={collectRelations(event, asOf)} asOf={asOf} />
    </article>
  );
}
