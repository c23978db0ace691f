import "server-only";
import { asOfFor, type AsOf } from "../events/as-of";
import { parseTimelineQuery, toSearchParams, type TimelineQuery } from "../events/filters";
import type { TimelineScope } from "../events/queries";
import { getSourceBySlug } from "../sources/queries";
import { getDefaultStory, getStoryBySlug, listStories, type StorySummary } from "../stories/queries";
import { crossStoryScope, storyScope } from "../syndication/scope";
import { createUrl, type RawSearchParams } from "../url";
import { notFoundError } from "../http/errors";

// Which timeline a feed (or embed) follows: the default story, a story, or a source across
// stories, with the same parsing of the query string as the page it mirrors.

export type FeedTarget = { type: "home" } | { type: "story"; slug: string } | { type: "source"; slug: string };

export type ResolvedTarget = {
  title: string;
  description: string;
  /** The HTML page this view mirrors, without the query string. */
  pagePath: string;
  /** The feed paths without extension, e.g. `/stories/x/feed`. */
  feedBase: string;
  changesBase: string | null;
  story: StorySummary | null;
  query: TimelineQuery;
  /** The filters links carry (a source's own filter is implied by its path). */
  linkQuery: TimelineQuery;
  scope: TimelineScope;
  asOf: AsOf;
  zone: string;
};

export { searchParamsOf } from "../http/search-params";

export async function resolveFeedTarget(target: FeedTarget, params: RawSearchParams): Promise<ResolvedTarget> {
  const parsed = parseTimelineQuery(params);
  if (target.type === "source") {
    const source = await getSourceBySlug(target.slug);
    if (!source) throw notFoundError(`The source “${target.slug}”`);
    const query = { ...parsed, sources: [source.slug] };
    const [stories, home] = await Promise.all([listStories(), getDefaultStory()]);
    const zone = home?.timeZone ?? "UTC";
    return {
      title: `${source.name} on Sourceline`,
      description: `Every event on Sourceline that cites ${source.name}.`,
      pagePath: `/sources/${source.slug}`,
      feedBase: `/sources/${source.slug}/feed`,
      changesBase: null,
      story: null,
      query,
      linkQuery: { ...query, sources: [] },
      scope: crossStoryScope(stories, query),
      asOf: asOfFor(query.asof, zone),
      zone,
    };
  }
  const story = target.type === "home" ? await getDefaultStory() : await getStoryBySlug(target.slug);
  if (!story) throw notFoundError(target.type === "home" ? "The default story" : `The story “${target.slug}”`);
  const home = target.type === "home";
  return {
    title: `${story.title} · Sourceline`,
    description: story.description,
    pagePath: home ? "/" : `/stories/${story.slug}`,
    feedBase: home ? "/feed" : `/stories/${story.slug}/feed`,
    changesBase: home ? "/changes" : `/stories/${story.slug}/changes`,
    story,
    query: parsed,
    linkQuery: parsed,
    scope: storyScope(story, parsed),
    asOf: asOfFor(parsed.asof, story.timeZone),
    zone: story.timeZone,
  };
}

/** A path with the view's filters (not its page position). */
export function withFilters(path: string, query: TimelineQuery): string {
  return createUrl(path, toSearchParams(query));
}
