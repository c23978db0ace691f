import type { Tx } from "../db";
import type { ClaimStatusValue, SourceKindValue } from "../domain";
import { DomainError } from "../errors";
import { normalizeEventDate } from "../events/derived";
import { checkNewEvent, eventDerivations, type DerivationFacts, type NewEvent } from "../events/write";
import type { CitationRecord, EventRecord, StoryHead } from "../export/format";
import {
  CITATION_TABLE,
  EVENT_ACTOR_TABLE,
  EVENT_CLAIM_TABLE,
  EVENT_TABLE,
  EVENT_TAG_TABLE,
  insertStatements,
  newRowId,
  providerOf,
  runStatements,
  REVISION_TABLE,
  selectWhereIn,
  STATUS_PERIOD_TABLE,
  type Statement,
  type TableSpec,
} from "./raw-insert";

// The events of an import that the database does not hold yet, written many at a time: the same
// rules (checkNewEvent), the same derived fields (eventDerivations, as refreshEvents computes
// them) and the same revision-log entries as createEvent one by one, in a handful of multi-row
// statements per chunk (lib/import/raw-insert.ts) instead of a dozen statements per event. Their labels are derived from the claim histories as
// they will stand once the import has appended the file's changes (plannedHistories), so the
// import does not derive them twice. lib/import/import.test.ts checks that refreshing every
// event afterwards changes nothing.

/** Events written per round of statements: well within both databases' parameter limits. */
export const BULK_CHUNK = 400;

type Evidence = NonNullable<DerivationFacts["claims"][number]["claim"]["history"][number]["evidenceCitation"]>;
type PlannedChange = { toStatus: ClaimStatusValue; knownAt: Date; sequence: number; evidenceCitation: Evidence | null };

const newId = newRowId;

const changeKey = (knownAt: Date | string, toStatus: string) => `${new Date(knownAt).toISOString()}|${toStatus}`;

async function inSlices<V, R>(values: readonly V[], find: (slice: V[]) => Promise<R[]>, size = 400): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await find(values.slice(i, i + size))));
  return out;
}

/** Source kinds by id, for every source the given events cite or relay. */
export async function sourceKinds(tx: Tx, ids: readonly string[]): Promise<Map<string, SourceKindValue>> {
  const rows = await selectWhereIn(tx, "Source", ["id", "kind"], { id: ids });
  return new Map(rows.map((r) => [r.id!, r.kind as SourceKindValue]));
}

/**
 * Each claim's history as it will stand after the import: what the database holds, then the
 * file's changes it lacks, in the order recordClaimStatusChange appends them (knownAt, then the
 * file's sequence) with the sequence numbers it will give them.
 */
export async function plannedHistories(
  tx: Tx,
  file: { claims: StoryHead["claims"]; evidence: ReadonlyMap<string, CitationRecord> },
  claimIds: ReadonlySet<string>,
  kinds: ReadonlyMap<string, SourceKindValue>,
): Promise<Map<string, PlannedChange[]>> {
  const ids = [...claimIds];
  const stored = await inSlices(ids, (slice) =>
    tx.claimStatusChange.findMany({
      where: { claimId: { in: slice } },
      select: {
        claimId: true,
        toStatus: true,
        knownAt: true,
        sequence: true,
        evidenceCitationId: true,
        evidenceCitation: { select: { sourceId: true, speakerActorId: true, originSourceId: true, source: { select: { kind: true } } } },
      },
    }),
  );
  // The file's citations its claims' changes name as evidence (found by the import's first pass).
  const fileCitations = file.evidence;
  const fileChanges = file.claims.filter((c) => claimIds.has(c.id));
  const evidenceIds = fileChanges.flatMap((c) => c.history.flatMap((h) => (h.evidenceCitationId && !fileCitations.has(h.evidenceCitationId) ? [h.evidenceCitationId] : [])));
  const storedEvidence = new Map(
    (
      await inSlices([...new Set(evidenceIds)], (slice) =>
        tx.citation.findMany({
          where: { id: { in: slice } },
          select: { id: true, sourceId: true, speakerActorId: true, originSourceId: true, source: { select: { kind: true } } },
        }),
      )
    ).map((c) => [c.id, c]),
  );
  const evidenceOf = (id: string | null): Evidence | null => {
    if (!id) return null;
    const inFile = fileCitations.get(id);
    if (inFile) {
      const kind = kinds.get(inFile.sourceId);
      return kind ? { sourceId: inFile.sourceId, speakerActorId: inFile.speakerActorId, originSourceId: inFile.originSourceId, source: { kind } } : null;
    }
    const c = storedEvidence.get(id);
    return c ? { sourceId: c.sourceId, speakerActorId: c.speakerActorId, originSourceId: c.originSourceId, source: { kind: c.source.kind } } : null;
  };

  const planned = new Map<string, PlannedChange[]>(ids.map((id) => [id, []]));
  // A stored change whose evidence the file carries (an event the import updates): the citation
  // as the import leaves it, not as the database holds it now.
  for (const h of stored) {
    const evidenceCitation = h.evidenceCitationId && fileCitations.has(h.evidenceCitationId) ? evidenceOf(h.evidenceCitationId) : h.evidenceCitation;
    planned.get(h.claimId)!.push({ toStatus: h.toStatus, knownAt: h.knownAt, sequence: h.sequence, evidenceCitation });
  }
  for (const c of fileChanges) {
    const history = planned.get(c.id)!;
    const have = new Set(history.map((h) => changeKey(h.knownAt, h.toStatus)));
    const latest = () => [...history].sort((a, b) => b.knownAt.getTime() - a.knownAt.getTime() || b.sequence - a.sequence)[0];
    const ordered = c.history.map((h, j) => ({ h, j })).sort((a, b) => Date.parse(a.h.knownAt) - Date.parse(b.h.knownAt) || a.h.sequence - b.h.sequence || a.j - b.j);
    for (const { h } of ordered) {
      const key = changeKey(h.knownAt, h.toStatus);
      if (have.has(key)) continue;
      have.add(key);
      history.push({ toStatus: h.toStatus, knownAt: new Date(h.knownAt), sequence: (latest()?.sequence ?? 0) + 1, evidenceCitation: evidenceOf(h.evidenceCitationId) });
    }
  }
  return planned;
}

export type BulkRow = { record: EventRecord; input: NewEvent; row: string };

/** Thrown for the first event of a chunk that breaks a rule, naming its row. */
export class BulkRowError extends Error {
  constructor(
    readonly row: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Writes new events (none of them in the database) with their citations, actors, tags and
 * stances, their derived fields and label history, and one revision each. Every rule is checked
 * before anything of the chunk is written; the caller's transaction makes it all or nothing.
 */
export async function createEventsInBulk(
  tx: Tx,
  rows: readonly BulkRow[],
  context: {
    kinds: ReadonlyMap<string, SourceKindValue>;
    histories: ReadonlyMap<string, PlannedChange[]>;
    revision: (e: EventRecord) => { diff: string; reason: string };
  },
): Promise<void> {
  const provider = providerOf(tx);
  // Each chunk's statements are built (rules checked, fields derived, rows laid out) while the
  // database runs the previous chunk's first statement: on PostgreSQL, a server of its own, the
  // one overlaps the other.
  const build = (chunk: readonly BulkRow[]): Statement[] => {
    const prepared = chunk.map(({ record, input: raw, row }) => {
      const input = normalizeEventDate(raw);
      try {
        checkNewEvent(input);
      } catch (err) {
        if (err instanceof DomainError) throw new BulkRowError(row, err.field ?? "", err.message);
        throw err;
      }
      const citations = input.citations.map((c) => ({
        publishedAt: c.publishedAt ?? null,
        attribution: c.attribution,
        quote: c.quote ?? null,
        sourceId: c.sourceId,
        speakerActorId: c.speakerActorId ?? null,
        originSourceId: c.originSourceId ?? null,
        source: { kind: context.kinds.get(c.sourceId)! },
      }));
      const claims = (input.claims ?? []).map((c, position) => ({
        stance: c.stance,
        position,
        claim: { id: c.claimId, history: context.histories.get(c.claimId) ?? [] },
      }));
      const derived = eventDerivations({
        kind: input.kind,
        headline: input.headline,
        summary: input.summary,
        occurredAt: input.occurredAt,
        occurredEndAt: input.occurredEndAt ?? null,
        precision: input.precision,
        dateBound: input.dateBound ?? "EXACT",
        timeZone: input.timeZone,
        dayOrder: input.dayOrder ?? 0,
        firstReportedAt: input.firstReportedAt,
        retractedAt: record.retractedAt ? new Date(record.retractedAt) : null,
        citations,
        claims,
      });
      return { record, input, derived };
    });

    const now = new Date();
    const statements: Statement[] = [];
    const insert = (table: TableSpec, rows: readonly Record<string, unknown>[]) => statements.push(...insertStatements(provider, table, rows));
    insert(
      EVENT_TABLE,
      prepared.map(({ record, input, derived }) => ({
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
        dayOrder: input.dayOrder ?? 0,
        occurredOn: derived.occurredOn,
        spanEndOn: derived.spanEndOn,
        timelineKey: derived.timelineKey,
        firstReportedAt: input.firstReportedAt,
        knownFrom: derived.knownFrom,
        status: derived.status,
        searchText: derived.searchText,
        published: input.published ?? true,
        publishedAt: (input.published ?? true) ? input.firstReportedAt : null,
        retractedAt: record.retractedAt ? new Date(record.retractedAt) : null,
        retractionNote: record.retractedAt ? record.retractionNote : null,
        version: input.version ?? 1,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const citationRows = prepared.flatMap(({ input }) =>
      input.citations.map((c, position) => ({
        id: c.id,
        eventId: input.id!,
        sourceId: c.sourceId,
        url: c.url ?? null,
        archivedUrl: c.archivedUrl ?? null,
        title: c.title ?? null,
        publishedAt: c.publishedAt ?? null,
        publishedPrecision: c.publishedAt ? (c.publishedPrecision === undefined ? ("DAY" as const) : c.publishedPrecision) : null,
        quote: c.quote ?? null,
        attribution: c.attribution,
        attributionText: c.attributionText ?? null,
        speakerActorId: c.speakerActorId ?? null,
        originSourceId: c.originSourceId ?? null,
        originText: c.originText ?? null,
        repeatsCitationId: null,
        note: c.note ?? null,
        position,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })),
    );
    insert(CITATION_TABLE, citationRows);
    insert(EVENT_ACTOR_TABLE, prepared.flatMap(({ input }) => (input.actors ?? []).map((a) => ({ eventId: input.id!, actorId: a.actorId, role: a.role }))));
    insert(EVENT_TAG_TABLE, prepared.flatMap(({ input }) => (input.tagIds ?? []).map((tagId) => ({ eventId: input.id!, tagId }))));
    insert(
      EVENT_CLAIM_TABLE,
      prepared.flatMap(({ input }) => (input.claims ?? []).map((c, position) => ({ eventId: input.id!, claimId: c.claimId, stance: c.stance, note: c.note ?? null, position }))),
    );
    insert(STATUS_PERIOD_TABLE, prepared.flatMap(({ input, derived }) => derived.periods.map((p) => ({ id: newId(), eventId: input.id!, ...p }))));
    insert(
      REVISION_TABLE,
      prepared.map(({ record }) => {
        const { diff, reason } = context.revision(record);
        return { id: newId(), entityType: "Event", entityId: record.id, action: "import-create", userId: null, diff, reason, isCorrection: false, at: now };
      }),
    );
    return statements;
  };

  let next = rows.length ? build(rows.slice(0, BULK_CHUNK)) : [];
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const writing = runStatements(tx, next);
    // A broken rule in the next chunk is thrown once this chunk's statements are done: the
    // transaction is never rolled back under a running statement.
    let broken: { error: unknown } | null = null;
    try {
      next = i + BULK_CHUNK < rows.length ? build(rows.slice(i + BULK_CHUNK, i + 2 * BULK_CHUNK)) : [];
    } catch (error) {
      broken = { error };
    }
    await writing;
    if (broken) throw broken.error;
  }
}
