import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDbClient, sqliteReaders, type Db } from "./db";
import { readEnv } from "./env";
import { isPlainRead, SqliteReaders } from "./sqlite-reads";
import { createTemporaryDatabase, type TemporaryDatabase } from "./testing/temp-database";

// SQLite reads run on reader threads, each with its own connection (lib/sqlite-reads.ts): the
// app's answers are the same, every committed write is seen at once, nothing but a SELECT goes
// there, and a failing read raises the adapter's own error.

const onSqlite = !process.env.TEST_DATABASE_URL?.startsWith("postgres");

describe("which statements the reader threads take", () => {
  it("takes SELECTs only", () => {
    expect(isPlainRead(`SELECT "id" FROM "Event"`)).toBe(true);
    expect(isPlainRead(`\n  select count(*) from t`)).toBe(true);
    expect(isPlainRead(`INSERT INTO "Event" ("id") VALUES (?) RETURNING "id"`)).toBe(false);
    expect(isPlainRead(`UPDATE "Event" SET "headline" = ?`)).toBe(false);
    expect(isPlainRead(`WITH x AS (SELECT 1) DELETE FROM t`)).toBe(false);
    expect(isPlainRead(`PRAGMA cache_size = -1000`)).toBe(false);
  });

  it("reads SQLITE_READERS as a whole number from 0 to 16, 4 when unset", () => {
    expect(readEnv({ NODE_ENV: "test" }).SQLITE_READERS).toBe(4);
    expect(readEnv({ NODE_ENV: "test", SQLITE_READERS: "0" }).SQLITE_READERS).toBe(0);
    expect(() => readEnv({ NODE_ENV: "test", SQLITE_READERS: "many" })).toThrow(/SQLITE_READERS must be a whole number from 0 to 16/);
    expect(() => readEnv({ NODE_ENV: "test", SQLITE_READERS: "17" })).toThrow(/SQLITE_READERS/);
  });
});

describe.runIf(onSqlite)("SQLite reads on reader threads", () => {
  let database: TemporaryDatabase;
  let db: Db;
  const previous = process.env.SQLITE_READERS;

  beforeAll(async () => {
    database = await createTemporaryDatabase(undefined);
    process.env.SQLITE_READERS = "2";
    db = createDbClient(database.url);
    // Every SELECT to the readers, not only after a slow one.
    sqliteReaders(db)!.offloadAll();
  });
  afterAll(async () => {
    await db.$disconnect();
    if (previous === undefined) delete process.env.SQLITE_READERS;
    else process.env.SQLITE_READERS = previous;
    await database.drop();
  });

  const story = (slug: string) => ({ slug, title: `Story ${slug}`, description: "d", timeZone: "UTC" });

  it("reads on the main thread unless renders overlap", () => {
    const readers = new SqliteReaders(database.url, 2, { timeout: 1000, cacheKib: 1024 });
    const gates = Symbol.for("sourceline.admissionGates");
    const global = globalThis as typeof globalThis & { [gates]?: { renders: { inFlight: number } } };
    const published = global[gates];
    try {
      expect(readers.wanted()).toBe(false);
      global[gates] = { renders: { inFlight: 1 } };
      expect(readers.wanted()).toBe(false);
      global[gates] = { renders: { inFlight: 3 } };
      expect(readers.wanted()).toBe(true);
    } finally {
      global[gates] = published;
    }
  });

  it("answers reads from a reader, and sees each committed write at once", async () => {
    const readers = sqliteReaders(db)!;
    expect(readers).not.toBeNull();
    const before = readers.counts.answered;
    for (let i = 0; i < 5; i++) {
      await db.story.create({ data: story(`s-${i}`) });
      // The write ran on the app's connection; the read right after it, on a reader, sees it.
      expect(await db.story.count({ where: { slug: { startsWith: "s-" } } })).toBe(i + 1);
    }
    expect((await db.story.findUnique({ where: { slug: "s-3" } }))?.title).toBe("Story s-3");
    expect(readers.counts.answered - before).toBeGreaterThanOrEqual(6);
    expect(readers.counts.handedBack).toBe(0);
  });

  it("starts a second reader only when reads overlap, and never more than the limit", async () => {
    const readers = sqliteReaders(db)!;
    await Promise.all(Array.from({ length: 20 }, () => db.story.findMany({ where: { slug: { startsWith: "s-" } } })));
    expect(readers.running).toBe(2);
  });

  it("reads the committed state while a transaction is open, renders overlapping or not", async () => {
    const own = createDbClient(database.url);
    try {
      const readers = sqliteReaders(own)!;
      expect(readers.wanted()).toBe(false);
      let seenOutside = -1;
      let wantedInside = false;
      await own.$transaction(async (tx) => {
        await tx.story.create({ data: story("in-own-tx") });
        wantedInside = readers.wanted();
        seenOutside = await own.story.count({ where: { slug: "in-own-tx" } });
      });
      expect(wantedInside).toBe(true);
      expect(seenOutside).toBe(0);
      expect(readers.wanted()).toBe(false);
      expect(await own.story.count({ where: { slug: "in-own-tx" } })).toBe(1);
      // A rolled-back transaction ends too.
      await expect(
        own.$transaction(async (tx) => {
          await tx.story.create({ data: story("rolled-back") });
          throw new Error("no");
        }),
      ).rejects.toThrow("no");
      expect(readers.wanted()).toBe(false);
      expect(await own.story.count({ where: { slug: "rolled-back" } })).toBe(0);
    } finally {
      await own.$disconnect();
    }
  });

  it("reads the committed state, not a transaction's own writes still under way", async () => {
    let seenOutside = -1;
    await db.$transaction(async (tx) => {
      await tx.story.create({ data: story("in-tx") });
      expect(await tx.story.count({ where: { slug: "in-tx" } })).toBe(1);
      seenOutside = await db.story.count({ where: { slug: "in-tx" } });
    });
    expect(seenOutside).toBe(0);
    expect(await db.story.count({ where: { slug: "in-tx" } })).toBe(1);
  });

  it("raises the adapter's own error for a read that fails", async () => {
    const readers = sqliteReaders(db)!;
    const handedBack = readers.counts.handedBack;
    await expect(db.$queryRawUnsafe(`SELECT "nope" FROM "Story"`)).rejects.toThrow(/no such column/);
    expect(readers.counts.handedBack).toBe(handedBack + 1);
    // The readers still answer afterwards.
    expect(await db.story.count()).toBeGreaterThan(0);
  });

  it("turns the readers off, once, when a reader cannot serve (a database without a write-ahead log)", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sl-readers-")), "rollback.db");
    const raw = new Database(file);
    raw.exec("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t DEFAULT VALUES;");
    raw.close();
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const readers = new SqliteReaders(`file:${file}`, 2, { timeout: 1000, cacheKib: 1024 });
    try {
      readers.offloadAll();
      expect(await readers.read({ sql: "SELECT id FROM t", args: [], argTypes: [] })).toBeNull();
      await vi.waitFor(() => expect(readers.wanted()).toBe(false));
      expect(await readers.read({ sql: "SELECT id FROM t", args: [], argTypes: [] })).toBeNull();
      expect(errors.mock.calls.filter((c) => String(c[0]).includes("SQLite reader threads are off"))).toHaveLength(1);
    } finally {
      errors.mockRestore();
      await readers.close();
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it("hands back a read whose arguments cannot be sent to a thread", async () => {
    const readers = sqliteReaders(db)!;
    const handedBack = readers.counts.handedBack;
    expect(await readers.read({ sql: "SELECT ?", args: [() => 1], argTypes: [] })).toBeNull();
    expect(readers.counts.handedBack).toBe(handedBack + 1);
    expect(await db.story.count({ where: { slug: "s-1" } })).toBe(1);
  });

  it("reads on the main connection once the readers are closed", async () => {
    const own = createDbClient(database.url);
    try {
      const readers = sqliteReaders(own)!;
      readers.offloadAll();
      expect(await own.story.count()).toBeGreaterThan(0);
      await readers.close();
      expect(await own.story.count({ where: { slug: "s-1" } })).toBe(1);
      expect(readers.running).toBe(0);
    } finally {
      await own.$disconnect();
    }
  });
});
