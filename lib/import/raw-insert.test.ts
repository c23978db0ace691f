import { describe, expect, it } from "vitest";
import { createTestStory } from "../../prisma/factories";
import { driverTransaction, getDb, transactionWithDriver } from "../db";
import { insertRows, newRowId, selectWhereIn, TAG_TABLE } from "./raw-insert";

// The import's bulk statements go straight to the driver, inside the transaction Prisma opened
// (lib/db.ts transactionWithDriver): they must see what Prisma wrote in it, Prisma must see what
// they wrote, and they must roll back with it.

const tag = (n: number) => ({ id: `raw-tag-${n}`, slug: `raw-tag-${n}`, name: `Raw tag ${n}` });

describe("statements sent to the driver inside a transaction", () => {
  it("reach the driver only in a transaction opened by transactionWithDriver", async () => {
    const db = getDb();
    expect(driverTransaction(db)).toBeNull();
    await db.$transaction(async (tx) => expect(driverTransaction(tx)).toBeNull());
    await transactionWithDriver(db, async (tx) => expect(driverTransaction(tx)).not.toBeNull());
  });

  it("share the transaction with Prisma's own statements, and commit with it", async () => {
    const db = getDb();
    const story = await createTestStory();
    await transactionWithDriver(db, async (tx) => {
      await tx.tag.create({ data: tag(1) });
      await insertRows(tx, TAG_TABLE, [tag(2), tag(3)]);
      expect(await tx.tag.count({ where: { id: { in: [tag(1).id, tag(2).id, tag(3).id] } } })).toBe(3);
      const found = await selectWhereIn(tx, "Tag", ["id", "name"], { id: [tag(1).id, tag(2).id, "no-such-tag"], slug: [tag(3).slug] });
      expect(found.sort((a, b) => a.id!.localeCompare(b.id!))).toEqual([1, 2, 3].map((n) => ({ id: tag(n).id, name: tag(n).name })));
      expect(await selectWhereIn(tx, "Story", ["slug"], { id: [story.id] })).toEqual([{ slug: story.slug }]);
    });
    expect(await db.tag.count({ where: { id: { in: [tag(1).id, tag(2).id, tag(3).id] } } })).toBe(3);
  });

  it("roll back with the transaction", async () => {
    const db = getDb();
    const error = await transactionWithDriver(db, async (tx) => {
      await insertRows(tx, TAG_TABLE, [tag(4), tag(5)]);
      await tx.tag.create({ data: tag(6) });
      throw new Error("changed my mind");
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("changed my mind");
    expect(await db.tag.count({ where: { id: { in: [tag(4).id, tag(5).id, tag(6).id] } } })).toBe(0);
  });
});

describe("a statement the database refuses", () => {
  it("is reported in the database's words, naming the table, and nothing of the transaction stays", async () => {
    const db = getDb();
    const error = await transactionWithDriver(db, async (tx) => {
      await insertRows(tx, TAG_TABLE, [tag(7)]);
      await insertRows(tx, TAG_TABLE, [tag(8), tag(8)]);
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^The database refused the import \(writing Tag\): (UNIQUE constraint failed: Tag\.\w+ \[SQLITE_CONSTRAINT_\w+\]|duplicate key value violates unique constraint "Tag_\w+" \[23505\])$/,
    );
    expect(await db.tag.count({ where: { id: { in: [tag(7).id, tag(8).id] } } })).toBe(0);
  });
});

describe("new row ids", () => {
  it("are the app's form (c and 24 hex digits), all different, past the bytes drawn at once", () => {
    const ids = Array.from({ length: 5_000 }, newRowId);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
