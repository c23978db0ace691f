import { readdirSync, readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { importStory } from "../import/import-story";
import { parseJsonImport } from "../import/parse-file";
import { TRUTH_STORY_SLUG, truthStory } from "../testing/truth-story";
import { exportNodeOptions, exportProcessChunks, exportsInProcess, inProcessMaxEvents } from "./export-process";
import { requireStoryExport } from "./export-story";
import { serializeStoryExport } from "./format";
import { storyExportResponse } from "./respond";
import { storyToCsv } from "./story-csv";

// A large story's download is written by `scripts/export-story.ts` in a process of its own: the
// same bytes as the server writes for a small one, an error (never a false end) when the process
// fails, and no process left behind when the reader goes away.

async function bytes(chunks: AsyncGenerator<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts).toString("utf8");
}

/** Processes running the export script for `slug`. */
function exportProcessesFor(slug: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0");
      if (cmdline.some((a) => a.endsWith("export-story.ts")) && cmdline.includes(slug)) found.push(Number(name));
    } catch {
      // gone
    }
  }
  return found;
}

let expectedJson: string;
let expectedCsv: string;
beforeAll(async () => {
  const db = getDb();
  await importStory(db, parseJsonImport(serializeStoryExport(truthStory())).data, { fileName: "truth-story.json" });
  const whole = await requireStoryExport(db, TRUTH_STORY_SLUG);
  expectedJson = serializeStoryExport(whole);
  const statuses = new Map((await db.event.findMany({ where: { id: { in: whole.events.map((e) => e.id) } }, select: { id: true, status: true } })).map((e) => [e.id, e.status.toLowerCase().replaceAll("_", "-")]));
  expectedCsv = storyToCsv(whole, statuses);
});

const saved = process.env.EXPORT_IN_PROCESS_MAX_EVENTS;
afterEach(() => {
  if (saved === undefined) delete process.env.EXPORT_IN_PROCESS_MAX_EVENTS;
  else process.env.EXPORT_IN_PROCESS_MAX_EVENTS = saved;
});

describe("a story's download from an export process", () => {
  it("writes the bytes the server writes itself, in JSON and in CSV", async () => {
    expect(await bytes(exportProcessChunks(TRUTH_STORY_SLUG, "json"))).toBe(expectedJson);
    expect(await bytes(exportProcessChunks(TRUTH_STORY_SLUG, "csv"))).toBe(expectedCsv);
  });

  it("is what the site answers for a story over the limit, as for one under it", async () => {
    const published = await getDb().event.count({ where: { story: { slug: TRUTH_STORY_SLUG }, published: true } });
    for (const limit of ["0", String(published)]) {
      process.env.EXPORT_IN_PROCESS_MAX_EVENTS = limit;
      expect(exportsInProcess(published)).toBe(limit !== "0");
      const response = await storyExportResponse(new Request(`http://localhost/stories/${TRUTH_STORY_SLUG}/export.json`), TRUTH_STORY_SLUG, "json");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${TRUTH_STORY_SLUG}.json"`);
      expect(await response.text()).toBe(expectedJson);
    }
  });

  it("reads its limit from EXPORT_IN_PROCESS_MAX_EVENTS, falling back to 5,000 on a setting that is not one", () => {
    expect(inProcessMaxEvents({})).toBe(5_000);
    expect(inProcessMaxEvents({ EXPORT_IN_PROCESS_MAX_EVENTS: "12" })).toBe(12);
    expect(inProcessMaxEvents({ EXPORT_IN_PROCESS_MAX_EVENTS: "many" })).toBe(5_000);
  });

  it("runs the script with npm run export's node options, its heap cap included", () => {
    const options = exportNodeOptions();
    expect(options).toContain("--conditions=react-server");
    expect(options.some((o) => /^--max-old-space-size=\d+$/.test(o))).toBe(true);
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { export: string } };
    expect(pkg.scripts.export).toBe(["node", ...options, "scripts/export-story.ts"].join(" "));
  });

  it("ends with an error naming the cause when the process fails, never with a false end", async () => {
    await expect(bytes(exportProcessChunks("no-such-story", "json"))).rejects.toThrow(/ended with code 1: There is no story “no-such-story”/);
  });

  it("leaves no process behind when the reader stops reading", async () => {
    const chunks = exportProcessChunks(TRUTH_STORY_SLUG, "csv");
    expect((await chunks.next()).done).toBe(false);
    expect(exportProcessesFor(TRUTH_STORY_SLUG).length).toBe(1);
    await chunks.return(undefined);
    for (let i = 0; i < 50 && exportProcessesFor(TRUTH_STORY_SLUG).length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(exportProcessesFor(TRUTH_STORY_SLUG)).toEqual([]);
  });
});
