// Query latency through the app's own query layer: the query string a reader would type, parsed
// by parseTimelineQuery and answered by listTimeline, exactly as the timeline page does.
import { addDays } from "../../lib/dates";
import { disconnectDb, getDb } from "../../lib/db";
import { asOfFor } from "../../lib/events/as-of";
import { encodeCursor } from "../../lib/events/cursor";
import { parseTimelineQuery } from "../../lib/events/filters";
import { listTimeline, PAGE_SIZE, TOTAL_COUNT_LIMIT, type TimelineScope } from "../../lib/events/queries";
import type { RawSearchParams } from "../../lib/url";
import type { PreparedDatabase } from "./datasets";

export const FILTERS = ["none", "source", "two sources", "status", "date range", "q", "combined", "asof"] as const;
export type FilterName = (typeof FILTERS)[number];

export type LatencyResult = {
  kind: PreparedDatabase["kind"];
  size: number;
  filter: FilterName;
  page: "first" | "deep";
  p50: number;
  p95: number;
  runs: number;
  /** Events on the page and the count shown, to check the output is sane. */
  events: number;
  total: number;
  totalIsExact: boolean;
};

const STORY_ZONE = "America/New_York";

/** The query string of each benchmarked view, for a generated story. */
export function filterParams(db: PreparedDatabase, filter: FilterName): RawSearchParams {
  const story = db.dataset.stories[0]!;
  const spanDays = Math.max(30, Math.ceil(story.events / 200));
  const mid = addDays(db.dataset.firstDay, Math.floor(spanDays / 2));
  // Sources by citation rank: the most cited, the fifth (about 6% of events) and the fortieth.
  const [s1, s5, s40] = [0, 4, 39].map((rank) => db.dataset.sourceSlugs[rank]!);
  switch (filter) {
    case "none":
      return {};
    case "source":
      return { source: s5! };
    case "two sources":
      return { source: [s5!, s40!] };
    case "status":
      return { status: "confirmed" };
    case "date range":
      return { from: mid, to: addDays(mid, 6) };
    case "q":
      return { q: "ceasefire" };
    case "combined":
      return { source: s1!, status: "reported", q: "missile" };
    case "asof":
      return { asof: addDays(db.dataset.lastDay, -7), status: "reported" };
  }
}

/** The p-th percentile of times sorted ascending (NaN for none). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Points the app's database client at `db` (lib/env.ts reads DATABASE_URL on every call). */
export async function pointAppAt(db: PreparedDatabase): Promise<void> {
  await disconnectDb();
  process.env.DATABASE_URL = db.url;
}

export async function measureLatency(
  db: PreparedDatabase,
  options: { warmup: number; runs: number; filters?: readonly FilterName[] },
): Promise<LatencyResult[]> {
  await pointAppAt(db);
  const story = db.dataset.stories[0]!;
  // A position three quarters of the way down the timeline: "Older events" links many pages deep.
  const deep = await getDb().event.findFirst({
    where: { storyId: story.id, published: true },
    orderBy: [{ timelineKey: "desc" }, { id: "desc" }],
    skip: Math.floor(story.events * 0.75),
    select: { id: true, timelineKey: true },
  });
  const deepCursor = deep ? encodeCursor({ key: deep.timelineKey, id: deep.id }) : null;
  const results: LatencyResult[] = [];
  for (const filter of options.filters ?? FILTERS) {
    for (const page of ["first", "deep"] as const) {
      const params = filterParams(db, filter);
      if (page === "deep" && deepCursor) params.before = deepCursor;
      const query = parseTimelineQuery(params);
      if (query.notes.length) throw new Error(`Benchmark query ${filter} was not understood: ${query.notes.join(" ")}`);
      const asOf = asOfFor(query.asof, STORY_ZONE);
      const scope: TimelineScope = { storyId: story.id, cutoffs: asOf ? [{ storyId: story.id, cutoff: asOf.cutoff }] : undefined };
      // As the timeline page calls it (components/timeline/story-timeline.tsx).
      const run = () => listTimeline(scope, query, PAGE_SIZE, { countLimit: TOTAL_COUNT_LIMIT });
      let last = await run();
      for (let i = 1; i < options.warmup; i++) last = await run();
      const times: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        const t0 = performance.now();
        last = await run();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      results.push({
        kind: db.kind,
        size: story.events,
        filter,
        page,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        runs: times.length,
        events: last.events.length,
        total: last.total,
        totalIsExact: last.totalIsExact,
      });
    }
  }
  return results;
}
