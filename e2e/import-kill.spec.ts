import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { bigImportFile } from "./support/big-import";
import { rawRequest } from "./support/http";

// kill -9 during an import: the import runs in one transaction, so a process killed half-way
// leaves the database exactly as it was (every table's rows, byte for byte), and `npm start`
// starts cleanly on it afterwards. Runs on a database of its own next to the e2e one.

const E2E_URL = process.env.E2E_DATABASE_URL || "file:./prisma/e2e.db";
const isPostgres = /^postgres(ql)?:\/\//i.test(E2E_URL);
const PORT = Number(process.env.E2E_PORT ?? 3100) + 60;
// Enough that the import's transaction stays open well after its first chunk is written (the import
// writes new events 2,000 at a time, and says so on stderr after each chunk): the kill lands
// mid-write however fast the machine writes.
const EVENTS = 20_000;

const quiet = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

function killTestUrl(): string {
  if (!isPostgres) return `file:${path.resolve("prisma", "e2e-kill.db")}`;
  const u = new URL(E2E_URL);
  u.pathname = `${u.pathname}_kill`;
  return u.toString();
}

const url = killTestUrl();
const env = { ...process.env, ...quiet, DATABASE_URL: url };

async function adminQuery(sql: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const dbName = () => decodeURIComponent(new URL(url).pathname.slice(1)).replace(/"/g, '""');

async function resetDatabase(): Promise<void> {
  if (isPostgres) {
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName()}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${dbName()}"`);
  } else {
    const file = url.slice("file:".length);
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
}

/** Every table's row count and a digest of its rows, in a stable order. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (isPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      for (const { t } of tables.rows) {
        const q = `"${t.replace(/"/g, '""')}"`;
        const r = await client.query<{ n: string; d: string | null }>(`SELECT count(*)::text AS n, md5(string_agg(x::text, '|' ORDER BY x::text)) AS d FROM ${q} x`);
        out[t] = `${r.rows[0]!.n}:${r.rows[0]!.d}`;
      }
    } finally {
      await client.end();
    }
    return out;
  }
  const db = new Database(url.slice("file:".length), { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().all() as unknown[][];
      const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).sort();
      out[name] = `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex")}`;
    }
  } finally {
    db.close();
  }
  return out;
}

/** True while some connection holds an open write transaction on the database. */
async function writeTransactionOpen(): Promise<boolean> {
  if (isPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const r = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
      );
      return r.rows[0]!.n > 0;
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.slice("file:".length), { timeout: 0 });
  try {
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    db.close();
  }
}

const tsx = (script: string, args: string[]) => [process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args]] as const;

let app: ChildProcess | undefined;

test.afterAll(async () => {
  if (app?.pid) {
    try {
      process.kill(-app.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  if (isPostgres) await adminQuery(`DROP DATABASE IF EXISTS "${dbName()}" WITH (FORCE)`).catch(() => undefined);
});

test("kill -9 during an import leaves the database as it was, and the app starts cleanly after it", async () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "sl-kill-"));
  await resetDatabase();
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], { env, stdio: "ignore" });
  execFileSync(...tsx("scripts/seed-if-empty.ts", []), { env, stdio: "ignore" });
  const exported = path.join(dir, "story.json");
  execFileSync(...tsx("scripts/export-story.ts", ["--story", "us-atacms-policy-ukraine", "--format", "json", "--out", exported]), { env, stdio: "ignore" });
  const big = bigImportFile(JSON.parse(readFileSync(exported, "utf8")) as Record<string, unknown>, EVENTS);
  const file = path.join(dir, "big.json");
  writeFileSync(file, JSON.stringify(big));
  const killSlug = (big.story as { slug: string }).slug;

  const before = await snapshot();
  expect(Number(before.Event?.split(":")[0])).toBeGreaterThan(0);

  const [cmd, args] = tsx("scripts/import-story.ts", [file]);
  const importer = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  importer.stdout!.on("data", (b: Buffer) => (output += b.toString()));
  importer.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => importer.on("exit", (code, signal) => resolve({ code, signal })));

  // Wait until the import says it has written its first chunk (in its open transaction), check
  // that the transaction is open, and kill the import at once.
  const deadline = Date.now() + 120_000;
  while (!/^\s*written [\d,]+ events/m.test(output)) {
    expect(importer.exitCode, `the import ended before it was killed:\n${output}`).toBeNull();
    expect(Date.now(), `the import wrote nothing within two minutes:\n${output}`).toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await writeTransactionOpen(), `the import's transaction is not open after its first chunk:\n${output}`).toBe(true);
  importer.kill("SIGKILL");
  expect(await exited).toEqual({ code: null, signal: "SIGKILL" });
  expect(output).not.toMatch(/^Imported/m);

  // Nothing of the import is left, and nothing else changed.
  expect(await snapshot()).toEqual(before);

  // `npm start` migrates, skips seeding (there are stories), and serves the data as it was.
  app = spawn(process.execPath, ["scripts/start.mjs"], { env: { ...env, PORT: String(PORT) }, stdio: "ignore", detached: true });
  let home = null;
  for (let i = 0; i < 240 && !home; i++) {
    try {
      const r = await rawRequest(`http://127.0.0.1:${PORT}/`);
      if (r.status === 200) home = r;
    } catch {
      // not listening yet
    }
    if (!home) await new Promise((r) => setTimeout(r, 500));
  }
  expect(home, "npm start did not serve the home page").not.toBeNull();
  expect(home!.text).toContain("ATACMS");
  expect((await rawRequest(`http://127.0.0.1:${PORT}/stories/${killSlug}`)).status).toBe(404);
  expect((await rawRequest(`http://127.0.0.1:${PORT}/api/v1/events?story=${killSlug}`)).status).toBe(400);
  rmSync(dir, { recursive: true, force: true });
});
