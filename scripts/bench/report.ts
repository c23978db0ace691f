// The benchmark's table and BENCHMARKS.md: every measurement next to its target.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FILTERS, LatencyResult } from "./latency";
import { renderScaleMarkdown, scaleTargetLines, type ScaleResults } from "./scale";
import type { BrowserResult, BytesResult, ThroughputResult } from "./server";
import { renderReaderMarkdown, type ReaderReport } from "./reader";

export type Report = {
  smoke: boolean;
  startedAt: Date;
  machine: Record<string, string>;
  generation: { kind: string; label: string; events: number; seconds: number | null }[];
  latency: LatencyResult[];
  throughput: ThroughputResult[];
  browser: BrowserResult[];
  bytes: BytesResult[];
  noJs: { events: number; formMethod: string | null; filteredEvents: number } | null;
  timelineJs: { version: string; jsGzip: number; cssGzip: number } | null;
  buildSeconds: number | null;
  /** Issue 14's measurements (scripts/bench/scale.ts); absent in reports from before it. */
  scale?: ScaleResults;
  /** Reading a story: scripts/bench/reader.ts. */
  reader?: ReaderReport;
};

// TimelineJS 3.9.11 in headless Debian Chromium, median of 3 (the issue's peer figures).
export const PEER = [
  { events: 50, firstEventMs: 1150, domNodes: null as number | null },
  { events: 500, firstEventMs: 3200, domNodes: null as number | null },
  { events: 5000, firstEventMs: 20000, domNodes: 115_000 as number | null },
];

export const TARGETS = {
  latencyRatio: 2,
  throughputShare: 0.5,
  firstEventMs: 200,
  ownJsGzip: 15 * 1024,
  renderBlockingShare: 0.25,
};

export function machineInfo(): Record<string, string> {
  const cmd = (c: string, args: string[]) => {
    try {
      return execFileSync(c, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "unknown";
    }
  };
  const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  return {
    CPU: `${os.cpus()[0]?.model ?? "unknown"} (nproc ${os.availableParallelism()})`,
    Memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()}`,
    Node: process.version,
    Chromium: cmd(process.env.CHROMIUM_PATH || "/usr/bin/chromium", ["--version"]),
    "Load average at start (1, 5, 15 min)": load,
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mark = (ok: boolean) => (ok ? "met" : "MISSED");

function sizeLabel(n: number): string {
  return n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n);
}

export type TargetLine = { target: string; measured: string; verdict: string };

export function targetLines(r: Report, filters: typeof FILTERS): TargetLine[] {
  const lines: TargetLine[] = [];
  for (const kind of ["sqlite", "postgresql"]) {
    const rows = r.latency.filter((l) => l.kind === kind);
    if (rows.length === 0) continue;
    const sizes = [...new Set(rows.map((l) => l.size))].sort((a, b) => a - b);
    const small = sizes[0]!;
    const big = sizes[sizes.length - 1]!;
    if (small === big) continue;
    for (const filter of filters) {
      for (const page of ["first", "deep"] as const) {
        const a = rows.find((l) => l.size === small && l.filter === filter && l.page === page);
        const b = rows.find((l) => l.size === big && l.filter === filter && l.page === page);
        if (!a || !b) continue;
        const ratio = b.p50 / a.p50;
        lines.push({
          target: `${kind} ${filter} (${page} page): p50 at ${sizeLabel(big)} ≤ ${TARGETS.latencyRatio}× p50 at ${sizeLabel(small)}`,
          measured: `${ms(b.p50)} / ${ms(a.p50)} ms = ${ratio.toFixed(2)}×`,
          verdict: mark(ratio <= TARGETS.latencyRatio),
        });
      }
    }
  }
  const base = r.throughput.find((t) => t.name.startsWith("baseline"));
  const home = r.throughput[0];
  if (base && home && home !== base) {
    const share = home.requestsPerSecond / base.requestsPerSecond;
    lines.push({
      target: `default timeline throughput ≥ ${TARGETS.throughputShare * 100}% of the plain-Node baseline`,
      measured: `${home.requestsPerSecond.toFixed(0)} / ${base.requestsPerSecond.toFixed(0)} req/s = ${(share * 100).toFixed(1)}%`,
      verdict: mark(share >= TARGETS.throughputShare),
    });
  }
  const big = r.browser.find((b) => b.name.includes("5,000"));
  if (big && big.firstEventMs !== null) {
    lines.push({
      target: `first event of a 5,000-event story ≤ ${TARGETS.firstEventMs} ms`,
      measured: `${ms(big.firstEventMs)} ms`,
      verdict: mark(big.firstEventMs <= TARGETS.firstEventMs),
    });
  }
  const timeline = r.bytes.find((b) => b.name === "timeline");
  const floor = r.bytes.find((b) => b.name.startsWith("floor"));
  if (timeline && floor) {
    const own = timeline.jsGzip - floor.jsGzip;
    lines.push({
      target: `timeline client JS over the framework floor ≤ ${kb(TARGETS.ownJsGzip)} gzip`,
      measured: `${kb(timeline.jsGzip)} − ${kb(floor.jsGzip)} = ${kb(own)}`,
      verdict: mark(own <= TARGETS.ownJsGzip),
    });
    lines.push({
      target: "no render-blocking script; readable and filterable before any script runs",
      measured: `${timeline.blockingScripts} blocking scripts; without JavaScript: ${r.noJs?.events ?? "?"} events, filter form ${r.noJs?.formMethod ?? "missing"}, filtered view ${r.noJs && r.noJs.filteredEvents >= 0 ? `${r.noJs.filteredEvents} events` : "not reached"}`,
      verdict: mark(timeline.blockingScripts === 0 && (r.noJs?.events ?? 0) > 0 && r.noJs?.formMethod === "get" && (r.noJs?.filteredEvents ?? -1) >= 0),
    });
    if (r.timelineJs) {
      const peer = r.timelineJs.jsGzip + r.timelineJs.cssGzip;
      lines.push({
        target: `render-blocking bytes before the first event ≤ ${TARGETS.renderBlockingShare} × TimelineJS's (its JS + CSS)`,
        measured: `${kb(timeline.renderBlockingGzip)} vs ${kb(peer)} = ${(timeline.renderBlockingGzip / peer).toFixed(2)}×`,
        verdict: mark(timeline.renderBlockingGzip <= TARGETS.renderBlockingShare * peer),
      });
    }
  }
  lines.push(...scaleTargetLines(r.scale, r.latency));
  return lines;
}

function table(head: string[], rows: (string | number)[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export function renderMarkdown(r: Report, filters: typeof FILTERS): string {
  const out: string[] = [];
  out.push("# Benchmarks", "");
  out.push(
    r.smoke
      ? "**Smoke run** (1k events, few repetitions): checks that the suite works; the numbers mean nothing."
      : "Produced by `npm run bench` (scripts/bench/). Re-run it on a quiet machine before quoting a number.",
    "",
  );
  out.push(`Run started ${r.startedAt.toISOString()}.`, "");
  out.push("## Machine", "", table(["", ""], Object.entries(r.machine)), "");

  out.push("## Targets", "", table(["Target", "Measured", "Verdict"], targetLines(r, filters).map((t) => [t.target, t.measured, t.verdict])), "");

  out.push("## Data", "");
  out.push(
    "Synthetic stories written in bulk by scripts/bench/generate.ts, with the app's own derived-field functions: 1–5 citations per event from 400 sources drawn with a Zipf law (s = 1.1), 250 actors, 120 tags, 5 claims per 100 events with status histories (reported, corroborated, confirmed or denied on the record, disputed) and the matching EventStatusPeriod rows, relations on 12% of events, and headline, summary and quotes of 30–90 words from a Zipf-distributed 4,300-word vocabulary. About 200 events a day.",
    "",
  );
  out.push(
    table(
      ["Database", "Dataset", "Events", "Generated in"],
      r.generation.map((g) => [g.kind, g.label, g.events.toLocaleString("en-US"), g.seconds === null ? "reused" : `${g.seconds.toFixed(1)} s`]),
    ),
    "",
  );

  out.push("## Query latency (listTimeline, ms)", "");
  out.push(
    "Through the app's query layer as the timeline page calls it (parseTimelineQuery → listTimeline with the page's count limit), after a warm-up, in one process. *first* is the first page; *deep* starts three quarters of the way down the timeline (a `before=` keyset cursor). Filters: *source* = the 5th most cited source (≈6% of events), *two sources* = the 5th and the 40th, *status* = confirmed, *date range* = 7 days mid-story, *q* = `ceasefire`, *combined* = the most cited source + reported + q `missile`, *asof* = 7 days before the story's last day + status reported.",
    "",
  );
  for (const kind of ["sqlite", "postgresql"]) {
    const rows = r.latency.filter((l) => l.kind === kind);
    if (rows.length === 0) continue;
    const sizes = [...new Set(rows.map((l) => l.size))].sort((a, b) => a - b);
    const head = ["Filter", "Page", ...sizes.map((s) => `${sizeLabel(s)} p50 / p95`), "Events shown (largest)"];
    const body: string[][] = [];
    for (const filter of filters) {
      for (const page of ["first", "deep"] as const) {
        const cells = sizes.map((s) => {
          const l = rows.find((x) => x.size === s && x.filter === filter && x.page === page);
          return l ? `${ms(l.p50)} / ${ms(l.p95)}` : "–";
        });
        const largest = rows.find((x) => x.size === sizes[sizes.length - 1] && x.filter === filter && x.page === page);
        body.push([filter, page, ...cells, largest ? `${largest.events} of ${largest.totalIsExact ? "" : "more than "}${largest.total.toLocaleString("en-US")}` : "–"]);
      }
    }
    out.push(`### ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} (${rows[0]!.runs} runs each)`, "", table(head, body), "");
  }

  if (r.throughput.length) {
    const base = r.throughput.find((t) => t.name.startsWith("baseline"));
    out.push("## Server throughput (autocannon, 10 connections, loopback)", "");
    out.push(
      table(
        ["View", "Path", "Page cache", "req/s", "p50 ms", "p99 ms", "Share of baseline", "Bytes", "Errors / non-2xx"],
        r.throughput.map((t) => [
          t.name,
          `\`${t.path}\``,
          t.cache ?? "–",
          t.requestsPerSecond.toFixed(0),
          String(t.latencyP50),
          String(t.latencyP99),
          base ? `${((t.requestsPerSecond / base.requestsPerSecond) * 100).toFixed(1)}%` : "–",
          t.bytes.toLocaleString("en-US"),
          `${t.errors} / ${t.non2xx}`,
        ]),
      ),
      "",
    );
  }
  if (r.browser.length) {
    out.push("## Browser: time to the first event (Chromium, headless, fresh context per run)", "");
    out.push(
      table(
        ["Story", "First event (median)", "Runs (ms)", "DOM nodes", "Events in DOM", "TimelineJS 3.9.11 first view", "TimelineJS DOM nodes"],
        r.browser.map((b) => {
          const peer = PEER.find((p) => b.name === `${p.events.toLocaleString("en-US")} events`);
          return [
            b.name,
            b.firstEventMs === null ? "–" : `${ms(b.firstEventMs)} ms`,
            b.runs.map(ms).join(", "),
            b.domNodes.toLocaleString("en-US"),
            b.events,
            peer ? `${(peer.firstEventMs / 1000).toFixed(2)} s` : "–",
            peer?.domNodes ? peer.domNodes.toLocaleString("en-US") : "–",
          ];
        }),
      ),
      "",
    );
  }
  if (r.bytes.length) {
    out.push("## Bytes (gzip level 6)", "");
    out.push(
      table(
        ["Page", "Path", "Client JS", "Scripts", "HTML before first event", "CSS in <head>", "Render-blocking total", "Blocking scripts"],
        r.bytes.map((b) => [b.name, `\`${b.path}\``, kb(b.jsGzip), b.scripts, kb(b.htmlBeforeFirstEventGzip), kb(b.cssGzip), kb(b.renderBlockingGzip), b.blockingScripts]),
      ),
      "",
    );
    if (r.timelineJs) {
      out.push(
        `TimelineJS ${r.timelineJs.version} (the installed @knight-lab/timelinejs package's dist/js/timeline.js and dist/css/timeline.css): ${kb(r.timelineJs.jsGzip)} JS + ${kb(r.timelineJs.cssGzip)} CSS, all of which must load and run before it shows an event.`,
        "",
      );
    }
  }
  const scale = renderScaleMarkdown(r.scale, r.latency);
  if (scale) out.push(scale, "");
  const reader = renderReaderMarkdown(r.reader);
  if (reader) out.push(reader);
  // The hand-written reading of the numbers (what explains each miss), kept beside the code.
  const analysis = path.join(path.dirname(fileURLToPath(import.meta.url)), "analysis.md");
  if (!r.smoke && existsSync(analysis)) out.push(readFileSync(analysis, "utf8").trim(), "");
  return out.join("\n");
}

/** The console version: the targets only. */
export function renderConsole(r: Report, filters: typeof FILTERS): string {
  const lines = targetLines(r, filters);
  const w = Math.max(...lines.map((l) => l.target.length), 10);
  return lines.map((l) => `${l.verdict.padEnd(7)} ${l.target.padEnd(w)}  ${l.measured}`).join("\n");
}
