// `npx tsx --conditions=react-server scripts/check-real-story.ts <story.json> <expected.json>`:
// imports a story into a throwaway SQLite database and compares what a reader sees at each
// cut-off of an independently written answer key (stories/real/expected-labels.json) with it:
// events shown, labels, credited voices, verdicts, citations shown, and each claim's status and
// independent count. Prints every difference; exits 1 when there is one.
import { readFileSync } from "node:fs";
import { createTemporaryDatabase } from "../lib/testing/temp-database";

type Key = {
  cutoffs: Record<
    string,
    {
      events: { event: string; status: string; voice: string | null; verdict: string | null; citations: string[] }[];
      claims?: { claim: string; status: string | null; independentSources: number }[];
    }
  >;
};

async function main() {
  const [file, keyFile] = process.argv.slice(2);
  if (!file || !keyFile) throw new Error("Usage: check-real-story.ts <story.json> <expected.json>");
  const database = await createTemporaryDatabase(undefined);
  process.env.DATABASE_URL = database.url;
  const { getDb, disconnectDb } = await import("../lib/db");
  const { importStory } = await import("../lib/import/import-story");
  const { parseJsonImport } = await import("../lib/import/parse-file");
  const { listTimeline } = await import("../lib/events/queries");
  const { projectEvent } = await import("../lib/events/event-view");
  const { EMPTY_QUERY } = await import("../lib/events/filters");
  const { listClaims } = await import("../lib/claims/queries");
  const { endOfLocalDay } = await import("../lib/dates");
  const { toSlug } = await import("../lib/domain");
  const data = parseJsonImport(readFileSync(file, "utf8")).data;
  await importStory(getDb(), data, { fileName: file });
  const story = await getDb().story.findUniqueOrThrow({ where: { slug: data.story.slug } });
  const key = JSON.parse(readFileSync(keyFile, "utf8")) as Key;
  let differences = 0;
  const say = (line: string) => {
    differences++;
    console.log(line);
  };
  for (const [day, want] of Object.entries(key.cutoffs)) {
    const at = endOfLocalDay(day, story.timeZone);
    const page = await listTimeline({ storyId: story.id, cutoffs: [{ storyId: story.id, cutoff: at }] }, { ...EMPTY_QUERY, asof: day }, 500);
    const views = new Map(page.events.map((e) => [e.id, projectEvent(e, at)!]));
    console.log(`== as of ${day}: ${views.size} events shown, ${want.events.length} expected`);
    for (const id of views.keys()) if (!want.events.some((w) => w.event === id)) say(`  shown but not expected: ${id}`);
    for (const w of want.events) {
      const v = views.get(w.event);
      if (!v) {
        say(`  expected but not shown: ${w.event}`);
        continue;
      }
      const got = {
        status: toSlug(v.label.status),
        voice: v.label.credit?.voice ?? null,
        verdict: v.label.verdict ? toSlug(v.label.verdict.status) : null,
        citations: v.citations.map((c) => c.id).sort(),
      };
      if (got.status !== w.status) say(`  ${w.event}: status ${got.status}, expected ${w.status} — ${v.label.text} | ${v.label.detail ?? ""}`);
      if (w.voice && !(got.voice ?? "").includes(w.voice)) say(`  ${w.event}: voice “${got.voice}”, expected “${w.voice}”`);
      if ((got.verdict ?? null) !== (w.verdict ?? null)) say(`  ${w.event}: verdict ${got.verdict}, expected ${w.verdict} — ${v.label.verdict?.text ?? ""}`);
      if (JSON.stringify(got.citations) !== JSON.stringify([...w.citations].sort())) {
        say(`  ${w.event}: citations ${got.citations.join(",")}, expected ${[...w.citations].sort().join(",")}`);
      }
    }
    const claims = await listClaims(story.id, at, 0);
    for (const w of want.claims ?? []) {
      const c = claims.find((x) => x.id === w.claim || x.slug === w.claim);
      if (!c) {
        // A claim nothing is known about yet is not listed.
        if (w.status !== null || w.independentSources > 0) say(`  claim ${w.claim}: not listed, expected ${w.status}`);
        continue;
      }
      if (toSlug(c.status) !== (w.status ?? "unverified")) say(`  claim ${w.claim}: status ${toSlug(c.status)}, expected ${w.status}`);
      if (c.counts.independent !== w.independentSources) {
        say(`  claim ${w.claim}: ${c.counts.independent} independent, expected ${w.independentSources}`);
      }
    }
  }
  console.log(differences === 0 ? "No differences." : `${differences} differences.`);
  await disconnectDb();
  await database.drop();
  process.exitCode = differences === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
