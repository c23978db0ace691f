import "server-only";
import type { Prisma } from "../../generated/prisma-sqlite/client";
import { getDb } from "../db";
import type { RelationTypeValue } from "../domain";
import { eventBriefSelect } from "./selects";

const MAX_THREAD = 40;

const threadEventSelect = { ...eventBriefSelect, timelineKey: true } satisfies Prisma.EventSelect;

export type ThreadEvent = Prisma.EventGetPayload<{ select: typeof threadEventSelect }>;
export type ThreadEdge = { fromId: string; toId: string; type: RelationTypeValue };

/**
 * The thread an event belongs to: every published event connected to it through relations, in
 * either direction, in time order (at most 40). One query per step outward, not per event.
 */
export async function getThread(eventId: string): Promise<{ events: ThreadEvent[]; edges: ThreadEdge[] }> {
  const db = getDb();
  const seen = new Set<string>([eventId]);
  const edges = new Map<string, ThreadEdge>();
  let frontier = [eventId];
  while (frontier.length > 0 && seen.size < MAX_THREAD) {
    const relations = await db.eventRelation.findMany({
      where: {
        OR: [
          { fromEventId: { in: frontier }, to: { published: true } },
          { toEventId: { in: frontier }, from: { published: true } },
        ],
      },
      select: { fromEventId: true, toEventId: true, type: true },
    });
    const next: string[] = [];
    for (const r of relations) {
      edges.set(`${r.fromEventId}>${r.toEventId}>${r.type}`, { fromId: r.fromEventId, toId: r.toEventId, type: r.type });
      for (const id of [r.fromEventId, r.toEventId]) {
        if (!seen.has(id) && seen.size < MAX_THREAD) {
          seen.add(id);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  const events = await db.event.findMany({
    where: { id: { in: [...seen] }, published: true },
    orderBy: [{ timelineKey: "asc" }, { id: "asc" }],
    select: threadEventSelect,
  });
  const ids = new Set(events.map((e) => e.id));
  return { events, edges: [...edges.values()].filter((e) => ids.has(e.fromId) && ids.has(e.toId)) };
}
