// Reading a story (issues 13 and 14, part 1): the story-at-a-glance aggregate against the page's
// list query, page weight (HTML and its inline RSC payload), the first event's paint against the
// same page served statically without scripts, Lighthouse mobile, and live streams (memory per
// stream and the delay from an editor's save to every reader's announcement).
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import type { Browser } from "@playwright/test";
import { getDb } from "../../lib/db";
import { asOfFor } from "../../lib/events/as-of";
import { parseTimelineQuery } from "../../lib/events/filters";
import { listTimeline, PAGE_SIZE, TOTAL_COUNT_LIMIT, type TimelineScope } from "../../lib/events/queries";
import { createEvent } from "../../lib/events/write";
import { getStoryGlance } from "../../lib/reader/glance";
import { mainClaimIds } from "../../lib/reader/where-things-stand";
import { CHANGE_CHANNEL } from "../../lib/live/notify";
import type { PreparedDatabase } from "./datasets";
import { filterParams, pointAppAt, type FilterName } from "./latency";
import type { LighthouseResult } from "./lighthouse";

export type GlanceResult = { kind: string; size: number; filter: FilterName; via: string; glanceP50: number; listP50: number; days: number };
export type WeightResult = { name: string; path: string; htmlBytes: number; rscBytes: number; gzipBytes: number };
export type PaintResult = { name: string; path: string; appMs: number | null; staticMs: number | null; appRuns: number[]; staticRuns: number[] };
export type StreamsResult = {
  streams: number;
  connected: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  perStreamKb: number;
  announced: number;
  delayP50: number;
  delayP95: number;
  delayMax: number;
  saveMs: number;
};
export type ReaderReport = {
  glance: GlanceResult[];
  weight: WeightResult[];
  paint: PaintResult[];
  lighthouse: LighthouseResult[];
  streams: StreamsResult | null;
};

export const emptyReaderReport = (): ReaderReport => ({ glance: [], weight: [], paint: [], lighthouse: [], streams: null });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};

const ZONE = "America/New_York";

/** The strip's aggregate and the list query of the same view, p50 of `runs` each, in one process. */
export async function measureGlance(db: PreparedDatabase, options: { warmup: number; runs: number }): Promise<GlanceResult[]> {
  await pointAppAt(db);
  const story = db.dataset.stories[0]!;
  const out: GlanceResult[] = [];
  for (const filter of ["none", "status", "source", "asof"] as const) {
    const query = parseTimelineQuery(filterParams(db, filter));
    const asOf = asOfFor(query.asof, ZONE);
    const scope: TimelineScope = { storyId: story.id, cutoffs: asOf ? [{ storyId: story.id, cutoff: asOf.cutoff }] : undefined };
    const claims = await mainClaimIds(story.id, asOf?.cutoff ?? null);
    const glance = () => getStoryGlance({ id: story.id, timeZone: ZONE }, query, asOf, claims);
    const list = () => listTimeline(scope, query, PAGE_SIZE, { countLimit: TOTAL_COUNT_LIMIT });
    const time = async (fn: () => Promise<unknown>, o: { warmup: number; runs: number }) => {
      for (let i = 0; i < o.warmup; i++) await fn();
      const t: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        const t0 = performance.now();
        await fn();
        t.push(performance.now() - t0);
      }
      return median(t);
    };
    const last = await glance();
    // Grouping a million matching events takes seconds: fewer runs of those.
    const few = last.via === "grouped-events" && story.events >= 100_000;
    const runs = few ? { warmup: 0, runs: 3 } : options;
    out.push({ kind: db.kind, size: story.events, filter, via: last.via, days: last.days.length, glanceP50: await time(glance, runs), listP50: await time(list, runs) });
  }
  return out;
}

/** The page's bytes as sent (no compression asked), the inline RSC payload's share, and gzip. */
export async function measureWeight(baseUrl: string, pages: { name: string; path: string }[]): Promise<WeightResult[]> {
  const out: WeightResult[] = [];
  for (const p of pages) {
    const html = await (await fetch(baseUrl + p.path, { headers: { accept: "text/html" } })).text();
    const rscBytes = [...html.matchAll(/<script[^>]*>(self\.__next_f\.push[\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
    out.push({ name: p.name, path: p.path, htmlBytes: Buffer.byteLength(html), rscBytes, gzipBytes: gzipSync(html, { level: 6 }).length });
  }
  return out;
}

/** When the first event's headline is painted (Element Timing: its `elementtiming="first-event"`). */
const PAINT_PROBE = `
(() => {
  window.__firstEventPaint = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.identifier === "first-event" && window.__firstEventPaint === null) window.__firstEventPaint = e.renderTime || e.loadTime;
    }
  }).observe({ type: "element", buffered: true });
})();
`;

/**
 * The same page, served statically without any script: its HTML (scripts and script preloads
 * removed) from memory, everything else (the stylesheet) passed through to the app.
 */
async function staticCopy(baseUrl: string, pagePath: string, port: number) {
  const raw = await (await fetch(baseUrl + pagePath, { headers: { accept: "text/html" } })).text();
  const body = Buffer.from(raw.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<link[^>]+as="script"[^>]*>/g, ""));
  const server = http.createServer(async (req, res) => {
    if (req.url === pagePath) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
      res.end(body);
      return;
    }
    const r = await fetch(baseUrl + req.url);
    res.writeHead(r.status, { "content-type": r.headers.get("content-type") ?? "application/octet-stream" });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function measurePaint(browser: Browser, baseUrl: string, pages: { name: string; path: string }[], runs: number, staticPort: number): Promise<PaintResult[]> {
  const out: PaintResult[] = [];
  const once = async (url: string) => {
    const context = await browser.newContext();
    await context.addInitScript(PAINT_PROBE);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => (window as unknown as { __firstEventPaint: number | null }).__firstEventPaint !== null, null, { timeout: 10_000 }).catch(() => {});
    const t = await page.evaluate(() => (window as unknown as { __firstEventPaint: number | null }).__firstEventPaint);
    await context.close();
    return t;
  };
  for (const p of pages) {
    await (await fetch(baseUrl + p.path, { headers: { accept: "text/html" } })).arrayBuffer();
    const copy = await staticCopy(baseUrl, p.path, staticPort);
    const appRuns: number[] = [];
    const staticRuns: number[] = [];
    try {
      // Interleaved, so that a busy moment of the machine falls on both.
      for (let i = 0; i < runs; i++) {
        const a = await once(baseUrl + p.path);
        if (a !== null) appRuns.push(a);
        const s = await once(copy.url + p.path);
        if (s !== null) staticRuns.push(s);
      }
    } finally {
      await copy.close();
    }
    out.push({ name: p.name, path: p.path, appMs: appRuns.length ? median(appRuns) : null, staticMs: staticRuns.length ? median(staticRuns) : null, appRuns, staticRuns });
  }
  return out;
}

/** Resident memory of a process group, in MB (ps). */
function groupRssMb(pgid: number): number {
  const r = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  return r.split("\n").filter(Boolean).reduce((n, l) => n + Number(l.trim()), 0) / 1024;
}

/**
 * `count` live streams on one instance (PostgreSQL), then an editor's save made by another
 * process, as a second instance would: the write through the app's write path, then the NOTIFY.
 * Memory per stream is the server's resident memory growth over the open streams; the delay runs
 * from the end of the save (commit and notify) to each stream's announcement.
 */
export async function measureStreams(db: PreparedDatabase, port: number, count: number, log: (m: string) => void): Promise<StreamsResult> {
  const root = process.cwd();
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: "ignore",
    detached: true,
    env: {
      ...process.env,
      NEXT_DIST_DIR: ".next-bench",
      DATABASE_URL: db.url,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LIVE_HEARTBEAT_SECONDS: "15",
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const story = db.dataset.stories[0]!;
  const sockets: http.ClientRequest[] = [];
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/stories/${story.slug}`)).ok) break;
      } catch {
        // not yet
      }
      if (Date.now() > deadline) throw new Error("next start (PostgreSQL) did not answer within 60 s");
      await new Promise((r) => setTimeout(r, 300));
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const rssBeforeMb = groupRssMb(child.pid!);
    let connected = 0;
    const announcedAt: number[] = [];
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    await new Promise<void>((resolve, reject) => {
      for (let i = 0; i < count; i++) {
        const req = http.get(`${base}/stories/${story.slug}/live`, { agent, headers: { accept: "text/event-stream" } }, (res) => {
          let buffer = "";
          let announced = false;
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            buffer += chunk;
            if (buffer.includes(": connected") && !buffer.includes("\u0000counted")) {
              buffer += "\u0000counted";
              connected += 1;
              if (connected === count) resolve();
            }
            if (!announced && buffer.includes("event: change")) {
              announced = true;
              announcedAt.push(performance.now());
            }
          });
        });
        req.on("error", reject);
        sockets.push(req);
      }
      setTimeout(() => reject(new Error(`only ${connected} of ${count} streams connected within 60 s`)), 60_000).unref();
    });
    await new Promise((r) => setTimeout(r, 3_000));
    const rssAfterMb = groupRssMb(child.pid!);
    log(`${connected} streams open: RSS ${rssBeforeMb.toFixed(0)} → ${rssAfterMb.toFixed(0)} MB`);

    // The save, as another instance makes it.
    await pointAppAt(db);
    const source = await getDb().source.findFirstOrThrow({ select: { id: true } });
    const now = new Date();
    const saveStart = performance.now();
    await getDb().$transaction((tx) =>
      createEvent(tx, {
        storyId: story.id,
        slug: `bench-live-${Date.now().toString(36)}`,
        kind: "MEDIA_REPORT",
        headline: "A live benchmark event",
        summary: "Published while a thousand readers watch.",
        occurredAt: now,
        precision: "MINUTE",
        timeZone: "UTC",
        firstReportedAt: now,
        citations: [{ sourceId: source.id, attribution: "OUTLET_OWN", publishedAt: now }],
      }),
    );
    const notifier = new pg.Client({ connectionString: db.url });
    await notifier.connect();
    await notifier.query(`SELECT pg_notify('${CHANGE_CHANNEL}', $1)`, [JSON.stringify({ origin: "bench" })]);
    const saved = performance.now();
    await notifier.end();
    const waitUntil = Date.now() + 30_000;
    while (announcedAt.length < connected && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
    const delays = announcedAt.map((t) => t - saved).sort((a, b) => a - b);
    return {
      streams: count,
      connected,
      rssBeforeMb,
      rssAfterMb,
      perStreamKb: ((rssAfterMb - rssBeforeMb) * 1024) / Math.max(1, connected),
      announced: delays.length,
      delayP50: median(delays),
      delayP95: delays[Math.min(delays.length - 1, Math.ceil(delays.length * 0.95) - 1)] ?? NaN,
      delayMax: delays[delays.length - 1] ?? NaN,
      saveMs: saved - saveStart,
    };
  } finally {
    for (const s of sockets) s.destroy();
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
}

const ms = (n: number | null) => (n === null || !Number.isFinite(n) ? "–" : n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** The reader's targets, each with its measurement and verdict. */
export function readerTargets(r: ReaderReport): [string, string, string][] {
  const out: [string, string, string][] = [];
  const mark = (ok: boolean) => (ok ? "met" : "MISSED");
  for (const kind of ["sqlite", "postgresql"]) {
    const rows = r.glance.filter((g) => g.kind === kind && g.filter === "none");
    const sizes = [...new Set(rows.map((g) => g.size))].sort((a, b) => a - b);
    const big = rows.find((g) => g.size === sizes.at(-1));
    const small = rows.find((g) => g.size === sizes[0]);
    if (big && small && big !== small) {
      out.push([`${kind} story-at-a-glance query at 1M ≤ the page's list query at 1M`, `${ms(big.glanceP50)} vs ${ms(big.listP50)}`, mark(big.glanceP50 <= big.listP50)]);
      out.push([`${kind} story-at-a-glance query: 1M / 1k`, `${ms(big.glanceP50)} / ${ms(small.glanceP50)} = ${(big.glanceP50 / small.glanceP50).toFixed(2)}×`, "(reported)"]);
    }
  }
  const home = r.weight.find((w) => w.path === "/");
  if (home) out.push(["50-event page on the benchmark story (`/`, 5,000 events) ≤ 150 KB, RSC payload included", kb(home.htmlBytes), mark(home.htmlBytes <= 150 * 1024)]);
  for (const p of r.paint) {
    if (p.appMs !== null && p.staticMs !== null) {
      out.push([`${p.name}: first event painted ≤ 1.25× the static no-script copy`, `${ms(p.appMs)} vs ${ms(p.staticMs)} = ${(p.appMs / p.staticMs).toFixed(2)}×`, mark(p.appMs <= 1.25 * p.staticMs)]);
    }
  }
  for (const l of r.lighthouse) {
    const all = [l.performance, l.accessibility, l.bestPractices, l.seo];
    out.push([`Lighthouse mobile ${l.name}: 100 / 100 / 100 / 100`, all.join(" / "), mark(all.every((s) => s === 100))]);
  }
  if (r.streams) {
    out.push([`${r.streams.streams.toLocaleString("en-US")} open live streams on one instance`, `${r.streams.connected} connected, ${r.streams.announced} announced`, mark(r.streams.connected === r.streams.streams && r.streams.announced === r.streams.connected)]);
  }
  return out;
}

export function renderReaderMarkdown(r: ReaderReport | undefined): string {
  if (!r) return "";
  const out: string[] = ["## Reading a story (issues 13 and 14, part 1)", ""];
  const targets = readerTargets(r);
  if (targets.length) out.push(table(["Target", "Measured", "Verdict"], targets), "");
  if (r.glance.length) {
    out.push(
      "### The story at a glance: its aggregate query against the page's list query (p50, ms, one process)",
      "",
      "*none* reads StoryDayCount (one row per day and label, kept by triggers), or StoryMonthCount (per month, month-counts) for a story spanning more than 2,484 days; *status* = confirmed, the same table; *source* (the 5th most cited) and *asof* (7 days before the end, status reported) group the matching events in the database.",
      "",
      table(
        ["Database", "Events", "View", "Read from", "Days drawn", "Strip p50", "List p50", "Strip / list"],
        r.glance.map((g) => [g.kind, sizeLabel(g.size), g.filter, g.via, g.days, ms(g.glanceP50), ms(g.listP50), `${(g.glanceP50 / g.listP50).toFixed(2)}×`]),
      ),
      "",
    );
  }
  if (r.weight.length) {
    out.push(
      "### Page weight (bytes as sent, uncompressed; gzip level 6 for reference)",
      "",
      table(
        ["Page", "Path", "HTML, all", "of which inline RSC payload", "gzip"],
        r.weight.map((w) => [w.name, `\`${w.path}\``, kb(w.htmlBytes), kb(w.rscBytes), kb(w.gzipBytes)]),
      ),
      "",
    );
  }
  if (r.paint.length) {
    out.push(
      "### First event painted (Element Timing on its headline; Chromium, fresh context per run, interleaved)",
      "",
      table(
        ["Story", "App (median)", "Static no-script copy (median)", "Ratio", "App runs", "Static runs"],
        r.paint.map((p) => [p.name, ms(p.appMs), ms(p.staticMs), p.appMs && p.staticMs ? `${(p.appMs / p.staticMs).toFixed(2)}×` : "–", p.appRuns.map((x) => x.toFixed(0)).join(", "), p.staticRuns.map((x) => x.toFixed(0)).join(", ")]),
      ),
      "",
    );
  }
  if (r.lighthouse.length) {
    out.push(
      `### Lighthouse ${r.lighthouse[0]!.version} mobile (its default: simulated slow 4G, 4× CPU slowdown), Debian Chromium, median of the runs by performance`,
      "",
      table(
        ["Story", "Performance", "Accessibility", "Best practices", "SEO", "FCP", "LCP", "TBT", "CLS", "Performance runs", "Audits below 100"],
        r.lighthouse.map((l) => [l.name, l.performance, l.accessibility, l.bestPractices, l.seo, ms(l.fcp), ms(l.lcp), ms(l.tbt), l.cls.toFixed(3), l.runs.join(", "), l.failing.join("; ") || "none"]),
      ),
      "",
    );
  }
  if (r.streams) {
    const s = r.streams;
    out.push(
      "### Live streams (Server-Sent Events, one instance on PostgreSQL)",
      "",
      table(
        ["Streams", "Connected", "Server RSS before → after", "Memory per stream", "Save (write + NOTIFY)", "Announced", "Save → announcement p50 / p95 / max"],
        [[s.streams, s.connected, `${s.rssBeforeMb.toFixed(0)} → ${s.rssAfterMb.toFixed(0)} MB`, `${s.perStreamKb.toFixed(1)} KB`, ms(s.saveMs), s.announced, `${ms(s.delayP50)} / ${ms(s.delayP95)} / ${ms(s.delayMax)}`]],
      ),
      "",
    );
  }
  return out.join("\n");
}
