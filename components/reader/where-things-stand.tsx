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
}: {
  standings: readonly Standing[];
  asOf?: AsOf;
  /** The story's claims page, for "every claim". */
  claimsHref?: string;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className="rounded-lg border border-zinc-300 p-3 dark:border-zinc-700" data-where-things-stand="">
      <Heading id={id} className="text-sm font-bold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">
        Where things stand{asOf ? ` as of ${formatIsoDay(asOf.day)}` : ""}
      </Heading>
      {standings.length === 0 ? (
        <p className="meta mt-1">No claim had been reported {asOf ? "by then" : "yet"}.</p>
      ) : (
        <ul className="mt-1 space-y-1 text-sm">
          {standings.map((s) => (
            <li key={s.claim.id} data-claim={s.claim.slug} data-claim-status={s.status}>
              <Link href={withAsOf(`/claims/${s.claim.slug}`, asOf)} className="font-semibold hover:underline">
                {s.claim.text}
                {s.claim.scope ? ` (${s.claim.scope})` : ""}
              </Link>{" "}
              — <span className="standing-verdict">{s.verdict}</span>
              <span className="meta"> · {sources(s.independent.independent)}</span>
            </li>
          ))}
        </ul>
      )}
      {claimsHref ? (
        <p className="mt-1 text-sm">
          <Link href={withAsOf(claimsHref, asOf)} className="lnk">
            Every claim and how solid it is
          </Link>
        </p>
      ) : null}
    </section>
  );
}
