import { feedResponse, preflightResponse } from "@/lib/feeds/respond";

export function GET(request: Request) {
  return feedResponse(request, { type: "home" }, "rss", "changes");
}

export const OPTIONS = preflightResponse;
