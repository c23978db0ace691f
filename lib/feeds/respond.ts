import "server-only";
import { preflightResponse } from "../http/cors";
import { parseTimelineQuery } from "../events/filters";
import { invalidParameter, toErrorResponse } from "../http/errors";
import type { RawSearchParams } from "../url";
import { conditionalResponse } from "../http/conditional";
import { FEED_CONTENT_TYPE, type FeedFormat } from "./formats";
import { searchParamsOf } from "../http/search-params";
import { movedResponse } from "../redirects";
import { buildChangesFeed, buildTimelineFeed, type FeedTarget } from "./timeline-feed";
import { getSourceBySlug } from "../sources/queries";
import { getStoryBySlug } from "../stories/queries";

// What the feed routes call: app/feed.xml/route.ts and its siblings are one line each.

export async function feedResponse(
  request: Request,
  target: FeedTarget,
  format: FeedFormat,
  kind: "timeline" | "changes" = "timeline",
): Promise<Response> {
  try {
    const params = searchParamsOf(new URL(request.url));
    refuseDroppedValues(params);
    const moved = await movedFeed(request, target);
    if (moved) return moved;
    const doc = kind === "timeline" ? await buildTimelineFeed(target, params, format) : await buildChangesFeed(target, params, format);
    return conditionalResponse(request, { body: doc.body, contentType: FEED_CONTENT_TYPE[format], lastModified: doc.lastModified });
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** A story or source feed under a retired slug: a 308 to its new address (lib/redirects.ts). */
async function movedFeed(request: Request, target: FeedTarget): Promise<Response | null> {
  if (target.type === "home") return null;
  const live = target.type === "story" ? await getStoryBySlug(target.slug) : await getSourceBySlug(target.slug);
  return live ? null : movedResponse(request, target.type === "story" ? "Story" : "Source", target.slug);
}

/**
 * A page shows what it ignored; a feed reader would never see such a note, so a feed refuses a
 * value it cannot use with a 400 naming the parameter, as the API does. Unknown parameters
 * (tracking tags and the like) are still allowed.
 */
function refuseDroppedValues(params: RawSearchParams): void {
  for (const [name, values] of Object.entries(params)) {
    const notes = parseTimelineQuery({ [name]: values }).notes;
    if (notes.length > 0) throw invalidParameter(name, notes.join(" "));
  }
}

export { preflightResponse };
