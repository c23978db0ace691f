import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind } from "../../lib/db";
import { databaseUrl } from "../../lib/env";
import { checkDatabaseUrl } from "./check-database.mjs";

// `npm start` with a DATABASE_URL it cannot use ends with one line naming the kind of URL, the
// file and the cause, and a non-zero exit, before any migration runs (it used to end with
// "Error: External error id#0" and schema-engine frames).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(path.join(os.tmpdir(), "sl-start-check-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(url: string) {
  const result = spawnSync(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: "3299" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function expectOneLine(r: ReturnType<typeof start>, ...parts: (string | RegExp)[]) {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr.split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(/^npm start: DATABASE_URL/);
  for (const part of parts) expect(r.stderr).toMatch(part);
  expect(r.stderr).not.toMatch(/External error|schema-engine|\n\s+at /);
  // Nothing was migrated or built.
  expect(r.stdout).not.toMatch(/migration|Building/i);
}

describe("npm start refuses a database it cannot use, in one line", () => {
  it("a file that is not SQLite", () => {
    const file = path.join(dir, "notes.db");
    writeFileSync(file, "These are my notes, not a database.\n".repeat(10));
    expectOneLine(start(`file:${file}`), "SQLite file", file, /is not an SQLite database/);
  });

  it.runIf(databaseKind() === "sqlite")("a truncated SQLite file", () => {
    const file = path.join(dir, "truncated.db");
    copyFileSync(databaseUrl().replace(/^file:/, ""), file);
    truncateSync(file, Math.floor(statSync(file).size / 2) + 100);
    expectOneLine(start(`file:${file}`), file, /is truncated/);
  });

  it.runIf(databaseKind() === "sqlite")("a corrupt SQLite file", () => {
    const file = path.join(dir, "corrupt.db");
    copyFileSync(databaseUrl().replace(/^file:/, ""), file);
    // Overwrite the schema table's page content after the 100-byte file header.
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    closeSync(fd);
    expectOneLine(start(`file:${file}`), file, /corrupt|cannot be opened as an SQLite database/);
  });

  it("a path in a missing directory", () => {
    const file = path.join(dir, "no-such-dir", "dev.db");
    expectOneLine(start(`file:${file}`), file, `the directory ${path.dirname(file)} does not exist`);
  });

  it("a MySQL URL, without echoing its password", () => {
    const r = start("mysql://root:hunter2@db.example:3306/sourceline");
    expectOneLine(r, /DATABASE_URL is a mysql: URL; Sourceline runs on SQLite/);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("a PostgreSQL server that does not answer", () => {
    const r = start("postgresql://nobody:secret@127.0.0.1:1/sourceline");
    expectOneLine(r, /PostgreSQL database 127\.0\.0\.1:1\/sourceline\): cannot connect/);
    expect(r.stderr).not.toContain("secret");
  });

  it("passes a good database and a file migrations will create", async () => {
    expect(await checkDatabaseUrl(databaseUrl(), root)).toBeNull();
    expect(await checkDatabaseUrl(`file:${path.join(dir, "new.db")}`, root)).toBeNull();
  });
});
