import { connection } from "next/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClaimStatusPill } from "@/components/claim/claim-status-pill";
import { EventTime } from "@/components/event/event-time";
import { AsOfControl } from "@/components/timeline/as-of-control";
import { getClaimBySlugOrId, getIndependentCount, independentSourcesText, projectClaim } from "@/lib/claims/queries";
import { formatPublished } from "@/lib/dates";
import { ATTRIBUTION_LABEL, CLAIM_STATUS_LABEL, EVENT_STATUS_SHORT, STANCE_LABEL } from "@/lib/domain";
import { withAsOf } from "@/lib/events/as-of";
import { briefStatusAt } from "@/lib/events/event-view";
import { visibleCitations } from "@/lib/events/projection";
import { EMPTY_QUERY } from "@/lib/events/filters";
import { creditOf } from "@/lib/events/labels";
import { resolveRecordView } from "@/lib/view/resolve";
import { ViewNotes } from "@/components/ui/view-notes";
import { getStoryDayRange } from "@/lib/stories/queries";
import { redirectIfMoved } from "@/lib/redirects";
import type { RawSearchParams } from "@/lib/url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  await connection();
  const slug = (await params).slug;
  const claim = await getClaimBySlugOrId(slug);
  if (!claim) {
    await redirectIfMoved("Claim", slug, (to) => `/claims/${to}`);
    notFound();
  }
  const { asOf, at } = resolveRecordView(await searchParams, claim.story.timeZone);
  const status = CLAIM_STATUS_LABEL[projectClaim(claim, at).status];
  const description = `Claim status${asOf ? ` as of ${asOf.day}` : ""}: ${status}. Its status history and every event that asserts, confirms, denies, declines or qualifies it.`;
  return {
    title: `Claim: ${claim.text}`,
    description,
    alternates: { canonical: `/claims/${claim.slug}` },
    openGraph: { type: "article", title: claim.text, description, url: `/claims/${claim.slug}` },
    twitter: { card: "summary", title: claim.text, description },
  };
}

const h2 = "font-serif text-xl font-bold";

export default async function ClaimPage({ params, searchParams }: Props) {
  await connection();
  const slug = (await params).slug;
  const claim = await getClaimBySlugOrId(slug);
  if (!claim) {
    await redirectIfMoved("Claim", slug, (to) => `/claims/${to}`, await searchParams);
    notFound();
  }
  const zone = claim.story.timeZone;
  const { asOf, at, notes } = resolveRecordView(await searchParams, zone);
  const [counts, dayRange] = await Promise.all([
    getIndependentCount(claim.id, at),
    getStoryDayRange(claim.story.id, zone),
  ]);
  const { status, basis, history, groups, first } = projectClaim(claim, at);
  const timelinePath = claim.story.isDefault ? "/" : `/stories/${claim.story.slug}`;
  const path = `/claims/${claim.slug}`;

  return (
    <article aria-labelledby="claim-text" className="space-y-6">
      <header>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          {/* A document load: the timeline's events come as HTML (lib/reader/frozen.ts). */}
          <a href={withAsOf(timelinePath, asOf)} className="underline underline-offset-2">
            {claim.story.title}
          </a>
          {" · "}
          <Link href={withAsOf(claim.story.isDefault ? "/claims" : `/stories/${claim.story.slug}/claims`, asOf)} className="underline underline-offset-2">
            All claims
          </Link>
        </p>
        <p className="mt-3 text-sm font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">Claim</p>
        <h1 id="claim-text" className="mt-1 font-serif text-3xl font-bold leading-tight">
          “{claim.text}”
        </h1>
        {claim.scope ? (
          <p className="mt-2">
            <span className="font-semibold">Scope:</span> {claim.scope}
          </p>
        ) : null}
      </header>

      <ViewNotes notes={notes} />
      <AsOfControl path={path} query={{ ...EMPTY_QUERY, asof: asOf?.day ?? null }} asOf={asOf} zone={zone} range={dayRange} noun="claim" />

      <section aria-labelledby="status-now" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="status-now" className={h2}>
          {asOf ? `Status as of ${formatPublished(asOf.cutoff, "DAY", zone)}` : "Status now"}
        </h2>
        <ClaimStatusPill status={status} className="mt-2" />
        {basis ? (
          <p className="mt-2">
            <span className="font-semibold">Basis:</span> {basis.reason}
            {basis.evidenceCitation ? (
              <>
                {" "}
                Evidence:{" "}
                {basis.evidenceCitation.event.published ? (
                  <Link href={withAsOf(`/events/${basis.evidenceCitation.event.slug}`, asOf)} className="underline underline-offset-2">
                    {basis.evidenceCitation.source.name}
                  </Link>
                ) : (
                  basis.evidenceCitation.source.name
                )}{" "}
                ({basis.evidenceCitation.speaker ? `${creditOf(basis.evidenceCitation).voice}; ` : ""}
                {ATTRIBUTION_LABEL[basis.evidenceCitation.attribution].toLowerCase()}), known{" "}
                {formatPublished(basis.knownAt, "DAY", zone)}.
              </>
            ) : null}
          </p>
        ) : (
          <p className="mt-2">No status had been recorded by then.</p>
        )}
        <p className="mt-2" id="independent-count">
          {independentSourcesText(counts).replace(/^r/, "R")}.
        </p>
        {first ? (
          <p className="mt-2" id="first-reported">
            <span className="font-semibold">First reported by</span>{" "}
            {first.citation ? creditOf(first.citation).origin ?? first.citation.source.name : "an unnamed source"}
            {first.citation?.attributionText ? ` (${first.citation.attributionText})` : ""} on{" "}
            {formatPublished(first.event.knownFrom, "DAY", zone)}:{" "}
            <Link href={withAsOf(`/events/${first.event.slug}`, asOf)} className="underline underline-offset-2">
              {first.event.headline}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="history">
        <h2 id="history" className={h2}>
          Status history
        </h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Every change is kept; none is ever overwritten.</p>
        <div className="mt-2">
          {/* On a phone each change is a block of labelled lines, so no column is cut off. */}
          <table className="block w-full border-collapse text-left text-sm sm:table">
            <caption className="sr-only">Status changes of the claim, oldest first</caption>
            <thead className="sr-only sm:not-sr-only sm:table-header-group">
              <tr className="border-b border-zinc-300 dark:border-zinc-700">
                <th scope="col" className="py-1 pr-3">
                  Known
                </th>
                <th scope="col" className="py-1 pr-3">
                  Change
                </th>
                <th scope="col" className="py-1 pr-3">
                  Evidence
                </th>
                <th scope="col" className="py-1">
                  Reason
                </th>
              </tr>
            </thead>
            <tbody className="block sm:table-row-group">
              {history.map((h) => (
                <tr key={h.id} className="block border-b border-zinc-200 py-1 align-top sm:table-row sm:py-0 dark:border-zinc-800">
                  <td className="block sm:table-cell sm:py-1 sm:pr-3 sm:whitespace-nowrap"><span className="font-semibold sm:hidden">Known: </span>{formatPublished(h.knownAt, "DAY", zone)}</td>
                  <td className="block sm:table-cell sm:py-1 sm:pr-3">
                    <span className="font-semibold sm:hidden">Change: </span>
                    {h.fromStatus ? CLAIM_STATUS_LABEL[h.fromStatus] : "New claim"} → {CLAIM_STATUS_LABEL[h.toStatus]}
                  </td>
                  <td className="block sm:table-cell sm:py-1 sm:pr-3">
                    <span className="font-semibold sm:hidden">Evidence: </span>
                    {h.evidenceCitation ? (
                      h.evidenceCitation.event.published ? (
                        <Link href={withAsOf(`/events/${h.evidenceCitation.event.slug}`, asOf)} className="underline underline-offset-2">
                          {h.evidenceCitation.source.name}
                        </Link>
                      ) : (
                        h.evidenceCitation.source.name
                      )
                    ) : (
                      "None"
                    )}
                  </td>
                  <td className="block break-words sm:table-cell sm:py-1"><span className="font-semibold sm:hidden">Reason: </span>{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="stances">
        <h2 id="stances" className={h2}>
          Events on this claim
        </h2>
        {groups.length === 0 ? <p>No published event takes a stance on this claim yet.</p> : null}
        {groups.map((g) => (
          <section key={g.stance} aria-labelledby={`stance-${g.stance}`} className="mt-3">
            <h3 id={`stance-${g.stance}`} className="font-semibold">
              {STANCE_LABEL[g.stance]} ({g.links.length})
            </h3>
            <ol className="mt-1 space-y-2">
              {g.links.map(({ event, note }) => (
                <li key={event.id} className="text-sm">
                  <EventTime time={event} />
                  {" · "}
                  <Link href={withAsOf(`/events/${event.slug}`, asOf)} className="font-medium underline underline-offset-2">
                    {event.headline}
                  </Link>
                  {" · "}
                  {visibleCitations(event, at)
                    .map((c) => c.source.name)
                    .filter((n, i, a) => a.indexOf(n) === i)
                    .join(", ")}
                  {" · "}
                  <span className="italic">{EVENT_STATUS_SHORT[briefStatusAt(event, at) ?? event.status]}</span>
                  {note ? <span className="block text-zinc-700 dark:text-zinc-300">{note}</span> : null}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
    </article>
  );
}
