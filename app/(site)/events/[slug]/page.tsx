import { connection } from "next/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyLink } from "@/components/event/copy-link";
import { ReaderEnhancements } from "@/components/reader/reader-enhancements";
import { EventTime } from "@/components/event/event-time";
import { RelatedEvents } from "@/components/event/related-events";
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
import { withAsOf } from "@/lib/events/as-of";
import { briefStatusAt, projectEvent } from "@/lib/events/event-view";
import { EMPTY_QUERY } from "@/lib/events/filters";
import { eventJsonLd } from "@/lib/events/json-ld";
import { creditOf } from "@/lib/events/labels";
import { getEventBySlugOrId, getWithdrawnEvent, timelineCursorFor, type WithdrawnEvent } from "@/lib/events/queries";
import { redirectIfMoved } from "@/lib/redirects";
import { getThread } from "@/lib/events/thread";
import { resolveRecordView } from "@/lib/view/resolve";
import { ViewNotes } from "@/components/ui/view-notes";
import { siteUrl } from "@/lib/site";
import { getStoryDayRange } from "@/lib/stories/queries";
import type { RawSearchParams } from "@/lib/url";
import { AsOfControl } from "@/components/timeline/as-of-control";
import { ClaimStatusPill } from "@/components/claim/claim-status-pill";
import { ThreadView } from "@/components/event/thread-view";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

/**
 * The permalink of a slug or id that no published event has: a 308 to where it moved (renamed, or
 * merged into another event), the notice of an event withdrawn from publication, or a 404.
 */
async function notPublished(slugOrId: string, searchParams: RawSearchParams = {}): Promise<WithdrawnEvent> {
  await redirectIfMoved("Event", slugOrId, (slug) => `/events/${slug}`, searchParams);
  const withdrawn = await getWithdrawnEvent(slugOrId);
  if (!withdrawn) notFound();
  return withdrawn;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  await connection();
  const slug = (await params).slug;
  const event = await getEventBySlugOrId(slug);
  if (!event) {
    const withdrawn = await notPublished(slug);
    return { title: "Withdrawn from publication", robots: { index: false }, alternates: { canonical: `/events/${withdrawn.slug}` } };
  }
  // As the page shows it: as of the date asked for, or now.
  const { asOf, at } = resolveRecordView(await searchParams, event.story.timeZone);
  const view = projectEvent(event, at);
  const label = view?.label;
  const status = label ? `${label.text}${label.detail ? ` (${label.detail})` : ""}` : `Not yet reported as of ${asOf?.day}`;
  const description = `${status}. ${formatEventTime(event)}. ${event.summary}`;
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

export default async function EventPage({ params, searchParams }: Props) {
  await connection();
  const slug = (await params).slug;
  const event = await getEventBySlugOrId(slug);
  if (!event) return <WithdrawnNotice withdrawn={await notPublished(slug, await searchParams)} />;
  const zone = event.story.timeZone;
  const { asOf, at, notes } = resolveRecordView(await searchParams, zone);
  const [cursor, thread, dayRange] = await Promise.all([
    timelineCursorFor(event),
    getThread(event.id),
    getStoryDayRange(event.story.id, zone),
  ]);
  const timelinePath = event.story.isDefault ? "/" : `/stories/${event.story.slug}`;
  const permalink = withAsOf(`/events/${event.slug}`, asOf);
  const inTimeline = withAsOf(`${timelinePath}${cursor ? `?before=${cursor}` : ""}#${event.slug}`, asOf);
  const asOfBar = (
    <AsOfControl
      path={`/events/${event.slug}`}
      query={{ ...EMPTY_QUERY, asof: asOf?.day ?? null }}
      asOf={asOf}
      zone={zone}
      range={dayRange}
      noun="event"
    />
  );
  const view = projectEvent(event, at);
  if (!view) {
    return (
      <div className="space-y-4">
        <ViewNotes notes={notes} />
        {asOfBar}
        <h1 className="font-serif text-3xl font-bold">Not yet reported</h1>
        <p className="max-w-prose">
          This event was first known from its sources on {formatPublished(event.knownFrom, "DAY", zone)}, after the date
          you are viewing. <Link href={`/events/${event.slug}`} className="underline underline-offset-2">See the event as it stands today</Link>.
        </p>
      </div>
    );
  }
  const { label, relations, corrections } = view;
  const threadEvents = thread.events.filter((e) => briefStatusAt(e, at) !== null);
  const jsonLd = eventJsonLd(view, siteUrl());

  return (
    <article aria-labelledby="event-headline" className="space-y-6">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <ViewNotes notes={notes} />
      {asOf ? asOfBar : null}
      <header>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {/* Links into a timeline (the story's, a source's) load documents: its events come as
              HTML (lib/reader/frozen.ts). */}
          <a href={withAsOf(timelinePath, asOf)} className="underline underline-offset-2">
            {event.story.title}
          </a>
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
          <ReaderEnhancements key={permalink} />
          {/* A full navigation, not <Link>: only a real fragment navigation makes the item :target,
              which is what marks it on the timeline. */}
          <a href={inTimeline} className="underline underline-offset-2">
            See it in the timeline
          </a>
        </p>
      </header>

      {view.retraction ? (
        <section aria-labelledby="retraction" className="rounded border border-red-800 p-3 dark:border-red-400">
          <h2 id="retraction" className={sectionHeading}>
            Retracted
          </h2>
          <p>
            <strong>{formatPublished(view.retraction.at, "DAY", zone)}:</strong> {view.retraction.note}
          </p>
        </section>
      ) : null}

      <p className="max-w-prose text-lg leading-relaxed">{event.summary}</p>

      {corrections.length > 0 ? (
        <section aria-labelledby="corrections">
          <h2 id="corrections" className={sectionHeading}>
            Corrections
          </h2>
          <ul className="mt-2 space-y-1">
            {corrections.map((c) => (
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
          {view.citations.map((c) => (
            <li key={c.id} className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
              <p className="font-semibold">
                <a href={`/sources/${c.source.slug}`} className="underline underline-offset-2">
                  {c.source.name}
                </a>{" "}
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
              {c.speaker ? (
                <p className="text-sm">
                  <span className="font-medium">Speaker:</span> {creditOf(c).voice}
                </p>
              ) : null}
              {c.origin || c.originText ? (
                <p className="text-sm">
                  <span className="font-medium">Relays:</span>{" "}
                  {c.origin ? (
                    <a href={`/sources/${c.origin.slug}`} className="underline underline-offset-2">
                      {c.origin.name}
                    </a>
                  ) : null}
                  {c.origin && c.originText ? " — " : ""}
                  {c.originText ?? ""}; not an independent source.
                </p>
              ) : null}
              <p className="text-sm">
                <span className="font-medium">Attribution:</span> {ATTRIBUTION_LABEL[c.attribution]}
                {c.attributionText ? ` — ${c.attributionText}` : ""}
              </p>
              <p className="text-sm">
                <span className="font-medium">Published:</span>{" "}
                {c.publishedAt
                  ? formatPublished(c.publishedAt, c.publishedPrecision ?? "DAY", event.timeZone)
                  : `date unknown (counted from the event's first report, ${formatPublished(event.firstReportedAt, "DAY", zone)})`}
              </p>
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
            {view.claims.map(({ claim, stance, note, statusThen, historyThen }, i) => (
              <li key={claim.id} className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
                <p className="font-semibold">
                  <Link href={withAsOf(`/claims/${claim.slug}`, asOf)} className="underline underline-offset-2">
                    “{claim.text}”
                  </Link>
                </p>
                {claim.scope ? <p className="text-sm">Scope: {claim.scope}</p> : null}
                <p className="text-sm">
                  <span className="font-medium">This event{view.claims.length > 1 && i === 0 ? " (its main claim)" : ""}:</span>{" "}
                  {STANCE_LABEL[stance]}
                  {note ? ` — ${note}` : ""}
                </p>
                <div className="mt-1 flex flex-wrap items-baseline gap-2 text-sm">
                  <span className="font-medium">{asOf ? "Claim status then:" : "Claim status now:"}</span>
                  <ClaimStatusPill status={statusThen} />
                </div>
                <ol className="mt-1 text-sm text-zinc-700 dark:text-zinc-300" aria-label="Status history">
                  {historyThen.map((h) => (
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
          <RelatedEvents relations={relations} asOf={asOf} showNotes />
        </section>
      ) : null}

      {threadEvents.length > 1 ? (
        <section aria-labelledby="thread">
          <h2 id="thread" className={sectionHeading}>
            Thread
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">Every event connected to this one, in time order.</p>
          <ThreadView events={threadEvents} edges={thread.edges} currentId={event.id} asOf={asOf} />
        </section>
      ) : null}

      {!asOf ? asOfBar : null}
    </article>
  );
}

/** What the permalink of a withdrawn event says: that it was withdrawn, when and why. */
function WithdrawnNotice({ withdrawn }: { withdrawn: WithdrawnEvent }) {
  const { story } = withdrawn;
  return (
    <article aria-labelledby="withdrawn-heading" className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        <a href={story.isDefault ? "/" : `/stories/${story.slug}`} className="underline underline-offset-2">
          {story.title}
        </a>
      </p>
      <h1 id="withdrawn-heading" className="font-serif text-3xl font-bold">
        Withdrawn from publication
      </h1>
      <section aria-label="Why it was withdrawn" className="max-w-prose rounded border border-zinc-600 p-3 dark:border-zinc-300">
        <p>
          This item was withdrawn from publication on{" "}
          <time dateTime={withdrawn.withdrawnAt.toISOString()}>{formatPublished(withdrawn.withdrawnAt, "DAY", story.timeZone)}</time>.
        </p>
        <p className="mt-2" data-testid="withdrawal-note">
          {withdrawn.withdrawalNote}
        </p>
      </section>
      <p className="max-w-prose text-sm text-zinc-700 dark:text-zinc-300">
        It no longer appears on the timeline, in feeds or in the API. Unlike a retracted item, which stays on the timeline marked as
        wrong, a withdrawn item is not shown at all.
      </p>
    </article>
  );
}
