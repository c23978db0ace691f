import "server-only";
import type { Db, Tx } from "../db";
import { isValidTimeZone } from "../dates";
import type {
  ActorRoleValue,
  AttributionValue,
  ClaimStatusValue,
  DateBoundValue,
  EventKindValue,
  PrecisionValue,
  SourceKindValue,
  StanceValue,
} from "../domain";
import { DomainError } from "../errors";
import { isWebUrl, WEB_URL_MESSAGE } from "../url";
import { derivedTimeFields, normalizeEventDate, searchTextFor } from "./derived";
import { eventKnownFrom, labelPeriods, type EventFacts, type StatusPeriod } from "./projection";

type Client = Db | Tx;

/**
 * Recomputes every stored field derived from an event's own fields, citations, stances and claim
 * histories: its day, span and ordering key, the instant it became known, its search text, its
 * current label and the history of its label (one period per change, from the as-of projection).
 * Every write path that touches an event, a citation, a stance or a claim status calls this, so
 * the stored data never disagree with the model. (The source key, EventSource, follows the
 * Citation and Event rows through database triggers.)
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
      occurredAt: true,
      occurredEndAt: true,
      precision: true,
      dateBound: true,
      timeZone: true,
      dayOrder: true,
      occurredOn: true,
      spanEndOn: true,
      timelineKey: true,
      firstReportedAt: true,
      knownFrom: true,
      retractedAt: true,
      kind: true,
      citations: {
        select: {
          publishedAt: true,
          attribution: true,
          quote: true,
          sourceId: true,
          speakerActorId: true,
          originSourceId: true,
          source: { select: { kind: true } },
        },
        orderBy: { position: "asc" },
      },
      claims: {
        select: {
          stance: true,
          position: true,
          claim: {
            select: {
              id: true,
              history: {
                select: {
                  toStatus: true,
                  knownAt: true,
                  sequence: true,
                  evidenceCitation: { select: { sourceId: true, speakerActorId: true, originSourceId: true, source: { select: { kind: true } } } },
                },
              },
            },
          },
        },
      },
      statusPeriods: { select: { status: true, validFrom: true, validTo: true }, orderBy: { validFrom: "asc" } },
    },
  });
  for (const e of events) {
    const { periods, ...derived } = eventDerivations(e);
    const changed = (Object.keys(derived) as (keyof typeof derived)[]).some((k) => {
      const a = derived[k];
      const b = e[k];
      return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
    });
    if (changed) await db.event.update({ where: { id: e.id }, data: derived });
    if (!samePeriods(periods, e.statusPeriods)) {
      await db.eventStatusPeriod.deleteMany({ where: { eventId: e.id } });
      await db.eventStatusPeriod.createMany({ data: periods.map((p) => ({ eventId: e.id, ...p })) });
    }
  }
}

/** What refreshEvents reads of an event to derive its stored fields. */
export type DerivationFacts = {
  kind: EventKindValue;
  headline: string;
  summary: string;
  occurredAt: Date;
  occurredEndAt: Date | null;
  precision: PrecisionValue;
  dateBound: DateBoundValue;
  timeZone: string;
  dayOrder: number;
  firstReportedAt: Date;
  retractedAt: Date | null;
  /** In position order. */
  citations: readonly {
    publishedAt: Date | null;
    attribution: AttributionValue;
    quote: string | null;
    sourceId: string;
    speakerActorId: string | null;
    originSourceId: string | null;
    source: { kind: SourceKindValue };
  }[];
  claims: readonly {
    stance: StanceValue;
    position: number;
    claim: {
      id: string;
      history: readonly {
        toStatus: ClaimStatusValue;
        knownAt: Date;
        sequence: number;
        evidenceCitation: { sourceId: string; speakerActorId: string | null; originSourceId: string | null; source: { kind: SourceKindValue } } | null;
      }[];
    };
  }[];
};

/**
 * Every stored field derived from an event's facts: its day, span and ordering key, when it
 * became known, its search text, its current label and the history of its label. Pure: the bulk
 * import computes the same values for events it writes many at a time.
 */
export function eventDerivations(e: DerivationFacts) {
  const facts = {
    kind: e.kind,
    firstReportedAt: e.firstReportedAt,
    retractedAt: e.retractedAt,
    citations: e.citations,
    claims: e.claims,
  };
  const periods = labelPeriods(facts as never as EventFacts);
  const status = periods[periods.length - 1]?.status ?? "REPORTED";
  return {
    ...derivedTimeFields(e),
    knownFrom: eventKnownFrom(e),
    status,
    searchText: searchTextFor([e.headline, e.summary, ...e.citations.map((c) => c.quote)]),
    periods,
  };
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

/**
 * Refreshes every event that takes a stance on a claim whose history names the citation as
 * evidence: the citation's voice (source, speaker, origin) is part of those events' labels (who
 * confirmed the claim, whose claim it is), so editing it changes them too.
 */
export async function refreshEventsOfEvidence(db: Client, citationIds: readonly string[]): Promise<void> {
  const claimIds = new Set<string>();
  for (let i = 0; i < citationIds.length; i += 400) {
    const changes = await db.claimStatusChange.findMany({ where: { evidenceCitationId: { in: citationIds.slice(i, i + 400) } }, select: { claimId: true } });
    for (const c of changes) claimIds.add(c.claimId);
  }
  for (const claimId of claimIds) await refreshEventsOfClaim(db, claimId);
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
  /** Absent: day precision. Null: unknown (always so when publishedAt is). */
  publishedPrecision?: PrecisionValue | null;
  quote?: string | null;
  attribution: AttributionValue;
  attributionText?: string | null;
  speakerActorId?: string | null;
  originSourceId?: string | null;
  originText?: string | null;
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
  dateBound?: DateBoundValue;
  timeNote?: string | null;
  timeZone: string;
  dayOrder?: number;
  firstReportedAt: Date;
  published?: boolean;
  /** The version to start at (an import keeps the file's); 1 otherwise. */
  version?: number;
  actors?: readonly { actorId: string; role: ActorRoleValue }[];
  tagIds?: readonly string[];
  citations: readonly NewCitation[];
  /** The first is the event's main claim, which its label follows. */
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
  const bound = input.dateBound ?? "EXACT";
  if (bound === "BETWEEN" && !input.occurredEndAt) {
    throw new DomainError("A date “between” two dates needs the later one as its end.", "occurredEndAt");
  }
  if ((bound === "ON_OR_BEFORE" || bound === "ON_OR_AFTER") && input.occurredEndAt) {
    throw new DomainError("An “on or before” or “on or after” date is one bound: leave the end empty.", "occurredEndAt");
  }
  if (bound !== "UNKNOWN" && input.occurredEndAt && input.occurredEndAt.getTime() < input.occurredAt.getTime()) {
    throw new DomainError("The end of the event cannot precede its start.", "occurredEndAt");
  }
  if (input.approximate && !input.timeNote?.trim()) {
    throw new DomainError("An approximate date needs a note giving its basis.", "timeNote");
  }
  if ((input.published ?? true) && input.citations.length === 0) {
    throw new DomainError("A published event needs at least one citation.", "citations");
  }
  const claimIds = (input.claims ?? []).map((c) => c.claimId);
  if (new Set(claimIds).size !== claimIds.length) {
    throw new DomainError("A claim can be linked to an event only once.", "claims");
  }
  for (const [i, c] of input.citations.entries()) checkNewCitation(c, `citations[${i}]`);
}

/** Rules every citation obeys, whichever path writes it. */
export function checkNewCitation(c: NewCitation, field = "citation"): void {
  for (const key of ["url", "archivedUrl"] as const) {
    const v = c[key];
    if (v && !isWebUrl(v)) throw new DomainError(`${WEB_URL_MESSAGE} (got “${v.slice(0, 60)}”)`, `${field}.${key}`);
  }
  if (c.publishedPrecision && !c.publishedAt) {
    throw new DomainError("A publication precision needs a publication date; leave both empty when the date is unknown.", `${field}.publishedPrecision`);
  }
  if (c.originSourceId && c.originSourceId === c.sourceId) {
    throw new DomainError("A citation cannot relay its own source: leave the origin empty.", `${field}.originSourceId`);
  }
}

/**
 * Creates an event with its citations, actors, tags and stances, and the stored fields derived
 * from them (day, span, ordering key, when it became known, search text, label and its history).
 * Run it inside a transaction.
 */
export async function createEvent(tx: Tx, raw: NewEvent) {
  const input = normalizeEventDate(raw);
  checkNewEvent(input);
  const claimLinks = input.claims ?? [];
  const found = await tx.claim.count({ where: { id: { in: claimLinks.map((c) => c.claimId) } } });
  if (found !== claimLinks.length) throw new DomainError("A linked claim does not exist.", "claims");

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
      dateBound: input.dateBound ?? "EXACT",
      timeNote: input.timeNote ?? null,
      timeZone: input.timeZone,
      dayOrder,
      ...derivedTimeFields({ ...input, dayOrder }),
      firstReportedAt: input.firstReportedAt,
      knownFrom: eventKnownFrom({ firstReportedAt: input.firstReportedAt, citations: input.citations.map((c) => ({ publishedAt: c.publishedAt ?? null })) }),
      // Set by refreshEvents below, from the full projection.
      status: "REPORTED",
      searchText: searchTextFor([input.headline, input.summary, ...input.citations.map((c) => c.quote)]),
      published,
      publishedAt: published ? input.firstReportedAt : null,
      version: input.version ?? 1,
      citations: {
        create: input.citations.map((c, position) => ({
          id: c.id,
          sourceId: c.sourceId,
          url: c.url ?? null,
          archivedUrl: c.archivedUrl ?? null,
          title: c.title ?? null,
          publishedAt: c.publishedAt ?? null,
          // Absent means day precision; null says the precision is unknown.
          publishedPrecision: c.publishedAt ? (c.publishedPrecision === undefined ? "DAY" : c.publishedPrecision) : null,
          quote: c.quote ?? null,
          attribution: c.attribution,
          attributionText: c.attributionText ?? null,
          speakerActorId: c.speakerActorId ?? null,
          originSourceId: c.originSourceId ?? null,
          originText: c.originText ?? null,
          repeatsCitationId: c.repeatsCitationId ?? null,
          note: c.note ?? null,
          position,
        })),
      },
      actors: { create: (input.actors ?? []).map((a) => ({ actorId: a.actorId, role: a.role })) },
      tags: { create: (input.tagIds ?? []).map((tagId) => ({ tagId })) },
      claims: {
        create: claimLinks.map((c, position) => ({ claimId: c.claimId, stance: c.stance, note: c.note ?? null, position })),
      },
    },
    select: { id: true, slug: true, citations: { select: { id: true, position: true }, orderBy: { position: "asc" } } },
  });
  await refreshEvents(tx, [created.id]);
  return created;
}
