import Link from "next/link";
import { withAsOf } from "@/lib/events/as-of";
import { hasFilters } from "@/lib/events/filters";
import { listTimeline, PAGE_SIZE, TOTAL_COUNT_LIMIT } from "@/lib/events/queries";
import { resolveTimelineView } from "@/lib/view/resolve";
import { getStoryDayRange, type StorySummary } from "@/lib/stories/queries";
import { getFacetSummary } from "@/lib/reader/facets";
import { getStoryGlance } from "@/lib/reader/glance";
import { displayOf } from "@/lib/reader/display";
import { renderInstant } from "@/lib/reader/render-instant";
import { standingsOf } from "@/lib/reader/where-things-stand";
import { listMainClaims } from "@/lib/stories/main-claims";
import type { RawSearchParams } from "@/lib/url";
import { StorySyndication } from "@/components/syndication/story-syndication";
import { StoryGlance } from "@/components/reader/story-glance";
import { WhereThingsStand } from "@/components/reader/where-things-stand";
import { ReaderUpdates } from "@/components/reader/reader-updates";
import { AsOfControl } from "./as-of-control";
import { TimelineView } from "./timeline-view";

/**
 * A story's page, reader first: its title, where its main claims stand beside the story at a
 * glance (with the "as of" control), one filter bar, then the events, high on the first screen.
 * The story's description, feeds and downloads follow the timeline.
 */
export async function StoryTimeline({
  story,
  path,
  searchParams,
}: {
  story: StorySummary;
  path: string;
  searchParams: RawSearchParams;
}) {
  // Taken before anything is read: the live stream announces what changed after it.
  const renderedAt = renderInstant();
  const view = (await resolveTimelineView({ type: "story-ref", story, home: path === "/" }, searchParams))!;
  const { query, asOf, scope, at } = view;
  const display = displayOf(searchParams);
  const mainClaims = await listMainClaims(story.id, at);
  const claimIds = mainClaims.map((c) => c.id);
  const standings = standingsOf(mainClaims, story.timeZone);
  const [page, facets, dayRange, glance] = await Promise.all([
    listTimeline(scope, query, PAGE_SIZE, { countLimit: TOTAL_COUNT_LIMIT }),
    getFacetSummary(story.id, query),
    getStoryDayRange(story.id, story.timeZone),
    getStoryGlance(story, query, asOf, claimIds),
  ]);
  const claimsPath = story.isDefault ? "/claims" : `/stories/${story.slug}/claims`;
  return (
    <>
      <header className="mb-2">
        <h1 className="font-serif text-xl font-bold leading-tight sm:text-3xl">{story.title}</h1>
      </header>
      <div className="space-y-2 sm:space-y-3">
        <TimelineView
          path={path}
          query={query}
          page={page}
          facets={facets}
          asOf={asOf}
          zone={story.timeZone}
          dayRange={dayRange}
          display={display}
          facetListPath={(kind) => `/stories/${story.slug}/filters/${kind}`}
          top={
            <div className="grid gap-2 md:grid-cols-2 md:gap-4">
              <WhereThingsStand standings={standings} asOf={asOf} claimsHref={claimsPath} />
              <StoryGlance glance={glance} path={path} query={query} display={display}>
                <AsOfControl path={path} query={query} asOf={asOf} zone={story.timeZone} range={dayRange} display={display} compact />
              </StoryGlance>
            </div>
          }
          after={asOf ? null : <ReaderUpdates storySlug={story.slug} since={renderedAt.toISOString()} wholeStory={!hasFilters(query) && !query.before && !query.after} />}
        />
      </div>
      <footer className="mt-6 space-y-1 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
        <p className="max-w-prose text-zinc-800 dark:text-zinc-200">{story.description}</p>
        <p className="text-zinc-700 dark:text-zinc-300">
          Days are grouped in each event&apos;s own time zone. Newest first.{" "}
          <Link href={withAsOf(claimsPath, asOf)} className="underline underline-offset-2">
            The claims and how solid each one is
          </Link>
        </p>
        <StorySyndication story={story} home={path === "/"} />
      </footer>
    </>
  );
}
