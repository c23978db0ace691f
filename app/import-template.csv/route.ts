import { importTemplateResponse } from "@/lib/export/respond";

export function GET(request: Request) {
  return importTemplateResponse(request);
}
