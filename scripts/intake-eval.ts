// `npm run intake:eval -- <corpus-dir> [--verbose]`: scores the intake engine against labelled
// articles (one JSON file each; README, "Evaluating intake") and prints the figures.
import { analyzeArticle } from "../lib/intake/analyze";
import { evaluateCorpus, figuresOf, pct, readCorpus } from "../lib/intake/eval";

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith("--"));
const verbose = args.includes("--verbose");
if (!dir) {
  console.error("usage: npm run intake:eval -- <corpus-dir> [--verbose]");
  process.exit(2);
}

try {
  const corpus = readCorpus(dir);
  // One warm-up run, so the figure below is the engine's, not the loading of its libraries.
  analyzeArticle(corpus[0]!.file.article, { zone: "UTC", actors: [], sources: [], claims: [], events: [] });
  const scores = evaluateCorpus(corpus);
  for (const s of scores) {
    const flags = s.pairs.map((p) => `${p.dateCorrect ? "" : "D"}${p.status ? "" : "S"}${p.actor ? "" : "A"}${p.quote === false ? "Q" : ""}${p.match === false ? "M" : ""}`).filter(Boolean);
    console.log(`${s.file.padEnd(40)} gold ${String(s.gold).padStart(2)}  drafts ${String(s.drafts).padStart(2)}  matched ${String(s.pairs.length).padStart(2)}  ${flags.length ? `misses: ${flags.join(" ")}` : ""}`);
    if (verbose) {
      for (const p of s.pairs) {
        const d = p.draft;
        if (!p.dateCorrect || !p.status || !p.actor || p.quote === false || p.match === false || p.stance === false)
          console.log(`   ~ ${p.gold.summary.slice(0, 60)} | date ${d.date.day}/${d.date.class} vs ${p.gold.date}/${p.gold.date_precision} | status ${d.status} vs ${p.gold.status} | actor ${d.actor?.name} vs ${p.gold.actor} | quote ${JSON.stringify(d.quote)} vs ${JSON.stringify(p.gold.quote)} | match ${d.match.kind === "existing" ? d.match.eventId : "new"} vs ${p.gold.match} | stance ${d.stance.stance} vs ${p.gold.stance}`);
      }
      for (const g of s.unmatchedGold) console.log(`   - missed: ${g.actor} ${g.date}/${g.date_precision}: ${g.summary.slice(0, 80)}`);
      for (const d of s.extraDrafts) console.log(`   + extra: ${d.actor?.name} ${d.date.day}/${d.date.class}: ${d.headline.slice(0, 80)}`);
    }
  }
  const f = figuresOf(scores);
  const words = scores.reduce((a, s) => a + s.words, 0);
  const ms = scores.reduce((a, s) => a + s.ms, 0);
  // A 1,500-word article: the corpus texts joined until they reach 1,500 words.
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < 1500; i = (i + 1) % corpus.length) {
    const t = corpus[i]!.file.article.text;
    parts.push(t);
    count += t.split(/\s+/).length;
  }
  const long = parts.join("\n\n").split(/\s+/).slice(0, 1500).join(" ");
  const t0 = performance.now();
  analyzeArticle({ outlet: "Benchmark Wire", published: "2025-01-15", text: long }, { zone: "UTC", actors: [], sources: [], claims: [], events: [] });
  const longMs = performance.now() - t0;
  console.log("");
  console.log(`Intake evaluation: ${f.articles} articles, ${f.gold} labelled events, ${f.drafts} drafts, ${f.matched} matched`);
  console.log(`  event recall            ${pct(f.recall)}`);
  console.log(`  event precision         ${pct(f.precision)}`);
  console.log(`  date accuracy           ${pct(f.date)}`);
  console.log(`    exact day             ${pct(f.exactDay)}`);
  console.log(`    precision class       ${pct(f.precisionClass)}`);
  console.log(`  sourcing/verdict        ${pct(f.status)}`);
  console.log(`  actor                   ${pct(f.actor)}`);
  console.log(`  quote exactness         ${pct(f.quote)}`);
  console.log(`  match (existing event)  ${pct(f.match)}`);
  console.log(`  stance                  ${pct(f.stance)}`);
  console.log(`  speed                   ${(ms / words * 1000).toFixed(1)} ms per 1,000 words; a 1,500-word article in ${longMs.toFixed(0)} ms`);
} catch (error) {
  console.error(`intake:eval: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
