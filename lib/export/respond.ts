import "server-only";
import { getDb } from "../db";
import { notFoundError, toErrorResponse } from "../http/errors";
import { conditionalResponse } from "../http/conditional";
import { movedResponse } from "../redirects";
import { CORS_HEADERS } from "../http/cors";
import { exportProcessChunks, exportsInProcess } from "./export-process";
import { openStoryExport, storyJsonChunks } from "./export-story";
import { importTemplateCsv, storyCsvChunks } from "./story-csv";

// The site's story downloads: only published events (exports are public).

/** Text chunks as a byte stream that reads the next chunk only when the client has taken the last. */
export function byteStream(chunks: AsyncGenerator<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
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
    const db = getDb();
    const story = /^[a-z0-9-]{1,120}$/.test(slug) ? await db.story.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null;
    if (!story) return (await movedResponse(request, "Story", slug)) ?? toErrorResponse(notFoundError(`The story “${slug}”`));
    // Streamed as it is read, so a story of any size downloads in bounded memory; a large one by a
    // process of its own (lib/export/export-process.ts). The bytes are not known before they are
    // sent, so there is no ETag; a shared cache may keep a copy briefly.
    let body: ReadableStream<Uint8Array> | null = null;
    if (request.method !== "HEAD") {
      if (exportsInProcess(await publishedEventCount(story.id))) {
        const parts = await openStoryExport(db, story.slug);
        if (!parts) return toErrorResponse(notFoundError(`The story “${slug}”`));
        body = byteStream(format === "json" ? storyJsonChunks(parts) : storyCsvChunks(parts));
      } else {
        body = byteStream(exportProcessChunks(story.slug, format));
      }
    }
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present",
        "Cache-Control": "public, max-age=60",
        "Content-Disposition": `attachment; filename="${story.slug}.${format}"`,
        ...CORS_HEADERS,
      },
    });
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** A story's published events, from the monthly counts the database keeps (a few hundred rows). */
async function publishedEventCount(storyId: string): Promise<number> {
  const sum = await getDb().storyMonthCount.aggregate({ where: { storyId }, _sum: { count: true } });
  return sum._sum.count ?? 0;
}

export function importTemplateResponse(request: Request): Response {
  return conditionalResponse(request, {
    body: importTemplateCsv(),
    contentType: "text/csv; charset=utf-8; header=present",
    lastModified: null,
    headers: { "Content-Disposition": 'attachment; filename="sourceline-import-template.csv"' },
  });
}
