import { describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma-sqlite/client";
import { createTestEvent } from "../../prisma/factories";
import { getDb } from "../db";
import { listTables, snapshotDatabase } from "./snapshot";

// snapshotDatabase backs the seed's idempotency test: it must see every table and every change.

describe("snapshotDatabase", () => {
  it("covers every model's table", async () => {
    expect(await listTables(getDb())).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("is stable when nothing changed, and sees a changed row", async () => {
    const event = await createTestEvent();
    const before = await snapshotDatabase(getDb());
    expect(before.Event).toHaveLength(1);
    expect(before.Citation).toHaveLength(1);
    expect(await snapshotDatabase(getDb())).toEqual(before);

    await getDb().event.update({ where: { id: event.id }, data: { summary: "Changed." } });
    const after = await snapshotDatabase(getDb());
    expect(after).not.toEqual(before);
    expect(after.Event[0].summary).toBe("Changed.");
  });
});
