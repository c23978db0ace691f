// `npm run intake -- --file article.html|.txt --outlet <slug or name> --published <ISO date or instant>
//  [--url …] [--story <slug>] [--json] [--save]`: the intake engine from the command line. It reads a
// saved page (its main text is extracted) or plain text, against the story's zone, claims and
// events (the default story when --story is not given), and prints the drafts. Nothing is
// fetched; nothing is written unless --save queues the drafts for review at /editor/intake.
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { disconnectDb, getDb } from "../lib/db";
import { analyzeArticle } from "../lib/intake/analyze";
import { loadIntakeContext } from "../lib/intake/context";
import { extractArticle, looksLikeHtml } from "../lib/intake/html";
import { takeInArticle } from "../lib/intake/review";
import type { Draft, IntakeContext } from "../lib/intake/types";

const USAGE =
  "Usage: npm run intake -- --file article.html|.txt --outlet <slug or name> --published <ISO date or instant> [--url …] [--story <slug>] [--json] [--save]";

function describe(d: Draft): string {
  const lines = [
    `#${d.index + 1} ${d.headline}`,
    `   kind      ${d.kind.toLowerCase().replace(/_/g, " ")}  (${d.why.kind.map((b) => `“${b.words}”`).join(", ")})`,
    `   date      ${d.date.day ?? "unknown"} · ${d.date.class}${d.date.bound !== "EXACT" ? ` · ${d.date.bound.toLowerCase().replace(/_/g, " ")}` : ""}  (${d.date.note})`,
    `   actor     ${d.actor ? `${d.actor.name}${d.actor.title ? `, ${d.actor.title}` : ""}` : "none named"}`,
    `   quote     ${d.quote ? `“${d.quote}”` : "none"}`,
    `   sourcing  ${d.sourcing.attribution.toLowerCase().replace(/_/g, " ")}${d.sourcing.attributionText ? ` (“${d.sourcing.attributionText}”)` : ""}${d.sourcing.origin ? `; relays ${d.sourcing.origin.name}, carried by this outlet` : ""} → ${d.status}`,
    `   stance    ${d.stance.stance.toLowerCase()}${d.stance.claimText ? ` “${d.stance.claimText}”` : " (no claim of the story matches)"}`,
    `   match     ${d.match.kind === "existing" ? `add this article as a citation to “${d.match.headline}” (${d.match.reason})` : `new event (${d.match.reason})`}`,
  ];
  return lines.join("\n");
}

async function main() {
  const { values } = parseArgs({
    options: {
      file: { type: "string" },
      outlet: { type: "string" },
      published: { type: "string" },
      url: { type: "string" },
      title: { type: "string" },
      story: { type: "string" },
      json: { type: "boolean" },
      save: { type: "boolean" },
    },
  });
  if (!values.file || !values.outlet) throw new Error(USAGE);
  const raw = readFileSync(values.file, "utf8");
  const html = /\.html?$/i.test(extname(values.file)) || looksLikeHtml(raw);
  const page = html ? extractArticle(raw) : null;
  const text = page?.text ?? raw;
  const published = values.published ?? page?.published ?? null;

  const db = getDb();
  let story: { id: string; slug: string } | null = null;
  let outlet = values.outlet;
  try {
    story = values.story
      ? await db.story.findUnique({ where: { slug: values.story }, select: { id: true, slug: true } })
      : await db.story.findFirst({ where: { isDefault: true }, select: { id: true, slug: true } });
    const outletSource = await db.source.findFirst({ where: { OR: [{ slug: values.outlet }, { name: values.outlet }] }, select: { name: true } });
    outlet = outletSource?.name ?? values.outlet;
  } catch (error) {
    // With no story asked for, a database that is not set up is no obstacle: the article is read
    // on its own, in UTC.
    if (values.story || values.save) throw error;
    console.error("intake: no database to read a story from; reading the article on its own, in UTC.");
  }
  if (values.story && !story) throw new Error(`No story has the slug “${values.story}”.`);
  const context: IntakeContext = story ? await loadIntakeContext(story.id) : { zone: "UTC", actors: [], sources: [], claims: [], events: [] };

  const started = performance.now();
  const result = analyzeArticle({ outlet, published, url: values.url ?? null, title: values.title ?? page?.title ?? null, text }, context);
  const ms = performance.now() - started;

  if (values.save) {
    if (!story) throw new Error("--save needs a story: give --story <slug>, or mark a story as the default.");
    const saved = await takeInArticle(null, { storyId: story.id, outlet, published, url: values.url ?? null, title: values.title ?? page?.title ?? null, text, format: "text" });
    console.error(`Saved ${saved.drafts} drafts for review at /editor/intake.`);
  }
  if (values.json) {
    console.log(JSON.stringify({ story: story?.slug ?? null, outlet, published: result.published, title: result.title, notes: result.notes, drafts: result.drafts }, null, 2));
  } else {
    console.log(`${result.drafts.length} draft events from ${outlet}${result.published ? `, ${result.published.day}` : ", undated"}${story ? `, read against ${story.slug}` : ""} (${text.split(/\s+/).length} words in ${ms.toFixed(0)} ms)`);
    for (const n of result.notes) console.log(`Note: ${n}`);
    for (const d of result.drafts) console.log(`\n${describe(d)}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(`intake: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
