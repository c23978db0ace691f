import { z } from "zod";
import {
  ACTOR_ROLES,
  ATTRIBUTIONS,
  CLAIM_STATUSES,
  DATE_BOUNDS,
  EVENT_KINDS,
  EVENT_STATUSES,
  PRECISIONS,
  SOURCE_KINDS,
  STANCES,
  STORY_STATES,
  toSlug,
} from "../domain";

// The JSON API's response bodies. Handlers build them through these schemas, and the OpenAPI
// document (lib/api/openapi.ts) is generated from the same objects, so the two cannot disagree.

export const apiRegistry = z.registry<{ id: string; description?: string }>();

const slugEnum = <T extends string>(values: readonly T[]) => z.enum(values.map(toSlug) as [string, ...string[]]);

const dateTime = z.iso.datetime({ offset: true });
const nullableDateTime = dateTime.nullable();
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const statusLabelSchema = z
  .object({
    status: slugEnum(EVENT_STATUSES),
    text: z.string().describe("The label as the timeline shows it, e.g. “Media-reported, not officially confirmed”."),
    detail: z.string().nullable().describe("Who it rests on, or by whom and when it was confirmed or denied."),
    credit: z
      .object({
        voice: z.string().describe("Whose voice the label credits: the speaker, not the outlet that carried the words."),
        carrier: z.string().nullable().describe("The outlet that carried the words, when it is not the speaker's own channel."),
        origin: z.string().nullable().describe("The outlet a relay names as its origin."),
      })
      .nullable(),
    verdict: z
      .object({
        status: slugEnum(CLAIM_STATUSES),
        known_at: dateTime,
        text: z.string().describe("e.g. “since confirmed on the record by John Kirby, 25 Nov 2024”."),
      })
      .nullable()
      .describe("Where the event's main claim stands by then, when it moved past the item's own label."),
  })
  .register(apiRegistry, { id: "StatusLabel" });

export const sourceRefSchema = z.object({ slug, name: z.string() }).register(apiRegistry, { id: "SourceRef" });

export const citationSchema = z
  .object({
    id: z.string(),
    source: sourceRefSchema,
    url: z.string().nullable(),
    title: z.string().nullable(),
    published_at: nullableDateTime,
    quote: z.string().nullable(),
    published_precision: slugEnum(PRECISIONS).nullable().describe("Null when unknown."),
    attribution: slugEnum(ATTRIBUTIONS),
    attribution_text: z.string().nullable(),
    speaker: z.object({ slug, name: z.string(), title: z.string().nullable() }).nullable().describe("Whose words these are."),
    origin: sourceRefSchema.nullable().describe("The outlet this citation relays; it need not be cited itself."),
    origin_text: z.string().nullable(),
    repeats_citation_id: z.string().nullable(),
  })
  .register(apiRegistry, { id: "Citation" });

export const eventSchema = z
  .object({
    id: z.string().describe("Stable id: never reused, never derived from the headline."),
    slug,
    url: z.url().describe("The permalink page."),
    story: slug,
    kind: slugEnum(EVENT_KINDS),
    headline: z.string(),
    summary: z.string(),
    location: z.string().nullable(),
    occurred_at: dateTime,
    occurred_end_at: nullableDateTime,
    precision: slugEnum(PRECISIONS),
    approximate: z.boolean(),
    date_bound: slugEnum(DATE_BOUNDS).describe("exact, on-or-before, on-or-after, between (occurred_at–occurred_end_at), unknown."),
    time_note: z.string().nullable(),
    time_zone: z.string(),
    occurred_on: z.iso.date(),
    occurred_until: z.iso.date().nullable().describe("The last day of a date that spans several days (month precision, a range)."),
    date_text: z.string().describe("The date as the timeline shows it, in the event's zone and precision."),
    first_reported_at: dateTime,
    known_from: dateTime.describe("When the event became known from its citations: the as-of view shows it from then."),
    independent_sources: z.number().int().describe("Independent voices among the citations shown (relays and carriers count once)."),
    status: slugEnum(EVENT_STATUSES).describe("The label as of the request's asof date, or now."),
    status_label: statusLabelSchema,
    retracted_at: nullableDateTime,
    retraction_note: z.string().nullable(),
    citations: z.array(citationSchema),
    actors: z.array(z.object({ slug, name: z.string(), role: slugEnum(ACTOR_ROLES) })),
    tags: z.array(z.object({ slug, name: z.string() })),
    claims: z.array(
      z.object({ slug, text: z.string(), stance: slugEnum(STANCES), main: z.boolean(), status: slugEnum(CLAIM_STATUSES) }),
    ),
    updated_at: dateTime,
  })
  .register(apiRegistry, { id: "Event" });

export const eventListSchema = z
  .object({
    data: z.array(eventSchema),
    total: z.number().int().min(0).describe("Events matching the filters, across all pages."),
    as_of: z.iso.date().nullable(),
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next (older) page; null on the last page."),
  })
  .register(apiRegistry, { id: "EventList" });

export const claimSchema = z
  .object({
    id: z.string(),
    slug,
    url: z.url(),
    story: slug,
    text: z.string(),
    scope: z.string().nullable(),
    status: slugEnum(CLAIM_STATUSES).describe("As of the request's asof date, or now."),
    status_label: z.string(),
    updated_at: dateTime,
  })
  .register(apiRegistry, { id: "Claim" });

export const claimStatusChangeSchema = z
  .object({
    id: z.string(),
    from: slugEnum(CLAIM_STATUSES).nullable(),
    to: slugEnum(CLAIM_STATUSES),
    known_at: dateTime,
    reason: z.string(),
    evidence: z
      .object({ citation_id: z.string(), source: sourceRefSchema, event_slug: slug.nullable() })
      .nullable(),
  })
  .register(apiRegistry, { id: "ClaimStatusChange" });

export const claimDetailSchema = claimSchema
  .extend({
    history: z.array(claimStatusChangeSchema),
    events: z.array(z.object({ id: z.string(), slug, headline: z.string(), stance: slugEnum(STANCES) })),
  })
  .register(apiRegistry, { id: "ClaimDetail" });

export const claimListSchema = z
  .object({ data: z.array(claimSchema), next_cursor: z.string().nullable() })
  .register(apiRegistry, { id: "ClaimList" });

export const sourceSchema = z
  .object({
    slug,
    name: z.string(),
    kind: slugEnum(SOURCE_KINDS),
    country: z.string().nullable(),
    homepage: z.string().nullable(),
    description: z.string().nullable(),
    url: z.url(),
    updated_at: dateTime,
  })
  .register(apiRegistry, { id: "Source" });

export const sourceListSchema = z
  .object({ data: z.array(sourceSchema), next_cursor: z.string().nullable() })
  .register(apiRegistry, { id: "SourceList" });

export const actorSchema = z
  .object({
    slug,
    name: z.string(),
    title: z.string().nullable(),
    affiliation: z.string().nullable(),
    updated_at: dateTime,
  })
  .register(apiRegistry, { id: "Actor" });

export const actorListSchema = z
  .object({ data: z.array(actorSchema), next_cursor: z.string().nullable() })
  .register(apiRegistry, { id: "ActorList" });

export const storySchema = z
  .object({
    slug,
    title: z.string(),
    description: z.string(),
    time_zone: z.string(),
    is_default: z.boolean(),
    state: slugEnum(STORY_STATES).describe("developing: the story is still unfolding; concluded: it has come to an end."),
    event_count: z.number().int().describe("Published events."),
    url: z.url(),
    feeds: z.object({ rss: z.url(), atom: z.url(), json: z.url(), changes: z.url() }),
    exports: z.object({ json: z.url(), csv: z.url() }),
    updated_at: dateTime,
  })
  .register(apiRegistry, { id: "Story" });

export const storyListSchema = z.object({ data: z.array(storySchema) }).register(apiRegistry, { id: "StoryList" });

export const retractionSchema = z
  .object({
    type: z.enum(["retracted", "withdrawn"]).describe(
      "retracted: still published, marked retracted (its label says so). withdrawn: no longer published; delete your copy.",
    ),
    event_id: z.string(),
    event_slug: slug.nullable().describe("Null for withdrawn events."),
    story: slug,
    at: dateTime,
    note: z.string().nullable().describe("The public reason: the retraction note, or the withdrawal note its permalink shows."),
    merged_into: z.string().nullable().describe("For an event withdrawn as a duplicate: the id of the event it was merged into (its old slug and id redirect there)."),
  })
  .register(apiRegistry, { id: "Retraction" });

export const retractionListSchema = z
  .object({ data: z.array(retractionSchema) })
  .register(apiRegistry, { id: "RetractionList" });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({
          parameter: z.string().optional(),
          field: z.string().optional(),
          row: z.number().int().optional(),
          message: z.string(),
        }),
      ),
    }),
  })
  .register(apiRegistry, { id: "Error" });

export type ApiEvent = z.infer<typeof eventSchema>;
export type ApiClaim = z.infer<typeof claimSchema>;
