import "server-only";
import { getDb, type Tx } from "../db";
import { isValidTimeZone } from "../dates";
import type { StoryStateValue } from "../domain";
import { DomainError } from "../errors";
import { checkSlugNotRetired, keepRenamedSlug } from "../redirects";
import { makeDefaultStory } from "../stories/write";
import type { SessionUser } from "../auth/roles";
import { ConflictError } from "./conflict";
import { diffSnapshots, type Snapshot } from "./diff";
import { recordRevision } from "./revisions";

// Stories: created and edited with versions and the revision log like events. Exactly one story
// is the default (the one `/` shows): making a story the default unsets the other, and the default
// cannot be unset, only moved. Its main claims are chosen and ordered here too.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TX = { timeout: 20_000 } as const;

export type StoryInput = {
  slug: string;
  title: string;
  description: string;
  timeZone: string;
  state: StoryStateValue;
  isDefault: boolean;
};

/** The most main claims a story leads with. */
export const MAX_MAIN_CLAIMS = 8;

function check(input: StoryInput) {
  if (!SLUG.test(input.slug) || input.slug.length > 120) {
    throw new DomainError("The slug must be lower-case words joined by hyphens (at most 120 characters).", "slug");
  }
  if (!input.title.trim()) throw new DomainError("The title is required.", "title");
  if (!input.description.trim()) throw new DomainError("A short description is required.", "description");
  if (!isValidTimeZone(input.timeZone)) throw new DomainError(`“${input.timeZone}” is not an IANA time zone, e.g. Europe/Kyiv.`, "timeZone");
}

async function storySnapshot(tx: Tx, id: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const s = await tx.story.findUnique({
    where: { id },
    include: { mainClaims: { orderBy: { position: "asc" }, include: { claim: { select: { slug: true } } } } },
  });
  if (!s) return null;
  return {
    version: s.version,
    snapshot: {
      slug: s.slug,
      title: s.title,
      description: s.description,
      timeZone: s.timeZone,
      state: s.state,
      isDefault: s.isDefault,
      mainClaims: s.mainClaims.map((m) => m.claim.slug).join(", "),
    },
  };
}

async function checkSlugFree(tx: Tx, slug: string, selfId: string | null) {
  const clash = await tx.story.findUnique({ where: { slug }, select: { id: true } });
  if (clash && clash.id !== selfId) throw new DomainError("Another story already uses this slug.", "slug");
  await checkSlugNotRetired(tx, "Story", slug, selfId);
}

/** Logs, on the story that was the default, that the flag moved to another. */
async function logDefaultMoved(tx: Tx, user: SessionUser, previous: { id: string } | null, to: string) {
  if (!previous) return;
  await recordRevision(tx, {
    entityType: "Story",
    entityId: previous.id,
    action: "update",
    userId: user.id,
    diff: { isDefault: { from: true, to: false } },
    reason: `“${to}” was made the default story.`,
  });
}

/** A new story. The first story is the default whatever the form says. */
export async function createStory(user: SessionUser, input: StoryInput) {
  check(input);
  return getDb().$transaction(async (tx) => {
    await checkSlugFree(tx, input.slug, null);
    const isFirst = (await tx.story.count()) === 0;
    const story = await tx.story.create({
      data: {
        slug: input.slug,
        title: input.title.trim(),
        description: input.description.trim(),
        timeZone: input.timeZone,
        state: input.state,
      },
    });
    if (input.isDefault || isFirst) await logDefaultMoved(tx, user, await makeDefaultStory(tx, story.id), story.slug);
    await recordRevision(tx, {
      entityType: "Story",
      entityId: story.id,
      action: "create",
      userId: user.id,
      diff: diffSnapshots(null, (await storySnapshot(tx, story.id))!.snapshot),
    });
    return story;
  }, TX);
}

export async function updateStory(user: SessionUser, id: string, expectedVersion: number, input: StoryInput, reason: string | null = null) {
  check(input);
  return getDb().$transaction(async (tx) => {
    const before = await storySnapshot(tx, id);
    if (!before) throw new DomainError("The story does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("story", before.version, before.snapshot);
    await checkSlugFree(tx, input.slug, id);
    if (before.snapshot.isDefault && !input.isDefault) {
      throw new DomainError("One story is always the default (the one shown at /): make another story the default instead.", "isDefault");
    }
    const { count } = await tx.story.updateMany({
      where: { id, version: expectedVersion },
      data: {
        slug: input.slug,
        title: input.title.trim(),
        description: input.description.trim(),
        timeZone: input.timeZone,
        state: input.state,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const now = await storySnapshot(tx, id);
      throw new ConflictError("story", now!.version, now!.snapshot);
    }
    if (input.isDefault && !before.snapshot.isDefault) await logDefaultMoved(tx, user, await makeDefaultStory(tx, id), input.slug);
    await keepRenamedSlug(tx, "Story", id, String(before.snapshot.slug), input.slug);
    await recordRevision(tx, {
      entityType: "Story",
      entityId: id,
      action: "update",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, (await storySnapshot(tx, id))!.snapshot),
      reason,
    });
  }, TX);
}

/**
 * The story's main claims, in this order (none: the story leads with its most reported claims,
 * lib/stories/main-claims.ts). Each must be one of the story's claims, once.
 */
export async function setMainClaims(user: SessionUser, storyId: string, expectedVersion: number, claimIds: readonly string[], reason: string | null = null) {
  if (new Set(claimIds).size !== claimIds.length) throw new DomainError("A claim can be chosen only once.", "claims");
  if (claimIds.length > MAX_MAIN_CLAIMS) throw new DomainError(`Choose at most ${MAX_MAIN_CLAIMS} main claims.`, "claims");
  return getDb().$transaction(async (tx) => {
    const before = await storySnapshot(tx, storyId);
    if (!before) throw new DomainError("The story does not exist.", "storyId");
    if (before.version !== expectedVersion) throw new ConflictError("story", before.version, before.snapshot);
    const found = await tx.claim.count({ where: { id: { in: [...claimIds] }, storyId } });
    if (found !== claimIds.length) throw new DomainError("Only the story's own claims can be its main claims.", "claims");
    const { count } = await tx.story.updateMany({ where: { id: storyId, version: expectedVersion }, data: { version: { increment: 1 } } });
    if (count === 0) {
      const now = await storySnapshot(tx, storyId);
      throw new ConflictError("story", now!.version, now!.snapshot);
    }
    await tx.storyMainClaim.deleteMany({ where: { storyId } });
    if (claimIds.length > 0) await tx.storyMainClaim.createMany({ data: claimIds.map((claimId, position) => ({ storyId, claimId, position })) });
    await recordRevision(tx, {
      entityType: "Story",
      entityId: storyId,
      action: "main-claims",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, (await storySnapshot(tx, storyId))!.snapshot),
      reason,
    });
  }, TX);
}
