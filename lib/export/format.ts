import { z } from "zod";
import {
  ACTOR_ROLES,
  ATTRIBUTIONS,
  CLAIM_STATUSES,
  EVENT_KINDS,
  PRECISIONS,
  RELATION_TYPES,
  SOURCE_KINDS,
  STANCES,
} from "../domain";

// A story as a file: everything needed to rebuild it in another database, by stable id.
// Derived fields (status labels, ordering keys, search text) are left out: the importer
// recomputes them through the domain write paths. The same schema validates imports.

export const FORMAT_VERSION = 1;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, - or _");
const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens");
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2024-11-17T00:00:00.000Z" });
const text = z.string().trim().min(1, "is required");
const optionalText = z.string().nullable();

export const citationRecord = z.object({
  id,
  sourceId: id,
  url: optionalText,
  archivedUrl: optionalText,
  title: optionalText,
  publishedAt: instant.nullable(),
  publishedPrecision: z.enum(PRECISIONS),
  quote: optionalText,
  attribution: z.enum(ATTRIBUTIONS),
  attributionText: optionalText,
  repeatsCitationId: id.nullable(),
  note: optionalText,
});

export const eventRecord = z.object({
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
  citations: z.array(citationRecord),
  corrections: z.array(z.object({ id, note: text, createdAt: instant, createdBy: text })),
});

export const storyExportSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION, { message: `must be ${FORMAT_VERSION}` }),
  story: z.object({ id, slug, title: text, description: z.string(), timeZone: text, isDefault: z.boolean() }),
  sources: z.array(
    z.object({
      id,
      slug,
      name: text,
      kind: z.enum(SOURCE_KINDS),
      country: optionalText,
      homepage: optionalText,
      description: optionalText,
    }),
  ),
  actors: z.array(z.object({ id, slug, name: text, title: optionalText, affiliation: optionalText })),
  tags: z.array(z.object({ id, slug, name: text })),
  claims: z.array(
    z.object({
      id,
      slug,
      text,
      scope: optionalText,
      history: z.array(
        z.object({
          toStatus: z.enum(CLAIM_STATUSES),
          knownAt: instant,
          reason: text,
          evidenceCitationId: id.nullable(),
          changedBy: text,
        }),
      ),
    }),
  ),
  events: z.array(eventRecord),
  relations: z.array(z.object({ id, fromEventId: id, toEventId: id, type: z.enum(RELATION_TYPES), note: optionalText })),
});

export type StoryExport = z.infer<typeof storyExportSchema>;
export type EventRecord = z.infer<typeof eventRecord>;
export type CitationRecord = z.infer<typeof citationRecord>;

/** The exact bytes of a JSON export: stable key order, two-space indent, final newline. */
export function serializeStoryExport(data: StoryExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
