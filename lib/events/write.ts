import "server-only";
import type { Db, Tx } from "../db";
import { isValidTimeZone } from "../dates";
import type {
  ActorRoleValue,
  AttributionValue,
  EventKindValue,
  PrecisionValue,
  StanceValue,
} from "../domain";
import { DomainError } from "../errors";
import { deriveEventStatus, statusTimeline, type StatusPeriod } from "./status";
import { derivedTimeFields, searchTextFor } from "./derived";

type Client = Db | Tx;

/**
 * Recomputes the stored status label and search text of the given events from their citations,
 * stances and claim statuses. Every write path that touches an event, a citation, a stance or a
 * claim status calls this, so the stored label never disagrees with the model.
 */
export async function refreshEvents(db: Client, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  const events = await db.event.findMany({
    where: { id: { in: [...new Set(eventIds)] } },
    select: {
      id: true,
      headline: true,
      summary: true,
      status: true,
      searchText: true,
      firstReportedAt: true,
      retractedAt: true,
      citations: { select: { attribution: true, quote: true }, orderBy: { position: "asc" } },
      claims: {
        select: {
          stance: true,
          claim: {
            select: {
              status: true,
              // Changes known at the same instant apply in the order they were recorded.
              history: {
                select: { toStatus: true, knownAt: true },
                orderBy: [{ knownAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
              },
            },
          },
        },
      },
      statusPeriods: { select: { status: true, validFrom: true, validTo: true }, orderBy: { validFrom: "asc" } },
    },
  });
  for (const e of events) {
    const attributions = e.citations.map((c) => c.attribution);
    const status = deriveEventStatus({
      retracted: e.retractedAt !== null,
      attributions,
      claimLinks: e.claims.map((l) => ({ stance: l.stance, claimStatus: l.claim.status })),
    });
    const searchText = searchTextFor([e.headline, e.summary, ...e.citations.map((c) => c.quote)]);
    if (status !== e.status || searchText !== e.searchText) {
      await db.event.update({ where: { id: e.id }, data: { status, searchText } });
    }
    const periods = statusTimeline({
      firstReportedAt: e.firstReportedAt,
      retractedAt: e.retractedAt,
      attributions,
      claimLinks: e.claims.map((l) => ({ stance: l.stance, history: l.claim.history })),
    });
    // The history's present must agree with the stored label (claim.status is the latest change).
    const current = periods[periods.length - 1];
    if (current && current.status !== status) current.status = status;
    if (!samePeriods(periods, e.statusPeriods)) {
      await db.eventStatusPeriod.deleteMany({ where: { eventId: e.id } });
      await db.eventStatusPeriod.createMany({ data: periods.map((p) => ({ eventId: e.id, ...p })) });
    }
  }
}

function samePeriods(a: readonly StatusPeriod[], b: readonly StatusPeriod[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (p, i) =>
        p.status === b[i]!.status &&
        p.validFrom.getTime() === b[i]!.validFrom.getTime() &&
        (p.validTo?.getTime() ?? null) === (b[i]!.validTo?.getTime() ?? null),
    )
  );
}

/** Refreshes every event that takes a stance on the claim (after its status changed). */
export async function refreshEventsOfClaim(db: Client, claimId: string): Promise<void> {
  const links = await db.eventClaim.findMany({ where: { claimId }, select: { eventId: true } });
  await refreshEvents(
    db,
    links.map((l) => l.eventId),
  );
}

export type NewCitation = {
  /** A stable id to keep (imports); a new one is generated when absent. */
  id?: string;
  sourceId: string;
  url?: string | null;
  archivedUrl?: string | null;
  title?: string | null;
  publishedAt?: Date | null;
  publishedPrecision?: PrecisionValue;
  quote?: string | null;
  attribution: AttributionValue;
  attributionText?: string | null;
  repeatsCitationId?: string | null;
  note?: string | null;
};

export type NewEvent = {
  /** A stable id to keep (imports); a new one is generated when absent. */
  id?: string;
  storyId: string;
  slug: string;
  kind: EventKindValue;
  headline: string;
  summary: string;
  location?: string | null;
  occurredAt: Date;
  occurredEndAt?: Date | null;
  precision: PrecisionValue;
  approximate?: boolean;
  timeNote?: string | null;
  timeZone: string;
  dayOrder?: number;
  firstReportedAt: Date;
  published?: boolean;
  actors?: readonly { actorId: string; role: ActorRoleValue }[];
  tagIds?: readonly string[];
  citations: readonly NewCitation[];
  claims?: readonly { claimId: string; stance: StanceValue; note?: string | null }[];
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Rules every event obeys, whichever path writes it. */
export function checkNewEvent(input: NewEvent): void {
  if (!SLUG.test(input.slug) || input.slug.length > 120) {
    throw new DomainError("The slug must be lower-case words joined by hyphens (at most 120 characters).", "slug");
  }
  if (input.headline.trim().length === 0) throw new DomainError("The headline is required.", "headline");
  if (!isValidTimeZone(input.timeZone)) {
    throw new DomainError(`"${input.timeZone}" is not an IANA time zone.`, "timeZone");
  }
  if (input.occurredEndAt && input.occurredEndAt.getTime() < input.occurredAt.getTime()) {
    throw new DomainError("The end of the event cannot precede its start.", "occurredEndAt");
  }
  if (input.approximate && !input.timeNote?.trim()) {
    throw new DomainError("An approximate date needs a note giving its basis.", "timeNote");
  }
  if ((input.published ?? true) && input.citations.length === 0) {
    throw new DomainError("A published event needs at least one citation.", "citations");
  }
}

/**
 * Creates an event with its citations, actors, tags and stances, and the stored fields derived
 * from them (day, ordering key, search text, status label). Run it inside a transaction.
 */
export async function createEvent(tx: Tx, input: NewEvent) {
  checkNewEvent(input);
  const claimLinks = input.claims ?? [];
  const claims = await tx.claim.findMany({
    where: { id: { in: claimLinks.map((c) => c.claimId) } },
    select: { id: true, status: true },
  });
  const statusOf = new Map(claims.map((c) => [c.id, c.status]));
  const missing = claimLinks.find((c) => !statusOf.has(c.claimId));
  if (missing) throw new DomainError("A linked claim does not exist.", "claims");

  const status = deriveEventStatus({
    retracted: false,
    attributions: input.citations.map((c) => c.attribution),
    claimLinks: claimLinks.map((c) => ({ stance: c.stance, claimStatus: statusOf.get(c.claimId)! })),
  });
  const dayOrder = input.dayOrder ?? 0;
  const published = input.published ?? true;
  const created = await tx.event.create({
    data: {
      id: input.id,
      storyId: input.storyId,
      slug: input.slug,
      kind: input.kind,
      headline: input.headline.trim(),
      summary: input.summary.trim(),
      location: input.location ?? null,
      occurredAt: input.occurredAt,
      occurredEndAt: input.occurredEndAt ?? null,
      precision: input.precision,
      approximate: input.approximate ?? false,
      timeNote: input.timeNote ?? null,
      timeZone: input.timeZone,
      dayOrder,
      ...derivedTimeFields({ occurredAt: input.occurredAt, timeZone: input.timeZone, dayOrder }),
      firstReportedAt: input.firstReportedAt,
      status,
      searchText: searchTextFor([input.headline, input.summary, ...input.citations.map((c) => c.quote)]),
      published,
      publishedAt: published ? input.firstReportedAt : null,
      citations: {
        create: input.citations.map((c, position) => ({
          id: c.id,
          sourceId: c.sourceId,
          url: c.url ?? null,
          archivedUrl: c.archivedUrl ?? null,
          title: c.title ?? null,
          publishedAt: c.publishedAt ?? null,
          publishedPrecision: c.publishedPrecision ?? "DAY",
          quote: c.quote ?? null,
          attribution: c.attribution,
          attributionText: c.attributionText ?? null,
          repeatsCitationId: c.repeatsCitationId ?? null,
          note: c.note ?? null,
          position,
        })),
      },
      actors: { create: (input.actors ?? []).map((a) => ({ actorId: a.actorId, role: a.role })) },
      tags: { create: (input.tagIds ?? []).map((tagId) => ({ tagId })) },
      claims: { create: claimLinks.map((c) => ({ claimId: c.claimId, stance: c.stance, note: c.note ?? null })) },
    },
    select: { id: true, slug: true, citations: { select: { id: true, position: true }, orderBy: { position: "asc" } } },
  });
  await refreshEvents(tx, [created.id]);
  return created;
}
