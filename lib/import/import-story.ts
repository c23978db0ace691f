import type { Prisma } from "../../generated/prisma-sqlite/client";
import { transactionWithDriver, type Db, type Tx } from "../db";
import { recordClaimStatusChange } from "../claims/write";
import { DomainError } from "../errors";
import { checkNewEvent, refreshEvents, type NewEvent } from "../events/write";
import { ACTOR_TABLE, CLAIM_TABLE, insertRows, newRowId, RELATION_TABLE, REVISION_TABLE, selectWhereIn, SOURCE_TABLE, TAG_TABLE, updateTextColumn, type TableSpec } from "./raw-insert";
import { BulkRowError, createEventsInBulk, plannedHistories, sourceKinds, type BulkRow } from "./bulk-events";
import { normalizeEventDate } from "../events/derived";
import { eventToRecord, exportEventSelect } from "../export/export-story";
import type { CitationRecord, EventRecord, StoryExport, StoryHead } from "../export/format";
import { MAX_ISSUES, storyFileOf, type StoryFile } from "./story-file";
import { recordRevision, type EntityType } from "../editor/revisions";
import { diffSnapshots, plain, type Snapshot } from "../editor/diff";
import { makeDefaultStory } from "../stories/write";

// Imports a story file (JSON export, or CSV turned into the same shape) in ONE transaction:
// everything or nothing. Records are matched by stable id, so importing twice changes nothing,
// whatever the order of the file's arrays. Events and claim histories are written through the
// domain write paths (createEvent, refreshEvents, recordClaimStatusChange), so the status rules
// and derived fields hold, and every record created or changed gets a revision-log entry
// ("imported from <file>"). Nothing is ever deleted; history is only appended.
//
// Before anything is written, the whole file is checked against the database and every problem
// is reported at once:
// - a record whose slug another record (another id) already has: refused, unless adoptBySlug,
//   which makes the file's record that existing one (its id is replaced throughout the file);
// - an event the database holds in a newer version than the file, with other content: refused
//   (the import would undo later edits), unless overwriteNewer, which replaces it and logs it.
// A dry run does all of it and rolls it back.

export type ImportIssue = { row: string; field: string; message: string };

export class ImportError extends Error {
  readonly issues: ImportIssue[];
  constructor(issues: ImportIssue[]) {
    super(issues.map((i) => `${i.row}, ${i.field}: ${i.message}`).join("\n"));
    this.name = "ImportError";
    this.issues = issues;
  }
}

export const IMPORT_KINDS = ["stories", "sources", "actors", "tags", "claims", "events", "relations", "corrections", "statusChanges"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportAction = "created" | "updated" | "unchanged";

export type ImportReport = {
  dryRun: boolean;
  counts: Record<ImportKind, Record<ImportAction, number>>;
  /** The first MAX_LISTED_CHANGES changes; the rest are counted in changesLeftOut. */
  changes: { kind: ImportKind; action: Exclude<ImportAction, "unchanged">; key: string }[];
  changesLeftOut: number;
  /** Events the file holds. */
  events: number;
  /** File ids replaced by the ids of existing records with the same slug (adoptBySlug). */
  adopted: { kind: ImportKind; slug: string; fileId: string; id: string }[];
};

export type ImportOptions = {
  dryRun?: boolean;
  locator?: Locator;
  /** Make records whose slug already exists (under another id) those existing records. */
  adoptBySlug?: boolean;
  /** Replace events the database holds in a newer version (each replacement is logged). */
  overwriteNewer?: boolean;
  /** Where the data came from, for the revision log: "imported from <file>". */
  fileName?: string;
  /** Events read per round of each pass (IMPORT_CHUNK). */
  chunkSize?: number;
  /**
   * Called after each chunk of each pass with the events that pass has done so far: "check"
   * reads and checks (nothing written), "write" has written them in the still-open transaction.
   */
  onProgress?: (progress: ImportProgress) => void;
};

/** How far an import has come: see ImportOptions.onProgress. */
export type ImportProgress = { pass: "check" | "write"; events: number };

/** Where a record came from in the file, for error messages ("events[2]", "row 7"). */
export type Locator = { event(id: string, index: number): string; citation(eventId: string, citationId: string, index: number): string };

const jsonLocator: Locator = {
  event: (_id, i) => `events[${i}]`,
  citation: (_e, _c, i) => `citations[${i}]`,
};

class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super("dry run");
  }
}

/** JSON with object keys sorted: two records compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const date = (s: string | null) => (s ? new Date(s) : null);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function importStory(db: Db, data: StoryExport, options: ImportOptions = {}): Promise<ImportReport> {
  return importStoryFile(db, storyFileOf(data, options.locator), options);
}

/**
 * Imports a story file read in passes (lib/import/story-file.ts): a first pass checks every event
 * against the file's format and the database and reports every problem at once, a second writes
 * them a chunk at a time. Both run in the one transaction.
 */
export async function importStoryFile(db: Db, file: StoryFile, options: ImportOptions = {}): Promise<ImportReport> {
  const locator = file.locator ?? options.locator ?? jsonLocator;
  const report: ImportReport = {
    dryRun: options.dryRun ?? false,
    counts: Object.fromEntries(IMPORT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as ImportReport["counts"],
    changes: [],
    changesLeftOut: 0,
    adopted: [],
    events: 0,
  };
  try {
    await transactionWithDriver(
      db,
      async (tx) => {
        const plan = await check(tx, file, locator, options, report);
        const ctx: Context = {
          tx,
          locator,
          reason: `imported from ${options.fileName ?? "a story file"}`,
          note: (kind, action, key) => {
            report.counts[kind][action]++;
            if (action === "unchanged") return;
            if (report.changes.length < MAX_LISTED_CHANGES) report.changes.push({ kind, action, key });
            else report.changesLeftOut += 1;
          },
        };
        report.events = await write(ctx, file, plan, options);
        if (options.dryRun) throw new DryRunRollback(report);
      },
      { timeout: IMPORT_TIMEOUT_MS, maxWait: 30_000 },
    );
  } catch (err) {
    if (err instanceof DryRunRollback) return err.report;
    throw err;
  }
  return report;
}


type Note = (kind: ImportKind, action: ImportAction, key: string) => void;
type Context = { tx: Tx; locator: Locator; reason: string; note: Note };

/** Runs `fn`, turning a broken rule into an ImportError that names the row and field. */
async function at<T>(row: string, field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw new ImportError([{ row, field: err.field ? `${field}${field ? "." : ""}${err.field}` : field, message: err.message }]);
    throw err;
  }
}

// ------------------------------------------------------------------------------------------------
// Checks before writing: slugs taken by other records, and newer versions in the database
// ------------------------------------------------------------------------------------------------

type Keyed = { id: string; slug: string };

/** Runs `find` over `values` in slices, so no statement exceeds the databases' parameter limits. */
async function inSlices<V, R>(values: readonly V[], find: (slice: V[]) => Promise<R[]>, size = 400): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await find(values.slice(i, i + size))));
  return out;
}

/** What the first pass learnt for the second: the ids to replace, and the evidence in the file. */
type Plan = {
  head: StoryHead;
  /** File ids replaced by the ids of existing records with the same slug (adoptBySlug). */
  remap: ReadonlyMap<string, string>;
  /** The file's citations that its claims' changes name as evidence, by id. */
  evidence: ReadonlyMap<string, CitationRecord>;
};

/** Events read per round of the passes: a chunk is what the import holds of the file at once. */
export const IMPORT_CHUNK = 2_000;

/** Changes listed in a report at most (all are counted). */
export const MAX_LISTED_CHANGES = 1_000;

/** An import is one transaction: a million events take a quarter of an hour or more. */
const IMPORT_TIMEOUT_MS = 4 * 60 * 60 * 1000;

/**
 * The first pass, which writes nothing. Every record of the file whose slug belongs to another
 * record (another id) in the database: reported all at once, or adopted (the file's id replaced
 * by the existing one everywhere). Every citation id another event holds. Then every event the
 * database holds in a newer version with other content. And every record that breaks the format.
 */
async function check(tx: Tx, file: StoryFile, locator: Locator, options: ImportOptions, report: ImportReport): Promise<Plan> {
  const issues: ImportIssue[] = [];
  const newer: ImportIssue[] = [];
  const remap = new Map<string, string>();
  const problem = (list: ImportIssue[], issue: ImportIssue) => {
    if (list.length < MAX_ISSUES) list.push(issue);
  };
  const slugs = async (kind: ImportKind, what: string, rows: readonly Keyed[], table: string, rowName: (i: number) => string) => {
    if (rows.length === 0) return;
    const existing = await selectWhereIn(tx, table, ["id", "slug"], { slug: rows.map((r) => r.slug), id: rows.map((r) => r.id) });
    const byId = new Set(existing.map((e) => e.id!));
    const bySlug = new Map(existing.map((e) => [e.slug!, e.id!]));
    for (const [i, r] of rows.entries()) {
      if (byId.has(r.id)) continue;
      const other = bySlug.get(r.slug);
      if (!other) continue;
      if (options.adoptBySlug) {
        remap.set(r.id, other);
        report.adopted.push({ kind, slug: r.slug, fileId: r.id, id: other });
      } else {
        problem(issues, {
          row: rowName(i),
          field: "slug",
          message: `the ${what} slug “${r.slug}” is already used by another ${what} (id ${other}); import with --adopt-by-slug to use that ${what}`,
        });
      }
    }
  };
  const head = file.head;
  await slugs("stories", "story", [head.story], "Story", () => "story");
  await slugs("sources", "source", head.sources, "Source", (i) => `sources[${i}]`);
  await slugs("actors", "actor", head.actors, "Actor", (i) => `actors[${i}]`);
  await slugs("tags", "tag", head.tags, "Tag", (i) => `tags[${i}]`);
  await slugs("claims", "claim", head.claims, "Claim", (i) => `claims[${i}]`);

  // The citations claim changes name as evidence: the file's own changes', and those the database
  // holds (a file may change such a citation's source or voice, and new events' labels must be
  // planned with the citation as the import leaves it).
  const evidenceIds = new Set(head.claims.flatMap((c) => c.history.flatMap((h) => (h.evidenceCitationId ? [h.evidenceCitationId] : []))));
  const evidence = new Map<string, CitationRecord>();
  // Every event id of the file, to refuse one listed twice (a million ids are some 60 MB).
  const seen = new Set<string>();
  const twice: ImportIssue[] = [];
  let checked = 0;
  for await (const chunk of file.events(options.chunkSize ?? IMPORT_CHUNK)) {
    for (const { index, record: e } of chunk) {
      if (seen.has(e.id)) problem(twice, { row: locator.event(e.id, index), field: "id", message: `the event id “${e.id}” appears more than once in the file` });
      seen.add(e.id);
    }
    const cited = await selectWhereIn(tx, "ClaimStatusChange", ["evidenceCitationId"], { evidenceCitationId: chunk.flatMap(({ record: e }) => e.citations.map((c) => c.id)) });
    for (const c of cited) if (c.evidenceCitationId) evidenceIds.add(c.evidenceCitationId);
    await slugs("events", "event", chunk.map((x) => x.record), "Event", (i) => locator.event(chunk[i]!.record.id, chunk[i]!.index));

    // A citation id another event already holds.
    const citationIds = chunk.flatMap(({ record: e }) => e.citations.map((c) => c.id));
    const owners = citationIds.length ? await selectWhereIn(tx, "Citation", ["id", "eventId"], { id: citationIds }) : [];
    const ownerOf = new Map(owners.map((o) => [o.id, o.eventId]));
    for (const { index, record: e } of chunk) {
      for (const [j, c] of e.citations.entries()) {
        const owner = ownerOf.get(c.id);
        if (owner && owner !== (remap.get(e.id) ?? e.id)) {
          problem(issues, { row: `${locator.event(e.id, index)} ${locator.citation(e.id, c.id, j)}`, field: "id", message: `citation id “${c.id}” already belongs to another event` });
        }
        if (evidenceIds.has(c.id)) evidence.set(c.id, remapCitation(c, remap));
      }
    }

    // Events the database holds in a newer version than the file, with other content (read
    // whole only for the events it holds at all).
    const events = chunk.map(({ index, record }) => ({ index, record: remapEvent(record, remap) }));
    const held = (await selectWhereIn(tx, "Event", ["id"], { id: events.map((e) => e.record.id) })).map((e) => e.id!);
    const existing = await inSlices(held, (slice) => tx.event.findMany({ where: { id: { in: slice } }, select: exportEventSelect }));
    const byId = new Map(existing.map((e) => [e.id, e]));
    for (const { index, record: e } of events) {
      const row = byId.get(e.id);
      if (!row || row.version <= e.version) continue;
      if (sameEvent(eventToRecord(row, () => true), e)) continue;
      if (!options.overwriteNewer) {
        problem(newer, {
          row: locator.event(e.id, index),
          field: "version",
          message: `the event “${row.slug}” was edited after this file was made (version ${row.version} here, ${e.version} in the file): importing would undo those edits. Export again, or import with --overwrite-newer to replace them`,
        });
      }
    }
    checked += chunk.length;
    options.onProgress?.({ pass: "check", events: checked });
  }
  const broken = [...file.issues(), ...twice];
  if (broken.length) throw new ImportError(broken);
  if (issues.length) throw new ImportError(issues);
  if (newer.length) throw new ImportError(newer);
  return { head: remapHead(head, remap), remap, evidence };
}

const mapId = (remap: ReadonlyMap<string, string>, id: string) => remap.get(id) ?? id;
const mapNullable = (remap: ReadonlyMap<string, string>, id: string | null) => (id === null ? null : mapId(remap, id));

/** The file's head with some ids replaced, in every place an id of that record can appear. */
function remapHead(head: StoryHead, remap: ReadonlyMap<string, string>): StoryHead {
  if (remap.size === 0) return head;
  const m = (id: string) => mapId(remap, id);
  return {
    ...head,
    story: { ...head.story, id: m(head.story.id) },
    sources: head.sources.map((s) => ({ ...s, id: m(s.id) })),
    actors: head.actors.map((a) => ({ ...a, id: m(a.id) })),
    tags: head.tags.map((t) => ({ ...t, id: m(t.id) })),
    claims: head.claims.map((c) => ({ ...c, id: m(c.id) })),
  };
}

function remapCitation(c: CitationRecord, remap: ReadonlyMap<string, string>): CitationRecord {
  if (remap.size === 0) return c;
  return { ...c, sourceId: mapId(remap, c.sourceId), speakerActorId: mapNullable(remap, c.speakerActorId), originSourceId: mapNullable(remap, c.originSourceId) };
}

function remapEvent(e: EventRecord, remap: ReadonlyMap<string, string>): EventRecord {
  if (remap.size === 0) return e;
  const m = (id: string) => mapId(remap, id);
  return {
    ...e,
    id: m(e.id),
    actors: e.actors.map((a) => ({ ...a, actorId: m(a.actorId) })),
    tagIds: e.tagIds.map(m),
    claims: e.claims.map((c) => ({ ...c, claimId: m(c.claimId) })),
    citations: e.citations.map((c) => remapCitation(c, remap)),
  };
}

/** Two event records alike in everything an import writes (order of unordered lists aside). */
function sameEvent(a: EventRecord, b: EventRecord): boolean {
  const norm = (r: EventRecord) => ({
    ...r,
    version: 0,
    actors: [...r.actors].sort((x, y) => cmp(x.actorId, y.actorId) || cmp(x.role, y.role)),
    tagIds: [...r.tagIds].sort(cmp),
    corrections: [],
    citations: r.citations.map((c) => ({ ...c, repeatsCitationId: null })),
  });
  return same(norm(a), norm(b));
}

// ------------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------------

function snapshotOf(record: Record<string, unknown>): Snapshot {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
}

async function logImport(ctx: Context, entityType: EntityType, entityId: string, action: "create" | "update", before: Snapshot | null, after: Snapshot) {
  await recordRevision(ctx.tx, {
    entityType,
    entityId,
    action: `import-${action}`,
    userId: null,
    diff: diffSnapshots(before, after),
    reason: ctx.reason,
  });
}

/** Creates or updates one simple record (story, source, actor, tag, claim) by id. */
async function upsertRecord<R extends { id: string; slug: string }>(
  ctx: Context,
  kind: ImportKind,
  entityType: EntityType,
  incoming: R,
  read: () => Promise<R | null>,
  create: () => Promise<unknown>,
  update: () => Promise<unknown>,
) {
  const row = await read();
  if (!row) {
    await create();
    await logImport(ctx, entityType, incoming.id, "create", null, snapshotOf(incoming));
    ctx.note(kind, "created", incoming.slug);
  } else if (!same(row, incoming)) {
    await update();
    await logImport(ctx, entityType, incoming.id, "update", snapshotOf(row), snapshotOf(incoming));
    ctx.note(kind, "updated", incoming.slug);
  } else ctx.note(kind, "unchanged", incoming.slug);
}

/**
 * Creates or updates many simple records (sources, actors, tags, claims) by id: the new ones in
 * multi-row statements with their revision-log entries, the changed ones one by one.
 */
async function upsertMany<R extends { id: string; slug: string }>(
  ctx: Context,
  kind: ImportKind,
  entityType: EntityType,
  table: TableSpec,
  records: readonly R[],
  read: (ids: string[]) => Promise<R[]>,
  update: (r: R) => Promise<unknown>,
) {
  const sorted = [...records].sort((a, b) => cmp(a.id, b.id));
  const stored = new Map((await inSlices(sorted, (slice) => read(slice.map((r) => r.id)))).map((r) => [r.id, r]));
  const now = new Date();
  const fresh = sorted.filter((r) => !stored.has(r.id));
  await insertRows(ctx.tx, table, fresh.map((r) => ({ ...r, createdAt: now, updatedAt: now })));
  await insertRows(
    ctx.tx,
    REVISION_TABLE,
    fresh.map((r) => ({
      id: newRowId(),
      entityType,
      entityId: r.id,
      action: "import-create",
      userId: null,
      diff: JSON.stringify(diffSnapshots(null, snapshotOf(r))),
      reason: ctx.reason,
      isCorrection: false,
      at: now,
    })),
  );
  for (const r of sorted) {
    const row = stored.get(r.id);
    if (!row) ctx.note(kind, "created", r.slug);
    else if (!same(row, r)) {
      await update(r);
      await logImport(ctx, entityType, r.id, "update", snapshotOf(row), snapshotOf(r));
      ctx.note(kind, "updated", r.slug);
    } else ctx.note(kind, "unchanged", r.slug);
  }
}

/** The head's records: the story, its sources, actors, tags and claims. */
async function writeHead(ctx: Context, data: StoryHead): Promise<void> {
  const { tx } = ctx;
  const s = data.story;
  const storySelect = { id: true, slug: true, title: true, description: true, timeZone: true, isDefault: true } as const;
  // The file's default flag is applied as the editor applies it: a story made the default takes
  // the flag from the one that had it (at most one story is the default).
  const takeDefault = async () => {
    if (!s.isDefault) return;
    const previous = await makeDefaultStory(tx, s.id);
    if (previous) await logImport(ctx, "Story", previous.id, "update", { isDefault: true }, { isDefault: false });
  };
  await upsertRecord(
    ctx,
    "stories",
    "Story",
    s,
    () => tx.story.findUnique({ where: { id: s.id }, select: storySelect }),
    async () => {
      await tx.story.create({ data: { ...s, isDefault: false } });
      await takeDefault();
    },
    async () => {
      await tx.story.update({ where: { id: s.id }, data: { ...s, isDefault: false, version: { increment: 1 } } });
      await takeDefault();
    },
  );

  const sourceSelect = { id: true, slug: true, name: true, kind: true, country: true, homepage: true, description: true } as const;
  await upsertMany(ctx, "sources", "Source", SOURCE_TABLE, data.sources, (ids) => tx.source.findMany({ where: { id: { in: ids } }, select: sourceSelect }), (r) =>
    tx.source.update({ where: { id: r.id }, data: { ...r, version: { increment: 1 } } }),
  );
  const actorSelect = { id: true, slug: true, name: true, title: true, affiliation: true } as const;
  await upsertMany(ctx, "actors", "Actor", ACTOR_TABLE, data.actors, (ids) => tx.actor.findMany({ where: { id: { in: ids } }, select: actorSelect }), (r) =>
    tx.actor.update({ where: { id: r.id }, data: { ...r, version: { increment: 1 } } }),
  );
  await upsertMany(ctx, "tags", "Tag", TAG_TABLE, data.tags, (ids) => tx.tag.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } }), (r) =>
    tx.tag.update({ where: { id: r.id }, data: r }),
  );
  const claimSelect = { id: true, slug: true, storyId: true, text: true, scope: true } as const;
  await upsertMany(
    ctx,
    "claims",
    "Claim",
    CLAIM_TABLE,
    data.claims.map((c) => ({ id: c.id, slug: c.slug, storyId: s.id, text: c.text, scope: c.scope })),
    (ids) => tx.claim.findMany({ where: { id: { in: ids } }, select: claimSelect }),
    (r) => tx.claim.update({ where: { id: r.id }, data: { ...r, version: { increment: 1 } } }),
  );

}

/**
 * The second pass: the head, then the events a chunk at a time (those the database holds read
 * a chunk at a time and compared, the changed ones updated one by one through the write paths
 * and their labels refreshed; new ones many at a time, lib/import/bulk-events.ts), then the
 * relations and the claim histories. Returns the number of events read.
 */
async function write(ctx: Context, file: StoryFile, plan: Plan, options: ImportOptions): Promise<number> {
  const { tx, locator } = ctx;
  const data = plan.head;
  const storyId = data.story.id;
  await writeHead(ctx, data);

  // The claims whose histories the import extends, and the events the database already links to
  // them: their labels are refreshed once the histories stand (events created here are written
  // with the histories as they will stand, and not refreshed again).
  const storedChanges = new Map<string, Set<string>>(data.claims.map((c) => [c.id, new Set()]));
  for (const h of await inSlices(
    data.claims.map((c) => c.id),
    (slice) => tx.claimStatusChange.findMany({ where: { claimId: { in: slice } }, select: { claimId: true, toStatus: true, knownAt: true } }),
  )) {
    storedChanges.get(h.claimId)!.add(changeKey(h.knownAt, h.toStatus));
  }
  const extended = new Set(data.claims.filter((c) => c.history.some((h) => !storedChanges.get(c.id)!.has(changeKey(h.knownAt, h.toStatus)))).map((c) => c.id));
  const toRefresh = new Set(
    (await inSlices([...extended], (slice) => tx.eventClaim.findMany({ where: { claimId: { in: slice } }, select: { eventId: true } }))).map((l) => l.eventId),
  );

  // Each claim's history as the import will leave it, for the labels of new events; read once per
  // claim. The sources of the file's evidence citations, for their kinds.
  const histories = new Map<string, Awaited<ReturnType<typeof plannedHistories>> extends Map<string, infer H> ? H : never>();
  const evidenceKinds = await sourceKinds(tx, [...plan.evidence.values()].map((c) => c.sourceId));
  // Claims whose evidence citations the import rewrote: every event on them is refreshed at the end.
  const revoiced = new Set<string>();
  // Citations whose repeated citation is in a chunk not written yet: set at the end.
  const laterRepeats: { row: string; id: string; repeatsCitationId: string }[] = [];

  let count = 0;
  for await (const chunk of file.events(options.chunkSize ?? IMPORT_CHUNK)) {
    count += chunk.length;
    const events = chunk.map(({ index, record }) => ({ index, record: remapEvent(record, plan.remap) })).sort((a, b) => cmp(a.record.id, b.record.id));
    const stored = new Set((await selectWhereIn(tx, "Event", ["id"], { id: events.map((e) => e.record.id) })).map((e) => e.id));
    // The events the database holds, read whole in a few statements: most of a file imported
    // again is unchanged, and is compared without a statement per event.
    const held = new Map(
      (await inSlices([...stored] as string[], (slice) => tx.event.findMany({ where: { id: { in: slice } }, select: storedEventSelect }))).map((e) => [e.id, e]),
    );
    const rewritten: string[] = [];
    for (const { index, record: e } of events.filter((x) => stored.has(x.record.id))) {
      const row = locator.event(e.id, index);
      if (await at(row, "", () => importEvent(ctx, storyId, e, held.get(e.id)!, row, options))) rewritten.push(...e.citations.map((c) => c.id));
      if (e.claims.some((c) => extended.has(c.claimId))) toRefresh.add(e.id);
    }
    // A rewritten citation that is a claim change's evidence: its voice is part of the labels of
    // every event on that claim (who confirmed it, whose claim it is).
    for (const c of await selectWhereIn(tx, "ClaimStatusChange", ["claimId"], { evidenceCitationId: rewritten })) revoiced.add(c.claimId!);
    const fresh = events.filter((x) => !stored.has(x.record.id));
    const created = new Set(fresh.map((x) => x.record.id));
    if (fresh.length) {
      const rows: BulkRow[] = fresh.map(({ index, record: e }) => ({ record: e, input: { ...newEventInput(storyId, e), version: e.version }, row: locator.event(e.id, index) }));
      await checkReferencesInBulk(tx, rows);
      const kinds = new Map([...evidenceKinds, ...(await sourceKinds(tx, fresh.flatMap(({ record: e }) => e.citations.map((c) => c.sourceId))))]);
      const unplanned = new Set(fresh.flatMap(({ record: e }) => e.claims.map((c) => c.claimId)).filter((id) => !histories.has(id)));
      if (unplanned.size) for (const [id, h] of await plannedHistories(tx, { claims: data.claims, evidence: plan.evidence }, unplanned, kinds)) histories.set(id, h);
      try {
        await createEventsInBulk(tx, rows, {
          kinds,
          histories,
          revision: (e) => ({ diff: JSON.stringify(diffSnapshots(null, eventSnapshotOf(e))), reason: ctx.reason }),
        });
      } catch (err) {
        if (err instanceof BulkRowError) throw new ImportError([{ row: err.row, field: err.field, message: err.message }]);
        throw err;
      }
      for (const { record: e } of fresh) ctx.note("events", "created", e.slug);
    }

    // The citations they repeat. Those of the events just created were all written without one;
    // only those of the events already held are read back.
    const citations = events.flatMap(({ index, record: e }) => e.citations.map((c, j) => ({ index, e, c, j })));
    const repeats = new Map(
      (await selectWhereIn(tx, "Citation", ["id", "repeatsCitationId"], { id: citations.filter(({ e }) => !created.has(e.id)).map((x) => x.c.id) })).map((c) => [c.id!, c.repeatsCitationId]),
    );
    for (const { e, c } of citations) if (created.has(e.id)) repeats.set(c.id, null);
    const changedRepeats = citations.filter(({ c }) => repeats.has(c.id) && repeats.get(c.id) !== c.repeatsCitationId);
    const targets = new Set(
      (await selectWhereIn(tx, "Citation", ["id"], { id: changedRepeats.flatMap(({ c }) => (c.repeatsCitationId ? [c.repeatsCitationId] : [])) })).map((c) => c.id),
    );
    const now = changedRepeats.filter(({ c }) => !c.repeatsCitationId || targets.has(c.repeatsCitationId));
    for (const { index, e, c, j } of changedRepeats) {
      if (c.repeatsCitationId && !targets.has(c.repeatsCitationId)) {
        laterRepeats.push({ row: `${locator.event(e.id, index)} ${locator.citation(e.id, c.id, j)}`.trim(), id: c.id, repeatsCitationId: c.repeatsCitationId });
      }
    }
    // New citations: set in one statement per few thousand; an existing one counts as an edit.
    await updateTextColumn(tx, "Citation", "repeatsCitationId", now.filter(({ e }) => created.has(e.id)).map(({ c }) => ({ id: c.id, value: c.repeatsCitationId })));
    for (const { c } of now.filter(({ e }) => !created.has(e.id))) {
      await tx.citation.update({ where: { id: c.id }, data: { repeatsCitationId: c.repeatsCitationId } });
    }

    const storedCorrections = new Map(
      (await selectWhereIn(tx, "Correction", ["id", "note", "eventId"], { id: events.flatMap(({ record: e }) => e.corrections.map((c) => c.id)) })).map((c) => [c.id!, c]),
    );
    for (const { index, record: e } of events) {
      for (const c of e.corrections) {
        const row = storedCorrections.get(c.id);
        if (!row) {
          await tx.correction.create({ data: { id: c.id, eventId: e.id, note: c.note, createdAt: new Date(c.createdAt), createdBy: c.createdBy } });
          ctx.note("corrections", "created", c.id);
        } else if (row.eventId !== e.id) {
          throw new ImportError([{ row: locator.event(e.id, index), field: "corrections", message: `correction “${c.id}” belongs to another event` }]);
        } else if (row.note !== c.note) {
          await tx.correction.update({ where: { id: c.id }, data: { note: c.note } });
          ctx.note("corrections", "updated", c.id);
        } else ctx.note("corrections", "unchanged", c.id);
      }
    }
    options.onProgress?.({ pass: "write", events: count });
  }
  const broken = file.issues();
  if (broken.length) throw new ImportError(broken);

  // Repeats of citations written in a later chunk: every citation of the file exists now.
  const found = new Set((await selectWhereIn(tx, "Citation", ["id"], { id: laterRepeats.map((r) => r.repeatsCitationId) })).map((c) => c.id));
  const missing = laterRepeats.find((r) => !found.has(r.repeatsCitationId));
  if (missing) throw new ImportError([{ row: missing.row, field: "repeatsCitationId", message: `no citation has the id “${missing.repeatsCitationId}”` }]);
  await updateTextColumn(tx, "Citation", "repeatsCitationId", laterRepeats.map((r) => ({ id: r.id, value: r.repeatsCitationId })));

  await writeRelations(ctx, file.relations().map((r) => ({ ...r, fromEventId: mapId(plan.remap, r.fromEventId), toEventId: mapId(plan.remap, r.toEventId) })));

  // Claim histories: append what is missing, in the order the history was known (knownAt, then
  // sequence), through the rules.
  for (const [i, c] of data.claims.entries()) {
    const have = storedChanges.get(c.id)!;
    const ordered = c.history
      .map((h, j) => ({ h, j }))
      .sort((a, b) => Date.parse(a.h.knownAt) - Date.parse(b.h.knownAt) || a.h.sequence - b.h.sequence || a.j - b.j);
    for (const { h, j } of ordered) {
      const key = changeKey(h.knownAt, h.toStatus);
      if (have.has(key)) {
        ctx.note("statusChanges", "unchanged", `${c.slug}@${h.knownAt}`);
        continue;
      }
      // The labels of the events linked to it are refreshed once, below.
      const change = await at(`claims[${i}] (${c.slug}) history[${j}]`, "", () =>
        recordClaimStatusChange(
          tx,
          {
            claimId: c.id,
            to: h.toStatus,
            knownAt: new Date(h.knownAt),
            reason: h.reason,
            evidenceCitationId: h.evidenceCitationId,
            changedBy: h.changedBy,
          },
          { refreshEvents: false },
        ),
      );
      have.add(key);
      await logImport(ctx, "Claim", c.id, "update", null, { status: change.toStatus, knownAt: plain(change.knownAt), reason: change.reason });
      ctx.note("statusChanges", "created", `${c.slug}@${h.knownAt}`);
    }
  }
  for (const l of await inSlices([...revoiced], (slice) => tx.eventClaim.findMany({ where: { claimId: { in: slice } }, select: { eventId: true } }))) toRefresh.add(l.eventId);
  const stale = [...toRefresh];
  for (let i = 0; i < stale.length; i += 200) await refreshEvents(tx, stale.slice(i, i + 200));
  return count;
}

const changeKey = (knownAt: Date | string, toStatus: string) => `${new Date(knownAt).toISOString()}|${toStatus}`;

/** The file's relations: new ones in multi-row statements, changed ones one by one. */
async function writeRelations(ctx: Context, list: readonly StoryExport["relations"][number][]): Promise<void> {
  const { tx } = ctx;
  const relations = [...list.entries()].sort((a, b) => cmp(a[1].id, b[1].id));
  const storedRelations = new Map(
    (
      await inSlices(relations, (slice) =>
        tx.eventRelation.findMany({ where: { id: { in: slice.map(([, r]) => r.id) } }, select: { id: true, fromEventId: true, toEventId: true, type: true, note: true } }),
      )
    ).map((r) => [r.id, r]),
  );
  const newRelations = relations.filter(([, r]) => !storedRelations.has(r.id));
  const ends = new Set((await selectWhereIn(tx, "Event", ["id"], { id: newRelations.flatMap(([, r]) => [r.fromEventId, r.toEventId]) })).map((e) => e.id));
  for (const [i, r] of newRelations) {
    if (!ends.has(r.fromEventId) || !ends.has(r.toEventId)) {
      throw new ImportError([{ row: `relations[${i}]`, field: "fromEventId", message: "the relation names an event that is neither in the file nor in the database" }]);
    }
  }
  await insertRows(tx, RELATION_TABLE, newRelations.map(([, r]) => r));
  for (const [, r] of relations) {
    const row = storedRelations.get(r.id);
    if (!row) ctx.note("relations", "created", r.id);
    else if (!same(row, r)) {
      await tx.eventRelation.update({ where: { id: r.id }, data: r });
      ctx.note("relations", "updated", r.id);
    } else ctx.note("relations", "unchanged", r.id);
  }

}

/** Every id the new events refer to must exist: one query per kind for the whole file. */
async function checkReferencesInBulk(tx: Tx, rows: readonly BulkRow[]): Promise<void> {
  const kinds: { field: string; what: string; ids: (e: EventRecord) => string[]; table: string }[] = [
    { field: "citations.sourceId", what: "source", ids: (e) => e.citations.map((c) => c.sourceId), table: "Source" },
    { field: "citations.originSourceId", what: "source", ids: (e) => e.citations.flatMap((c) => (c.originSourceId ? [c.originSourceId] : [])), table: "Source" },
    { field: "citations.speakerActorId", what: "actor", ids: (e) => e.citations.flatMap((c) => (c.speakerActorId ? [c.speakerActorId] : [])), table: "Actor" },
    { field: "actors.actorId", what: "actor", ids: (e) => e.actors.map((a) => a.actorId), table: "Actor" },
    { field: "tagIds", what: "tag", ids: (e) => e.tagIds, table: "Tag" },
    { field: "claims.claimId", what: "claim", ids: (e) => e.claims.map((c) => c.claimId), table: "Claim" },
  ];
  for (const k of kinds) {
    const wanted = rows.flatMap((r) => k.ids(r.record));
    const found = new Set((await selectWhereIn(tx, k.table, ["id"], { id: wanted })).map((r) => r.id));
    const bad = rows.find((r) => k.ids(r.record).some((id) => !found.has(id)));
    if (bad) {
      const missing = k.ids(bad.record).find((id) => !found.has(id))!;
      throw new ImportError([{ row: bad.row, field: k.field, message: `no ${k.what} has the id “${missing}”` }]);
    }
  }
}

async function checkReferences(tx: Tx, e: EventRecord, row: string): Promise<void> {
  const want = async (ids: string[], find: (ids: string[]) => Promise<{ id: string }[]>, field: string, what: string) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = new Set((await find(unique)).map((r) => r.id));
    const missing = unique.find((id) => !found.has(id));
    if (missing) throw new ImportError([{ row, field, message: `no ${what} has the id “${missing}”` }]);
  };
  const sources = (ids: string[]) => tx.source.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const actors = (ids: string[]) => tx.actor.findMany({ where: { id: { in: ids } }, select: { id: true } });
  await want(e.citations.map((c) => c.sourceId), sources, "citations.sourceId", "source");
  await want(e.citations.flatMap((c) => (c.originSourceId ? [c.originSourceId] : [])), sources, "citations.originSourceId", "source");
  await want(e.citations.flatMap((c) => (c.speakerActorId ? [c.speakerActorId] : [])), actors, "citations.speakerActorId", "actor");
  await want(e.actors.map((a) => a.actorId), actors, "actors.actorId", "actor");
  await want(e.tagIds, (ids) => tx.tag.findMany({ where: { id: { in: ids } }, select: { id: true } }), "tagIds", "tag");
  await want(e.claims.map((c) => c.claimId), (ids) => tx.claim.findMany({ where: { id: { in: ids } }, select: { id: true } }), "claims.claimId", "claim");
}

function eventSnapshotOf(r: EventRecord): Snapshot {
  const { citations, actors, tagIds, claims, corrections, ...fields } = r;
  void corrections;
  return snapshotOf({ ...fields, actors, tagIds, claims, citations: citations.map((c) => ({ ...c, repeatsCitationId: null })) });
}

/** What an import reads of an event the database holds. */
const storedEventSelect = { ...exportEventSelect, storyId: true, publishedAt: true, withdrawnAt: true } satisfies Prisma.EventSelect;
type StoredEvent = Prisma.EventGetPayload<{ select: typeof storedEventSelect }>;

/**
 * Updates one event the database holds (`existing`) to the file's record; true when it wrote
 * anything. An unchanged event costs no statement; a changed one has its references checked.
 */
async function importEvent(ctx: Context, storyId: string, e: EventRecord, existing: StoredEvent, row: string, options: ImportOptions): Promise<boolean> {
  const { tx } = ctx;
  if (existing.storyId !== storyId) {
    throw new ImportError([{ row, field: "id", message: `event “${e.id}” belongs to another story` }]);
  }
  // Publication is one way (lib/editor/events.ts): a withdrawn event stays withdrawn, and a
  // published one is withdrawn in the editor, never unpublished by a file.
  if (existing.withdrawnAt && e.published) {
    throw new ImportError([{ row, field: "published", message: "the event was withdrawn from publication and stays withdrawn" }]);
  }
  if (existing.published && !e.published) {
    throw new ImportError([{ row, field: "published", message: "a published event is never unpublished: withdraw it in the editor" }]);
  }
  const current = eventToRecord(existing, () => true);
  if (sameEvent(current, e)) {
    ctx.note("events", "unchanged", e.slug);
    return false;
  }
  await checkReferences(tx, e, row);
  // reconcile() refused a newer version unless overwriteNewer was given.
  const replacingNewer = existing.version > e.version;
  if (replacingNewer && !options.overwriteNewer) throw new ImportError([{ row, field: "version", message: "the database holds a newer version" }]);
  const input = normalizeEventDate(newEventInput(storyId, e));
  checkNewEvent(input);
  const bySlug = await tx.event.findUnique({ where: { slug: e.slug }, select: { id: true } });
  if (bySlug && bySlug.id !== e.id) {
    throw new ImportError([{ row, field: "slug", message: `the event slug “${e.slug}” is already used by another event (id ${bySlug.id})` }]);
  }
  const version = replacingNewer || existing.version >= e.version ? existing.version + 1 : e.version;
  await tx.event.update({
    where: { id: e.id },
    data: {
      slug: e.slug,
      kind: e.kind,
      headline: e.headline.trim(),
      summary: e.summary.trim(),
      location: e.location,
      occurredAt: input.occurredAt,
      occurredEndAt: input.occurredEndAt,
      precision: input.precision,
      approximate: e.approximate,
      dateBound: e.dateBound,
      timeNote: e.timeNote,
      timeZone: e.timeZone,
      dayOrder: e.dayOrder,
      firstReportedAt: input.firstReportedAt,
      published: e.published,
      publishedAt: e.published ? (existing.publishedAt ?? input.firstReportedAt) : existing.publishedAt,
      retractedAt: date(e.retractedAt),
      retractionNote: e.retractionNote,
      version,
    },
  });
  for (const [position, c] of input.citations.entries()) {
    const { id, repeatsCitationId: _r, ...fields } = c;
    void _r;
    const owner = await tx.citation.findUnique({ where: { id: id! }, select: { eventId: true } });
    const data = { ...fields, publishedPrecision: fields.publishedAt ? (fields.publishedPrecision ?? null) : null };
    if (owner) await tx.citation.update({ where: { id: id! }, data: { ...data, position, version: { increment: 1 } } });
    else await tx.citation.create({ data: { id, eventId: e.id, ...data, position } });
  }
  await tx.eventActor.deleteMany({ where: { eventId: e.id } });
  await tx.eventTag.deleteMany({ where: { eventId: e.id } });
  await tx.eventClaim.deleteMany({ where: { eventId: e.id } });
  if (e.actors.length) await tx.eventActor.createMany({ data: e.actors.map((a) => ({ eventId: e.id, ...a })) });
  if (e.tagIds.length) await tx.eventTag.createMany({ data: e.tagIds.map((tagId) => ({ eventId: e.id, tagId })) });
  if (e.claims.length) await tx.eventClaim.createMany({ data: e.claims.map((c, position) => ({ eventId: e.id, ...c, position })) });
  await refreshEvents(tx, [e.id]);
  await recordRevision(tx, {
    entityType: "Event",
    entityId: e.id,
    action: replacingNewer ? "import-overwrite-newer" : "import-update",
    userId: null,
    diff: diffSnapshots(eventSnapshotOf(current), eventSnapshotOf({ ...e, version })),
    reason: replacingNewer ? `${ctx.reason}, replacing version ${existing.version} (--overwrite-newer)` : ctx.reason,
  });
  ctx.note("events", "updated", e.slug);
  return true;
}

function newEventInput(storyId: string, e: EventRecord): NewEvent {
  return {
    id: e.id,
    storyId,
    slug: e.slug,
    kind: e.kind,
    headline: e.headline,
    summary: e.summary,
    location: e.location,
    occurredAt: new Date(e.occurredAt),
    occurredEndAt: date(e.occurredEndAt),
    precision: e.precision,
    approximate: e.approximate,
    dateBound: e.dateBound,
    timeNote: e.timeNote,
    timeZone: e.timeZone,
    dayOrder: e.dayOrder,
    firstReportedAt: new Date(e.firstReportedAt),
    published: e.published,
    actors: e.actors,
    tagIds: e.tagIds,
    claims: e.claims,
    citations: e.citations.map((c) => ({
      id: c.id,
      sourceId: c.sourceId,
      url: c.url,
      archivedUrl: c.archivedUrl,
      title: c.title,
      publishedAt: date(c.publishedAt),
      publishedPrecision: c.publishedPrecision,
      quote: c.quote,
      attribution: c.attribution,
      attributionText: c.attributionText,
      speakerActorId: c.speakerActorId,
      originSourceId: c.originSourceId,
      originText: c.originText,
      // Set in a second pass, once every citation it may point at exists.
      repeatsCitationId: null,
      note: c.note,
    })),
  };
}
