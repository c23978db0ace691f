import { storyExportResponse } from "@/lib/export/respond";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Context) {
  return storyExportResponse(request, (await params).slug, "csv");
}
