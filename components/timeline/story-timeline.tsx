import Link from "next/link";
import { withAsOf } from "@/lib/events/as-of";
import { listTimeline, PAGE_SIZE, TOTAL_COUNT_LIMIT } from "@/lib/events/queries";
import { resolveTimelineView } from "@/lib/view/resolve";
import { getStoryDayRange, getStoryFacets, type StorySummary } from "@/lib/stories/queries";
import type { RawSearchParams } from "@/lib/url";
import { StorySyndication } from "@/components/syndication/story-syndication";
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
  const view = (await resolveTimelineView({ type: "story-ref", story, home: path === "/" }, searchParams))!;
  const { query, asOf, scope } = view;
  const [page, facets, dayRange] = await Promise.all([
    listTimeline(scope, query, PAGE_SIZE, { countLimit: TOTAL_COUNT_LIMIT }),
    getStoryFacets(story.id),
    getStoryDayRange(story.id, story.timeZone),
  ]);
  return (
    <>
      <header className="mb-4">
        <p className="text-sm font-semibold uppercase tracking-wide text-zinc-700 dark:text-zinc-300">Timeline of record</p>
        <h1 className="mt-1 font-serif text-3xl font-bold leading-tight">{story.title}</h1>
        <p className="mt-2 max-w-prose text-zinc-800 dark:text-zinc-200">{story.description}</p>
        <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          Days are grouped in each event&apos;s own time zone. Newest first.{" "}
          <Link href={withAsOf(story.isDefault ? "/claims" : `/stories/${story.slug}/claims`, asOf)} className="underline underline-offset-2">
            The claims and how solid each one is
          </Link>
        </p>
        <StorySyndication story={story} home={path === "/"} />
      </header>
      <TimelineView
        path={path}
        query={query}
        page={page}
        facets={facets}
        asOf={asOf}
        zone={story.timeZone}
        dayRange={dayRange}
      />
    </>
  );
}
