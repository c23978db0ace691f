import "server-only";
import { getDb } from "../db";
import type { TimelineQuery } from "../events/filters";
import { timelineCursorFor } from "../events/queries";
import { decodeCursor, type TimelinePosition } from "../events/cursor";

/**
 * `?event=<slug>` in an embed: the published event of this story to highlight, and, when no page
 * was asked for, the page of the timeline it sits on.
 */
export async function findEmbedFocus(
  storyId: string,
  slug: string | null,
  query: TimelineQuery,
): Promise<{ slug: string; before: TimelinePosition | null } | null> {
  if (!slug || !/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  const event = await getDb().event.findFirst({
    where: { slug, storyId, published: true },
    select: { id: true, slug: true, storyId: true, timelineKey: true },
  });
  if (!event) return null;
  if (query.before || query.after) return { slug: event.slug, before: null };
  const cursor = await timelineCursorFor(event);
  return { slug: event.slug, before: cursor ? decodeCursor(cursor) : null };
}
