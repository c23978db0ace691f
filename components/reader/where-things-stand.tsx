import Link from "next/link";
import { formatIsoDay } from "@/lib/dates";
import { withAsOf, type AsOf } from "@/lib/events/as-of";
import type { Standing } from "@/lib/reader/where-things-stand";

const sources = (n: number) => `${n} independent source${n === 1 ? "" : "s"}`;

/**
 * "Where things stand": one line per main claim, as a reader saw it at the view's instant: the
 * claim, its verdict in words (since when, whose voice) and its independent-source count. Used at
 * the top of every story page, and by the list of stories.
 */
export function WhereThingsStand({
  standings,
  asOf = null,
  claimsHref,
  headingLevel = 2,
  id = "where-things-stand",
  regionLabel,
}: {
  standings: readonly Standing[];
  asOf?: AsOf;
  /** The story's claims page, for "every claim". */
  claimsHref?: string;
  headingLevel?: 2 | 3;
  id?: string;
  /** The region's name when a page holds several (the list of stories): otherwise its heading. */
  regionLabel?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section {...(regionLabel ? { "aria-label": regionLabel } : { "aria-labelledby": id })} className="min-w-0 rounded-lg border border-zinc-300 px-3 py-2 dark:border-zinc-700" data-where-things-stand="">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <Heading id={id} className="text-xs font-bold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
          Where things stand{asOf ? ` as of ${formatIsoDay(asOf.day)}` : ""}
        </Heading>
        {claimsHref ? (
          <Link href={withAsOf(claimsHref, asOf)} className="lnk text-xs">
            Every claim
          </Link>
        ) : null}
      </div>
      {standings.length === 0 ? (
        <p className="meta mt-1">No claim had been reported {asOf ? "by then" : "yet"}.</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm leading-5">
          {standings.map((s, i) => (
            // On a phone: the first claim on one line and its verdict on two at most, so that the
            // timeline starts on the first screen; the claim's page has the rest.
            <li key={s.claim.id} data-claim={s.claim.slug} data-claim-status={s.status} className={i === 0 ? "" : "max-sm:hidden"}>
              <Link href={withAsOf(`/claims/${s.claim.slug}`, asOf)} className="font-semibold hover:underline max-sm:block max-sm:truncate">
                {s.claim.text}
                {s.claim.scope ? <span className="max-sm:hidden">{` (${s.claim.scope})`}</span> : null}
              </Link>
              <span className="max-sm:line-clamp-2">
                <span className="max-sm:hidden"> — </span>
                <span className="standing-verdict">{s.verdict}</span>
                <span className="meta"> · {sources(s.independent.independent)}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
