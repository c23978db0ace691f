import "server-only";
import type { TimelineQuery } from "../events/filters";
import type { TimelineScope } from "../events/queries";
import { asOfFor } from "../events/as-of";

// The scope of a timeline view, shared by the pages' syndicated twins (feeds, API, embeds) so
// that "as of" means the same everywhere: the end of the chosen day in each story's own zone.

type StoryRef = { id: string; timeZone: string };

/** One story's timeline. */
export function storyScope(story: StoryRef, query: TimelineQuery, extra: Partial<TimelineScope> = {}): TimelineScope {
  const asOf = asOfFor(query.asof, story.timeZone);
  return { ...extra, storyId: story.id, cutoffs: asOf ? [{ storyId: story.id, cutoff: asOf.cutoff }] : undefined };
}

/** Every story at once (a source's page, the API without `story`). */
export function crossStoryScope(
  stories: readonly StoryRef[],
  query: TimelineQuery,
  extra: Partial<TimelineScope> = {},
): TimelineScope {
  const cutoffs = query.asof
    ? stories.map((s) => ({ storyId: s.id, cutoff: asOfFor(query.asof, s.timeZone)!.cutoff }))
    : undefined;
  return { ...extra, cutoffs };
}
