import "server-only";
import { getDb } from "../db";
import { notFoundError, toErrorResponse } from "../http/errors";
import { conditionalResponse } from "../http/conditional";
import { movedResponse } from "../redirects";
import { CORS_HEADERS } from "../http/cors";
import { openStoryExport, storyJsonChunks } from "./export-story";
import { importTemplateCsv, storyCsvChunks } from "./story-csv";

// The site's story downloads: only published events (exports are public).

/** Text chunks as a byte stream that reads the next chunk only when the client has taken the last. */
export function byteStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (err) {
          // Headers are gone already: the client sees a cut-off download, never a false end.
          console.error("Export stream failed:", err);
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

export async function storyExportResponse(request: Request, slug: string, format: "json" | "csv"): Promise<Response> {
  try {
    const parts = /^[a-z0-9-]{1,120}$/.test(slug) ? await openStoryExport(getDb(), slug) : null;
    if (!parts) return (await movedResponse(request, "Story", slug)) ?? toErrorResponse(notFoundError(`The story “${slug}”`));
    // Streamed as it is read, so a story of any size downloads in bounded memory. The bytes are
    // not known before they are sent, so there is no ETag; a shared cache may keep a copy briefly.
    const body = request.method === "HEAD" ? null : byteStream(format === "json" ? storyJsonChunks(parts) : storyCsvChunks(parts));
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present",
        "Cache-Control": "public, max-age=60",
        "Content-Disposition": `attachment; filename="${parts.story.slug}.${format}"`,
        ...CORS_HEADERS,
      },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}

export function importTemplateResponse(request: Request): Response {
  return conditionalResponse(request, {
    body: importTemplateCsv(),
    contentType: "text/csv; charset=utf-8; header=present",
    lastModified: null,
    headers: { "Content-Disposition": 'attachment; filename="sourceline-import-template.csv"' },
  });
}
