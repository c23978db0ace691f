import { feedResponse, preflightResponse } from "@/lib/feeds/respond";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return feedResponse(request, { type: "story", slug: (await params).slug }, "json", "changes");
}

export const OPTIONS = preflightResponse;
