import type { Prisma } from "../../generated/prisma-sqlite/client";

// Select fragments shared by every query that shows an event: when it happened (with precision
// and zone), and the facts the as-of projection (lib/events/projection.ts) reads.

export const eventTimeSelect = {
  occurredAt: true,
  occurredEndAt: true,
  precision: true,
  approximate: true,
  dateBound: true,
  timeZone: true,
  firstReportedAt: true,
} satisfies Prisma.EventSelect;

/** An event in brief (a related event, a thread, a claim's events): its label from its periods. */
export const eventBriefSelect = {
  id: true,
  slug: true,
  headline: true,
  ...eventTimeSelect,
  status: true,
  knownFrom: true,
  statusPeriods: { select: { status: true, validFrom: true, validTo: true } },
} satisfies Prisma.EventSelect;

const actorVoiceSelect = { select: { slug: true, name: true, title: true, affiliation: true } } as const;

/** A citation as the projection and the label read it. */
export const citationFactsSelect = {
  id: true,
  sourceId: true,
  source: { select: { slug: true, name: true, kind: true } },
  url: true,
  title: true,
  quote: true,
  publishedAt: true,
  publishedPrecision: true,
  attribution: true,
  attributionText: true,
  repeatsCitationId: true,
  speakerActorId: true,
  speaker: actorVoiceSelect,
  originSourceId: true,
  origin: { select: { slug: true, name: true, kind: true } },
  originText: true,
} satisfies Prisma.CitationSelect;

/** A claim status change with the voice of its evidence. */
export const claimChangeSelect = {
  id: true,
  fromStatus: true,
  toStatus: true,
  knownAt: true,
  sequence: true,
  reason: true,
  evidenceCitationId: true,
  evidenceCitation: {
    select: {
      id: true,
      sourceId: true,
      speakerActorId: true,
      originSourceId: true,
      source: { select: { slug: true, name: true, kind: true } },
      url: true,
      quote: true,
      publishedAt: true,
      publishedPrecision: true,
      attribution: true,
      attributionText: true,
      speaker: actorVoiceSelect,
      origin: { select: { slug: true, name: true, kind: true } },
      originText: true,
      event: { select: { slug: true, published: true } },
    },
  },
} satisfies Prisma.ClaimStatusChangeSelect;

/** An event's claim links, main claim first, with each claim's full history. */
export const claimLinksSelect = {
  orderBy: [{ position: "asc" }, { claimId: "asc" }],
  select: {
    stance: true,
    note: true,
    position: true,
    claim: {
      select: {
        id: true,
        slug: true,
        text: true,
        scope: true,
        status: true,
        history: { orderBy: [{ knownAt: "asc" }, { sequence: "asc" }], select: claimChangeSelect },
      },
    },
  },
} satisfies Prisma.Event$claimsArgs;
