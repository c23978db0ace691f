// `npm run import -- <file.json|file.csv> [--dry-run] [--adopt-by-slug] [--overwrite-newer]`: one
// transaction, all or nothing. The timing line counts from opening the file (reading included).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { databaseKind, disconnectDb, getDb, type Db } from "../lib/db";
import { IMPORT_KINDS, ImportError, importStoryFile, type ImportProgress } from "../lib/import/import-story";
import { parseImportFile } from "../lib/import/parse-file";
import { openJsonStoryFile, storyFileOf, type StoryFile } from "../lib/import/story-file";

async function main() {
  const { values, positionals } = parseArgs({
    options: { "dry-run": { type: "boolean" }, "adopt-by-slug": { type: "boolean" }, "overwrite-newer": { type: "boolean" } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new Error("Usage: npm run import -- <file.json|file.csv> [--dry-run] [--adopt-by-slug] [--overwrite-newer]");
  }
  const db = getDb();
  // The import writes each page once and reads back little: the 64 MB page cache the site keeps
  // for its queries (lib/db.ts) would hold pages never read again.
  if (databaseKind() === "sqlite") await db.$executeRawUnsafe("PRAGMA cache_size = -8192");
  const started = performance.now();
  // A JSON file is read from disk in passes, a chunk of events at a time, so memory stays bounded
  // whatever its size; a CSV file (rows of one event spread over several lines, slugs resolved
  // against the database) is read whole.
  const story = /\.json$/i.test(file) ? await openJsonStoryFile(file) : await csvStoryFile(db, file);
  const report = await importStoryFile(db, story, {
    dryRun: values["dry-run"] ?? false,
    adoptBySlug: values["adopt-by-slug"] ?? false,
    overwriteNewer: values["overwrite-newer"] ?? false,
    fileName: basename(file),
    onProgress: progressLine(),
  });
  const verb = report.dryRun ? "would be" : "were";
  const seconds = (performance.now() - started) / 1000;
  const events = report.events;
  console.log(
    `${report.dryRun ? "Dry run: nothing was written" : "Imported"} (${events} events in ${seconds.toFixed(1)} s, ${Math.round(events / Math.max(seconds, 0.001))} events/s).`,
  );
  for (const kind of IMPORT_KINDS) {
    const c = report.counts[kind];
    if (c.created + c.updated + c.unchanged === 0) continue;
    console.log(`  ${kind}: ${c.created} ${verb} created, ${c.updated} ${verb} updated, ${c.unchanged} left alone`);
  }
  for (const a of report.adopted) console.log(`  adopted the existing ${a.kind.replace(/s$/, "")} “${a.slug}” (file id ${a.fileId} → ${a.id})`);
  for (const change of report.changes) console.log(`  ${change.action} ${change.kind}: ${change.key}`);
  if (report.changesLeftOut) console.log(`  …and ${report.changesLeftOut} more changes`);
}

/**
 * Progress on stderr: the first chunk of each pass, then at most a line a second. "written" events
 * are in the open transaction, not yet committed: a stopped import leaves nothing of them.
 */
function progressLine(): (p: ImportProgress) => void {
  let lastPass = "";
  let lastAt = 0;
  return ({ pass, events }) => {
    const now = Date.now();
    if (pass === lastPass && now - lastAt < 1000) return;
    lastPass = pass;
    lastAt = now;
    const n = events.toLocaleString("en-US");
    console.error(pass === "check" ? `  checked ${n} events…` : `  written ${n} events (committed only when all are)…`);
  };
}

async function csvStoryFile(db: Db, file: string): Promise<StoryFile> {
  const parsed = await parseImportFile(db, file, readFileSync(file, "utf8"));
  return storyFileOf(parsed.data, parsed.locator);
}

main()
  .catch((err: unknown) => {
    if (err instanceof ImportError) {
      console.error("Import refused; the database was not changed:");
      for (const i of err.issues) console.error(`  ${i.row}, ${i.field}: ${i.message}`);
    } else {
      console.error(err instanceof Error ? err.message : err);
    }
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
