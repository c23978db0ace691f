import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyLink } from "@/components/event/copy-link";
import { EventTime } from "@/components/event/event-time";
import { RelatedEvents, collectRelations } from "@/components/event/related-events";
import { StatusLabel } from "@/components/ui/status-label";
import { formatEventTime, formatPublished } from "@/lib/dates";
import {
  ACTOR_ROLE_LABEL,
  ATTRIBUTION_LABEL,
  CLAIM_STATUS_LABEL,
  EVENT_KIND_LABEL,
  SOURCE_KIND_LABEL,
  STANCE_LABEL,
} from "@/lib/domain";
import { eventJsonLd } from "@/lib/events/json-ld";
import { statusLabel } from "@/lib/events/labels";
import { getEventBySlugOrId, timelineCursorFor } from "@/lib/events/queries";
import { siteUrl } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await getEventBySlugOrId((await params).slug);
  if (!event) notFound();
  const label = statusLabel(event.status, event.citations, event.claims.flatMap((c) => c.claim.history), event.timeZone);
  const description = `${label.text}${label.detail ? ` (${label.detail})` : ""}. ${formatEventTime(event)}. ${event.summary}`;
  const canonical = `/events/${event.slug}`;
  return {
    title: event.headline,
    description,
    alternates: { canonical },
    openGraph: {
      type: "article",
      title: event.headline,
      description,
      url: canonical,
      siteName: "Sourceline",
      publishedTime: event.firstReportedAt.toISOString(),
      modifiedTime: event.updatedAt.toISOString(),
    },
    twitter: { card: "summary", title: event.headline, description },
  };
}

const sectionHeading = "font-serif text-xl font-bold";

export default async function EventPage({ params }: Props) {
  const event = await getEventBySlugOrId((await params).slug);
  if (!event) notFound();
  const label = statusLabel(event.status, event.citations, event.claims.flatMap((c) => c.claim.history), event.timeZone);
  const timelinePath = event.story.isDefault ? "/" : `/stories/${event.story.slug}`;
  const cursor = await timelineCursorFor(event);
  const inTimeline = `${timelinePath}${cursor ? `?before=${cursor}` : ""}#${event.slug}`;
  const permalink = `/events/${event.slug}`;
  const relations = collectRelations(event);
  const jsonLd = eventJsonLd(event, siteUrl());

  return (
    <article aria-labelledby="event-headline" className="space-y-6">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <header>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          <Link href={timelinePath} className="underline underline-offset-2">
            {event.story.title}
          </Link>
          {" · "}
          {EVENT_KIND_LABEL[event.kind]}
        </p>
        <h1 id="event-headline" className="mt-2 font-serif text-3xl font-bold leading-tight">
          {event.headline}
        </h1>
        <StatusLabel label={label} className="mt-3" />
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">When</dt>
          <dd>
            <EventTime time={event} note={event.timeNote} showNote />
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              Precision: {event.precision.toLowerCase()}
              {event.approximate ? ", approximate" : ""} · time zone {event.timeZone}
            </span>
          </dd>
          <dt className="font-semibold">First reported</dt>
          <dd>{formatPublished(event.firstReportedAt, "DAY", event.story.timeZone)}</dd>
          {event.location ? (
            <>
              <dt className="font-semibold">Where</dt>
              <dd>{event.location}</dd>
            </>
          ) : null}
          {event.actors.length > 0 ? (
            <>
              <dt className="font-semibold">Who</dt>
              <dd>
                {event.actors.map((a, i) => (
                  <span key={`${a.actor.slug}-${a.role}`}>
                    {i > 0 ? "; " : ""}
                    {a.actor.name}
                    {a.actor.title ? `, ${a.actor.title}` : ""} ({ACTOR_ROLE_LABEL[a.role].toLowerCase()})
                  </span>
                ))}
              </dd>
            </>
          ) : null}
          {event.tags.length > 0 ? (
            <>
              <dt className="font-semibold">Tags</dt>
              <dd>{event.tags.map((t) => t.tag.name).join(", ")}</dd>
            </>
          ) : null}
        </dl>
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <CopyLink href={permalink} />
          <Link href={inTimeline} className="underline underline-offset-2">
            See it in the timeline
          </Link>
        </p>
      </header>

      {event.retractedAt ? (
        <section aria-labelledby="retraction" className="rounded border border-red-800 p-3 dark:border-red-400">
          <h2 id="retraction" className={sectionHeading}>
            Retracted
          </h2>
          <p>{event.retractionNote}</p>
        </section>
      ) : null}

      <p className="max-w-prose text-lg leading-relaxed">{event.summary}</p>

      {event.corrections.length > 0 ? (
        <section aria-labelledby="corrections">
          <h2 id="corrections" className={sectionHeading}>
            Corrections
          </h2>
          <ul className="mt-2 space-y-1">
            {event.corrections.map((c) => (
              <li key={c.id}>
                <strong>{formatPublished(c.createdAt, "DAY", event.story.timeZone)}:</strong> {c.note}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="citations">
        <h2 id="citations" className={sectionHeading}>
          Citations
        </h2>
        <ol className="mt-2 space-y-3">
          {event.citations.map((c) => (
            <li key={c.id} className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
              <p className="font-semibold">
                <Link href={`/sources/${c.source.slug}`} className="underline underline-offset-2">
                  {c.source.name}
                </Link>{" "}
                <span className="font-normal text-zinc-700 dark:text-zinc-300">({SOURCE_KIND_LABEL[c.source.kind].toLowerCase()})</span>
              </p>
              {c.title ? <p>{c.url ? <a href={c.url} className="underline">{c.title}</a> : c.title}</p> : null}
              {!c.title && c.url ? (
                <p>
                  <a href={c.url} className="break-all underline">
                    {c.url}
                  </a>
                </p>
              ) : null}
              <p className="text-sm">
                <span className="font-medium">Attribution:</span> {ATTRIBUTION_LABEL[c.attribution]}
                {c.attributionText ? ` — ${c.attributionText}` : ""}
              </p>
              {c.publishedAt ? (
                <p className="text-sm">
                  <span className="font-medium">Published:</span> {formatPublished(c.publishedAt, c.publishedPrecision, event.timeZone)}
                </p>
              ) : null}
              {c.quote ? (
                <blockquote className="mt-2 border-l-4 border-zinc-300 pl-3 italic dark:border-zinc-600">“{c.quote}”</blockquote>
              ) : null}
              {c.repeats ? <p className="text-sm">Repeats a citation of {c.repeats.source.name}; not an independent source.</p> : null}
              {c.archivedUrl ? (
                <p className="text-sm">
                  <a href={c.archivedUrl} className="underline">
                    Archived copy
                  </a>
                </p>
              ) : null}
              {c.note ? <p className="text-sm text-zinc-700 dark:text-zinc-300">{c.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      {event.claims.length > 0 ? (
        <section aria-labelledby="claims">
          <h2 id="claims" className={sectionHeading}>
            Claims
          </h2>
          <ul className="mt-2 space-y-3">
            {event.claims.map(({ claim, stance, note }) => (
              <li key={claim.id} className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
                <p className="font-semibold">“{claim.text}”</p>
                {claim.scope ? <p className="text-sm">Scope: {claim.scope}</p> : null}
                <p className="text-sm">
                  <span className="font-medium">This event:</span> {STANCE_LABEL[stance]}
                  {note ? ` — ${note}` : ""}
                </p>
                <p className="text-sm">
                  <span className="font-medium">Claim status now:</span> {CLAIM_STATUS_LABEL[claim.status]}
                </p>
                <ol className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" aria-label="Status history">
                  {claim.history.map((h) => (
                    <li key={h.id}>
                      {formatPublished(h.knownAt, "DAY", event.story.timeZone)}:{" "}
                      {h.fromStatus ? `${CLAIM_STATUS_LABEL[h.fromStatus]} → ` : ""}
                      {CLAIM_STATUS_LABEL[h.toStatus]}
                      {h.evidenceCitation ? ` (evidence: ${h.evidenceCitation.source.name})` : ""}. {h.reason}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {relations.length > 0 ? (
        <section aria-labelledby="related">
          <h2 id="related" className={sectionHeading}>
            Related events
          </h2>
          <RelatedEvents relations={relations} showNotes />
        </section>
      ) : null}
    </article>
  );
}
