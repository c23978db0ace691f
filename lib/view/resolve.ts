import "server-only";
import { asOfFor, instantOf, type AsOf } from "../events/as-of";
import { parseTimelineQuery, toSearchParams, type TimelineQuery } from "../events/filters";
import type { TimelineScope } from "../events/queries";
import { getSourceBySlug } from "../sources/queries";
import { getDefaultStory, getStoryBySlug, listStories, type StorySummary } from "../stories/queries";
import { createUrl, type RawSearchParams } from "../url";

// A reader's view, resolved once: which timeline (the default story, a story, a source across
// stories), the filters, the "as of" instant in each story's own zone, the notes on what was
// ignored, and the paths links keep. Pages, feeds, the embed and the API all read their view
// here, so "as of" and the filters mean the same everywhere. The as-of projection
// (lib/events/event-view.ts) then says what a reader saw at that instant.

export type TimelineTarget =
  | { type: "home" }
  | { type: "story"; slug: string }
  | { type: "story-ref"; story: StorySummary; home?: boolean }
  | { type: "source"; slug: string };

/** How the query string is read: pages drop what they cannot use and say so; the API refuses it. */
export type QueryParser = (params: RawSearchParams) => TimelineQuery;

export type TimelineView = {
  title: string;
  description: string;
  /** The HTML page this view is or mirrors, without the query string. */
  pagePath: string;
  /** The feed paths without extension, e.g. `/stories/x/feed`. */
  feedBase: string;
  changesBase: string | null;
  story: StorySummary | null;
  source: { id: string; slug: string; name: string } | null;
  query: TimelineQuery;
  /** The filters links carry (a source's own filter is implied by its path). */
  linkQuery: TimelineQuery;
  scope: TimelineScope;
  asOf: AsOf;
  /** The instant the projection reads (null: now). */
  at: Date | null;
  /** The zone whose days the "as of" control counts in. */
  zone: string;
  /** What in the address could not be used, and why. */
  notes: string[];
};

/** One story's timeline, as of the end of the chosen day in its zone. */
export function storyScope(story: { id: string; timeZone: string }, query: TimelineQuery, extra: Partial<TimelineScope> = {}): TimelineScope {
  const asOf = asOfFor(query.asof, story.timeZone);
  return { ...extra, storyId: story.id, cutoffs: asOf ? [{ storyId: story.id, cutoff: asOf.cutoff }] : undefined };
}

/** Every story at once (a source's page, the API without `story`): each story's own cut-off. */
export function crossStoryScope(
  stories: readonly { id: string; timeZone: string }[],
  query: TimelineQuery,
  extra: Partial<TimelineScope> = {},
): TimelineScope {
  const cutoffs = query.asof ? stories.map((s) => ({ storyId: s.id, cutoff: asOfFor(query.asof, s.timeZone)!.cutoff })) : undefined;
  return { ...extra, cutoffs };
}

/** The view of a timeline, or null when its story or source does not exist. */
export async function resolveTimelineView(
  target: TimelineTarget,
  params: RawSearchParams,
  parse: QueryParser = parseTimelineQuery,
): Promise<TimelineView | null> {
  const parsed = parse(params);
  if (target.type === "source") {
    const source = await getSourceBySlug(target.slug);
    if (!source) return null;
    const query = { ...parsed, sources: [source.slug] };
    const [stories, home] = await Promise.all([listStories(), getDefaultStory()]);
    const zone = home?.timeZone ?? "UTC";
    const asOf = asOfFor(query.asof, zone);
    return {
      title: `${source.name} on Sourceline`,
      description: `Every event on Sourceline that cites ${source.name}.`,
      pagePath: `/sources/${source.slug}`,
      feedBase: `/sources/${source.slug}/feed`,
      changesBase: null,
      story: null,
      source: { id: source.id, slug: source.slug, name: source.name },
      query,
      linkQuery: { ...query, sources: [] },
      scope: crossStoryScope(stories, query),
      asOf,
      at: instantOf(asOf),
      zone,
      notes: parsed.notes,
    };
  }
  const story =
    target.type === "story-ref"
      ? target.story
      : target.type === "home"
        ? await getDefaultStory()
        : await getStoryBySlug(target.slug);
  if (!story) return null;
  const home = target.type === "home" || (target.type === "story-ref" && target.home === true);
  const asOf = asOfFor(parsed.asof, story.timeZone);
  return {
    title: `${story.title} · Sourceline`,
    description: story.description,
    pagePath: home ? "/" : `/stories/${story.slug}`,
    feedBase: home ? "/feed" : `/stories/${story.slug}/feed`,
    changesBase: home ? "/changes" : `/stories/${story.slug}/changes`,
    story,
    source: null,
    query: parsed,
    linkQuery: parsed,
    scope: storyScope(story, parsed),
    asOf,
    at: instantOf(asOf),
    zone: story.timeZone,
    notes: parsed.notes,
  };
}

/**
 * The view of one record (an event, a claim) or a story's claims: only `asof` applies. Every other
 * parameter a reader may carry over from a timeline link is left alone; a malformed `asof` is
 * ignored with a note.
 */
export function resolveRecordView(params: RawSearchParams, zone: string): { asOf: AsOf; at: Date | null; notes: string[] } {
  const parsed = parseTimelineQuery({ asof: params.asof });
  const asOf = asOfFor(parsed.asof, zone);
  return { asOf, at: instantOf(asOf), notes: parsed.notes };
}

/** A path with the view's filters (not its page position). */
export function withFilters(path: string, query: TimelineQuery): string {
  return createUrl(path, toSearchParams(query));
}
