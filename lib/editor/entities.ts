import "server-only";
import { getDb, type Tx } from "../db";
import type { SourceKindValue } from "../domain";
import { DomainError } from "../errors";
import { refreshEvents, refreshEventsOfEvidence } from "../events/write";
import { checkSlugNotRetired, keepRedirect, keepRenamedSlug } from "../redirects";
import type { SessionUser } from "../auth/roles";
import { ConflictError } from "./conflict";
import { diffSnapshots, type Snapshot } from "./diff";
import { recordRevision } from "./revisions";

// Sources, actors and tags: created and edited with versions and the revision log like events. A
// source or tag renamed keeps its old slug as a redirect (lib/redirects.ts); a duplicate source
// is merged into another.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TX = { timeout: 20_000 } as const;

export type SourceInput = {
  slug: string;
  name: string;
  kind: SourceKindValue;
  country: string | null;
  homepage: string | null;
  description: string | null;
};
export type ActorInput = { slug: string; name: string; title: string | null; affiliation: string | null };
export type TagInput = { slug: string; name: string };

function checkCommon(input: { slug: string; name: string }) {
  if (!SLUG.test(input.slug)) throw new DomainError("The slug must be lower-case words joined by hyphens.", "slug");
  if (!input.name.trim()) throw new DomainError("The name is required.", "name");
}

async function sourceSnapshot(tx: Tx, id: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const s = await tx.source.findUnique({ where: { id } });
  if (!s) return null;
  const { slug, name, kind, country, homepage, description } = s;
  return { version: s.version, snapshot: { slug, name, kind, country, homepage, description } };
}

async function actorSnapshot(tx: Tx, id: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const a = await tx.actor.findUnique({ where: { id } });
  if (!a) return null;
  const { slug, name, title, affiliation } = a;
  return { version: a.version, snapshot: { slug, name, title, affiliation } };
}

export async function createSource(user: SessionUser, input: SourceInput) {
  checkCommon(input);
  return getDb().$transaction(async (tx) => {
    if (await tx.source.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new DomainError("Another source already uses this slug.", "slug");
    }
    await checkSlugNotRetired(tx, "Source", input.slug, null);
    const s = await tx.source.create({ data: { ...input, name: input.name.trim() } });
    await recordRevision(tx, { entityType: "Source", entityId: s.id, action: "create", userId: user.id, diff: diffSnapshots(null, (await sourceSnapshot(tx, s.id))!.snapshot) });
    return s;
  }, TX);
}

export async function updateSource(user: SessionUser, id: string, expectedVersion: number, input: SourceInput) {
  checkCommon(input);
  return getDb().$transaction(async (tx) => {
    const before = await sourceSnapshot(tx, id);
    if (!before) throw new DomainError("The source does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("source", before.version, before.snapshot);
    const clash = await tx.source.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== id) throw new DomainError("Another source already uses this slug.", "slug");
    await checkSlugNotRetired(tx, "Source", input.slug, id);
    const { count } = await tx.source.updateMany({ where: { id, version: expectedVersion }, data: { ...input, name: input.name.trim(), version: { increment: 1 } } });
    if (count === 0) {
      const now = await sourceSnapshot(tx, id);
      throw new ConflictError("source", now!.version, now!.snapshot);
    }
    await keepRenamedSlug(tx, "Source", id, String(before.snapshot.slug), input.slug);
    await recordRevision(tx, { entityType: "Source", entityId: id, action: "update", userId: user.id, diff: diffSnapshots(before.snapshot, (await sourceSnapshot(tx, id))!.snapshot) });
  }, TX);
}

export async function createActor(user: SessionUser, input: ActorInput) {
  checkCommon(input);
  return getDb().$transaction(async (tx) => {
    if (await tx.actor.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new DomainError("Another actor already uses this slug.", "slug");
    }
    const a = await tx.actor.create({ data: { ...input, name: input.name.trim() } });
    await recordRevision(tx, { entityType: "Actor", entityId: a.id, action: "create", userId: user.id, diff: diffSnapshots(null, (await actorSnapshot(tx, a.id))!.snapshot) });
    return a;
  }, TX);
}

export async function updateActor(user: SessionUser, id: string, expectedVersion: number, input: ActorInput) {
  checkCommon(input);
  return getDb().$transaction(async (tx) => {
    const before = await actorSnapshot(tx, id);
    if (!before) throw new DomainError("The actor does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("actor", before.version, before.snapshot);
    const clash = await tx.actor.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== id) throw new DomainError("Another actor already uses this slug.", "slug");
    const { count } = await tx.actor.updateMany({ where: { id, version: expectedVersion }, data: { ...input, name: input.name.trim(), version: { increment: 1 } } });
    if (count === 0) {
      const now = await actorSnapshot(tx, id);
      throw new ConflictError("actor", now!.version, now!.snapshot);
    }
    await recordRevision(tx, { entityType: "Actor", entityId: id, action: "update", userId: user.id, diff: diffSnapshots(before.snapshot, (await actorSnapshot(tx, id))!.snapshot) });
  }, TX);
}

/**
 * Merges a duplicate source into the one to keep: every citation of it, and every citation that
 * relays it, now names the kept source (a citation of the kept source that relayed the duplicate,
 * or the reverse, no longer relays anything: a source never relays itself). The labels, voices
 * and source keys of the events concerned are derived again. The duplicate is removed; its slug
 * leads to the kept source for good (lib/redirects.ts), and both logs record the merge.
 */
export async function mergeSourceInto(user: SessionUser, duplicateId: string, expectedVersion: number, keepId: string, reason: string | null = null) {
  return getDb().$transaction(async (tx) => {
    const before = await sourceSnapshot(tx, duplicateId);
    if (!before) throw new DomainError("The source does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("source", before.version, before.snapshot);
    if (keepId === duplicateId) throw new DomainError("A source cannot be merged into itself.", "keepId");
    const keep = await tx.source.findUnique({ where: { id: keepId }, select: { id: true, slug: true, name: true } });
    if (!keep) throw new DomainError("Choose the source to keep.", "keepId");
    const touched = await tx.citation.findMany({
      where: { OR: [{ sourceId: duplicateId }, { originSourceId: duplicateId }] },
      select: { id: true, eventId: true },
    });
    // A source never relays itself: those relays are dropped before the move.
    const selfRelays = await tx.citation.updateMany({
      where: { OR: [{ sourceId: duplicateId, originSourceId: keepId }, { sourceId: keepId, originSourceId: duplicateId }] },
      data: { originSourceId: null, version: { increment: 1 } },
    });
    const cited = await tx.citation.updateMany({ where: { sourceId: duplicateId }, data: { sourceId: keepId, version: { increment: 1 } } });
    const relayed = await tx.citation.updateMany({ where: { originSourceId: duplicateId }, data: { originSourceId: keepId, version: { increment: 1 } } });
    const eventIds = [...new Set(touched.map((c) => c.eventId))];
    if (eventIds.length > 0) await tx.event.updateMany({ where: { id: { in: eventIds } }, data: { version: { increment: 1 } } });
    await refreshEvents(tx, eventIds);
    // Moved evidence: the voice that confirmed a claim (or made it a party's) is now the kept source's.
    await refreshEventsOfEvidence(tx, touched.map((c) => c.id));
    await tx.source.delete({ where: { id: duplicateId } });
    await keepRedirect(tx, "Source", String(before.snapshot.slug), keepId, "merge", duplicateId);
    await tx.source.update({ where: { id: keepId }, data: { version: { increment: 1 } } });
    const summary = `${cited.count} citations, ${relayed.count + selfRelays.count} relays, ${eventIds.length} events`;
    await recordRevision(tx, {
      entityType: "Source",
      entityId: keepId,
      action: "merge",
      userId: user.id,
      diff: { [`merged ${before.snapshot.slug} (${duplicateId})`]: { from: null, to: summary } },
      reason,
    });
    await recordRevision(tx, {
      entityType: "Source",
      entityId: duplicateId,
      action: "merge-away",
      userId: user.id,
      diff: { ...diffSnapshots(before.snapshot, null), mergedInto: { from: null, to: `${keep.slug} (${keep.id})` } },
      reason,
    });
    for (const eventId of eventIds) {
      await recordRevision(tx, {
        entityType: "Event",
        entityId: eventId,
        action: "source-merge",
        userId: user.id,
        diff: { source: { from: String(before.snapshot.name), to: keep.name } },
        reason,
      });
    }
    return { keptSlug: keep.slug, citations: cited.count, relays: relayed.count + selfRelays.count, events: eventIds.length };
  }, TX);
}

async function tagSnapshot(tx: Tx, id: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const t = await tx.tag.findUnique({ where: { id } });
  return t ? { version: t.version, snapshot: { slug: t.slug, name: t.name } } : null;
}

export async function createTag(user: SessionUser, input: TagInput) {
  checkCommon(input);
  return getDb().$transaction(async (tx) => {
    if (await tx.tag.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new DomainError("Another tag already uses this slug.", "slug");
    }
    await checkSlugNotRetired(tx, "Tag", input.slug, null);
    const t = await tx.tag.create({ data: { slug: input.slug, name: input.name.trim() } });
    await recordRevision(tx, { entityType: "Tag", entityId: t.id, action: "create", userId: user.id, diff: diffSnapshots(null, (await tagSnapshot(tx, t.id))!.snapshot) });
    return t;
  }, TX);
}

export async function updateTag(user: SessionUser, id: string, expectedVersion: number, input: TagInput) {
  checkCommon(input);
  return getDb().$transaction(async (tx) => {
    const before = await tagSnapshot(tx, id);
    if (!before) throw new DomainError("The tag does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("tag", before.version, before.snapshot);
    const clash = await tx.tag.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== id) throw new DomainError("Another tag already uses this slug.", "slug");
    await checkSlugNotRetired(tx, "Tag", input.slug, id);
    const { count } = await tx.tag.updateMany({ where: { id, version: expectedVersion }, data: { slug: input.slug, name: input.name.trim(), version: { increment: 1 } } });
    if (count === 0) {
      const now = await tagSnapshot(tx, id);
      throw new ConflictError("tag", now!.version, now!.snapshot);
    }
    await keepRenamedSlug(tx, "Tag", id, String(before.snapshot.slug), input.slug);
    await recordRevision(tx, { entityType: "Tag", entityId: id, action: "update", userId: user.id, diff: diffSnapshots(before.snapshot, (await tagSnapshot(tx, id))!.snapshot) });
  }, TX);
}
