import { connection } from "next/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseTimelineQuery, toSearchParams } from "@/lib/events/filters";
import { FACET_KINDS, FACET_NOUN, listFacetValues, type FacetKind } from "@/lib/reader/facets";
import { displayOf, withDisplay } from "@/lib/reader/display";
import { getStoryBySlug } from "@/lib/stories/queries";
import { createUrl, type RawSearchParams } from "@/lib/url";

type Props = { params: Promise<{ slug: string; facet: string }>; searchParams: Promise<RawSearchParams> };

const isFacet = (f: string): f is FacetKind => (FACET_KINDS as readonly string[]).includes(f);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const { slug, facet } = await params;
  const story = await getStoryBySlug(slug);
  if (!story || !isFacet(facet)) notFound();
  return { title: `Every ${FACET_NOUN[facet].one} of ${story.title}`, robots: { index: false } };
}

/** Every source, actor or tag of a story with its event count: each a link that adds it to the view's filters. */
export default async function FacetListPage({ params, searchParams }: Props) {
  await connection();
  const { slug, facet } = await params;
  const story = await getStoryBySlug(slug);
  if (!story || !isFacet(facet)) notFound();
  const raw = await searchParams;
  const query = parseTimelineQuery(raw);
  const display = displayOf(raw);
  const noun = FACET_NOUN[facet];
  const values = await listFacetValues(story.id, facet);
  const chosen = facet === "sources" ? query.sources : facet === "actors" ? query.actors : query.tags;
  const path = story.isDefault ? "/" : `/stories/${story.slug}`;
  const back = withDisplay(createUrl(path, toSearchParams(query)), display);
  const hrefWith = (value: string) => {
    const next = { ...query, before: null, after: null, [facet]: chosen.includes(value) ? chosen : [...chosen, value] };
    return withDisplay(createUrl(path, toSearchParams(next)), display);
  };
  return (
    <>
      <p className="text-sm">
        {/* Plain links into the timeline: its events come as HTML, which only a document load
            carries (lib/reader/frozen.ts). */}
        <a href={back} className="lnk">
          ← Back to the timeline
        </a>
      </p>
      <h1 className="mt-2 font-serif text-2xl font-bold sm:text-3xl">
        Every {noun.one} in “{story.title}”
      </h1>
      <p className="meta mt-1">
        {values.length.toLocaleString("en-US")} {noun.many}, most published events first. Choosing one adds it to the timeline&apos;s
        filters{chosen.length ? " (the ones already chosen are marked)" : ""}.
      </p>
      <ol className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {values.map((v) => (
          <li key={v.slug} className="flex justify-between gap-3 border-b border-zinc-200 py-1 dark:border-zinc-800">
            <a href={hrefWith(v.slug)} className="lnk min-w-0 break-words" aria-current={chosen.includes(v.slug) ? "true" : undefined}>
              {v.name}
              {chosen.includes(v.slug) ? " (chosen)" : ""}
            </a>
            <span className="meta whitespace-nowrap">
              {v.count.toLocaleString("en-US")} event{v.count === 1 ? "" : "s"}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
