// `npm run import -- <file.json|file.csv> [--dry-run] [--adopt-by-slug] [--overwrite-newer]`: one
// transaction, all or nothing.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "../lib/db";
import { IMPORT_KINDS, ImportError, importStory } from "../lib/import/import-story";
import { parseImportFile } from "../lib/import/parse-file";

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
  const parsed = await parseImportFile(db, file, readFileSync(file, "utf8"));
  const started = performance.now();
  const report = await importStory(db, parsed.data, {
    dryRun: values["dry-run"] ?? false,
    locator: parsed.locator,
    adoptBySlug: values["adopt-by-slug"] ?? false,
    overwriteNewer: values["overwrite-newer"] ?? false,
    fileName: basename(file),
  });
  const verb = report.dryRun ? "would be" : "were";
  const seconds = (performance.now() - started) / 1000;
  const events = parsed.data.events.length;
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
