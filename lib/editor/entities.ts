import "server-only";
import { getDb, type Tx } from "../db";
import type { SourceKindValue } from "../domain";
import { DomainError } from "../errors";
import type { SessionUser } from "../auth/roles";
import { ConflictError } from "./conflict";
import { diffSnapshots, type Snapshot } from "./diff";
import { recordRevision } from "./revisions";

// Sources and actors: created and edited with versions and the revision log like events.

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
    const { count } = await tx.source.updateMany({ where: { id, version: expectedVersion }, data: { ...input, name: input.name.trim(), version: { increment: 1 } } });
    if (count === 0) {
      const now = await sourceSnapshot(tx, id);
      throw new ConflictError("source", now!.version, now!.snapshot);
    }
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
