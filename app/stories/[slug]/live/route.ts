import { liveResponse } from "@/lib/live/stream";

type Context = { params: Promise<{ slug: string }> };

// A story's live updates as Server-Sent Events (lib/live/stream.ts).
export async function GET(request: Request, { params }: Context) {
  return liveResponse(request, (await params).slug);
}

export const dynamic = "force-dynamic";
