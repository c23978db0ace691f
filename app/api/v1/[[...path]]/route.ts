import { handleApiRequest } from "@/lib/api/router";

type Context = { params: Promise<{ path?: string[] }> };

async function handle(request: Request, { params }: Context) {
  return handleApiRequest(request, (await params).path ?? []);
}

export const GET = handle;
export const HEAD = handle;
export const OPTIONS = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
