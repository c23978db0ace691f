import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDbClient, type Db } from "./db";
import { runForm } from "./editor/form";
import { DatabaseBusyError } from "./errors";
import { toErrorResponse } from "./http/errors";
import { WriteTurns } from "./sqlite-writes";
import { createTemporaryDatabase, type TemporaryDatabase } from "./testing/temp-database";

// On SQLite's one connection, a write from another request waits for the transaction open on it
// (lib/sqlite-writes.ts) instead of running inside it and being rolled back with it.

const onSqlite = !process.env.TEST_DATABASE_URL?.startsWith("postgres");

/** A promise and the function that settles it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("WriteTurns", () => {
  it("gives the turn in arrival order, and once per holder", async () => {
    const turns = new WriteTurns();
    const order: string[] = [];
    const hold = signal();
    const first = turns.write(async () => {
      order.push("first");
      await hold.fired;
    });
    const second = turns.write(async () => void order.push("second"));
    const third = turns.write(async () => void order.push("third"));
    await pause(5);
    expect(order).toEqual(["first"]);
    expect(turns.waiting).toBe(2);
    hold.fire();
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first", "second", "third"]);
    expect(turns.waiting).toBe(0);
  });

  it("refuses a write that waited too long, with a clear error, and keeps the line moving", async () => {
    const turns = new WriteTurns(30);
    const hold = signal();
    const first = turns.write(() => hold.fired);
    const refused = turns.write(async () => "never");
    await expect(refused).rejects.toThrow("The database is busy with another change (waited 0.03 s for it). Please try again.");
    expect(turns.waiting).toBe(0);
    const next = turns.write(async () => "next");
    hold.fire();
    await first;
    expect(await next).toBe("next");
  });

  it("gives the turn back when a write or the start of a transaction fails", async () => {
    const turns = new WriteTurns();
    await expect(turns.write(async () => Promise.reject(new Error("constraint")))).rejects.toThrow("constraint");
    await expect(turns.startTransaction(async () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    expect(await turns.write(async () => "next")).toBe("next");
  });
});

describe.runIf(onSqlite)("writes on SQLite's one connection", () => {
  let database: TemporaryDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTemporaryDatabase(undefined);
    db = createDbClient(database.url);
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const story = (slug: string) => ({ slug, title: `Story ${slug}`, description: "d", timeZone: "UTC" });

  /** Opens a transaction that writes a story and holds the turn until end() is called. */
  async function holdTurn(slug: string) {
    const opened = signal();
    const finish = signal();
    const done = db.$transaction(async (tx) => {
      await tx.story.create({ data: story(slug) });
      opened.fire();
      await finish.fired;
    });
    await opened.fired;
    return {
      end: async () => {
        finish.fire();
        await done;
      },
    };
  }

  it("a write from another request waits for an open transaction, and outlives its rollback", async () => {
    await db.story.create({ data: story("w-kept") });
    const opened = signal();
    const finish = signal();
    const editorSave = db
      .$transaction(async (tx) => {
        await tx.story.create({ data: story("w-refused") });
        opened.fire();
        await finish.fired;
        throw new Error("refused half-way");
      })
      .catch((error: Error) => error.message);
    await opened.fired;
    // Another request: a single-statement update, a raw statement and an insert.
    let written = false;
    const others = Promise.all([
      db.story.update({ where: { slug: "w-kept" }, data: { title: "Renamed meanwhile" } }),
      db.$executeRawUnsafe(`UPDATE "Story" SET "description" = 'raw meanwhile' WHERE "slug" = 'w-kept'`),
      db.story.create({ data: story("w-created-meanwhile") }),
    ]).then(() => (written = true));
    await pause(50);
    expect(written).toBe(false);
    finish.fire();
    expect(await editorSave).toBe("refused half-way");
    await others;
    expect(await db.story.count({ where: { slug: "w-refused" } })).toBe(0);
    expect(await db.story.findUniqueOrThrow({ where: { slug: "w-kept" } })).toMatchObject({ title: "Renamed meanwhile", description: "raw meanwhile" });
    expect(await db.story.count({ where: { slug: "w-created-meanwhile" } })).toBe(1);
  });

  it("a write through the app's client from a transaction's own body runs in it, without waiting for it", async () => {
    await db.$transaction(async (tx) => {
      await tx.story.create({ data: story("w-body-tx") });
      await db.story.create({ data: story("w-body-client") });
    });
    expect(await db.story.count({ where: { slug: { in: ["w-body-tx", "w-body-client"] } } })).toBe(2);
    await expect(
      db.$transaction(async () => {
        await db.story.create({ data: story("w-body-rolled-back") });
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(await db.story.count({ where: { slug: "w-body-rolled-back" } })).toBe(0);
  });

  it("a write Prisma runs as a transaction of its own, or a nested transaction, from a body through the app's client is refused at once", async () => {
    await db.story.create({ data: story("w-nested") });
    const refusal = /must use its own transaction client \(tx\)/;
    await expect(
      db.$transaction(async (tx) => {
        await tx.story.update({ where: { slug: "w-nested" }, data: { title: "in tx" } });
        await db.story.updateMany({ where: { slug: "w-nested" }, data: { title: "from the body" } });
      }),
    ).rejects.toThrow(refusal);
    await expect(
      db.$transaction(async () => {
        await db.$transaction(async (inner) => inner.story.update({ where: { slug: "w-nested" }, data: { title: "nested" } }));
      }),
    ).rejects.toThrow(refusal);
    expect((await db.story.findUniqueOrThrow({ where: { slug: "w-nested" } })).title).toBe("Story w-nested");
    // Outside a body, updateMany (a transaction of Prisma's own) takes its turn as usual.
    expect((await db.story.updateMany({ where: { slug: "w-nested" }, data: { title: "later" } })).count).toBe(1);
  });

  it("a transaction waits for its turn at most its maxWait", async () => {
    const long = await holdTurn("w-long");
    await expect(db.$transaction(async (tx) => tx.story.create({ data: story("w-impatient") }), { maxWait: 100 })).rejects.toThrow(
      "The database is busy with another change (waited 0.1 s for it). Please try again.",
    );
    await long.end();
    expect(await db.story.count({ where: { slug: { in: ["w-long", "w-impatient"] } } })).toBe(1);
  });

  it("an editor's form that met a busy database comes back as typed, and the API answers 503", async () => {
    const long = await holdTurn("w-busy-holder");
    const form = new FormData();
    form.set("title", "Typed by the editor");
    const state = await runForm(form, z.object({ title: z.string() }), async (input) => {
      await db.$transaction(async (tx) => tx.story.create({ data: { ...story("w-busy-form"), title: input.title } }), { maxWait: 50 });
    });
    expect(state).toMatchObject({ status: "error", message: "The database is busy with another change (waited 0.05 s for it). Please try again.", values: { title: "Typed by the editor" } });
    const refused = await db.$transaction(async (tx) => tx.story.count(), { maxWait: 50 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseBusyError);
    const response = toErrorResponse(refused);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "service_unavailable", message: (refused as Error).message, details: [] } });
    await long.end();
    expect(await db.story.count({ where: { slug: "w-busy-form" } })).toBe(0);
  });

  it("a COMMIT that fails ends the transaction, so that later writes still get their turn", async () => {
    await expect(
      db.$transaction(async (tx) => {
        // A foreign key checked at COMMIT only: the COMMIT statement itself fails.
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.$executeRawUnsafe(`INSERT INTO "StoryMainClaim" ("storyId", "claimId", "position") VALUES ('no-story', 'no-claim', 0)`);
      }),
    ).rejects.toThrow(/ForeignKeyConstraintViolation/);
    expect(await db.$queryRawUnsafe(`SELECT count(*) AS n FROM "StoryMainClaim" WHERE "storyId" = 'no-story'`)).toEqual([{ n: 0n }]);
    await db.story.create({ data: story("w-after-failed-commit") });
    await db.$transaction(async (tx) => tx.story.update({ where: { slug: "w-after-failed-commit" }, data: { title: "still writable" } }));
    expect((await db.story.findUniqueOrThrow({ where: { slug: "w-after-failed-commit" } })).title).toBe("still writable");
  });

  it("transactions and writes that arrive together all land", async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? db.$transaction(async (tx) => {
              await tx.story.create({ data: story(`w-many-${i}`) });
              await pause(2);
            })
          : db.story.create({ data: story(`w-many-${i}`) }),
      ),
    );
    expect(await db.story.count({ where: { slug: { startsWith: "w-many-" } } })).toBe(10);
  });
});
