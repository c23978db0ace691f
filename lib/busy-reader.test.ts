import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { createTestEvent, createTestStory } from "../prisma/factories";
import { databaseKind, getDb } from "./db";
import { databaseUrl } from "./env";
import { EMPTY_QUERY } from "./events/filters";
import { getEventBySlugOrId, listTimeline } from "./events/queries";
import { storyScope } from "./view/resolve";

// Busy reader: while another process holds a large write transaction (an import committing
// thousands of events), readers in this process must keep reading. On SQLite, in the default
// rollback-journal mode, the writer locks them out and, after the busy timeout, every read failed
// (P1008); lib/db.ts puts the file in write-ahead-log mode, where readers read the last commit.
// PostgreSQL readers never wait for writers; the same test holds it to that.

const HOLD_MS = 7_000; // longer than the busy timeout (5 s), so a blocked reader would fail

// The other process: a large write (on SQLite, a table filled past its tiny page cache, so it
// spills to the database file and must lock it exclusively in rollback-journal mode), held open,
// then undone.
const SQLITE_WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.env.WRITER_DATABASE, { timeout: 10000 });
db.pragma("cache_size = 10");
db.exec("BEGIN EXCLUSIVE");
db.exec("CREATE TABLE busy_writer_scratch (a TEXT)");
const insert = db.prepare("INSERT INTO busy_writer_scratch (a) VALUES (?)");
for (let i = 0; i < 20000; i++) insert.run("x".repeat(400) + i);
process.stdout.write("holding\\n");
setTimeout(() => { db.exec("ROLLBACK"); db.close(); process.stdout.write("done\\n"); }, Number(process.env.HOLD_MS));
`;

const POSTGRES_WRITER = `
const { Client } = require("pg");
(async () => {
  const db = new Client({ connectionString: process.env.WRITER_DATABASE });
  await db.connect();
  await db.query("BEGIN");
  await db.query("CREATE TABLE busy_writer_scratch (a TEXT)");
  await db.query("INSERT INTO busy_writer_scratch SELECT repeat('x', 400) || g FROM generate_series(1, 20000) g");
  await db.query('UPDATE "Event" SET "headline" = "headline"');
  process.stdout.write("holding\\n");
  setTimeout(async () => { await db.query("ROLLBACK"); await db.end(); process.stdout.write("done\\n"); }, Number(process.env.HOLD_MS));
})();
`;

let writer: ChildProcess | undefined;

afterAll(() => {
  writer?.kill("SIGKILL");
});

/** Starts the writer; resolves once it holds its transaction, with a promise of its end. */
function startWriter(file: string): Promise<{ finished: Promise<void> }> {
  return new Promise((resolveHolding, reject) => {
    const script = databaseKind() === "sqlite" ? SQLITE_WRITER : POSTGRES_WRITER;
    writer = spawn(process.execPath, ["-e", script], { env: { ...process.env, WRITER_DATABASE: file, HOLD_MS: String(HOLD_MS) }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    const finished = new Promise<void>((resolveDone) => writer!.on("exit", () => resolveDone()));
    writer.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("holding")) resolveHolding({ finished });
    });
    writer.on("error", reject);
    writer.on("exit", (code) => {
      if (!out.includes("holding")) reject(new Error(`writer exited early (${code})`));
    });
  });
}

describe("busy reader", () => {
  it("keeps reading while another process holds a large write transaction", { timeout: 60_000 }, async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const event = await createTestEvent({ storyId: story.id });
    const db = getDb();
    expect(await db.event.count({ where: { storyId: story.id } })).toBe(1);

    const { finished } = await startWriter(databaseKind() === "sqlite" ? databaseUrl().replace(/^file:/, "") : databaseUrl());
    let writerDone = false;
    void finished.then(() => (writerDone = true));
    const failures: string[] = [];
    let reads = 0;
    while (!writerDone) {
      try {
        const page = await listTimeline(storyScope(story, EMPTY_QUERY), EMPTY_QUERY, 50);
        expect(page.events).toHaveLength(1);
        expect(await getEventBySlugOrId(event.slug)).not.toBeNull();
        reads += 1;
      } catch (error) {
        failures.push(error instanceof Error ? error.message.split("\n").slice(-2).join(" ") : String(error));
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await finished;
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(10);
  });
});
