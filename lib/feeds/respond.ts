import "server-only";
import { preflightResponse } from "../http/cors";
import { toErrorResponse } from "../http/errors";
import { conditionalResponse } from "../http/conditional";
import { FEED_CONTENT_TYPE, type FeedFormat } from "./formats";
import { searchParamsOf, type FeedTarget } from "./targets";
import { buildChangesFeed, buildTimelineFeed } from "./timeline-feed";

// What the feed routes call: app/feed.xml/route.ts and its siblings are one line each.

export async function feedResponse(
  request: Request,
  target: FeedTarget,
  format: FeedFormat,
  kind: "timeline" | "changes" = "timeline",
): Promise<Response> {
  try {
    const params = searchParamsOf(new URL(request.url));
    const doc = kind === "timeline" ? await buildTimelineFeed(target, params, format) : await buildChangesFeed(target, params, format);
    return conditionalResponse(request, { body: doc.body, contentType: FEED_CONTENT_TYPE[format], lastModified: doc.lastModified });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export { preflightResponse };
