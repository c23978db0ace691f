// `npm run export -- --story <slug> --format json|csv [--out file] [--include-unpublished]`
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { disconnectDb, getDb } from "../lib/db";
import { exportStory } from "../lib/export/export-story";
import { serializeStoryExport } from "../lib/export/format";
import { eventStatuses, storyToCsv } from "../lib/export/story-csv";

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
  const db = getDb();
  const data = await exportStory(db, args.story, { includeUnpublished: args["include-unpublished"] });
  if (!data) throw new Error(`There is no story “${args.story}”.`);
  const text = args.format === "json" ? serializeStoryExport(data) : storyToCsv(data, await eventStatuses(db, data.events.map((e) => e.id)));
  if (args.out) {
    writeFileSync(args.out, text);
    console.error(`Wrote ${data.events.length} events of “${data.story.slug}” to ${args.out}.`);
  } else {
    process.stdout.write(text);
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof z.ZodError ? err.issues.map((i) => i.message).join("\n") : err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
