import "server-only";
import type { Db, Tx } from "../db";
import { getDb } from "../db";
import { parseDiff, type FieldDiff } from "./diff";

export type EntityType = "Event" | "Claim" | "Source" | "Actor" | "Tag" | "Story" | "User";

export type RevisionInput = {
  entityType: EntityType;
  entityId: string;
  action: string;
  /** Null for a change no signed-in user made (an import from the command line). */
  userId: string | null;
  diff: FieldDiff;
  reason?: string | null;
  isCorrection?: boolean;
};

/** Appends one entry to the revision log; every editor write path calls it in its transaction. */
export async function recordRevision(tx: Tx | Db, input: RevisionInput) {
  return tx.revision.create({
    data: {
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      userId: input.userId,
      diff: JSON.stringify(input.diff),
      reason: input.reason?.trim() || null,
      isCorrection: input.isCorrection ?? false,
    },
  });
}

export type RevisionEntry = {
  id: string;
  action: string;
  at: Date;
  reason: string | null;
  isCorrection: boolean;
  by: string;
  diff: FieldDiff;
};

/** An entity's revision log, newest first. */
export async function listRevisions(entityType: EntityType, entityId: string): Promise<RevisionEntry[]> {
  const rows = await getDb().revision.findMany({
    where: { entityType, entityId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    include: { user: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    at: r.at,
    reason: r.reason,
    isCorrection: r.isCorrection,
    by: r.user ? `${r.user.name} <${r.user.email}>` : "a deleted account",
    diff: parseDiff(r.diff),
  }));
}
