import "server-only";
import { getDb } from "../db";
import { notFoundError, toErrorResponse } from "../http/errors";
import { conditionalResponse } from "../http/conditional";
import { movedResponse } from "../redirects";
import { exportStory } from "./export-story";
import { serializeStoryExport } from "./format";
import { eventStatuses, importTemplateCsv, storyToCsv } from "./story-csv";

// The site's story downloads: only published events (exports are public).

export async function storyExportResponse(request: Request, slug: string, format: "json" | "csv"): Promise<Response> {
  try {
    const db = getDb();
    const data = /^[a-z0-9-]{1,120}$/.test(slug) ? await exportStory(db, slug) : null;
    if (!data) return (await movedResponse(request, "Story", slug)) ?? toErrorResponse(notFoundError(`The story “${slug}”`));
    const body =
      format === "json" ? serializeStoryExport(data) : storyToCsv(data, await eventStatuses(db, data.events.map((e) => e.id)));
    return conditionalResponse(request, {
      body,
      contentType: format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present",
      lastModified: null,
      headers: { "Content-Disposition": `attachment; filename="${data.story.slug}.${format}"` },
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
