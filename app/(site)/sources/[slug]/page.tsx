import { connection } from "next/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TimelineView } from "@/components/timeline/timeline-view";
import { SOURCE_KIND_LABEL } from "@/lib/domain";
import { syndicationAlternates } from "@/lib/feeds/links";
import { listTimeline, PAGE_SIZE, TOTAL_COUNT_LIMIT } from "@/lib/events/queries";
import { getSourceBySlug } from "@/lib/sources/queries";
import { getFacetSummary } from "@/lib/reader/facets";
import { redirectIfMoved } from "@/lib/redirects";
import { resolveTimelineView } from "@/lib/view/resolve";
import type { RawSearchParams } from "@/lib/url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const slug = (await params).slug;
  const source = await getSourceBySlug(slug);
  if (!source) {
    await redirectIfMoved("Source", slug, (to) => `/sources/${to}`);
    notFound();
  }
  return {
    title: source.name,
    description: `${source.name}: what it is, and every event on Sourceline that cites it.`,
    alternates: {
      canonical: `/sources/${source.slug}`,
      types: syndicationAlternates(`/sources/${source.slug}/feed`, source.name),
    },
  };
}

export default async function SourcePage({ params, searchParams }: Props) {
  await connection();
  const slug = (await params).slug;
  const source = await getSourceBySlug(slug);
  if (!source) {
    await redirectIfMoved("Source", slug, (to) => `/sources/${to}`, await searchParams);
    notFound();
  }
  // The source is fixed: other source values in the address are replaced, not combined. A source
  // spans stories: each story's "as of" cut-off is the end of the day in its own zone.
  const view = await resolveTimelineView({ type: "source", slug: source.slug }, await searchParams);
  if (!view) notFound();
  const { query, scope, asOf, zone } = view;
  const [page, facets] = await Promise.all([listTimeline(scope, query, PAGE_SIZE, { countLimit: TOTAL_COUNT_LIMIT }), getFacetSummary(null, query)]);
  return (
    <>
      <header className="mb-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">Source</p>
        <h1 className="mt-1 font-serif text-3xl font-bold">{source.name}</h1>
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">Kind</dt>
          <dd>{SOURCE_KIND_LABEL[source.kind]}</dd>
          {source.country ? (
            <>
              <dt className="font-semibold">Country</dt>
              <dd>{source.country}</dd>
            </>
          ) : null}
          {source.homepage ? (
            <>
              <dt className="font-semibold">Homepage</dt>
              <dd>
                <a href={source.homepage} className="underline underline-offset-2" rel="noopener">
                  {source.homepage}
                </a>
              </dd>
            </>
          ) : null}
          <dt className="font-semibold">Citations</dt>
          <dd>{source._count.citations.toLocaleString("en-US")}</dd>
        </dl>
        {source.description ? <p className="mt-3 max-w-prose">{source.description}</p> : null}
      </header>
      <h2 className="sr-only">Events citing {source.name}</h2>
      <TimelineView
        path={`/sources/${source.slug}`}
        query={query}
        page={page}
        facets={facets}
        fixedSource={source.slug}
        asOf={asOf}
        zone={zone}
        emptyText={`No published events cite ${source.name} with these filters.`}
      />
    </>
  );
}
