import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { keepPreparedStatements } from "./sqlite-statements.mjs";

// The SQLite connection keeps its compiled statements; each call still runs with its own
// parameters and gets its own rows, in the shape the driver adapter asks for.

function connection() {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c');`);
  return db;
}

describe("kept prepared statements", () => {
  it("compile a statement once and bind each call's own parameters", () => {
    const db = connection();
    const kept = keepPreparedStatements(db);
    const sql = "SELECT id, name FROM t WHERE id >= ? ORDER BY id";
    // As the adapter reads: bind, columns, raw rows.
    const first = db.prepare(sql).bind([2]);
    expect(first.reader).toBe(true);
    expect(first.columns().map((c) => c.name)).toEqual(["id", "name"]);
    expect(first.raw().all()).toEqual([[2, "b"], [3, "c"]]);
    expect(db.prepare(sql).bind([3]).raw().all()).toEqual([[3, "c"]]);
    expect(kept.size()).toBe(1);
    // As other callers read: objects, not arrays, whatever the last call asked for.
    expect(db.prepare(sql).all(1)).toEqual([{ id: 1, name: "a" }, { id: 2, name: "b" }, { id: 3, name: "c" }]);
    expect(kept.size()).toBe(1);
    db.close();
  });

  it("runs writes, transactions included, with their own parameters", () => {
    const db = connection();
    keepPreparedStatements(db);
    db.prepare("BEGIN").run();
    const insert = "INSERT INTO t (name) VALUES (?)";
    expect(db.prepare(insert).bind(["d"]).run().changes).toBe(1);
    expect(db.prepare(insert).bind(["e"]).run().changes).toBe(1);
    db.prepare("ROLLBACK").run();
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 3 });
    db.close();
  });

  it("does not keep one-off long statements, and keeps a bounded number", () => {
    const db = connection();
    const kept = keepPreparedStatements(db);
    const long = `SELECT id FROM t WHERE id IN (${Array.from({ length: 2_000 }, () => "?").join(", ")})`;
    expect(db.prepare(long).bind(Array.from({ length: 2_000 }, (_, i) => i)).raw().all()).toEqual([[1], [2], [3]]);
    expect(kept.size()).toBe(0);
    for (let i = 0; i < 600; i++) db.prepare(`SELECT ${i} AS n`).bind([]).raw().all();
    expect(kept.size()).toBe(500);
    db.close();
  });

  it("still refuses bad SQL, and keeps nothing of it", () => {
    const db = connection();
    const kept = keepPreparedStatements(db);
    expect(() => db.prepare("SELEC nothing")).toThrow(/syntax error/);
    expect(kept.size()).toBe(0);
    db.close();
  });
});
