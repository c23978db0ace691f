import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmbedTimeline } from "@/components/embed/embed-timeline";
import { ReaderEnhancements } from "@/components/reader/reader-enhancements";
import { toSearchParams } from "@/lib/events/filters";
import { listTimeline } from "@/lib/events/queries";
import { findEmbedFocus } from "@/lib/embed/focus";
import { siteUrl } from "@/lib/site";
import { getStoryBySlug } from "@/lib/stories/queries";
import { redirectIfMoved } from "@/lib/redirects";
import { resolveTimelineView, storyScope } from "@/lib/view/resolve";
import { ViewNotes } from "@/components/ui/view-notes";
import { allValues, createUrl, type RawSearchParams } from "@/lib/url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const slug = (await params).slug;
  const story = await getStoryBySlug(slug);
  if (!story) {
    await redirectIfMoved("Story", slug, (to) => `/embed/${to}`);
    notFound();
  }
  return {
    title: { absolute: `${story.title} · Sourceline` },
    robots: { index: false },
    alternates: { canonical: `/stories/${story.slug}` },
  };
}

export default async function EmbedPage({ params, searchParams }: Props) {
  const slug = (await params).slug;
  const raw = await searchParams;
  const story = await getStoryBySlug(slug);
  if (!story) {
    await redirectIfMoved("Story", slug, (to) => `/embed/${to}`, raw);
    notFound();
  }
  const view = (await resolveTimelineView({ type: "story-ref", story }, raw))!;
  const parsed = view.query;
  const wanted = allValues(raw, "event")[0] ?? null;
  const focus = await findEmbedFocus(story.id, wanted, parsed);
  const notes = [...view.notes];
  if (wanted && !focus) notes.push(`Ignored event “${wanted.slice(0, 40)}”: there is no such published event in this story.`);
  const query = focus?.before ? { ...parsed, before: focus.before } : parsed;
  const asOf = view.asOf;
  const page = await listTimeline(storyScope(story, query), query, 50);
  const site = siteUrl();
  const full = `${site}${createUrl(story.isDefault ? "/" : `/stories/${story.slug}`, toSearchParams(parsed))}`;
  return (
    <div className="min-h-screen bg-white p-3 text-zinc-900" style={{ colorScheme: "light" }}>
      <main>
        <header className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="font-serif text-lg font-bold leading-tight">
            <a href={full} target="_top" className="hover:underline">
              {story.title}
            </a>
          </h1>
          <p className="text-xs text-zinc-700">
            {page.total === 1 ? "1 event" : `${page.total} events`}
            {asOf ? `, as of ${asOf.day}` : ""} ·{" "}
            <a href={full} target="_top" className="underline">
              Sourceline
            </a>
          </p>
        </header>
        <div className="mb-3">
          <ViewNotes notes={[...notes, ...page.notes]} />
        </div>
        {page.events.length === 0 ? <p className="text-sm">No events match these filters.</p> : null}
        <EmbedTimeline events={page.events} site={site} asOf={asOf} highlight={focus?.slug ?? null} />
        {page.olderCursor ? (
          <p className="mt-3 text-sm">
            <a href={full} target="_top" className="font-semibold underline">
              The whole timeline on Sourceline →
            </a>
          </p>
        ) : null}
      </main>
      {/* `?event=`: lib/reader/enhance.ts scrolls the item into view. */}
      {focus ? <span hidden data-scroll-to={focus.slug} /> : null}
      <ReaderEnhancements key={`${slug}?${focus?.slug ?? ""}`} />
    </div>
  );
}
