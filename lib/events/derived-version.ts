import type { Db } from "../db";
import { refreshEvents } from "./write";

// The stored labels, label periods, spans and known-from instants are derived by the rules of
// lib/events/projection.ts. When those rules change, data written under the old ones must be
// derived again: `npm start` calls refreshDerivedData, which does it once per rules version,
// in batches, and records the version in the Setting table.

/** Bump when a change to the label rules or the derived fields needs existing rows recomputed. */
export const DERIVED_VERSION = "2024-12-truth-through-time";

const KEY = "derivedVersion";
const BATCH = 500;

/** Recomputes every event's derived fields if they were derived by other rules. Returns how many. */
export async function refreshDerivedData(db: Db, log: (line: string) => void = () => {}): Promise<number> {
  const stamp = await db.setting.findUnique({ where: { key: KEY } });
  if (stamp?.value === DERIVED_VERSION) return 0;
  let done = 0;
  let after: string | undefined;
  for (;;) {
    const ids = (
      await db.event.findMany({
        where: after ? { id: { gt: after } } : {},
        orderBy: { id: "asc" },
        take: BATCH,
        select: { id: true },
      })
    ).map((e) => e.id);
    if (ids.length === 0) break;
    await db.$transaction((tx) => refreshEvents(tx, ids), { timeout: 120_000 });
    done += ids.length;
    after = ids[ids.length - 1];
    if (done % 10_000 === 0) log(`  derived data: ${done.toLocaleString("en-US")} events`);
  }
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: DERIVED_VERSION }, update: { value: DERIVED_VERSION } });
  return done;
}
