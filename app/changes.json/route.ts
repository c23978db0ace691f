import { feedResponse, preflightResponse } from "@/lib/feeds/respond";

export function GET(request: Request) {
  return feedResponse(request, { type: "home" }, "json", "changes");
}

export const OPTIONS = preflightResponse;
