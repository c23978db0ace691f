// `npm run bench`: generates the benchmark stories, measures query latency on SQLite and
// PostgreSQL, server throughput, browser time to the first event and bytes shipped, prints the
// targets and writes BENCHMARKS.md.
//
//   npm run bench                      full suite (1k, 10k, 100k, 1M events; minutes to generate)
//   npm run bench -- --smoke           1k only, few repetitions; asserts the output is sane (CI)
//   options: --sizes=1k,10k  --sizes-postgresql=1k,10k (default: --sizes)  --db=sqlite,postgresql
//            --no-server  --no-latency  --reuse-build  --regenerate
//            --merge-previous (keep the last run's results for what this run does not measure)
//            --render-only (rewrite BENCHMARKS.md from the last run's results, measuring nothing)
//            --scale (issue 14: uncached renders at c=10 and c=50 on the 1M story, nginx in front of
//            two instances, exports of the 1M story with peak RSS, import rate; needs the 1M
//            databases) --scale-parts=spike,shared-cache,export,import (a subset)
//            --no-reader (skip the reading-a-story sections: scripts/bench/reader.ts)
//            --reader-only (only those: the strip's query on each dataset, page weight, paint,
//            Lighthouse and live streams; the datasets are still generated when missing)
//
// Everything stays on loopback: next start on port 3500-3599, databases under .bench/ and in
// bench_* PostgreSQL databases (BENCH_POSTGRES_URL, default postgresql://app:app@127.0.0.1:5432/postgres).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "../../lib/db";
import { parseTimelineQuery } from "../../lib/events/filters";
import { listTimeline, PAGE_SIZE, TOTAL_COUNT_LIMIT } from "../../lib/events/queries";
import { measureBaseline } from "./baseline-sql";
import { BENCH_DIR, postgresBaseUrl, prepareDatabase, type DbKind, type PreparedDatabase } from "./datasets";
import { FILTERS, measureLatency, pointAppAt } from "./latency";
import { measureLighthouse } from "./lighthouse";
import { emptyReaderReport, measureGlance, measurePaint, measureStreams, measureWeight } from "./reader";
import { machineInfo, renderConsole, renderMarkdown, type Report } from "./report";
import { emptyScale } from "./scale";
import { runScale } from "./scale-run";
import {
  buildApp,
  checkWithoutJavaScript,
  launchChromium,
  measureBrowser,
  measureBytes,
  measureThroughput,
  startServer,
  timelineJsBytes,
} from "./server";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

const smoke = flag("smoke");
const SIZES: Record<string, number> = { "1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };
const sizeLabels = (option("sizes") ?? (smoke ? "1k" : "1k,10k,100k,1m")).toLowerCase().split(",");
const pgSizeLabels = option("sizes-postgresql")?.toLowerCase().split(",") ?? sizeLabels;
for (const s of [...sizeLabels, ...pgSizeLabels]) if (!SIZES[s]) throw new Error(`Unknown size ${s}; use ${Object.keys(SIZES).join(", ")}`);
const kinds = (option("db") ?? "sqlite,postgresql").split(",") as DbKind[];
const port = Number(process.env.BENCH_PORT || 3517);
const readerOnly = flag("reader-only");
const withReader = !flag("no-reader");
const log = (m: string) => console.log(`[bench] ${m}`);

/** Ends the server section early in a --reader-only run. */
class ReaderOnlyDone extends Error {}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: postgresBaseUrl(), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function check(condition: boolean, message: string) {
  if (!condition) throw new Error(`Benchmark output is not sane: ${message}`);
}

async function main() {
  if (flag("render-only")) {
    const saved = JSON.parse(readFileSync(path.join(BENCH_DIR, "last-report.json"), "utf8")) as Report;
    saved.startedAt = new Date(saved.startedAt);
    writeFileSync(path.resolve("BENCHMARKS.md"), `${renderMarkdown(saved, FILTERS)}\n`);
    console.log(renderConsole(saved, FILTERS));
    return;
  }
  const report: Report = {
    smoke,
    startedAt: new Date(),
    machine: machineInfo(),
    generation: [],
    latency: [],
    throughput: [],
    browser: [],
    bytes: [],
    noJs: null,
    timelineJs: timelineJsBytes(),
    buildSeconds: null,
    scale: emptyScale(),
    reader: emptyReaderReport(),
  };
  log(`machine: ${Object.values(report.machine).join(" · ")}`);

  // 1. Query latency, size by size, on each database.
  for (const kind of flag("no-latency") ? [] : kinds) {
    if (kind === "postgresql" && !(await postgresReachable())) {
      if (smoke || option("db")) throw new Error(`PostgreSQL is not reachable at ${postgresBaseUrl()}`);
      log("PostgreSQL is not reachable; skipping it.");
      continue;
    }
    if (kind === "postgresql") {
      const c = new pg.Client({ connectionString: postgresBaseUrl() });
      await c.connect();
      const v = (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
      await c.end();
      report.machine.PostgreSQL = v;
    }
    for (const label of kind === "postgresql" ? pgSizeLabels : sizeLabels) {
      const events = SIZES[label]!;
      const db: PreparedDatabase = await prepareDatabase(kind, label, [{ slug: `bench-${label}`, events, isDefault: true }], {
        regenerate: flag("regenerate"),
        log,
      });
      report.generation.push({ kind, label, events, seconds: db.generatedSeconds });
      if (kind === "sqlite" && !report.machine.SQLite) {
        const Database = (await import("better-sqlite3")).default;
        const mem = new Database(":memory:");
        report.machine.SQLite = `${(mem.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v} (better-sqlite3)`;
        mem.close();
      }
      if (withReader) {
        log(`${kind} ${label}: the story at a glance against the list query…`);
        report.reader!.glance.push(...(await measureGlance(db, smoke ? { warmup: 1, runs: 3 } : { warmup: 3, runs: 15 })));
      }
      if (readerOnly) continue;
      log(`${kind} ${label}: measuring latency…`);
      const results = await measureLatency(db, smoke ? { warmup: 1, runs: 3 } : { warmup: 5, runs: 30 });
      report.latency.push(...results);
      for (const r of results) {
        if (r.page === "first") check(r.events > 0 && r.total >= r.events, `${kind} ${label} ${r.filter}: ${r.events} events of ${r.total}`);
        check(Number.isFinite(r.p50) && r.p95 >= r.p50, `${kind} ${label} ${r.filter}: p50 ${r.p50}, p95 ${r.p95}`);
      }
      // The same first page with hand-written SQL: it must be the page listTimeline gives.
      const baseline = await measureBaseline(db, { ...(smoke ? { warmup: 1, runs: 3 } : { warmup: 5, runs: 60 }), app: await firstPageReader(db) });
      const app = baseline.app!;
      check(baseline.ids.length > 0 && baseline.ids.join() === app.ids.join(), `${kind} ${label}: the hand-written SQL's first page differs from listTimeline's`);
      check(Math.min(baseline.total, TOTAL_COUNT_LIMIT) === app.total, `${kind} ${label}: hand-written SQL counts ${baseline.total}, listTimeline ${app.total}`);
      report.scale!.baseline.push(baseline);
    }
  }
  await disconnectDb();

  // 2. The built app: throughput, browser, bytes.
  if (!flag("no-server")) {
    const serverDb = await prepareDatabase(
      "sqlite",
      "server",
      [
        { slug: "bench-5000", events: 5_000, isDefault: true },
        { slug: "bench-500", events: 500, isDefault: false },
        { slug: "bench-50", events: 50, isDefault: false },
      ],
      { log },
    );
    report.buildSeconds = buildApp({ reuse: flag("reuse-build"), log });
    const server = await startServer(serverDb.url, port);
    try {
      if (withReader) {
        const r = report.reader!;
        log("reader: page weight…");
        r.weight = await measureWeight(server.url, [
          { name: "default timeline (5,000 events, first 50)", path: "/" },
          { name: "50-event story", path: "/stories/bench-50" },
          { name: "500-event story (first 50)", path: "/stories/bench-500" },
          { name: "default timeline, compact view", path: "/?view=compact" },
        ]);
        log("reader: first event painted, app against its static no-script copy…");
        const browser = await launchChromium();
        try {
          r.paint = await measurePaint(
            browser,
            server.url,
            [
              { name: "50 events", path: "/stories/bench-50" },
              { name: "500 events", path: "/stories/bench-500" },
            ],
            smoke ? 1 : 7,
            port + 2,
          );
        } finally {
          await browser.close();
        }
        if (!smoke) {
          log("reader: Lighthouse mobile…");
          r.lighthouse = await measureLighthouse(
            server.url,
            [
              { name: "50-event story", path: "/stories/bench-50" },
              { name: "500-event story", path: "/stories/bench-500" },
            ],
            3,
          );
        }
      }
      if (readerOnly) throw new ReaderOnlyDone();
      log("throughput…");
      const s5 = serverDb.dataset.sourceSlugs[4]!;
      report.throughput = await measureThroughput(
        server,
        [
          { name: "default timeline (5,000 events)", path: "/" },
          // The same page as an editor gets it: rendered on every request.
          { name: "default timeline, uncached (signed-in editor)", path: "/", headers: { cookie: "sourceline.session_token=bench" } },
          { name: "filtered view", path: `/?source=${s5}&status=reported` },
          { name: "permalink", path: `/events/${serverDb.dataset.sampleEvent.slug}` },
        ],
        smoke ? { seconds: 0, amount: 30, baselinePort: port + 1 } : { seconds: 8, baselinePort: port + 1 },
      );
      for (const t of report.throughput) check(t.requests > 0 && t.errors === 0 && t.non2xx === 0, `${t.path}: ${t.requests} requests, ${t.errors} errors, ${t.non2xx} non-2xx`);
      check(report.throughput[0]?.cache === "hit", `the default timeline was not served from the page cache (${report.throughput[0]?.cache})`);
      check(report.throughput[1]?.cache === "–", `the signed-in request was served from the page cache (${report.throughput[1]?.cache})`);

      log("browser…");
      const browser = await launchChromium();
      try {
        report.machine.Chromium = `${report.machine.Chromium} (browser ${browser.version()})`;
        report.browser = await measureBrowser(
          browser,
          server.url,
          [
            { name: "50 events", path: "/stories/bench-50" },
            { name: "500 events", path: "/stories/bench-500" },
            { name: "5,000 events", path: "/stories/bench-5000" },
          ],
          smoke ? 1 : 5,
        );
        for (const b of report.browser) check(b.firstEventMs !== null && b.events > 0, `${b.path}: no event appeared`);
        // The floor: the app's 404 page, same build and root layout, no timeline code.
        report.bytes = await measureBytes(browser, server.url, [
          { name: "timeline", path: "/stories/bench-5000" },
          { name: "floor (404 page)", path: "/bench-floor-not-a-page" },
        ]);
        for (const b of report.bytes) check(b.jsGzip > 0, `${b.path}: no client JavaScript recorded`);
        report.noJs = await checkWithoutJavaScript(browser, server.url, "/stories/bench-5000");
        check(report.noJs.events > 0, "no event without JavaScript");
      } finally {
        await browser.close();
      }
    } catch (e) {
      if (!(e instanceof ReaderOnlyDone)) throw e;
    } finally {
      await server.stop();
    }
    if (withReader && kinds.includes("postgresql") && (await postgresReachable())) {
      const live = await prepareDatabase("postgresql", "live", [{ slug: "bench-live", events: 500, isDefault: true }], { log });
      const streams = smoke ? 50 : 1_000;
      log(`reader: ${streams} live streams on PostgreSQL…`);
      report.reader!.streams = await measureStreams(live, port + 3, streams, log);
      await disconnectDb();
    }
  }

  // 3. Issue 14: cold renders under a spike, nginx in front of two instances, bulk data.
  let failed: unknown = null;
  if (flag("scale") && !smoke) {
    // A failure here keeps everything measured so far: it is written below, then reported.
    try {
      await runScale(report, { log, port: port + 20, reuseBuild: flag("reuse-build") || report.buildSeconds !== null, parts: option("scale-parts")?.split(",") });
    } catch (e) {
      failed = e;
      log(`the scale section failed; writing what was measured before it (re-run the rest with --merge-previous)`);
    }
  }

  const last = path.join(BENCH_DIR, smoke ? "last-smoke-report.json" : "last-report.json");
  if (flag("merge-previous") && existsSync(last)) {
    const previous = JSON.parse(readFileSync(last, "utf8")) as Report;
    const measured = new Set(report.latency.map((l) => `${l.kind}|${l.size}`));
    report.latency = [...previous.latency.filter((l) => !measured.has(`${l.kind}|${l.size}`)), ...report.latency];
    report.generation = [...previous.generation.filter((g) => !report.generation.some((n) => n.kind === g.kind && n.label === g.label)), ...report.generation];
    const ps = previous.scale ?? emptyScale();
    const measuredBaseline = new Set(report.scale!.baseline.map((b) => `${b.kind}|${b.size}`));
    report.scale = {
      baseline: [...ps.baseline.filter((b) => !measuredBaseline.has(`${b.kind}|${b.size}`)), ...report.scale!.baseline],
      spike: report.scale!.spike.length ? report.scale!.spike : ps.spike,
      spikeStatic: report.scale!.spikeStatic ?? ps.spikeStatic,
      sharedCache: report.scale!.sharedCache ?? ps.sharedCache,
      exports: report.scale!.exports.length ? report.scale!.exports : ps.exports,
      imports: report.scale!.imports.length ? report.scale!.imports : ps.imports,
    };
    if (previous.reader) {
      const r = report.reader!;
      const measuredGlance = new Set(r.glance.map((g) => `${g.kind}|${g.size}`));
      r.glance = [...previous.reader.glance.filter((g) => !measuredGlance.has(`${g.kind}|${g.size}`)), ...r.glance];
      if (r.weight.length === 0) r.weight = previous.reader.weight;
      if (r.paint.length === 0) r.paint = previous.reader.paint;
      if (r.lighthouse.length === 0) r.lighthouse = previous.reader.lighthouse;
      r.streams ??= previous.reader.streams;
    }
    if (readerOnly) {
      report.latency = previous.latency;
      report.throughput = previous.throughput;
      report.browser = previous.browser;
      report.bytes = previous.bytes;
      report.noJs = previous.noJs;
    }
    if (flag("no-server")) {
      report.throughput = previous.throughput;
      report.browser = previous.browser;
      report.bytes = previous.bytes;
      report.noJs = previous.noJs;
    }
    report.machine = { ...previous.machine, ...report.machine, Chromium: previous.machine.Chromium ?? report.machine.Chromium, "Load average at start (1, 5, 15 min)": `${previous.machine["Load average at start (1, 5, 15 min)"]} (first run); ${report.machine["Load average at start (1, 5, 15 min)"]} (merged run)` };
    report.startedAt = new Date(previous.startedAt);
  }
  writeFileSync(last, JSON.stringify(report));
  const markdown = renderMarkdown(report, FILTERS);
  const file = smoke ? path.join(BENCH_DIR, "BENCHMARKS.smoke.md") : path.resolve("BENCHMARKS.md");
  writeFileSync(file, `${markdown}\n`);
  console.log(`\n${renderConsole(report, FILTERS)}\n`);
  log(`wrote ${path.relative(process.cwd(), file)}`);
  if (failed) throw failed;
}

/** listTimeline's first page of the story in `db`, as the timeline page asks for it. */
async function firstPageReader(db: PreparedDatabase): Promise<() => Promise<{ ids: string[]; total: number }>> {
  await pointAppAt(db);
  const scope = { storyId: db.dataset.stories[0]!.id };
  const query = parseTimelineQuery({});
  return async () => {
    const page = await listTimeline(scope, query, PAGE_SIZE, { countLimit: TOTAL_COUNT_LIMIT });
    return { ids: page.events.map((e) => e.id), total: page.total };
  };
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  await disconnectDb();
  process.exit(1);
});
