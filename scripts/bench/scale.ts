// Issue 14's measurements: cold renders under a spike (uncached filtered pages at 10 and 50
// concurrent readers on the 1M story, against a plain Node server sending the same bytes),
// nginx's proxy_cache in front of two instances (against nginx serving the same bytes as a static
// file), bulk data (exporting the 1M story from the site and from `npm run export` with the
// peak RSS, importing a generated story), and listTimeline against hand-written SQL.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import { exportNodeOptions } from "../../lib/export/export-process";
import type { BaselineResult } from "./baseline-sql";
import type { PreparedDatabase } from "./datasets";
import type { LatencyResult } from "./latency";

const root = process.cwd();
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const STATUSES = ["reported", "confirmed", "on-record", "denied", "declined", "disputed", "claimed", "retracted"];
const KINDS = ["media-report", "statement", "briefing", "decision", "military-action", "reaction", "other"];

export type SpikeResult = {
  kind: string;
  connections: number;
  seconds: number;
  requests: number;
  ok: number;
  busy: number;
  errors: number;
  okPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  meanBytes: number;
};
export type StaticResult = { name: string; requestsPerSecond: number; bytes: number; latencyP50: number };
export type SharedCacheResult = { cachedPerSecond: number; staticPerSecond: number; bytes: number; cacheStatus: string; latencyP50: number; staticLatencyP50: number };
/**
 * peakRssMb: the peak of the process that wrote the export (for the site: its export process, or
 * the server when the server wrote it). serverPeakRssMb: the server's own peak while it answered.
 */
export type ExportResult = {
  kind: string;
  via: "site" | "npm run export";
  format: "json" | "csv";
  events: number;
  seconds: number;
  bytes: number;
  peakRssMb: number;
  idleRssMb: number | null;
  serverPeakRssMb?: number | null;
};
export type ImportResult = { kind: string; events: number; seconds: number; perSecond: number; peakRssMb: number };

export type ScaleResults = {
  baseline: BaselineResult[];
  spike: SpikeResult[];
  spikeStatic: StaticResult | null;
  sharedCache: SharedCacheResult | null;
  exports: ExportResult[];
  imports: ImportResult[];
};

export const emptyScale = (): ScaleResults => ({ baseline: [], spike: [], spikeStatic: null, sharedCache: null, exports: [], imports: [] });

// -------------------------------------------------------------------------------------------------
// Process memory: the resident set of a process and its children, sampled while it works.
// -------------------------------------------------------------------------------------------------

function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Resident set of pid and its descendants, in MB (0 when it has gone). */
export function treeRssMb(pid: number): number {
  let mb = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop()!;
    mb += ownRssMb(p);
    todo.push(...children(p));
  }
  return mb;
}

/** Resident set of pid alone, in MB (0 when it has gone). */
function ownRssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples pid's own resident set and that of its descendants every 100 ms; the peaks of each. */
function watchOwnAndChildren(pid: number): { stop(): { own: number; children: number } } {
  const peak = { own: 0, children: 0 };
  const sample = () => {
    const own = ownRssMb(pid);
    peak.own = Math.max(peak.own, own);
    peak.children = Math.max(peak.children, treeRssMb(pid) - own);
  };
  sample();
  const t = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(t);
      return peak;
    },
  };
}

/** Samples treeRssMb(pid) every 100 ms until stop() and returns the peak. */
export function watchRss(pid: number): { stop(): number } {
  let peak = treeRssMb(pid);
  const t = setInterval(() => (peak = Math.max(peak, treeRssMb(pid))), 100);
  return {
    stop() {
      clearInterval(t);
      return peak;
    },
  };
}

// -------------------------------------------------------------------------------------------------
// Cold renders under a spike
// -------------------------------------------------------------------------------------------------

/** Distinct filtered addresses, none asked for before: every one is a render. */
export function uncachedPaths(dataset: PreparedDatabase["dataset"], offset: number): () => string {
  let i = offset;
  return () => {
    const n = i++;
    const source = dataset.sourceSlugs[n % dataset.sourceSlugs.length]!;
    const status = STATUSES[Math.floor(n / dataset.sourceSlugs.length) % STATUSES.length]!;
    const kind = KINDS[Math.floor(n / (dataset.sourceSlugs.length * STATUSES.length)) % KINDS.length]!;
    return `/?source=${source}&status=${status}&kind=${kind}`;
  };
}

export async function measureSpike(url: string, kind: string, next: () => string, connections: number, seconds: number): Promise<SpikeResult> {
  let bytes = 0;
  let sized = 0;
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    // A request unanswered after 10 s counts as an error (the issue's old figure).
    timeout: 10,
    headers: { accept: BROWSER_ACCEPT },
    requests: [{ setupRequest: (req) => ({ ...req, path: next() }) }],
  });
  // The size of the pages rendered: a few of the same kind of address, fetched once.
  for (let i = 0; i < 5; i++) {
    const res = await fetch(url + next(), { headers: { accept: BROWSER_ACCEPT } });
    const body = await res.arrayBuffer();
    if (res.ok) {
      bytes += body.byteLength;
      sized += 1;
    }
  }
  const codes = r.statusCodeStats ?? {};
  const count = (code: string) => codes[code]?.count ?? 0;
  const ok = Object.entries(codes)
    .filter(([c]) => c.startsWith("2"))
    .reduce((n, [, v]) => n + v.count, 0);
  return {
    kind,
    connections,
    seconds: r.duration,
    requests: r.requests.total,
    ok,
    busy: count("503"),
    errors: r.errors + r.timeouts,
    okPerSecond: ok / r.duration,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    latencyMax: r.latency.max,
    meanBytes: sized ? Math.round(bytes / sized) : 0,
  };
}

/** A plain Node server sending `body` from memory: the ceiling for the same bytes. */
export async function measureStatic(body: Buffer, port: number, seconds: number, name: string): Promise<StaticResult> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  try {
    const r = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: seconds, headers: { accept: BROWSER_ACCEPT } });
    return { name, requestsPerSecond: r.requests.total / r.duration, bytes: body.length, latencyP50: r.latency.p50 };
  } finally {
    await new Promise((r) => server.close(() => r(null)));
  }
}

// -------------------------------------------------------------------------------------------------
// nginx in front of two instances
// -------------------------------------------------------------------------------------------------

export async function measureSharedCache(databaseUrl: string, port: number, seconds: number, distDir: string, log: (m: string) => void): Promise<SharedCacheResult> {
  const { startSharedCache } = await import("../lib/shared-cache.mjs");
  const prefix = path.join(root, ".bench", "shared-cache");
  const staticDir = path.join(root, ".bench", "shared-cache-static");
  rmSync(staticDir, { recursive: true, force: true });
  mkdirSync(staticDir, { recursive: true });
  const shared = await startSharedCache({
    databaseUrl,
    port,
    appPorts: [port + 1, port + 2],
    pageCacheSeconds: 60,
    prefix,
    staticDir,
    env: { NEXT_DIST_DIR: distDir },
  });
  try {
    const headers = { accept: BROWSER_ACCEPT };
    const page = "/";
    let body = Buffer.alloc(0);
    let cacheStatus = "";
    for (let i = 0; i < 3; i++) {
      const res = await fetch(shared.url + page, { headers });
      body = Buffer.from(await res.arrayBuffer());
      cacheStatus = res.headers.get("x-cache-status") ?? "";
    }
    writeFileSync(path.join(staticDir, "page.html"), body);
    log(`nginx: ${page} is ${body.length} bytes (${cacheStatus})`);
    await autocannon({ url: shared.url + page, connections: 4, amount: 50, headers });
    const cached = await autocannon({ url: shared.url + page, connections: 10, duration: seconds, headers });
    const still = (await fetch(shared.url + page, { headers })).headers.get("x-cache-status") ?? "";
    const plain = await autocannon({ url: `${shared.url}/__static/page.html`, connections: 10, duration: seconds, headers });
    return {
      cachedPerSecond: cached.requests.total / cached.duration,
      staticPerSecond: plain.requests.total / plain.duration,
      bytes: body.length,
      cacheStatus: `${cacheStatus} → ${still}`,
      latencyP50: cached.latency.p50,
      staticLatencyP50: plain.latency.p50,
    };
  } finally {
    await shared.stop();
  }
}

// -------------------------------------------------------------------------------------------------
// Bulk data
// -------------------------------------------------------------------------------------------------

function nodeProcess(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

async function finished(child: ReturnType<typeof spawn>): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  // "close": the output is all read (the import's timing line is its last).
  const code = await new Promise<number | null>((r) => child.once("close", r));
  return { code, output };
}

/** `npm run export` of a whole story to a file, with the exporting process's peak RSS. */
export async function measureCliExport(db: PreparedDatabase, format: "json" | "csv", out: string): Promise<ExportResult> {
  const story = db.dataset.stories[0]!;
  const started = Date.now();
  // As npm run export starts it (its V8 heap capped), without npm's own process.
  const child = nodeProcess([...exportNodeOptions(), "scripts/export-story.ts", "--story", story.slug, "--format", format, "--out", out], { DATABASE_URL: db.url });
  const rss = watchRss(child.pid!);
  const { code, output } = await finished(child);
  const peak = rss.stop();
  if (code !== 0) throw new Error(`npm run export failed:\n${output}`);
  return { kind: db.kind, via: "npm run export", format, events: story.events, seconds: (Date.now() - started) / 1000, bytes: statSync(out).size, peakRssMb: peak, idleRssMb: null };
}

/** The site's download of a whole story, with the server's peak RSS while it streams. */
export async function measureSiteExport(db: PreparedDatabase, serverUrl: string, serverPid: number, format: "json" | "csv"): Promise<ExportResult> {
  const story = db.dataset.stories[0]!;
  const idle = ownRssMb(serverPid);
  // A large story is written by an export process the server starts (lib/export/export-process.ts).
  const rss = watchOwnAndChildren(serverPid);
  const started = Date.now();
  let bytes = 0;
  await new Promise<void>((resolve, reject) => {
    http
      .get(`${serverUrl}/stories/${story.slug}/export.${format}`, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export.${format} answered ${res.statusCode}`));
        res.on("data", (d: Buffer) => (bytes += d.length));
        res.on("end", () => resolve());
        res.on("error", reject);
      })
      .on("error", reject);
  });
  const peak = rss.stop();
  const seconds = (Date.now() - started) / 1000;
  return { kind: db.kind, via: "site", format, events: story.events, seconds, bytes, peakRssMb: peak.children || peak.own, idleRssMb: idle, serverPeakRssMb: peak.own };
}

/** `npm run import` of a story file into an empty database: events per second, peak RSS. */
export async function measureImport(kind: string, file: string, databaseUrl: string, events: number): Promise<ImportResult> {
  // As npm run import starts it (tsx --conditions=react-server).
  const child = nodeProcess(["--max-old-space-size=256", "--conditions=react-server", "--import", "tsx", "scripts/import-story.ts", file], { DATABASE_URL: databaseUrl });
  const rss = watchRss(child.pid!);
  const { code, output } = await finished(child);
  const peak = rss.stop();
  if (code !== 0) throw new Error(`npm run import failed:\n${output.slice(-2000)}`);
  // The import's own timing line (scripts/import-story.ts): the transaction, not process start-up.
  const m = /in ([\d.]+) s/.exec(output);
  const seconds = m ? Number(m[1]) : NaN;
  return { kind, events, seconds, perSecond: events / seconds, peakRssMb: peak };
}

// -------------------------------------------------------------------------------------------------
// Targets and tables
// -------------------------------------------------------------------------------------------------

const mark = (ok: boolean) => (ok ? "met" : "MISSED");
const f0 = (n: number) => n.toFixed(0);
const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

export const SCALE_TARGETS = { uncachedShare: 0.2, answeredWithinMs: 2000, sharedCacheShare: 0.8, exportRssMb: 256, importPerSecond: 1000, baselineRatio: 3 };

/** listTimeline's side of a baseline row: timed in the baseline's own loop, else the latency table's. */
function baselineApp(b: BaselineResult, latency: LatencyResult[]): { p50: number; p95: number } | undefined {
  return b.app ?? latency.find((l) => l.kind === b.kind && l.size === b.size && l.filter === "none" && l.page === "first");
}

export function scaleTargetLines(s: ScaleResults | undefined, latency: LatencyResult[]): { target: string; measured: string; verdict: string }[] {
  if (!s) return [];
  const lines: { target: string; measured: string; verdict: string }[] = [];
  for (const b of s.baseline) {
    const app = baselineApp(b, latency);
    if (!app) continue;
    const ratio = app.p50 / b.p50;
    lines.push({
      target: `${b.kind} ${sizeLabel(b.size)}: listTimeline p50 ≤ ${SCALE_TARGETS.baselineRatio}× hand-written SQL for the same first page`,
      measured: `${app.p50.toFixed(1)} / ${b.p50.toFixed(1)} ms = ${ratio.toFixed(2)}×`,
      verdict: mark(ratio <= SCALE_TARGETS.baselineRatio),
    });
  }
  for (const spike of s.spike) {
    if (spike.connections === 10 && s.spikeStatic) {
      const share = spike.okPerSecond / s.spikeStatic.requestsPerSecond;
      lines.push({
        target: `${spike.kind} 1M: uncached filtered pages (c=10) ≥ ${SCALE_TARGETS.uncachedShare * 100}% of a static server for the same bytes`,
        measured: `${spike.okPerSecond.toFixed(1)} / ${f0(s.spikeStatic.requestsPerSecond)} req/s = ${(share * 100).toFixed(1)}%`,
        verdict: mark(share >= SCALE_TARGETS.uncachedShare),
      });
      lines.push({
        target: `${spike.kind} 1M: at c=10 (within capacity) no 503 and no error`,
        measured: `${spike.busy} × 503, ${spike.errors} errors of ${spike.requests}`,
        verdict: mark(spike.busy === 0 && spike.errors === 0),
      });
    }
    if (spike.connections === 50) {
      lines.push({
        target: `${spike.kind} 1M: at c=50 every request answered (200 or 503) within ${SCALE_TARGETS.answeredWithinMs / 1000} s`,
        measured: `max ${f0(spike.latencyMax)} ms, p99 ${f0(spike.latencyP99)} ms, ${spike.errors} unanswered; ${spike.ok} × 200, ${spike.busy} × 503`,
        verdict: mark(spike.errors === 0 && spike.latencyMax <= SCALE_TARGETS.answeredWithinMs),
      });
    }
  }
  if (s.sharedCache) {
    const share = s.sharedCache.cachedPerSecond / s.sharedCache.staticPerSecond;
    lines.push({
      target: `through nginx with two instances: cached page ≥ ${SCALE_TARGETS.sharedCacheShare * 100}% of nginx serving the same bytes as a file`,
      measured: `${f0(s.sharedCache.cachedPerSecond)} / ${f0(s.sharedCache.staticPerSecond)} req/s = ${(share * 100).toFixed(1)}%`,
      verdict: mark(share >= SCALE_TARGETS.sharedCacheShare),
    });
  }
  for (const e of s.exports) {
    lines.push({
      target: `${e.kind} export of ${sizeLabel(e.events)} events to ${e.format.toUpperCase()} from ${e.via === "site" ? "the site" : "npm run export"}: peak RSS ≤ ${SCALE_TARGETS.exportRssMb} MB`,
      measured: `${f0(e.peakRssMb)} MB${e.serverPeakRssMb ? ` (export process; the server ${f0(e.idleRssMb ?? 0)} MB at rest, ${f0(e.serverPeakRssMb)} MB at most meanwhile)` : e.idleRssMb !== null ? ` (server at rest ${f0(e.idleRssMb)} MB)` : ""}; ${(e.bytes / 2 ** 20).toFixed(0)} MB in ${f0(e.seconds)} s`,
      verdict: mark(e.peakRssMb <= SCALE_TARGETS.exportRssMb),
    });
  }
  for (const i of s.imports) {
    lines.push({
      target: `${i.kind} import of ${sizeLabel(i.events)} events: ≥ ${SCALE_TARGETS.importPerSecond.toLocaleString("en-US")} events/s`,
      measured: `${f0(i.perSecond)} events/s (${i.seconds.toFixed(1)} s; peak RSS ${f0(i.peakRssMb)} MB)`,
      verdict: mark(i.perSecond >= SCALE_TARGETS.importPerSecond),
    });
  }
  return lines;
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function renderScaleMarkdown(s: ScaleResults | undefined, latency: LatencyResult[]): string {
  if (!s) return "";
  const out: string[] = [];
  if (s.baseline.length) {
    out.push("## listTimeline against hand-written SQL (first page, no filter, ms)", "");
    out.push(
      "The same first page read with hand-written SQL on the database's own driver (scripts/bench/baseline-sql.ts: the 50 events in timeline order, the count capped at 1,001, and everything the page shows of each event, in nine statements), checked to return the same events. listTimeline reads the page, its count and the full-text lookup through Prisma, then what the items show in eight hand-written statements on the driver (lib/events/page-read.ts): eleven in all. Both are timed in one loop, 60 runs after a warm-up, each run reading both in turn (the order alternating), so that both sides see the same machine.",
      "",
    );
    out.push(
      table(
        ["Database", "Events", "Hand-written SQL p50 / p95", "listTimeline p50 / p95", "Ratio (p50)"],
        s.baseline.map((b) => {
          const app = baselineApp(b, latency);
          return [b.kind, b.size.toLocaleString("en-US"), `${b.p50.toFixed(1)} / ${b.p95.toFixed(1)}`, app ? `${app.p50.toFixed(1)} / ${app.p95.toFixed(1)}` : "–", app ? `${(app.p50 / b.p50).toFixed(2)}×` : "–"];
        }),
      ),
      "",
    );
  }
  if (s.spike.length) {
    out.push("## Cold renders under a spike (uncached filtered pages, 1M-event story)", "");
    out.push(
      "Every request a filtered address no one asked for before (`?source=…&status=…&kind=…`, 400 × 8 × 7 combinations), so every one is a render; autocannon, loopback, 10 s timeout. The server admits a few renders at a time (RENDER_CONCURRENCY), queues a bounded number (RENDER_QUEUE, RENDER_QUEUE_WAIT_MS) and answers the rest 503 with Retry-After, a quarter of a second after the request. The static row sends the same bytes from memory (a plain Node server).",
      "",
    );
    out.push(
      table(
        ["Database", "Connections", "Requests", "200 / s", "200", "503", "Errors", "p50 ms", "p99 ms", "max ms", "Mean page bytes"],
        s.spike.map((x) => [x.kind, x.connections, x.requests, x.okPerSecond.toFixed(1), x.ok, x.busy, x.errors, f0(x.latencyP50), f0(x.latencyP99), f0(x.latencyMax), x.meanBytes.toLocaleString("en-US")]),
      ),
      "",
    );
    if (s.spikeStatic) out.push(`Static server, same bytes (${s.spikeStatic.bytes.toLocaleString("en-US")}): ${f0(s.spikeStatic.requestsPerSecond)} req/s, p50 ${s.spikeStatic.latencyP50} ms.`, "");
  }
  if (s.sharedCache) {
    const c = s.sharedCache;
    out.push("## nginx proxy_cache in front of two instances (PostgreSQL)", "");
    out.push(
      `Debian's nginx with the configuration of \`npm run start:shared-cache\` (scripts/lib/shared-cache.mjs), two \`next start\` instances on one PostgreSQL database, autocannon with 10 connections. The default timeline (${c.bytes.toLocaleString("en-US")} bytes, cache status ${c.cacheStatus}): ${f0(c.cachedPerSecond)} req/s, p50 ${c.latencyP50} ms. The same bytes as a file served by the same nginx: ${f0(c.staticPerSecond)} req/s, p50 ${c.staticLatencyP50} ms.`,
      "",
    );
  }
  if (s.exports.length || s.imports.length) {
    out.push("## Bulk data", "");
    if (s.exports.length) {
      out.push(
        table(
          ["Database", "From", "Format", "Events", "Bytes", "Seconds", "Peak RSS (MB)", "Server at rest (MB)"],
          s.exports.map((e) => [e.kind, e.via, e.format, e.events.toLocaleString("en-US"), e.bytes.toLocaleString("en-US"), f0(e.seconds), f0(e.peakRssMb), e.idleRssMb === null ? "–" : f0(e.idleRssMb)]),
        ),
        "",
      );
    }
    if (s.imports.length) {
      out.push(
        table(
          ["Database", "Events", "Seconds (the import's transaction)", "Events/s", "Peak RSS (MB)"],
          s.imports.map((i) => [i.kind, i.events.toLocaleString("en-US"), i.seconds.toFixed(1), f0(i.perSecond), f0(i.peakRssMb)]),
        ),
        "",
      );
    }
  }
  return out.join("\n");
}
