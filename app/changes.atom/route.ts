import { feedResponse, preflightResponse } from "@/lib/feeds/respond";

export function GET(request: Request) {
  return feedResponse(request, { type: "home" }, "atom", "changes");
}

export const OPTIONS = preflightResponse;
