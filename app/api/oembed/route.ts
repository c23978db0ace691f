import { preflightResponse } from "@/lib/http/cors";
import { oembedResponse } from "@/lib/embed/oembed";

export function GET(request: Request) {
  return oembedResponse(request);
}

export const OPTIONS = preflightResponse;
