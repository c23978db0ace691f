// The built app under load and in a browser: `next start` on loopback against a generated
// database, autocannon against it and against a plain Node HTTP server that sends the same bytes
// from memory (the ceiling for this machine), and Chromium for time to the first event, DOM size,
// client JavaScript and render-blocking bytes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { chromium, type Browser } from "@playwright/test";

export const DIST_DIR = ".next-bench";
const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const quietEnv = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

/** Builds the app into .next-bench (unless told to reuse it); tsconfig.json is put back after. */
export function buildApp(options: { reuse: boolean; log: (m: string) => void }): number | null {
  if (options.reuse && existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
    options.log("Reusing the existing .next-bench build.");
    return null;
  }
  const tsconfig = readFileSync(path.join(root, "tsconfig.json"));
  const started = Date.now();
  options.log("Building the app into .next-bench…");
  try {
    const r = spawnSync(bin("next"), ["build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...quietEnv, NEXT_DIST_DIR: DIST_DIR },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    // next build rewrites tsconfig.json; other engineers' builds must not see our change.
    writeFileSync(path.join(root, "tsconfig.json"), tsconfig);
  }
  return (Date.now() - started) / 1000;
}

export type RunningServer = {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** What the server printed last, and whether it has exited: for a failure's report. */
  tail(): string;
};

export async function startServer(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<RunningServer> {
  const child: ChildProcess = spawn(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, ...quietEnv, NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: databaseUrl, NODE_ENV: "production", ...env },
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`);
    try {
      const r = await fetch(`${url}/`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    tail: () => `${child.exitCode !== null || child.signalCode !== null ? `(exited: ${child.exitCode ?? child.signalCode}) ` : ""}${output.slice(-3000)}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      // Our own process group only (detached above), never a broad match.
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
      // A server still finishing renders queued by a spike would go on taking a core from
      // whatever is measured next.
      if (!stopped) {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
        await exited;
      }
    },
  };
}

/** A plain Node HTTP server answering every request with `body` from memory. */
async function startBaseline(body: Buffer, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export type ThroughputResult = {
  name: string;
  path: string;
  /** The X-Sourceline-Cache header after the warm-up ("hit", "miss"), or "–" when not cached. */
  cache?: string;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  errors: number;
  non2xx: number;
  bytes: number;
};

/** A bounded run: `amount` requests when given (the smoke run), else `seconds` of load. */
type Bounds = { seconds: number; amount?: number };

/** What a browser's navigation sends: the page cache answers document requests only. */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export type ThroughputTarget = { name: string; path: string; headers?: Record<string, string> };

async function cannon(name: string, url: string, pathname: string, bounds: Bounds, extra: Record<string, string> = {}): Promise<ThroughputResult> {
  const headers = { accept: BROWSER_ACCEPT, ...extra };
  // A short warm-up (which also fills the page cache), then the measured run.
  await autocannon({ url: url + pathname, connections: 4, amount: 20, headers });
  const probe = await fetch(url + pathname, { headers });
  await probe.arrayBuffer();
  const r = await autocannon({
    url: url + pathname,
    headers,
    connections: bounds.amount ? 2 : 10,
    // Seconds before a request counts as an error (a loaded 2-core machine can be slow).
    timeout: 30,
    ...(bounds.amount ? { amount: bounds.amount } : { duration: bounds.seconds }),
  });
  return {
    name,
    path: pathname,
    requestsPerSecond: r.requests.total / r.duration,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    bytes: 0,
    cache: probe.headers.get("x-sourceline-cache") ?? "–",
  };
}

export async function measureThroughput(
  server: RunningServer,
  targets: ThroughputTarget[],
  options: Bounds & { baselinePort: number },
): Promise<ThroughputResult[]> {
  const results: ThroughputResult[] = [];
  for (const t of targets) {
    const res = await fetch(server.url + t.path, { headers: { accept: BROWSER_ACCEPT, ...t.headers } });
    if (!res.ok) throw new Error(`${t.path} answered ${res.status}`);
    const r = await cannon(t.name, server.url, t.path, options, t.headers);
    r.bytes = (await res.arrayBuffer()).byteLength;
    results.push(r);
  }
  // The ceiling: the default timeline's exact bytes, from memory.
  const body = Buffer.from(await (await fetch(server.url + targets[0]!.path)).arrayBuffer());
  const baseline = await startBaseline(body, options.baselinePort);
  try {
    const r = await cannon("baseline (plain Node, same bytes)", baseline.url, "/", options);
    r.bytes = body.length;
    results.push(r);
  } finally {
    await baseline.close();
  }
  return results;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export type BrowserResult = {
  name: string;
  path: string;
  /** Time from navigation start to the first event in the DOM, median of the runs (ms). */
  firstEventMs: number | null;
  runs: number[];
  domNodes: number;
  events: number;
};

/** Records, before any other script runs, when the first timeline event enters the document. */
const FIRST_EVENT_PROBE = `
(() => {
  const w = window;
  w.__firstEvent = null;
  const check = () => {
    if (w.__firstEvent === null && document.querySelector("article[data-event-id]")) {
      w.__firstEvent = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();
`;

export async function measureBrowser(
  browser: Browser,
  baseUrl: string,
  pages: { name: string; path: string }[],
  runs: number,
): Promise<BrowserResult[]> {
  const out: BrowserResult[] = [];
  for (const p of pages) {
    const times: number[] = [];
    let domNodes = 0;
    let events = 0;
    // Readers get the page from the page cache: one request fills it, as the first reader would.
    await (await fetch(baseUrl + p.path, { headers: { accept: BROWSER_ACCEPT } })).arrayBuffer();
    for (let i = 0; i < runs; i++) {
      // A fresh context each run: nothing cached, as for a first visit.
      const context = await browser.newContext();
      await context.addInitScript(FIRST_EVENT_PROBE);
      const page = await context.newPage();
      await page.goto(baseUrl + p.path, { waitUntil: "load" });
      const t = await page.evaluate(() => (window as unknown as { __firstEvent: number | null }).__firstEvent);
      if (t !== null) times.push(t);
      domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
      events = await page.locator("article[data-event-id]").count();
      await context.close();
    }
    times.sort((a, b) => a - b);
    out.push({
      name: p.name,
      path: p.path,
      firstEventMs: times.length ? times[Math.floor(times.length / 2)]! : null,
      runs: times,
      domNodes,
      events,
    });
  }
  return out;
}

export type BytesResult = {
  name: string;
  path: string;
  /** Client JavaScript the page loads, gzip-compressed (level 6), summed over its scripts. */
  jsGzip: number;
  scripts: number;
  /** HTML up to the first event plus the stylesheets in <head>, gzip-compressed. */
  renderBlockingGzip: number;
  htmlBeforeFirstEventGzip: number;
  cssGzip: number;
  /** Scripts in the document that block parsing (no async, defer or module). */
  blockingScripts: number;
};

const gz = (b: Buffer | string) => gzipSync(b, { level: 6 }).length;

export async function measureBytes(browser: Browser, baseUrl: string, pages: { name: string; path: string }[]): Promise<BytesResult[]> {
  const out: BytesResult[] = [];
  for (const p of pages) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Every script and stylesheet the page loads, recorded from the network…
    const scriptUrls = new Set<string>();
    const styleUrls = new Set<string>();
    page.on("request", (req) => {
      const type = req.resourceType();
      if (type === "script") scriptUrls.add(req.url());
      if (type === "stylesheet") styleUrls.add(req.url());
    });
    await page.goto(baseUrl + p.path, { waitUntil: "networkidle" });
    await context.close();
    // The document as a browser's navigation gets it (a stored page, for a reader's page).
    const html = await (await fetch(baseUrl + p.path, { headers: { accept: BROWSER_ACCEPT } })).text();
    const firstEvent = html.indexOf("<article");
    const htmlBefore = firstEvent >= 0 ? html.slice(0, firstEvent) : html;
    const head = html.slice(0, Math.max(0, html.indexOf("</head>")));
    const headCss = [...head.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    // …plus any named in the HTML, then fetched again here to be measured byte for byte.
    for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) scriptUrls.add(new URL(m[1]!.replace(/&amp;/g, "&"), baseUrl).toString());
    const body = async (u: string) => Buffer.from(await (await fetch(u)).arrayBuffer());
    // Inline code counts too (a stored page's own script), not data: JSON-LD, Next's payload.
    let jsGzip = 0;
    for (const m of html.matchAll(/<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
      if (!/type="application\/(ld\+)?json"/.test(m[1]!) && !/^\(?self\.__next_f\b/.test(m[2]!) && m[2]!.trim()) jsGzip += gz(m[2]!);
    }
    for (const u of scriptUrls) jsGzip += gz(await body(u));
    let cssGzip = 0;
    for (const href of headCss) cssGzip += gz(await body(new URL(href.replace(/&amp;/g, "&"), baseUrl).toString()));
    const blockingScripts = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => {
      const attrs = m[1]!;
      // nomodule scripts are skipped entirely by browsers that support modules.
      return /\bsrc=/.test(attrs) && !/\basync\b|\bdefer\b|type="module"|\bnomodule\b/i.test(attrs);
    }).length;
    out.push({
      name: p.name,
      path: p.path,
      jsGzip,
      scripts: scriptUrls.size,
      htmlBeforeFirstEventGzip: gz(htmlBefore),
      cssGzip,
      renderBlockingGzip: gz(htmlBefore) + cssGzip,
      blockingScripts,
    });
  }
  return out;
}

/** With JavaScript off: is the first event on the page, and is the filter form a plain GET form? */
export async function checkWithoutJavaScript(browser: Browser, baseUrl: string, pathname: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(baseUrl + pathname);
  const events = await page.locator("article[data-event-id]").count();
  const form = page.locator('form[aria-label="Filter the timeline"]');
  const formMethod = (await form.count()) ? ((await form.getAttribute("method")) ?? "get").toLowerCase() : null;
  // Submitting the form filters the view without any script.
  let filteredEvents = -1;
  if (formMethod === "get") {
    await form.locator('input[name="q"]').fill("officials");
    await Promise.all([page.waitForURL(/[?&]q=officials/), form.locator('button[type="submit"]').first().click()]);
    filteredEvents = await page.locator("article[data-event-id]").count();
  }
  await context.close();
  return { events, formMethod, filteredEvents };
}

/** TimelineJS 3's own files (the installed package), gzip-compressed: its render-blocking cost. */
export function timelineJsBytes(): { version: string; jsGzip: number; cssGzip: number } | null {
  const dir = path.join(root, "node_modules", "@knight-lab", "timelinejs");
  if (!existsSync(path.join(dir, "dist", "js", "timeline.js"))) return null;
  const version = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  return {
    version,
    jsGzip: gz(readFileSync(path.join(dir, "dist", "js", "timeline.js"))),
    cssGzip: gz(readFileSync(path.join(dir, "dist", "css", "timeline.css"))),
  };
}
