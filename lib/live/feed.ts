import "server-only";
import { getDb } from "../db";

// What changed in a story after an instant, as the live stream announces it: events that went
// public, claim status changes (verdicts), corrections and retractions, each by id so that a
// reader's page counts each once however often it hears of it.

export type LiveChange = { kind: "event" | "verdict" | "correction" | "retraction"; id: string };

/**
 * How far back each read looks before the instant asked for. A write is stamped when it is made
 * but seen only once its transaction commits, a moment later: a read in between would miss it
 * for good. Looking back this far catches it; readers' pages count each change once by id.
 */
export const LOOK_BACK_MS = 2_000;

export async function listStoryChangesSince(storyId: string, since: Date): Promise<LiveChange[]> {
  const db = getDb();
  const after = new Date(since.getTime() - LOOK_BACK_MS);
  const [events, verdicts, corrections, retractions] = await Promise.all([
    // Publishing stamps updatedAt too: its index finds the few events changed since.
    db.event.findMany({ where: { updatedAt: { gt: after }, storyId, published: true, publishedAt: { gt: after } }, select: { id: true }, take: 500 }),
    db.claimStatusChange.findMany({ where: { claim: { storyId }, createdAt: { gt: after } }, select: { id: true }, take: 500 }),
    db.correction.findMany({ where: { event: { storyId, published: true }, createdAt: { gt: after } }, select: { id: true }, take: 500 }),
    db.event.findMany({ where: { updatedAt: { gt: after }, storyId, published: true, retractedAt: { gt: after } }, select: { id: true }, take: 500 }),
  ]);
  return [
    ...events.map((e) => ({ kind: "event" as const, id: e.id })),
    ...verdicts.map((v) => ({ kind: "verdict" as const, id: v.id })),
    ...corrections.map((c) => ({ kind: "correction" as const, id: c.id })),
    ...retractions.map((r) => ({ kind: "retraction" as const, id: r.id })),
  ];
}
