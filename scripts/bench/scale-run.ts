// `npm run bench -- --scale`: runs issue 14's measurements (scripts/bench/scale.ts) on the 1M
// databases and a generated 10k story, one after another, on this machine.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrationScripts } from "../../lib/testing/temp-database";
import { BENCH_DIR, postgresBaseUrl, prepareDatabase, type PreparedDatabase } from "./datasets";
import type { Report } from "./report";
import {
  measureCliExport,
  measureImport,
  measureSharedCache,
  measureSiteExport,
  measureSpike,
  measureStatic,
  uncachedPaths,
} from "./scale";
import { buildApp, DIST_DIR, startServer } from "./server";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: postgresBaseUrl(), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function pgUrl(name: string): string {
  const u = new URL(postgresBaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** An empty, migrated database to import into. */
async function emptyDatabase(kind: "sqlite" | "postgresql"): Promise<string> {
  if (kind === "sqlite") {
    const file = path.join(BENCH_DIR, "import-target.db");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    const db = new Database(file);
    for (const m of migrationScripts("sqlite")) db.exec(m.sql);
    db.close();
    return `file:${file}`;
  }
  const name = `${process.env.BENCH_DB_PREFIX ?? "bench_"}import_target`;
  const admin = new pg.Client({ connectionString: postgresBaseUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const c = new pg.Client({ connectionString: pgUrl(name) });
  await c.connect();
  for (const m of migrationScripts("postgresql")) await c.query(m.sql);
  await c.end();
  return pgUrl(name);
}

export async function runScale(
  report: Report,
  options: { log: (m: string) => void; port: number; reuseBuild: boolean; parts?: string[] },
): Promise<void> {
  const { log, port } = options;
  const want = (part: string) => !options.parts || options.parts.includes(part);
  const scale = report.scale!;
  const story = (label: string, events: number) => [{ slug: `bench-${label}`, events, isDefault: true }];
  const withPg = await pgReachable();
  // The 1M databases and the built app, for all but the import.
  const dbs: PreparedDatabase[] = [];
  if (want("spike") || want("export") || want("shared-cache")) {
    dbs.push(await prepareDatabase("sqlite", "1m", story("1m", 1_000_000), { log }));
    if (withPg) dbs.push(await prepareDatabase("postgresql", "1m", story("1m", 1_000_000), { log }));
    if (!report.buildSeconds) report.buildSeconds = buildApp({ reuse: options.reuseBuild, log });
  }

  if (want("spike") || want("export")) {
    for (const [n, db] of dbs.entries()) {
      const server = await startServer(db.url, port);
      try {
        if (want("spike")) {
          // Disjoint address ranges: every request of every run is a first render.
          for (const [i, connections] of [10, 50].entries()) {
            log(`${db.kind} 1m: uncached filtered pages at c=${connections}…`);
            const next = uncachedPaths(db.dataset, (n * 2 + i) * 5_000 + 1);
            try {
              scale.spike.push(await measureSpike(server.url, db.kind, next, connections, 10));
            } catch (e) {
              throw new Error(`${db.kind} 1m spike at c=${connections} failed: ${String(e)} ${String((e as { cause?: unknown }).cause ?? "")}\nserver: ${server.tail()}`);
            }
          }
          if (!scale.spikeStatic) {
            // The ceiling: one such page's bytes, from memory.
            const res = await fetch(server.url + uncachedPaths(db.dataset, 40_000)(), { headers: { accept: BROWSER_ACCEPT } });
            const body = Buffer.from(await res.arrayBuffer());
            scale.spikeStatic = await measureStatic(body, port + 5, 10, "static server, a filtered page's bytes");
          }
        }
        if (want("export") && db.kind === "sqlite") {
          for (const format of ["json", "csv"] as const) {
            log(`${db.kind} 1m: export.${format} from the site…`);
            scale.exports.push(await measureSiteExport(db, server.url, server.pid, format));
          }
        }
      } finally {
        await server.stop();
      }
    }
  }
  if (want("export")) {
    const db = dbs[0]!;
    for (const format of ["json", "csv"] as const) {
      log(`${db.kind} 1m: npm run export --format ${format}…`);
      const out = path.join(BENCH_DIR, `export-1m.${format}`);
      scale.exports.push(await measureCliExport(db, format, out));
      rmSync(out, { force: true });
    }
  }
  if (want("shared-cache") && withPg) {
    log("nginx in front of two instances on PostgreSQL 1m…");
    scale.sharedCache = await measureSharedCache(dbs[1]!.url, port + 30, 10, DIST_DIR, log);
  }
  if (want("import")) {
    // A generated 10k story, exported by the app, without its claim histories (the generator
    // writes them without the evidence the status rules ask an import for).
    const source = await prepareDatabase("sqlite", "10k", story("10k", 10_000), { log });
    const file = path.join(BENCH_DIR, "import-10k.json");
    await measureCliExport(source, "json", file);
    const data = JSON.parse(readFileSync(file, "utf8")) as { claims: { history: unknown[] }[]; events: unknown[] };
    for (const c of data.claims) c.history = [];
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    for (const kind of withPg ? (["sqlite", "postgresql"] as const) : (["sqlite"] as const)) {
      log(`${kind}: npm run import of 10k events into an empty database…`);
      scale.imports.push(await measureImport(kind, file, await emptyDatabase(kind), data.events.length));
    }
    rmSync(file, { force: true });
  }
}
