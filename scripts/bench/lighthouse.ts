// Lighthouse (the pinned npm package, its default mobile configuration: a Moto G Power class
// phone, simulated slow 4G and 4× CPU slowdown) against Debian's Chromium. Each page is audited
// `runs` times in a fresh browser; the median performance run is reported with its metrics.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export type LighthouseResult = {
  name: string;
  path: string;
  version: string;
  /** Category scores, 0–100: performance, accessibility, best practices, SEO. */
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Milliseconds (simulated): first contentful paint, largest contentful paint, total blocking time. */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** The audits that cost points, by id, with their score. */
  failing: string[];
  runs: number[];
};

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const score = (s: number | null | undefined) => Math.round((s ?? 0) * 100);

export async function measureLighthouse(baseUrl: string, pages: { name: string; path: string }[], runs: number): Promise<LighthouseResult[]> {
  const out: LighthouseResult[] = [];
  for (const p of pages) {
    const results: LighthouseResult[] = [];
    for (let i = 0; i < runs; i++) {
      const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", chromeFlags: FLAGS });
      try {
        const r = await lighthouse(baseUrl + p.path, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
        });
        if (!r) throw new Error(`Lighthouse returned nothing for ${p.path}`);
        const lhr = r.lhr;
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${p.path}: ${lhr.runtimeError.message}`);
        const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? NaN);
        const failing = Object.values(lhr.categories)
          .flatMap((c) => c.auditRefs.filter((a) => a.weight > 0).map((a) => lhr.audits[a.id]!))
          .filter((a) => a.score !== null && a.score < 1)
          .map((a) => `${a.id} ${score(a.score)}`);
        results.push({
          name: p.name,
          path: p.path,
          version: lhr.lighthouseVersion,
          performance: score(lhr.categories.performance?.score),
          accessibility: score(lhr.categories.accessibility?.score),
          bestPractices: score(lhr.categories["best-practices"]?.score),
          seo: score(lhr.categories.seo?.score),
          fcp: num("first-contentful-paint"),
          lcp: num("largest-contentful-paint"),
          tbt: num("total-blocking-time"),
          cls: num("cumulative-layout-shift"),
          failing: [...new Set(failing)],
          runs: [],
        });
      } finally {
        chrome.kill();
      }
    }
    results.sort((a, b) => a.performance - b.performance);
    const median = results[Math.floor(results.length / 2)]!;
    out.push({ ...median, runs: results.map((r) => r.performance) });
  }
  return out;
}
