import { parseTimelineQuery } from "@/lib/events/filters";
import { listTimeline } from "@/lib/events/queries";
import { getStoryFacets, type StorySummary } from "@/lib/stories/queries";
import type { RawSearchParams } from "@/lib/url";
import { TimelineView } from "./timeline-view";

/** A story's page: its title and description, then its filterable timeline. */
export async function StoryTimeline({
  story,
  path,
  searchParams,
}: {
  story: StorySummary;
  path: string;
  searchParams: RawSearchParams;
}) {
  const query = parseTimelineQuery(searchParams);
  const [page, facets] = await Promise.all([listTimeline({ storyId: story.id }, query), getStoryFacets(story.id)]);
  return (
    <>
      <header className="mb-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">Timeline of record</p>
        <h1 className="mt-1 font-serif text-3xl font-bold leading-tight">{story.title}</h1>
        <p className="mt-2 max-w-prose text-zinc-800 dark:text-zinc-200">{story.description}</p>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Days are grouped in each event&apos;s own time zone. Newest first.
        </p>
      </header>
      <TimelineView path={path} query={query} page={page} facets={facets} />
    </>
  );
}
