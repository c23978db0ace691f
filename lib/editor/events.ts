import "server-only";
import { getDb, type Tx } from "../db";
import type {
  ActorRoleValue,
  AttributionValue,
  DateBoundValue,
  EventKindValue,
  PrecisionValue,
  RelationTypeValue,
  StanceValue,
} from "../domain";
import { DomainError } from "../errors";
import { normalizeEventDate } from "../events/derived";
import { checkNewCitation, checkNewEvent, createEvent, refreshEvents, refreshEventsOfEvidence } from "../events/write";
import { checkSlugNotRetired, keepRedirect, keepRenamedSlug } from "../redirects";
import type { SessionUser } from "../auth/roles";
import { ConflictError } from "./conflict";
import { diffSnapshots, plain, type Snapshot } from "./diff";
import { recordRevision } from "./revisions";

// The editor's write paths for events and what hangs off them (citations, stances, relations).
// Every save names the version it was made against and is refused when the record has moved on
// (a conditional update on { id, version }); every change is logged in the revision log.

export type EventFieldsInput = {
  slug: string;
  kind: EventKindValue;
  headline: string;
  summary: string;
  location: string | null;
  occurredAt: Date;
  occurredEndAt: Date | null;
  precision: PrecisionValue;
  approximate: boolean;
  dateBound: DateBoundValue;
  timeNote: string | null;
  timeZone: string;
  dayOrder: number;
  firstReportedAt: Date;
  actors: { actorId: string; role: ActorRoleValue }[];
  tagNames: string[];
};

export type ChangeNote = { reason?: string | null; correctionNote?: string | null };

const TX = { timeout: 20_000 } as const;

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

/** The editable fields of an event in plain form: what diffs and the conflict view compare. */
export async function eventSnapshot(tx: Tx, eventId: string): Promise<{ version: number; snapshot: Snapshot } | null> {
  const e = await tx.event.findUnique({
    where: { id: eventId },
    include: {
      actors: { include: { actor: { select: { name: true } } }, orderBy: [{ role: "asc" }, { actorId: "asc" }] },
      tags: { include: { tag: { select: { name: true } } } },
    },
  });
  if (!e) return null;
  return {
    version: e.version,
    snapshot: {
      slug: e.slug,
      kind: e.kind,
      headline: e.headline,
      summary: e.summary,
      location: e.location,
      occurredAt: plain(e.occurredAt),
      occurredEndAt: plain(e.occurredEndAt),
      precision: e.precision,
      approximate: e.approximate,
      dateBound: e.dateBound,
      timeNote: e.timeNote,
      timeZone: e.timeZone,
      dayOrder: e.dayOrder,
      firstReportedAt: plain(e.firstReportedAt),
      actors: e.actors.map((a) => `${a.actor.name} (${a.role})`).join("; "),
      tags: e.tags.map((t) => t.tag.name).sort().join(", "),
      published: e.published,
      retractedAt: plain(e.retractedAt),
      retractionNote: e.retractionNote,
      withdrawnAt: plain(e.withdrawnAt),
      withdrawalNote: e.withdrawalNote,
    },
  };
}

/** The tags named on the event form, by slug; a new name creates its tag (logged). */
async function tagIdsFor(tx: Tx, user: SessionUser, names: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of [...new Set(names.map((n) => n.trim()).filter(Boolean))]) {
    const slug = slugify(name);
    if (!slug) continue;
    const existing = await tx.tag.findUnique({ where: { slug }, select: { id: true } });
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    await checkSlugNotRetired(tx, "Tag", slug, null);
    const tag = await tx.tag.create({ data: { slug, name } });
    await recordRevision(tx, { entityType: "Tag", entityId: tag.id, action: "create", userId: user.id, diff: diffSnapshots(null, { slug, name }) });
    ids.push(tag.id);
  }
  return ids;
}

function dedupeActors(actors: EventFieldsInput["actors"]) {
  const seen = new Set<string>();
  return actors.filter((a) => {
    const k = `${a.actorId}|${a.role}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function currentOrThrow(tx: Tx, eventId: string, expectedVersion: number) {
  const current = await eventSnapshot(tx, eventId);
  if (!current) throw new DomainError("The event does not exist.", "id");
  if (current.version !== expectedVersion) throw new ConflictError("event", current.version, current.snapshot);
  return current;
}

/**
 * Bumps the event's version if it is still at expectedVersion, with the given changes; refuses
 * with a ConflictError otherwise. The single place the no-lost-update rule is enforced for events.
 */
async function conditionalUpdate(tx: Tx, eventId: string, expectedVersion: number, data: Record<string, unknown>) {
  const { count } = await tx.event.updateMany({
    where: { id: eventId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) {
    const now = await eventSnapshot(tx, eventId);
    if (!now) throw new DomainError("The event does not exist.", "id");
    throw new ConflictError("event", now.version, now.snapshot);
  }
}

/** A new event, always a draft: citations are added next, then it is published. */
export async function createDraftEvent(user: SessionUser, storyId: string, input: EventFieldsInput) {
  return getDb().$transaction(async (tx) => {
    if (await tx.event.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new DomainError("Another event already uses this slug.", "slug");
    }
    await checkSlugNotRetired(tx, "Event", input.slug, null);
    const created = await createEvent(tx, {
      storyId,
      ...input,
      actors: dedupeActors(input.actors),
      tagIds: await tagIdsFor(tx, user, input.tagNames),
      published: false,
      citations: [],
    });
    const after = await eventSnapshot(tx, created.id);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: created.id,
      action: "create",
      userId: user.id,
      diff: diffSnapshots(null, after!.snapshot),
    });
    return created;
  }, TX);
}

/** Saves the event's fields against expectedVersion. A correction note is published on the permalink. */
export async function updateEventFields(
  user: SessionUser,
  eventId: string,
  expectedVersion: number,
  raw: EventFieldsInput,
  note: ChangeNote = {},
) {
  const input = normalizeEventDate(raw);
  return getDb().$transaction(async (tx) => {
    const before = await currentOrThrow(tx, eventId, expectedVersion);
    const existing = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: { published: true, publishedAt: true, withdrawnAt: true, storyId: true, _count: { select: { citations: true } } },
    });
    // Its content is no longer shown, and its slug (perhaps a redirect to a merged event) stays.
    if (existing.withdrawnAt) throw new DomainError("A withdrawn event is no longer edited.", "slug");
    checkNewEvent({ ...input, storyId: existing.storyId, published: false, citations: [] });
    const clash = await tx.event.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (clash && clash.id !== eventId) throw new DomainError("Another event already uses this slug.", "slug");
    await checkSlugNotRetired(tx, "Event", input.slug, eventId);
    const correction = note.correctionNote?.trim();
    if (correction && !existing.published) {
      throw new DomainError("Only a published event can carry a public correction.", "correctionNote");
    }
    await conditionalUpdate(tx, eventId, expectedVersion, {
      slug: input.slug,
      kind: input.kind,
      headline: input.headline.trim(),
      summary: input.summary.trim(),
      location: input.location?.trim() || null,
      occurredAt: input.occurredAt,
      occurredEndAt: input.occurredEndAt,
      precision: input.precision,
      approximate: input.approximate,
      dateBound: input.dateBound,
      timeNote: input.timeNote?.trim() || null,
      timeZone: input.timeZone,
      dayOrder: input.dayOrder,
      firstReportedAt: input.firstReportedAt,
    });
    await tx.eventActor.deleteMany({ where: { eventId } });
    const actors = dedupeActors(input.actors);
    if (actors.length > 0) await tx.eventActor.createMany({ data: actors.map((a) => ({ eventId, ...a })) });
    await tx.eventTag.deleteMany({ where: { eventId } });
    const tagIds = await tagIdsFor(tx, user, input.tagNames);
    if (tagIds.length > 0) await tx.eventTag.createMany({ data: tagIds.map((tagId) => ({ eventId, tagId })) });
    await refreshEvents(tx, [eventId]);
    // Once readers have had the permalink, its old slug keeps leading here.
    if (existing.publishedAt) await keepRenamedSlug(tx, "Event", eventId, String(before.snapshot.slug), input.slug);
    const after = await eventSnapshot(tx, eventId);
    const diff = diffSnapshots(before.snapshot, after!.snapshot);
    if (correction) await tx.correction.create({ data: { eventId, note: correction, createdBy: user.name } });
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "update",
      userId: user.id,
      diff,
      reason: note.reason ?? correction ?? null,
      isCorrection: !!correction,
    });
    return { version: after!.version };
  }, TX);
}

/**
 * Publishes a draft. Publication is one way: a published event is never unpublished, only
 * withdrawn (withdrawEvent), so its permalink never stops answering.
 */
export async function publishEvent(user: SessionUser, eventId: string, expectedVersion: number, reason?: string | null) {
  return getDb().$transaction(async (tx) => {
    const before = await currentOrThrow(tx, eventId, expectedVersion);
    const e = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: { published: true, publishedAt: true, withdrawnAt: true, _count: { select: { citations: true } } },
    });
    if (e.withdrawnAt) throw new DomainError("A withdrawn event stays withdrawn: its permalink says why.", "published");
    if (e.published) throw new DomainError("The event is already published.", "published");
    if (e._count.citations === 0) {
      throw new DomainError("A published event needs at least one citation. Add one first.", "published");
    }
    await conditionalUpdate(tx, eventId, expectedVersion, { published: true, publishedAt: e.publishedAt ?? new Date() });
    const after = await eventSnapshot(tx, eventId);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "publish",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, after!.snapshot),
      reason,
    });
  }, TX);
}

/**
 * Withdraws a published event from publication (a duplicate, legal reasons): it leaves every
 * timeline, feed, list and search, and the API answers 410 for it, while its permalink stays and
 * says when and why (the public note). Unlike a retraction (the item was wrong: it stays on the
 * timeline, labelled "Retracted"), nothing of its content is shown any more. Final: a withdrawn
 * event is never published again.
 */
export async function withdrawEvent(user: SessionUser, eventId: string, expectedVersion: number, note: string, at: Date = new Date()) {
  if (!note.trim()) throw new DomainError("A withdrawal needs a public note saying why.", "withdrawalNote");
  return getDb().$transaction(async (tx) => {
    const before = await currentOrThrow(tx, eventId, expectedVersion);
    if (before.snapshot.withdrawnAt) throw new DomainError("The event is already withdrawn.", "withdrawalNote");
    if (!before.snapshot.published) {
      throw new DomainError("A draft has never been public: delete it instead of withdrawing it.", "withdrawalNote");
    }
    await conditionalUpdate(tx, eventId, expectedVersion, { published: false, withdrawnAt: at, withdrawalNote: note.trim() });
    const after = await eventSnapshot(tx, eventId);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "withdraw",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, after!.snapshot),
      reason: note,
      isCorrection: true,
    });
  }, TX);
}

/**
 * Deletes a draft that was never published (nobody outside the newsroom has seen it). The
 * revision log keeps what it was. A published event is withdrawn instead, never deleted.
 */
export async function deleteDraftEvent(user: SessionUser, eventId: string, expectedVersion: number, reason: string | null = null) {
  return getDb().$transaction(async (tx) => {
    const before = await currentOrThrow(tx, eventId, expectedVersion);
    const e = await tx.event.findUniqueOrThrow({
      where: { id: eventId },
      select: { published: true, publishedAt: true, withdrawnAt: true, citations: { select: { id: true } } },
    });
    if (e.published || e.publishedAt || e.withdrawnAt) {
      throw new DomainError("A published event is never deleted: withdraw it, with a public note.", "id");
    }
    const citationIds = e.citations.map((c) => c.id);
    if (await tx.claimStatusChange.findFirst({ where: { evidenceCitationId: { in: citationIds } }, select: { id: true } })) {
      throw new DomainError("One of this draft's citations is the evidence for a claim's status change: it cannot be deleted.", "id");
    }
    // Citations elsewhere that repeat one of these stop repeating it (their events' counts change).
    const repeating = await tx.citation.findMany({ where: { repeatsCitationId: { in: citationIds }, eventId: { not: eventId } }, select: { eventId: true } });
    await tx.slugRedirect.deleteMany({ where: { entityType: "Event", toId: eventId } });
    await tx.event.delete({ where: { id: eventId } });
    await refreshEvents(tx, repeating.map((r) => r.eventId));
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "delete",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, null),
      reason,
    });
  }, TX);
}

/**
 * Merges a duplicate into the event to keep. Everything that backs or describes the duplicate
 * moves to the kept event: every citation (in order, after the kept event's own, with their ids,
 * so claim evidence and repeats still point at them), stances, actors, tags, relations and public
 * corrections, without duplicates. The kept event is first reported when the first of the two
 * was. The duplicate is withdrawn (its public note says into what) and its slug and id redirect
 * to the kept event for good (lib/redirects.ts). Both logs record it.
 *
 * Refused when the two take different stances on one claim (a confirmation that would stop
 * confirming), when either is withdrawn or retracted (a retracted item stays on the timeline), or
 * when a published duplicate would send readers to a draft.
 */
export async function mergeEventInto(
  user: SessionUser,
  duplicateId: string,
  expectedVersion: number,
  keepSlugOrId: string,
  note: string | null = null,
) {
  return getDb().$transaction(async (tx) => {
    const before = await currentOrThrow(tx, duplicateId, expectedVersion);
    const keep = await tx.event.findFirst({ where: { OR: [{ slug: keepSlugOrId }, { id: keepSlugOrId }] } });
    if (!keep) throw new DomainError("No event has that slug or id.", "keep");
    if (keep.id === duplicateId) throw new DomainError("An event cannot be merged into itself.", "keep");
    const dup = await tx.event.findUniqueOrThrow({
      where: { id: duplicateId },
      include: {
        citations: { orderBy: { position: "asc" }, select: { id: true } },
        claims: { include: { claim: { select: { text: true } } } },
        actors: true,
        tags: true,
        relationsFrom: true,
        relationsTo: true,
        corrections: { select: { id: true } },
      },
    });
    if (keep.storyId !== dup.storyId) throw new DomainError("Only duplicates within one story can be merged.", "keep");
    if (dup.withdrawnAt || keep.withdrawnAt) throw new DomainError("A withdrawn event cannot take part in a merge.", "keep");
    if (dup.retractedAt || keep.retractedAt) {
      throw new DomainError("A retracted event stays on the timeline with its retraction: it cannot take part in a merge.", "keep");
    }
    if (dup.published && !keep.published) {
      throw new DomainError("Publish the event to keep first: readers of the duplicate are sent to it.", "keep");
    }
    const keepClaims = await tx.eventClaim.findMany({ where: { eventId: keep.id }, orderBy: [{ position: "asc" }, { claimId: "asc" }] });
    for (const l of dup.claims) {
      const theirs = keepClaims.find((k) => k.claimId === l.claimId);
      if (theirs && theirs.stance !== l.stance) {
        throw new DomainError(
          `The two events take different stances on “${l.claim.text}” (${theirs.stance.toLowerCase()} / ${l.stance.toLowerCase()}): make them agree before merging.`,
          "keep",
        );
      }
    }

    // Citations, after the kept event's own.
    const offset = await tx.citation.count({ where: { eventId: keep.id } });
    for (const [i, c] of dup.citations.entries()) {
      await tx.citation.update({ where: { id: c.id }, data: { eventId: keep.id, position: offset + i } });
    }
    // Stances the kept event does not take yet, after its own (its main claim stays first).
    const newLinks = dup.claims
      .filter((l) => !keepClaims.some((k) => k.claimId === l.claimId))
      .sort((a, b) => a.position - b.position || (a.claimId < b.claimId ? -1 : 1));
    await tx.eventClaim.deleteMany({ where: { eventId: duplicateId } });
    const start = keepClaims.length === 0 ? 0 : Math.max(...keepClaims.map((k) => k.position)) + 1;
    if (newLinks.length > 0) {
      await tx.eventClaim.createMany({
        data: newLinks.map((l, i) => ({ eventId: keep.id, claimId: l.claimId, stance: l.stance, note: l.note, position: start + i })),
      });
    }
    // Actors and tags: the union.
    await tx.eventActor.deleteMany({ where: { eventId: duplicateId } });
    for (const a of dup.actors) {
      await tx.eventActor.upsert({
        where: { eventId_actorId_role: { eventId: keep.id, actorId: a.actorId, role: a.role } },
        create: { eventId: keep.id, actorId: a.actorId, role: a.role },
        update: {},
      });
    }
    await tx.eventTag.deleteMany({ where: { eventId: duplicateId } });
    for (const t of dup.tags) {
      await tx.eventTag.upsert({ where: { eventId_tagId: { eventId: keep.id, tagId: t.tagId } }, create: { eventId: keep.id, tagId: t.tagId }, update: {} });
    }
    // Relations: repointed, except between the two and those the kept event already has.
    for (const r of dup.relationsFrom) {
      const exists = await tx.eventRelation.findUnique({ where: { fromEventId_toEventId_type: { fromEventId: keep.id, toEventId: r.toEventId, type: r.type } } });
      if (r.toEventId === keep.id || exists) await tx.eventRelation.delete({ where: { id: r.id } });
      else await tx.eventRelation.update({ where: { id: r.id }, data: { fromEventId: keep.id } });
    }
    for (const r of dup.relationsTo) {
      if (r.fromEventId === duplicateId) continue;
      const exists = await tx.eventRelation.findUnique({ where: { fromEventId_toEventId_type: { fromEventId: r.fromEventId, toEventId: keep.id, type: r.type } } });
      if (r.fromEventId === keep.id || exists) await tx.eventRelation.delete({ where: { id: r.id } });
      else await tx.eventRelation.update({ where: { id: r.id }, data: { toEventId: keep.id } });
    }
    await tx.correction.updateMany({ where: { eventId: duplicateId }, data: { eventId: keep.id } });

    const keepBefore = (await eventSnapshot(tx, keep.id))!;
    const firstReportedAt = dup.firstReportedAt < keep.firstReportedAt ? dup.firstReportedAt : keep.firstReportedAt;
    await tx.event.update({ where: { id: keep.id }, data: { firstReportedAt, version: { increment: 1 } } });
    const publicNote = note?.trim() || `A duplicate of “${keep.headline}”, merged into it.`;
    await conditionalUpdate(tx, duplicateId, expectedVersion, { published: false, withdrawnAt: new Date(), withdrawalNote: publicNote });
    await keepRedirect(tx, "Event", dup.slug, keep.id, "merge", duplicateId);
    await keepRedirect(tx, "Event", duplicateId, keep.id, "merge");
    await refreshEvents(tx, [keep.id, duplicateId]);

    const moved = {
      citations: dup.citations.length,
      stances: newLinks.length,
      actors: dup.actors.length,
      tags: dup.tags.length,
      relations: dup.relationsFrom.length + dup.relationsTo.length,
      corrections: dup.corrections.length,
    };
    const summary = Object.entries(moved)
      .map(([k, n]) => `${n} ${k}`)
      .join(", ");
    await recordRevision(tx, {
      entityType: "Event",
      entityId: keep.id,
      action: "merge",
      userId: user.id,
      diff: { ...diffSnapshots(keepBefore.snapshot, (await eventSnapshot(tx, keep.id))!.snapshot), [`merged ${dup.slug} (${duplicateId})`]: { from: null, to: summary } },
      reason: note,
    });
    await recordRevision(tx, {
      entityType: "Event",
      entityId: duplicateId,
      action: "merge-away",
      userId: user.id,
      diff: { ...diffSnapshots(before.snapshot, (await eventSnapshot(tx, duplicateId))!.snapshot), mergedInto: { from: null, to: `${keep.slug} (${keep.id})` } },
      reason: publicNote,
      isCorrection: dup.published,
    });
    return { keptId: keep.id, keptSlug: keep.slug, moved };
  }, TX);
}

/**
 * Removing a published event: it stays at its permalink, labelled "Retracted", with a public
 * reason. Never a silent delete.
 */
export async function retractEvent(user: SessionUser, eventId: string, expectedVersion: number, note: string, at: Date = new Date()) {
  if (!note.trim()) throw new DomainError("A retraction needs a public reason.", "retractionNote");
  return getDb().$transaction(async (tx) => {
    const before = await currentOrThrow(tx, eventId, expectedVersion);
    if (before.snapshot.retractedAt) throw new DomainError("The event is already retracted.", "retractionNote");
    if (before.snapshot.withdrawnAt) throw new DomainError("The event was withdrawn from publication: there is nothing left to retract.", "retractionNote");
    if (!before.snapshot.published) {
      throw new DomainError("A draft has never been public: nothing to retract. Edit it or leave it unpublished.", "retractionNote");
    }
    await conditionalUpdate(tx, eventId, expectedVersion, { retractedAt: at, retractionNote: note.trim() });
    await refreshEvents(tx, [eventId]);
    const after = await eventSnapshot(tx, eventId);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "retract",
      userId: user.id,
      diff: diffSnapshots(before.snapshot, after!.snapshot),
      reason: note,
      isCorrection: true,
    });
  }, TX);
}

// ----------------------------------------------------------------------------------------------
// Citations
// ----------------------------------------------------------------------------------------------

export type CitationInput = {
  sourceId: string;
  url: string | null;
  archivedUrl: string | null;
  title: string | null;
  publishedAt: Date | null;
  /** Null when unknown (always so when publishedAt is). */
  publishedPrecision: PrecisionValue | null;
  quote: string | null;
  attribution: AttributionValue;
  attributionText: string | null;
  speakerActorId: string | null;
  originSourceId: string | null;
  originText: string | null;
  repeatsCitationId: string | null;
  note: string | null;
};

async function citationSnapshot(tx: Tx, citationId: string): Promise<{ version: number; eventId: string; snapshot: Snapshot } | null> {
  const c = await tx.citation.findUnique({
    where: { id: citationId },
    include: { source: { select: { name: true } }, speaker: { select: { name: true } }, origin: { select: { name: true } } },
  });
  if (!c) return null;
  return {
    version: c.version,
    eventId: c.eventId,
    snapshot: {
      source: c.source.name,
      url: c.url,
      archivedUrl: c.archivedUrl,
      title: c.title,
      publishedAt: plain(c.publishedAt),
      publishedPrecision: c.publishedPrecision,
      quote: c.quote,
      attribution: c.attribution,
      attributionText: c.attributionText,
      speaker: c.speaker?.name ?? null,
      origin: c.origin?.name ?? null,
      originText: c.originText,
      repeatsCitationId: c.repeatsCitationId,
      note: c.note,
    },
  };
}

function prefixed(prefix: string, diff: Record<string, { from: unknown; to: unknown }>) {
  return Object.fromEntries(Object.entries(diff).map(([k, v]) => [`${prefix}.${k}`, v])) as ReturnType<typeof diffSnapshots>;
}

/** The citation rules (lib/events/write.ts) and the records it names. */
async function checkCitation(tx: Tx, citationId: string | null, input: CitationInput) {
  checkNewCitation(input, "citation");
  if (input.speakerActorId && !(await tx.actor.findUnique({ where: { id: input.speakerActorId }, select: { id: true } }))) {
    throw new DomainError("The speaker does not exist.", "speakerActorId");
  }
  for (const [field, id] of [["sourceId", input.sourceId], ["originSourceId", input.originSourceId]] as const) {
    if (id && !(await tx.source.findUnique({ where: { id }, select: { id: true } }))) {
      throw new DomainError("That source does not exist.", field);
    }
  }
  await checkRepeats(tx, citationId, input.repeatsCitationId);
}

async function checkRepeats(tx: Tx, citationId: string | null, repeatsCitationId: string | null) {
  if (!repeatsCitationId) return;
  if (repeatsCitationId === citationId) throw new DomainError("A citation cannot repeat itself.", "repeatsCitationId");
  if (!(await tx.citation.findUnique({ where: { id: repeatsCitationId }, select: { id: true } }))) {
    throw new DomainError("The repeated citation does not exist.", "repeatsCitationId");
  }
}

export async function addCitation(user: SessionUser, eventId: string, input: CitationInput, note: ChangeNote = {}) {
  return getDb().$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { _count: { select: { citations: true } } } });
    if (!event) throw new DomainError("The event does not exist.", "eventId");
    await checkCitation(tx, null, input);
    const c = await tx.citation.create({
      data: { eventId, ...input, publishedPrecision: input.publishedAt ? input.publishedPrecision : null, position: event._count.citations },
    });
    await tx.event.update({ where: { id: eventId }, data: { version: { increment: 1 } } });
    await refreshEvents(tx, [eventId]);
    const after = await citationSnapshot(tx, c.id);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "citation-add",
      userId: user.id,
      diff: prefixed(`citation ${c.id}`, diffSnapshots(null, after!.snapshot)),
      reason: note.reason,
    });
    return c;
  }, TX);
}

export async function updateCitation(user: SessionUser, citationId: string, expectedVersion: number, input: CitationInput, note: ChangeNote = {}) {
  return getDb().$transaction(async (tx) => {
    const before = await citationSnapshot(tx, citationId);
    if (!before) throw new DomainError("The citation does not exist.", "id");
    if (before.version !== expectedVersion) throw new ConflictError("citation", before.version, before.snapshot);
    await checkCitation(tx, citationId, input);
    const { count } = await tx.citation.updateMany({
      where: { id: citationId, version: expectedVersion },
      data: { ...input, publishedPrecision: input.publishedAt ? input.publishedPrecision : null, version: { increment: 1 } },
    });
    if (count === 0) {
      const now = await citationSnapshot(tx, citationId);
      throw new ConflictError("citation", now!.version, now!.snapshot);
    }
    await refreshEvents(tx, [before.eventId]);
    await refreshEventsOfEvidence(tx, [citationId]);
    const after = await citationSnapshot(tx, citationId);
    const correction = note.correctionNote?.trim();
    const published = (await tx.event.findUniqueOrThrow({ where: { id: before.eventId }, select: { published: true } })).published;
    if (correction && !published) throw new DomainError("Only a published event can carry a public correction.", "correctionNote");
    if (correction) await tx.correction.create({ data: { eventId: before.eventId, note: correction, createdBy: user.name } });
    await recordRevision(tx, {
      entityType: "Event",
      entityId: before.eventId,
      action: "citation-edit",
      userId: user.id,
      diff: prefixed(`citation ${citationId}`, diffSnapshots(before.snapshot, after!.snapshot)),
      reason: note.reason ?? correction ?? null,
      isCorrection: !!correction,
    });
  }, TX);
}

export async function removeCitation(user: SessionUser, citationId: string, reason: string | null) {
  return getDb().$transaction(async (tx) => {
    const before = await citationSnapshot(tx, citationId);
    if (!before) throw new DomainError("The citation does not exist.", "id");
    const event = await tx.event.findUniqueOrThrow({ where: { id: before.eventId }, select: { published: true, _count: { select: { citations: true } } } });
    if (event.published && event._count.citations <= 1) {
      throw new DomainError("A published event needs at least one citation: add another before removing this one.", "id");
    }
    if (await tx.claimStatusChange.findFirst({ where: { evidenceCitationId: citationId }, select: { id: true } })) {
      throw new DomainError("This citation is the evidence for a claim's status change and cannot be removed.", "id");
    }
    await tx.citation.delete({ where: { id: citationId } });
    await tx.event.update({ where: { id: before.eventId }, data: { version: { increment: 1 } } });
    await refreshEvents(tx, [before.eventId]);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: before.eventId,
      action: "citation-remove",
      userId: user.id,
      diff: prefixed(`citation ${citationId}`, diffSnapshots(before.snapshot, null)),
      reason,
    });
  }, TX);
}

// ----------------------------------------------------------------------------------------------
// Stances (event ↔ claim) and relations (event ↔ event)
// ----------------------------------------------------------------------------------------------

/**
 * Links the event to a claim with a stance (or changes the stance). `main` makes it the event's
 * main claim, which its label follows; a first link is the main claim whatever `main` says.
 */
export async function linkClaim(
  user: SessionUser,
  eventId: string,
  claimId: string,
  stance: StanceValue,
  linkNote: string | null,
  main = false,
) {
  return getDb().$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { text: true } });
    if (!claim) throw new DomainError("The claim does not exist.", "claimId");
    const existing = await tx.eventClaim.findUnique({ where: { eventId_claimId: { eventId, claimId } } });
    const others = await tx.eventClaim.findMany({
      where: { eventId, claimId: { not: claimId } },
      orderBy: [{ position: "asc" }, { claimId: "asc" }],
      select: { claimId: true },
    });
    // Positions are rewritten 0, 1, 2… with the main claim first.
    const order = main ? [claimId, ...others.map((o) => o.claimId)] : others.map((o) => o.claimId);
    if (!main) {
      const at = existing ? Math.min(existing.position, order.length) : order.length;
      order.splice(at, 0, claimId);
    }
    await tx.eventClaim.upsert({
      where: { eventId_claimId: { eventId, claimId } },
      create: { eventId, claimId, stance, note: linkNote, position: order.indexOf(claimId) },
      update: { stance, note: linkNote, position: order.indexOf(claimId) },
    });
    for (const [position, id] of order.entries()) {
      if (id !== claimId) await tx.eventClaim.update({ where: { eventId_claimId: { eventId, claimId: id } }, data: { position } });
    }
    await tx.event.update({ where: { id: eventId }, data: { version: { increment: 1 } } });
    await refreshEvents(tx, [eventId]);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "claim-link",
      userId: user.id,
      diff: { [`claim "${claim.text}"`]: { from: existing ? existing.stance : null, to: stance } },
    });
  }, TX);
}

export async function unlinkClaim(user: SessionUser, eventId: string, claimId: string) {
  return getDb().$transaction(async (tx) => {
    const existing = await tx.eventClaim.findUnique({
      where: { eventId_claimId: { eventId, claimId } },
      include: { claim: { select: { text: true } } },
    });
    if (!existing) return;
    await tx.eventClaim.delete({ where: { eventId_claimId: { eventId, claimId } } });
    await tx.event.update({ where: { id: eventId }, data: { version: { increment: 1 } } });
    await refreshEvents(tx, [eventId]);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "claim-unlink",
      userId: user.id,
      diff: { [`claim "${existing.claim.text}"`]: { from: existing.stance, to: null } },
    });
  }, TX);
}

export async function addRelation(user: SessionUser, fromEventId: string, toSlug: string, type: RelationTypeValue, relNote: string | null) {
  return getDb().$transaction(async (tx) => {
    const to = await tx.event.findFirst({ where: { OR: [{ slug: toSlug }, { id: toSlug }] }, select: { id: true, slug: true } });
    if (!to) throw new DomainError("No event has that slug or id.", "toEvent");
    if (to.id === fromEventId) throw new DomainError("An event cannot relate to itself.", "toEvent");
    if (await tx.eventRelation.findUnique({ where: { fromEventId_toEventId_type: { fromEventId, toEventId: to.id, type } } })) {
      throw new DomainError("That relation already exists.", "toEvent");
    }
    await tx.eventRelation.create({ data: { fromEventId, toEventId: to.id, type, note: relNote } });
    await recordRevision(tx, {
      entityType: "Event",
      entityId: fromEventId,
      action: "relation-add",
      userId: user.id,
      diff: { [`relation ${type} → ${to.slug}`]: { from: null, to: relNote ?? "added" } },
    });
  }, TX);
}

export async function removeRelation(user: SessionUser, relationId: string) {
  return getDb().$transaction(async (tx) => {
    const r = await tx.eventRelation.findUnique({ where: { id: relationId }, include: { to: { select: { slug: true } } } });
    if (!r) return;
    await tx.eventRelation.delete({ where: { id: relationId } });
    await recordRevision(tx, {
      entityType: "Event",
      entityId: r.fromEventId,
      action: "relation-remove",
      userId: user.id,
      diff: { [`relation ${r.type} → ${r.to.slug}`]: { from: r.note ?? "added", to: null } },
    });
  }, TX);
}

