import type { Prisma } from "../../generated/prisma-sqlite/client";
import type { Db, Tx } from "../db";
import { toSlug } from "../domain";
import { DomainError } from "../errors";
import { FORMAT_VERSION, serializeStoryExportChunks, type EventRecord, type StoryExport } from "./format";

// Reads a whole story into the export format. Takes the client as an argument so one process can
// export from one database and import into another. Everything is sorted in JavaScript (by id,
// or by time then id): SQLite and PostgreSQL collate strings differently, and the bytes must not.

type Client = Db | Tx;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => cmp(a.id, b.id));

export type ExportOptions = {
  includeUnpublished?: boolean;
  /** Events read per round trip (EXPORT_CHUNK); tests make it small to cross chunk boundaries. */
  chunkSize?: number;
};

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

type Where = { storyId: string; published?: boolean };
type SourceRecord = StoryExport["sources"][number];
type ActorRecord = StoryExport["actors"][number];
type TagRecord = StoryExport["tags"][number];
type ClaimRecord = StoryExport["claims"][number];
type RelationRecord = StoryExport["relations"][number];

/** Events read per round trip: every statement stays below the parameter limit Prisma applies to SQLite (999). */
export const EXPORT_CHUNK = 500;

/** An event record with its current label, exported for reading in the CSV. */
export type ExportedEvent = { record: EventRecord; status: string };

/**
 * A story ready to be written out piece by piece, in the order of the file. The small lists
 * (sources, actors, tags: what the story's events refer to) are read at once; claims, events and
 * relations are read in chunks as they are written, so memory stays bounded whatever the story's
 * size (a 1M-event story exports in well under 256 MB).
 */
export type StoryExportParts = {
  story: StoryExport["story"];
  sources: SourceRecord[];
  actors: ActorRecord[];
  tags: TagRecord[];
  claims(): AsyncGenerator<ClaimRecord[]>;
  /** In the file's order: by occurredAt, then dayOrder, then id. */
  events(): AsyncGenerator<ExportedEvent[]>;
  relations(): AsyncGenerator<RelationRecord[]>;
  /** Claim id → slug, for the CSV's claims column. */
  claimSlugs(): Promise<Map<string, string>>;
};

/** The ids of `ids` that are citations of events in the export (so a reference to them is kept). */
async function exportedCitations(db: Client, where: Where, ids: readonly string[]): Promise<Set<string>> {
  const kept = new Set<string>();
  // A chunk of claims may cite more evidence than one statement can take as parameters.
  const slices = bySlices([...new Set(ids)], (slice) => db.citation.findMany({ where: { id: { in: slice }, event: where }, select: { id: true } }));
  for await (const rows of slices) for (const r of rows) kept.add(r.id);
  return kept;
}

/** Reads `ids` in slices of `size`, in the order given. */
async function* bySlices<T>(ids: readonly string[], read: (slice: string[]) => Promise<T[]>, size = EXPORT_CHUNK): AsyncGenerator<T[]> {
  for (let i = 0; i < ids.length; i += size) yield await read(ids.slice(i, i + size));
}

/**
 * The story with this slug, as parts to write out, or null. Unpublished events are left out
 * unless asked for (the site's exports are public; an editor's backup may include drafts).
 */
export async function openStoryExport(db: Client, slug: string, options: ExportOptions = {}): Promise<StoryExportParts | null> {
  const story = await db.story.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, description: true, timeZone: true, isDefault: true },
  });
  if (!story) return null;
  const where: Where = { storyId: story.id, ...(options.includeUnpublished ? {} : { published: true }) };
  const chunk = options.chunkSize ?? EXPORT_CHUNK;
  // What the exported events refer to, found by the database rather than by listing their ids.
  const [sources, actors, tags] = await Promise.all([
    db.source.findMany({
      where: { OR: [{ citations: { some: { event: where } } }, { relayed: { some: { event: where } } }] },
      select: { id: true, slug: true, name: true, kind: true, country: true, homepage: true, description: true },
    }),
    db.actor.findMany({
      where: { OR: [{ events: { some: { event: where } } }, { speaking: { some: { event: where } } }] },
      select: { id: true, slug: true, name: true, title: true, affiliation: true },
    }),
    db.tag.findMany({ where: { events: { some: { event: where } } }, select: { id: true, slug: true, name: true } }),
  ]);

  async function* claims(): AsyncGenerator<ClaimRecord[]> {
    const ids = (await db.claim.findMany({ where: { storyId: story!.id }, select: { id: true } })).map((c) => c.id).sort(cmp);
    yield* bySlices(ids, async (slice) => {
      const rows = await db.claim.findMany({
        where: { id: { in: slice } },
        select: {
          id: true,
          slug: true,
          text: true,
          scope: true,
          history: { select: { toStatus: true, knownAt: true, sequence: true, reason: true, evidenceCitationId: true, changedBy: true } },
        },
      });
      const kept = await exportedCitations(db, where, rows.flatMap((c) => c.history.flatMap((h) => (h.evidenceCitationId ? [h.evidenceCitationId] : []))));
      return byId(rows).map((c) => ({
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
            evidenceCitationId: h.evidenceCitationId && kept.has(h.evidenceCitationId) ? h.evidenceCitationId : null,
            changedBy: h.changedBy,
          })),
      }));
    }, chunk);
  }

  async function* events(): AsyncGenerator<ExportedEvent[]> {
    // Walks (occurredAt, dayOrder) on its index a chunk at a time. Ties are ordered by id in
    // JavaScript (SQLite and PostgreSQL collate strings differently, and the bytes must not
    // differ), so a chunk ends only where (occurredAt, dayOrder) changes.
    let after: { occurredAt: Date; dayOrder: number } | null = null;
    for (;;) {
      const keyset: Prisma.EventWhereInput = after
        ? { OR: [{ occurredAt: { gt: after.occurredAt } }, { occurredAt: after.occurredAt, dayOrder: { gt: after.dayOrder } }] }
        : {};
      const page: { id: string; occurredAt: Date; dayOrder: number }[] = await db.event.findMany({
        where: { ...where, ...keyset },
        orderBy: [{ occurredAt: "asc" }, { dayOrder: "asc" }],
        take: chunk,
        select: { id: true, occurredAt: true, dayOrder: true },
      });
      if (page.length === 0) return;
      const last = page[page.length - 1]!;
      const sameKey = (e: { occurredAt: Date; dayOrder: number }) => e.occurredAt.getTime() === last.occurredAt.getTime() && e.dayOrder === last.dayOrder;
      const inOrder = (rows: { id: string; occurredAt: Date; dayOrder: number }[]) =>
        rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.dayOrder - b.dayOrder || cmp(a.id, b.id)).map((e) => e.id);
      let ids: string[];
      if (page.length < chunk) ids = inOrder(page);
      else if (!sameKey(page[0]!)) ids = inOrder(page.filter((e) => !sameKey(e)));
      else {
        // A whole chunk of events at one instant and day order: read that group alone.
        const group = await db.event.findMany({ where: { ...where, occurredAt: last.occurredAt, dayOrder: last.dayOrder }, select: { id: true } });
        ids = group.map((e) => e.id).sort(cmp);
      }
      const taken = new Set(ids);
      const boundary = page.filter((e) => taken.has(e.id)).at(-1) ?? last;
      after = { occurredAt: boundary.occurredAt, dayOrder: boundary.dayOrder };
      for await (const slice of bySlices(ids, (s) => db.event.findMany({ where: { id: { in: s } }, select: { ...exportEventSelect, status: true } }), chunk)) {
        const kept = await exportedCitations(db, where, slice.flatMap((e) => e.citations.flatMap((c) => (c.repeatsCitationId ? [c.repeatsCitationId] : []))));
        yield slice
          .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.dayOrder - b.dayOrder || cmp(a.id, b.id))
          .map((e) => ({ record: eventToRecord(e, (id) => kept.has(id)), status: toSlug(e.status) }));
      }
    }
  }

  async function* relations(): AsyncGenerator<RelationRecord[]> {
    const ids = (await db.eventRelation.findMany({ where: { from: where, to: where }, select: { id: true } })).map((r) => r.id).sort(cmp);
    yield* bySlices(
      ids,
      async (slice) =>
        byId(await db.eventRelation.findMany({ where: { id: { in: slice } }, select: { id: true, fromEventId: true, toEventId: true, type: true, note: true } })),
      chunk,
    );
  }

  return {
    story,
    sources: byId(sources),
    actors: byId(actors),
    tags: byId(tags),
    claims,
    events,
    relations,
    claimSlugs: async () => new Map((await db.claim.findMany({ where: { storyId: story.id }, select: { id: true, slug: true } })).map((c) => [c.id, c.slug])),
  };
}

/** The story with this slug as one value, or null (tests and small stories; files stream). */
export async function exportStory(db: Client, slug: string, options: ExportOptions = {}): Promise<StoryExport | null> {
  const parts = await openStoryExport(db, slug, options);
  if (!parts) return null;
  const collect = async <T>(chunks: AsyncGenerator<T[]>) => {
    const all: T[] = [];
    for await (const chunk of chunks) all.push(...chunk);
    return all;
  };
  return {
    formatVersion: FORMAT_VERSION,
    story: parts.story,
    sources: parts.sources,
    actors: parts.actors,
    tags: parts.tags,
    claims: await collect(parts.claims()),
    events: (await collect(parts.events())).map((e) => e.record),
    relations: await collect(parts.relations()),
  };
}

async function* records(chunks: AsyncGenerator<ExportedEvent[]>): AsyncGenerator<EventRecord[]> {
  for await (const chunk of chunks) yield chunk.map((e) => e.record);
}

/** The story's JSON file, chunk by chunk: the bytes of serializeStoryExport(exportStory(…)). */
export function storyJsonChunks(parts: StoryExportParts): AsyncGenerator<string> {
  return serializeStoryExportChunks({ ...parts, claims: parts.claims(), events: records(parts.events()), relations: parts.relations() });
}

/** Like exportStory, for callers that need the story to exist. */
export async function requireStoryExport(db: Client, slug: string, options: ExportOptions = {}): Promise<StoryExport> {
  const data = await exportStory(db, slug, options);
  if (!data) throw new DomainError(`There is no story “${slug}”.`, "story");
  return data;
}
