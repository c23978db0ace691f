import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// Empties the end-to-end database. Only local databases are accepted: the tests must never
// wipe a shared or production one.
async function main() {
  const url = process.env.DATABASE_URL ?? "";
  if (url.startsWith("file:")) {
    const file = path.resolve(url.slice("file:".length));
    if (!path.basename(file).startsWith("e2e")) throw new Error(`Refusing to reset ${file}: not an e2e database.`);
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    return;
  }
  const u = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(u.hostname)) {
    throw new Error(`Refusing to reset a database on ${u.hostname}: end-to-end tests run on local databases only.`);
  }
  const database = decodeURIComponent(u.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  const exists = await adminClient.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await adminClient.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  await adminClient.end();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  await client.end();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
