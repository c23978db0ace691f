import { z } from "zod";
import {
  ACTOR_ROLES,
  ATTRIBUTIONS,
  CLAIM_STATUSES,
  DATE_BOUNDS,
  EVENT_KINDS,
  PRECISIONS,
  RELATION_TYPES,
  SOURCE_KINDS,
  STANCES,
} from "../domain";
import { isWebUrl, WEB_URL_MESSAGE } from "../url";

// A story as a file: everything needed to rebuild it in another database, by stable id.
// Derived fields (status labels, ordering keys, search text, when an event became known) are left
// out: the importer recomputes them through the domain write paths. The same schema validates
// imports.
//
// Version 2 adds a citation's speaker, the origin it relays (a source, or words), an unknown
// publication precision; an event's date bound and version; the order of an event's claims (the
// first is its main claim); and a claim change's sequence. Version 1 files still import: they are
// read with the version 1 schema and upgraded (upgradeV1).

export const FORMAT_VERSION = 2;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, - or _");
const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2024-11-17T00:00:00.000Z" });
const text = z.string().trim().min(1, "is required");
const optionalText = z.string().nullable();
const webUrl = z.string().refine(isWebUrl, WEB_URL_MESSAGE).nullable();

const citationV1 = z.object({
  id,
  sourceId: id,
  url: webUrl,
  archivedUrl: webUrl,
  title: optionalText,
  publishedAt: instant.nullable(),
  publishedPrecision: z.enum(PRECISIONS),
  quote: optionalText,
  attribution: z.enum(ATTRIBUTIONS),
  attributionText: optionalText,
  repeatsCitationId: id.nullable(),
  note: optionalText,
});

export const citationRecord = citationV1.extend({
  publishedPrecision: z.enum(PRECISIONS).nullable(),
  speakerActorId: id.nullable(),
  originSourceId: id.nullable(),
  originText: optionalText,
});

const eventV1 = z.object({
  id,
  slug,
  kind: z.enum(EVENT_KINDS),
  headline: text,
  summary: z.string(),
  location: optionalText,
  occurredAt: instant,
  occurredEndAt: instant.nullable(),
  precision: z.enum(PRECISIONS),
  approximate: z.boolean(),
  timeNote: optionalText,
  timeZone: text,
  dayOrder: z.number().int().min(0).max(9999),
  firstReportedAt: instant,
  published: z.boolean(),
  retractedAt: instant.nullable(),
  retractionNote: optionalText,
  actors: z.array(z.object({ actorId: id, role: z.enum(ACTOR_ROLES) })),
  tagIds: z.array(id),
  claims: z.array(z.object({ claimId: id, stance: z.enum(STANCES), note: optionalText })),
  citations: z.array(citationV1),
  corrections: z.array(z.object({ id, note: text, createdAt: instant, createdBy: text })),
});

export const eventRecord = eventV1.extend({
  dateBound: z.enum(DATE_BOUNDS),
  /** The version the record had when exported: an import never silently overwrites a newer one. */
  version: z.number().int().min(1),
  /** In order: the first is the event's main claim. */
  claims: z.array(z.object({ claimId: id, stance: z.enum(STANCES), note: optionalText })),
  citations: z.array(citationRecord),
});

const statusChangeV1 = z.object({
  toStatus: z.enum(CLAIM_STATUSES),
  knownAt: instant,
  reason: text,
  evidenceCitationId: id.nullable(),
  changedBy: text,
});

const common = {
  story: z.object({ id, slug, title: text, description: z.string(), timeZone: text, isDefault: z.boolean() }),
  sources: z.array(
    z.object({
      id,
      slug,
      name: text,
      kind: z.enum(SOURCE_KINDS),
      country: optionalText,
      homepage: webUrl,
      description: optionalText,
    }),
  ),
  actors: z.array(z.object({ id, slug, name: text, title: optionalText, affiliation: optionalText })),
  tags: z.array(z.object({ id, slug, name: text })),
  relations: z.array(z.object({ id, fromEventId: id, toEventId: id, type: z.enum(RELATION_TYPES), note: optionalText })),
};

export const storyExportSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION, { message: `must be ${FORMAT_VERSION} (or 1, an older file)` }),
  ...common,
  claims: z.array(
    z.object({
      id,
      slug,
      text,
      scope: optionalText,
      history: z.array(statusChangeV1.extend({ sequence: z.number().int().min(1) })),
    }),
  ),
  events: z.array(eventRecord),
});

const storyExportSchemaV1 = z.object({
  formatVersion: z.literal(1),
  ...common,
  claims: z.array(z.object({ id, slug, text, scope: optionalText, history: z.array(statusChangeV1) })),
  events: z.array(eventV1),
});

export type StoryExport = z.infer<typeof storyExportSchema>;
export type EventRecord = z.infer<typeof eventRecord>;
export type CitationRecord = z.infer<typeof citationRecord>;

/** A version 1 claim list in version 2's terms: each history numbered in the order it was known. */
function upgradeClaimsV1(claims: z.infer<typeof storyExportSchemaV1>["claims"]): StoryExport["claims"] {
  return claims.map((c) => ({
    ...c,
    // A version 1 history is in the order it was recorded (knownAt, oldest first).
    history: [...c.history]
      .map((h, i) => ({ h, i }))
      .sort((a, b) => Date.parse(a.h.knownAt) - Date.parse(b.h.knownAt) || a.i - b.i)
      .map(({ h }, i) => ({ ...h, sequence: i + 1 })),
  }));
}

/** A version 1 event in version 2's terms: no speakers or origins, an exact date, version 1. */
function upgradeEventV1(e: z.infer<typeof eventV1>): EventRecord {
  return {
    ...e,
    dateBound: "EXACT" as const,
    version: 1,
    citations: e.citations.map((c) => ({
      ...c,
      publishedPrecision: c.publishedAt ? c.publishedPrecision : null,
      speakerActorId: null,
      originSourceId: null,
      originText: null,
    })),
  };
}

/** A version 1 file in version 2's terms (upgradeClaimsV1, upgradeEventV1). */
export function upgradeV1(v1: z.infer<typeof storyExportSchemaV1>): StoryExport {
  return { ...v1, formatVersion: FORMAT_VERSION, claims: upgradeClaimsV1(v1.claims), events: v1.events.map(upgradeEventV1) };
}

/**
 * The schema a file is read with, by its formatVersion: a version 1 file is upgraded to the
 * current shape; anything else is checked against the current version (and told which it must be).
 */
export function importSchemaFor(raw: unknown): z.ZodType<StoryExport> {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  return version === 1 ? (storyExportSchemaV1.transform(upgradeV1) as unknown as z.ZodType<StoryExport>) : storyExportSchema;
}

/** A file without its events and relations: what an import reads whole. */
export type StoryHead = Omit<StoryExport, "events" | "relations">;
export type RelationRecord = StoryExport["relations"][number];

/**
 * importSchemaFor in parts, for a file read a record at a time (lib/import/story-file.ts): its
 * head (everything but the events and relations), one event, one relation.
 */
export function partSchemasFor(formatVersion: unknown): { head: z.ZodType<StoryHead>; event: z.ZodType<EventRecord>; relation: z.ZodType<RelationRecord> } {
  const relation = common.relations.element;
  if (formatVersion === 1) {
    return {
      head: storyExportSchemaV1
        .omit({ events: true, relations: true })
        .transform((h) => ({ ...h, formatVersion: FORMAT_VERSION, claims: upgradeClaimsV1(h.claims) })) as unknown as z.ZodType<StoryHead>,
      event: eventV1.transform(upgradeEventV1) as unknown as z.ZodType<EventRecord>,
      relation,
    };
  }
  return { head: storyExportSchema.omit({ events: true, relations: true }), event: eventRecord, relation };
}

/** The exact bytes of a JSON export: stable key order, two-space indent, final newline. */
export function serializeStoryExport(data: StoryExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** JSON.stringify(value, null, 2) as it reads nested `depth` levels down in a file. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/**
 * The bytes of serializeStoryExport, written a piece at a time: the story's lists arrive in
 * chunks (lib/export/export-story.ts, openStoryExport) and leave as they come.
 */
export async function* serializeStoryExportChunks(parts: {
  story: StoryExport["story"];
  sources: StoryExport["sources"];
  actors: StoryExport["actors"];
  tags: StoryExport["tags"];
  claims: AsyncIterable<StoryExport["claims"]>;
  events: AsyncIterable<StoryExport["events"]>;
  relations: AsyncIterable<StoryExport["relations"]>;
}): AsyncGenerator<string> {
  async function* list(name: string, chunks: AsyncIterable<unknown[]>, last = false): AsyncGenerator<string> {
    let first = true;
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      const items = chunk.map((item) => `    ${nested(item, 2)}`).join(",\n");
      yield first ? `  "${name}": [\n${items}` : `,\n${items}`;
      first = false;
    }
    yield `${first ? `  "${name}": []` : "\n  ]"}${last ? "\n" : ",\n"}`;
  }
  async function* once<T>(value: T[]) {
    yield value;
  }
  yield `{\n  "formatVersion": ${FORMAT_VERSION},\n  "story": ${nested(parts.story, 1)},\n`;
  yield* list("sources", once(parts.sources));
  yield* list("actors", once(parts.actors));
  yield* list("tags", once(parts.tags));
  yield* list("claims", parts.claims);
  yield* list("events", parts.events);
  yield* list("relations", parts.relations, true);
  yield "}\n";
}
