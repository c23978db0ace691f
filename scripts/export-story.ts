// `npm run export -- --story <slug> --format json|csv [--out file] [--include-unpublished]`: streamed,
// in bounded memory (a 1M-event story under 256 MB of RSS; the V8 heap is capped in package.json).
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { databaseKind, disconnectDb, getDb } from "../lib/db";
import { openStoryExport, storyJsonChunks } from "../lib/export/export-story";
import { storyCsvChunks } from "../lib/export/story-csv";

const argsSchema = z.object({
  story: z.string().regex(/^[a-z0-9-]{1,120}$/, "--story needs a story slug"),
  format: z.enum(["json", "csv"]).default("json"),
  out: z.string().optional(),
  "include-unpublished": z.boolean().default(false),
});

async function main() {
  const { values } = parseArgs({
    options: {
      story: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      "include-unpublished": { type: "boolean" },
    },
  });
  const args = argsSchema.parse(values);
  // One statement at a time, front to back, with nothing else in the process to keep answering:
  // SQLite reader threads (lib/sqlite-reads.ts) would only add their heaps and caches to its RSS.
  process.env.SQLITE_READERS = "0";
  const db = getDb();
  // A whole story is read once, front to back: the 64 MB page cache the site keeps for its
  // queries (lib/db.ts) would only hold pages never read again.
  if (databaseKind() === "sqlite") await db.$executeRawUnsafe("PRAGMA cache_size = -8192");
  const parts = await openStoryExport(db, args.story, { includeUnpublished: args["include-unpublished"] });
  if (!parts) throw new Error(`There is no story “${args.story}”.`);
  // Streamed chunk by chunk: memory stays bounded whatever the story's size.
  let events = 0;
  const eventsCounted = async function* () {
    for await (const chunk of parts.events()) {
      events += chunk.length;
      yield chunk;
    }
  };
  const counted = { ...parts, events: eventsCounted };
  const chunks = args.format === "json" ? storyJsonChunks(counted) : storyCsvChunks(counted);
  await pipeline(Readable.from(chunks), args.out ? createWriteStream(args.out) : process.stdout);
  if (args.out) console.error(`Wrote ${events} events of “${parts.story.slug}” to ${args.out}.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof z.ZodError ? err.issues.map((i) => i.message).join("\n") : err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
