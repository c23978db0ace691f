import type { Prisma } from "../../generated/prisma-sqlite/client";
import type { Db, Tx } from "../db";
import { DomainError } from "../errors";
import { FORMAT_VERSION, type EventRecord, type StoryExport } from "./format";

// Reads a whole story into the export format. Takes the client as an argument so one process can
// export from one database and import into another. Everything is sorted in JavaScript (by id,
// or by time then id): SQLite and PostgreSQL collate strings differently, and the bytes must not.

type Client = Db | Tx;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => cmp(a.id, b.id));

export type ExportOptions = { includeUnpublished?: boolean };

export const exportEventSelect = {
  id: true,
  slug: true,
  kind: true,
  headline: true,
  summary: true,
  location: true,
  occurredAt: true,
  occurredEndAt: true,
  precision: true,
  approximate: true,
  dateBound: true,
  version: true,
  timeNote: true,
  timeZone: true,
  dayOrder: true,
  firstReportedAt: true,
  published: true,
  retractedAt: true,
  retractionNote: true,
  actors: { select: { actorId: true, role: true } },
  tags: { select: { tagId: true } },
  claims: { select: { claimId: true, stance: true, note: true, position: true } },
  citations: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      sourceId: true,
      url: true,
      archivedUrl: true,
      title: true,
      publishedAt: true,
      publishedPrecision: true,
      quote: true,
      attribution: true,
      attributionText: true,
      speakerActorId: true,
      originSourceId: true,
      originText: true,
      repeatsCitationId: true,
      note: true,
      position: true,
    },
  },
  corrections: { select: { id: true, note: true, createdAt: true, createdBy: true } },
} satisfies Prisma.EventSelect;

export type ExportEventRow = Prisma.EventGetPayload<{ select: typeof exportEventSelect }>;

/** One event row as an export record; `keep` says which citation ids may be referred to. */
export function eventToRecord(e: ExportEventRow, keep: (citationId: string) => boolean): EventRecord {
  return {
    id: e.id,
    slug: e.slug,
    kind: e.kind,
    headline: e.headline,
    summary: e.summary,
    location: e.location,
    occurredAt: e.occurredAt.toISOString(),
    occurredEndAt: iso(e.occurredEndAt),
    precision: e.precision,
    approximate: e.approximate,
    dateBound: e.dateBound,
    version: e.version,
    timeNote: e.timeNote,
    timeZone: e.timeZone,
    dayOrder: e.dayOrder,
    firstReportedAt: e.firstReportedAt.toISOString(),
    published: e.published,
    retractedAt: iso(e.retractedAt),
    retractionNote: e.retractionNote,
    actors: [...e.actors].sort((a, b) => cmp(a.actorId, b.actorId) || cmp(a.role, b.role)),
    tagIds: e.tags.map((t) => t.tagId).sort(cmp),
    // In the event's order: the first is its main claim.
    claims: [...e.claims]
      .sort((a, b) => a.position - b.position || cmp(a.claimId, b.claimId))
      .map((c) => ({ claimId: c.claimId, stance: c.stance, note: c.note })),
    citations: [...e.citations]
      .sort((a, b) => a.position - b.position || cmp(a.id, b.id))
      .map((c) => ({
        id: c.id,
        sourceId: c.sourceId,
        url: c.url,
        archivedUrl: c.archivedUrl,
        title: c.title,
        publishedAt: iso(c.publishedAt),
        publishedPrecision: c.publishedPrecision,
        quote: c.quote,
        attribution: c.attribution,
        attributionText: c.attributionText,
        speakerActorId: c.speakerActorId,
        originSourceId: c.originSourceId,
        originText: c.originText,
        repeatsCitationId: c.repeatsCitationId && keep(c.repeatsCitationId) ? c.repeatsCitationId : null,
        note: c.note,
      })),
    corrections: [...e.corrections]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || cmp(a.id, b.id))
      .map((c) => ({ id: c.id, note: c.note, createdAt: c.createdAt.toISOString(), createdBy: c.createdBy })),
  };
}

/**
 * The story with this slug, or null. Unpublished events are left out unless asked for (the
 * site's exports are public; an editor's backup may include drafts).
 */
export async function exportStory(db: Client, slug: string, options: ExportOptions = {}): Promise<StoryExport | null> {
  const story = await db.story.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, description: true, timeZone: true, isDefault: true },
  });
  if (!story) return null;
  const [events, claims] = await Promise.all([
    db.event.findMany({
      where: { storyId: story.id, ...(options.includeUnpublished ? {} : { published: true }) },
      select: exportEventSelect,
    }),
    db.claim.findMany({
      where: { storyId: story.id },
      select: {
        id: true,
        slug: true,
        text: true,
        scope: true,
        history: { select: { toStatus: true, knownAt: true, sequence: true, reason: true, evidenceCitationId: true, changedBy: true } },
      },
    }),
  ]);
  const eventIds = new Set(events.map((e) => e.id));
  const citationIds = new Set(events.flatMap((e) => e.citations.map((c) => c.id)));
  const keep = (id: string) => citationIds.has(id);
  const sourceIds = [
    ...new Set(events.flatMap((e) => e.citations.flatMap((c) => [c.sourceId, ...(c.originSourceId ? [c.originSourceId] : [])]))),
  ];
  const actorIds = [
    ...new Set(events.flatMap((e) => [...e.actors.map((a) => a.actorId), ...e.citations.flatMap((c) => (c.speakerActorId ? [c.speakerActorId] : []))])),
  ];
  const tagIds = [...new Set(events.flatMap((e) => e.tags.map((t) => t.tagId)))];
  const [sources, actors, tags, relations] = await Promise.all([
    db.source.findMany({
      where: { id: { in: sourceIds } },
      select: { id: true, slug: true, name: true, kind: true, country: true, homepage: true, description: true },
    }),
    db.actor.findMany({ where: { id: { in: actorIds } }, select: { id: true, slug: true, name: true, title: true, affiliation: true } }),
    db.tag.findMany({ where: { id: { in: tagIds } }, select: { id: true, slug: true, name: true } }),
    db.eventRelation.findMany({
      where: { fromEventId: { in: [...eventIds] }, toEventId: { in: [...eventIds] } },
      select: { id: true, fromEventId: true, toEventId: true, type: true, note: true },
    }),
  ]);
  return {
    formatVersion: FORMAT_VERSION,
    story,
    sources: byId(sources),
    actors: byId(actors),
    tags: byId(tags),
    claims: byId(claims).map((c) => ({
      id: c.id,
      slug: c.slug,
      text: c.text,
      scope: c.scope,
      history: [...c.history]
        .sort((a, b) => a.knownAt.getTime() - b.knownAt.getTime() || a.sequence - b.sequence || cmp(a.toStatus, b.toStatus))
        .map((h) => ({
          toStatus: h.toStatus,
          knownAt: h.knownAt.toISOString(),
          sequence: h.sequence,
          reason: h.reason,
          evidenceCitationId: h.evidenceCitationId && keep(h.evidenceCitationId) ? h.evidenceCitationId : null,
          changedBy: h.changedBy,
        })),
    })),
    events: [...events]
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.dayOrder - b.dayOrder || cmp(a.id, b.id))
      .map((e) => eventToRecord(e, keep)),
    relations: byId(relations),
  };
}

/** Like exportStory, for callers that need the story to exist. */
export async function requireStoryExport(db: Client, slug: string, options: ExportOptions = {}): Promise<StoryExport> {
  const data = await exportStory(db, slug, options);
  if (!data) throw new DomainError(`There is no story “${slug}”.`, "story");
  return data;
}
