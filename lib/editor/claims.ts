import "server-only";
import { recordClaimStatusChange } from "../claims/write";
import { getDb, type Tx } from "../db";
import type { ClaimStatusValue } from "../domain";
import { DomainError } from "../errors";
import type { SessionUser } from "../auth/roles";
import { ConflictError } from "./conflict";
import { diffSnapshots, plain, type Snapshot } from "./diff";
import { recordRevision } from "./revisions";

const TX = { timeout: 20_000 } as const;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ClaimInput = { slug: string; text: string; scope: string | null };

async function claimSnapshot(tx: Tx, id: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const c = await tx.claim.findUnique({ where: { id } });
  if (!c) return null;
  return { version: c.version, snapshot: { slug: c.slug, text: c.text, scope: c.scope, status: c.status } };
}

function check(input: ClaimInput) {
  if (!SLUG.test(input.slug)) throw new DomainError("The slug must be lower-case words joined by hyphens.", "slug");
  if (!input.text.trim()) throw new DomainError("The claim's text is required.", "text");
}

export async function createClaim(user: SessionUser, storyId: string, input: ClaimInput) {
  check(input);
  return getDb().$transaction(async (tx) => {
    if (await tx.claim.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new DomainError("Another claim already uses this slug.", "slug");
    }
    const c = await tx.claim.create({ data: { storyId, slug: input.slug, text: input.text.trim(), scope: input.scope?.trim() || null } });
    await recordRevision(tx, {
      entityType: "Claim",
      entityId: c.id,
      action: "create",
      userId: user.id,
      diff: diffSnapshots(null, (await claimSnapshot(tx, c.id))!.snapshot),
    });
    return c;
  }, TX);
}

export async function updateClaim(user: SessionUser, claimId: string, expectedVersion: number, input: ClaimInput, reason: string | null) {
  check(input);
  return getDb().$transaction(async (tx) => {
    const before = await claimSnapshot(tx, claimId);
    if (!before) throw new DomainError("The claim does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("claim", before.version, before.snapshot);
    const clash = await tx.claim.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== claimId) throw new DomainError("Another claim already uses this slug.", "slug");
    const { count } = await tx.claim.updateMany({
      where: { id: claimId, version: expectedVersion },
      data: { slug: input.slug, text: input.text.trim(), scope: input.scope?.trim() || null, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await claimSnapshot(tx, claimId);
      throw new ConflictError("claim", now!.version, now!.snapshot);
    }
    await recordRevision(tx, {
      entityType: "Claim",
      entityId: claimId,
      action: "update",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, (await claimSnapshot(tx, claimId))!.snapshot),
      reason,
    });
  }, TX);
}

export type StatusChangeForm = {
  claimId: string;
  expectedVersion: number;
  to: ClaimStatusValue;
  knownAt: Date;
  reason: string;
  evidenceCitationId: string | null;
};

/**
 * An editor's status change: the same domain rules as every other path
 * (recordClaimStatusChange → lib/claims/rules.ts), refused if the claim moved on meanwhile.
 */
export async function changeClaimStatus(user: SessionUser, input: StatusChangeForm) {
  if (!input.reason.trim()) throw new DomainError("A status change needs a reason.", "reason");
  return getDb().$transaction(async (tx) => {
    const before = await claimSnapshot(tx, input.claimId);
    if (!before) throw new DomainError("The claim does not exist.", "claimId");
    if (before.version !== input.expectedVersion) throw new ConflictError("claim", before.version, before.snapshot);
    const change = await recordClaimStatusChange(tx, {
      claimId: input.claimId,
      to: input.to,
      knownAt: input.knownAt,
      reason: input.reason,
      evidenceCitationId: input.evidenceCitationId,
      changedBy: user.name,
    });
    await recordRevision(tx, {
      entityType: "Claim",
      entityId: input.claimId,
      action: "status-change",
      userId: user.id,
      diff: {
        status: { from: before.snapshot.status ?? null, to: input.to },
        knownAt: { from: null, to: plain(input.knownAt) },
        evidenceCitationId: { from: null, to: input.evidenceCitationId },
      },
      reason: input.reason,
    });
    return change;
  }, TX);
}
