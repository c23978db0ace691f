import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../env";

// Real, throw-away databases for tests, built from the same migration files `prisma migrate
// deploy` applies, so the tests see the production schema including its triggers.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export type TemporaryDatabase = {
  kind: "sqlite" | "postgresql";
  /** A DATABASE_URL for lib/env.ts. */
  url: string;
  /** Deletes the database. Close every client that uses it first. */
  drop(): Promise<void>;
};

/** The migration scripts of one provider, oldest first (folder names start with a timestamp). */
export function migrationScripts(provider: "sqlite" | "postgresql"): { name: string; sql: string }[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

function uniqueName(): string {
  return `sl_test_${Date.now().toString(36)}_${randomBytes(5).toString("hex")}`;
}

/** The migrations to apply: all, or those up to and including `upTo` (a folder name). */
function scriptsUpTo(provider: "sqlite" | "postgresql", upTo: string | undefined) {
  return migrationScripts(provider).filter((m) => !upTo || m.name <= upTo);
}

/** Applies the migrations after `after` (a folder name) to an existing temporary database. */
export async function applyMigrationsAfter(database: TemporaryDatabase, after: string): Promise<void> {
  const scripts = migrationScripts(database.kind).filter((m) => m.name > after);
  if (database.kind === "sqlite") {
    const db = new Database(database.url.slice("file:".length));
    try {
      for (const m of scripts) db.exec(m.sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const m of scripts) await client.query(m.sql);
  } finally {
    await client.end();
  }
}

async function createSqliteDatabase(upTo?: string): Promise<TemporaryDatabase> {
  const file = path.join(os.tmpdir(), `${uniqueName()}.db`);
  const db = new Database(file);
  try {
    for (const m of scriptsUpTo("sqlite", upTo)) db.exec(m.sql);
  } finally {
    db.close();
  }
  return {
    kind: "sqlite",
    url: `file:${file}`,
    async drop() {
      for (const suffix of ["", "-journal", "-wal", "-shm"]) {
        if (existsSync(file + suffix)) rmSync(file + suffix, { force: true });
      }
    },
  };
}

async function createPostgresDatabase(adminUrl: string, upTo?: string): Promise<TemporaryDatabase> {
  const name = uniqueName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }

  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const url = target.toString();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Each script is sent whole: the simple query protocol runs it as one implicit transaction,
    // and splitting on ";" would break the PL/pgSQL trigger functions.
    for (const m of scriptsUpTo("postgresql", upTo)) await client.query(m.sql);
  } finally {
    await client.end();
  }

  return {
    kind: "postgresql",
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } catch (error) {
        // FORCE refuses (42501) when an autovacuum worker happens to be in the new database and
        // the role lacks pg_signal_backend; a plain DROP stops autovacuum workers by itself.
        if ((error as { code?: unknown }).code !== "42501") throw error;
        await c.query(`DROP DATABASE IF EXISTS "${name}"`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A new, migrated database: PostgreSQL (a fresh `sl_test_*` database next to the one `baseUrl`
 * names) when `baseUrl` is a postgres URL, otherwise a fresh SQLite file in the OS temp folder.
 */
export async function createTemporaryDatabase(baseUrl: string | undefined, options: { upTo?: string } = {}): Promise<TemporaryDatabase> {
  if (baseUrl && isPostgresUrl(baseUrl)) return createPostgresDatabase(baseUrl, options.upTo);
  if (baseUrl && !baseUrl.startsWith("file:")) {
    throw new Error("TEST_DATABASE_URL must be unset, a file: URL, or a postgres:// or postgresql:// URL.");
  }
  return createSqliteDatabase(options.upTo);
}
