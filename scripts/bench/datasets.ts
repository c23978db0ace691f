// Benchmark databases: one per (database kind, size), generated once and kept under .bench/
// (SQLite files) or in bench_* PostgreSQL databases. A database made by an older generator is
// rebuilt; one that only lacks newer migrations gets them applied, as `prisma migrate deploy`
// would on a live site (so index and full-text migrations are measured on existing data).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrationScripts } from "../../lib/testing/temp-database";
import { GENERATOR_VERSION, generateDatabase, type Dataset, type StorySpec } from "./generate";

export const BENCH_DIR = path.resolve(".bench");

export type DbKind = "sqlite" | "postgresql";

export type PreparedDatabase = {
  kind: DbKind;
  label: string;
  /** A DATABASE_URL for the app. */
  url: string;
  dataset: Dataset;
  generatedSeconds: number | null;
};

type Meta = { version: number; migrations: string[]; dataset: Dataset; generatedSeconds: number };

function metaPath(kind: DbKind, label: string) {
  return path.join(BENCH_DIR, `${kind}-${label}.json`);
}

function readMeta(kind: DbKind, label: string): Meta | null {
  const p = metaPath(kind, label);
  if (!existsSync(p)) return null;
  const meta = JSON.parse(readFileSync(p, "utf8")) as Meta;
  return meta.version === GENERATOR_VERSION ? meta : null;
}

export function postgresBaseUrl(): string {
  return process.env.BENCH_POSTGRES_URL || "postgresql://app:app@127.0.0.1:5432/postgres";
}

function pgUrlFor(name: string): string {
  const u = new URL(postgresBaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: postgresBaseUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function applyMigrations(kind: DbKind, url: string, done: readonly string[]): Promise<string[]> {
  const applied: string[] = [];
  const pending = migrationScripts(kind).filter((m) => !done.includes(m.name));
  if (pending.length === 0) return applied;
  if (kind === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""));
    try {
      for (const m of pending) {
        db.exec(m.sql);
        applied.push(m.name);
      }
      db.exec("ANALYZE");
    } finally {
      db.close();
    }
  } else {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const m of pending) {
        await c.query(m.sql);
        applied.push(m.name);
      }
      await c.query("ANALYZE");
    } finally {
      await c.end();
    }
  }
  return applied;
}

/** A migrated database holding `stories`, generated now or reused from an earlier run. */
export async function prepareDatabase(
  kind: DbKind,
  label: string,
  stories: readonly StorySpec[],
  options: { regenerate?: boolean; log?: (m: string) => void } = {},
): Promise<PreparedDatabase> {
  const log = options.log ?? (() => {});
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `${kind === "sqlite" ? "sqlite" : "pg"}-${label}.db`);
  // BENCH_DB_PREFIX keeps one runner's databases apart from another's (CI uses its own).
  const pgName = `${process.env.BENCH_DB_PREFIX ?? "bench_"}${label}`;
  const url = kind === "sqlite" ? `file:${file}` : pgUrlFor(pgName);
  let meta = options.regenerate ? null : readMeta(kind, label);
  if (meta) {
    const exists =
      kind === "sqlite"
        ? existsSync(file)
        : await pgAdmin(async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [pgName])).rowCount === 1);
    if (!exists) meta = null;
  }
  if (meta) {
    const applied = await applyMigrations(kind, url, meta.migrations);
    if (applied.length) {
      log(`${kind} ${label}: applied ${applied.join(", ")}`);
      meta.migrations.push(...applied);
      writeFileSync(metaPath(kind, label), JSON.stringify(meta));
    }
    return { kind, label, url, dataset: meta.dataset, generatedSeconds: null };
  }

  log(`${kind} ${label}: generating ${stories.map((s) => s.events.toLocaleString("en-US")).join(" + ")} events…`);
  const started = Date.now();
  const migrations = migrationScripts(kind);
  if (kind === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    const db = new Database(file);
    for (const m of migrations) db.exec(m.sql);
    db.close();
  } else {
    await pgAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${pgName}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${pgName}"`);
    });
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    for (const m of migrations) await c.query(m.sql);
    await c.end();
  }
  const dataset = await generateDatabase(kind, kind === "sqlite" ? file : url, stories, log);
  const generatedSeconds = (Date.now() - started) / 1000;
  log(`${kind} ${label}: generated in ${generatedSeconds.toFixed(1)} s`);
  const fresh: Meta = {
    version: GENERATOR_VERSION,
    migrations: migrations.map((m) => m.name),
    dataset,
    generatedSeconds,
  };
  writeFileSync(metaPath(kind, label), JSON.stringify(fresh));
  return { kind, label, url, dataset, generatedSeconds };
}
