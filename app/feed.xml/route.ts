import { feedResponse, preflightResponse } from "@/lib/feeds/respond";

export function GET(request: Request) {
  return feedResponse(request, { type: "home" }, "rss", "timeline");
}

export const OPTIONS = preflightResponse;
