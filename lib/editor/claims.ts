import "server-only";
import { recordClaimStatusChange } from "../claims/write";
import { getDb, type Tx } from "../db";
import type { ClaimStatusValue, StanceValue } from "../domain";
import { DomainError } from "../errors";
import { refreshEvents } from "../events/write";
import { checkSlugNotRetired, keepRenamedSlug } from "../redirects";
import type { SessionUser } from "../auth/roles";
import { ConflictError } from "./conflict";
import { diffSnapshots, plain, type Snapshot } from "./diff";
import { recordRevision } from "./revisions";

const TX = { timeout: 20_000 } as const;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ClaimInput = { slug: string; text: string; scope: string | null };

/**
 * A new claim's first status, recorded with it through recordClaimStatusChange and its rules. The
 * evidence's event may be linked to the claim at the same time, with its stance (a new claim has
 * no events yet, and "officially confirmed" needs a citation whose event confirms it).
 */
export type FirstStatus = {
  to: ClaimStatusValue;
  knownAt: Date;
  reason: string;
  evidenceCitationId: string | null;
  /** The stance the evidence citation's event takes on the new claim (linked when given). */
  evidenceStance: StanceValue | null;
};

async function claimSnapshot(tx: Tx, id: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const c = await tx.claim.findUnique({ where: { id } });
  if (!c) return null;
  return { version: c.version, snapshot: { slug: c.slug, text: c.text, scope: c.scope, status: c.status } };
}

function check(input: ClaimInput) {
  if (!SLUG.test(input.slug)) throw new DomainError("The slug must be lower-case words joined by hyphens.", "slug");
  if (!input.text.trim()) throw new DomainError("The claim's text is required.", "text");
}

export async function createClaim(user: SessionUser, storyId: string, input: ClaimInput, first: FirstStatus | null = null) {
  check(input);
  if (first && !first.reason.trim()) throw new DomainError("A status change needs a reason.", "reason");
  if (first?.evidenceStance && !first.evidenceCitationId) throw new DomainError("Choose the evidence citation whose event takes this stance.", "evidenceCitationId");
  return getDb().$transaction(async (tx) => {
    if (!(await tx.story.findUnique({ where: { id: storyId }, select: { id: true } }))) throw new DomainError("Choose a story.", "storyId");
    if (await tx.claim.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new DomainError("Another claim already uses this slug.", "slug");
    }
    await checkSlugNotRetired(tx, "Claim", input.slug, null);
    const c = await tx.claim.create({ data: { storyId, slug: input.slug, text: input.text.trim(), scope: input.scope?.trim() || null } });
    await recordRevision(tx, {
      entityType: "Claim",
      entityId: c.id,
      action: "create",
      userId: user.id,
      diff: diffSnapshots(null, (await claimSnapshot(tx, c.id))!.snapshot),
    });
    if (first) await recordFirstStatus(tx, user, c.id, storyId, first);
    return c;
  }, TX);
}

async function recordFirstStatus(tx: Tx, user: SessionUser, claimId: string, storyId: string, first: FirstStatus) {
  if (first.evidenceCitationId) {
    const evidence = await tx.citation.findUnique({
      where: { id: first.evidenceCitationId },
      select: { eventId: true, event: { select: { storyId: true, headline: true } } },
    });
    if (!evidence) throw new DomainError("The evidence citation does not exist.", "evidenceCitationId");
    if (evidence.event.storyId !== storyId) throw new DomainError("The evidence must come from one of the story's events.", "evidenceCitationId");
    if (first.evidenceStance) {
      const eventId = evidence.eventId;
      const position = await tx.eventClaim.count({ where: { eventId } });
      await tx.eventClaim.create({ data: { eventId, claimId, stance: first.evidenceStance, position } });
      await tx.event.update({ where: { id: eventId }, data: { version: { increment: 1 } } });
      await refreshEvents(tx, [eventId]);
      await recordRevision(tx, {
        entityType: "Event",
        entityId: eventId,
        action: "claim-link",
        userId: user.id,
        diff: { [`claim ${claimId}`]: { from: null, to: first.evidenceStance } },
      });
    }
  }
  await recordClaimStatusChange(tx, {
    claimId,
    to: first.to,
    knownAt: first.knownAt,
    reason: first.reason,
    evidenceCitationId: first.evidenceCitationId,
    changedBy: user.name,
  });
  await recordRevision(tx, {
    entityType: "Claim",
    entityId: claimId,
    action: "status-change",
    userId: user.id,
    diff: {
      status: { from: null, to: first.to },
      knownAt: { from: null, to: plain(first.knownAt) },
      evidenceCitationId: { from: null, to: first.evidenceCitationId },
    },
    reason: first.reason,
  });
}

export async function updateClaim(user: SessionUser, claimId: string, expectedVersion: number, input: ClaimInput, reason: string | null) {
  check(input);
  return getDb().$transaction(async (tx) => {
    const before = await claimSnapshot(tx, claimId);
    if (!before) throw new DomainError("The claim does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("claim", before.version, before.snapshot);
    const clash = await tx.claim.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== claimId) throw new DomainError("Another claim already uses this slug.", "slug");
    await checkSlugNotRetired(tx, "Claim", input.slug, claimId);
    const { count } = await tx.claim.updateMany({
      where: { id: claimId, version: expectedVersion },
      data: { slug: input.slug, text: input.text.trim(), scope: input.scope?.trim() || null, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await claimSnapshot(tx, claimId);
      throw new ConflictError("claim", now!.version, now!.snapshot);
    }
    await keepRenamedSlug(tx, "Claim", claimId, String(before.snapshot.slug), input.slug);
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
