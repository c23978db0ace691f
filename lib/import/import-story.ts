import type { Db, Tx } from "../db";
import { recordClaimStatusChange } from "../claims/write";
import { DomainError } from "../errors";
import { derivedTimeFields } from "../events/derived";
import { checkNewEvent, createEvent, refreshEvents, type NewEvent } from "../events/write";
import { eventToRecord, exportEventSelect } from "../export/export-story";
import type { EventRecord, StoryExport } from "../export/format";

// Imports a story file (JSON export, or CSV turned into the same shape) in ONE transaction:
// everything or nothing. Records are matched by stable id, so importing twice changes nothing.
// Events and claim histories are written through the domain write paths (createEvent,
// refreshEvents, recordClaimStatusChange), so the status rules and derived fields hold. Nothing
// is ever deleted; history is only appended. A dry run does all of it and rolls it back.

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
  changes: { kind: ImportKind; action: Exclude<ImportAction, "unchanged">; key: string }[];
};

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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const date = (s: string | null) => (s ? new Date(s) : null);

export async function importStory(
  db: Db,
  data: StoryExport,
  options: { dryRun?: boolean; locator?: Locator } = {},
): Promise<ImportReport> {
  const locator = options.locator ?? jsonLocator;
  const report: ImportReport = {
    dryRun: options.dryRun ?? false,
    counts: Object.fromEntries(IMPORT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as ImportReport["counts"],
    changes: [],
  };
  const note = (kind: ImportKind, action: ImportAction, key: string) => {
    report.counts[kind][action]++;
    if (action !== "unchanged") report.changes.push({ kind, action, key });
  };
  try {
    await db.$transaction(
      async (tx) => {
        await run(tx, data, locator, note);
        if (options.dryRun) throw new DryRunRollback(report);
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
  } catch (err) {
    if (err instanceof DryRunRollback) return err.report;
    throw err;
  }
  return report;
}

/** Runs `fn`, turning a broken rule into an ImportError that names the row and field. */
async function at<T>(row: string, field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) throw new ImportError([{ row, field: err.field ? `${field}${field ? "." : ""}${err.field}` : field, message: err.message }]);
    throw err;
  }
}

function slugTaken(row: string, what: string, slug: string): ImportError {
  return new ImportError([{ row, field: "slug", message: `the ${what} slug “${slug}” is already used by another ${what} with a different id` }]);
}

type Note = (kind: ImportKind, action: ImportAction, key: string) => void;

async function run(tx: Tx, data: StoryExport, locator: Locator, note: Note): Promise<void> {
  // Story.
  const s = data.story;
  const storyRow = await tx.story.findUnique({ where: { id: s.id }, select: { id: true, slug: true, title: true, description: true, timeZone: true, isDefault: true } });
  if (!storyRow) {
    if (await tx.story.findUnique({ where: { slug: s.slug }, select: { id: true } })) throw slugTaken("story", "story", s.slug);
    await tx.story.create({ data: s });
    note("stories", "created", s.slug);
  } else if (!same(storyRow, s)) {
    await tx.story.update({ where: { id: s.id }, data: { ...s, version: { increment: 1 } } });
    note("stories", "updated", s.slug);
  } else note("stories", "unchanged", s.slug);

  for (const [i, r] of data.sources.entries()) {
    const row = await tx.source.findUnique({ where: { id: r.id }, select: { id: true, slug: true, name: true, kind: true, country: true, homepage: true, description: true } });
    if (!row) {
      if (await tx.source.findUnique({ where: { slug: r.slug }, select: { id: true } })) throw slugTaken(`sources[${i}]`, "source", r.slug);
      await tx.source.create({ data: r });
      note("sources", "created", r.slug);
    } else if (!same(row, r)) {
      await tx.source.update({ where: { id: r.id }, data: { ...r, version: { increment: 1 } } });
      note("sources", "updated", r.slug);
    } else note("sources", "unchanged", r.slug);
  }

  for (const [i, r] of data.actors.entries()) {
    const row = await tx.actor.findUnique({ where: { id: r.id }, select: { id: true, slug: true, name: true, title: true, affiliation: true } });
    if (!row) {
      if (await tx.actor.findUnique({ where: { slug: r.slug }, select: { id: true } })) throw slugTaken(`actors[${i}]`, "actor", r.slug);
      await tx.actor.create({ data: r });
      note("actors", "created", r.slug);
    } else if (!same(row, r)) {
      await tx.actor.update({ where: { id: r.id }, data: { ...r, version: { increment: 1 } } });
      note("actors", "updated", r.slug);
    } else note("actors", "unchanged", r.slug);
  }

  for (const [i, r] of data.tags.entries()) {
    const row = await tx.tag.findUnique({ where: { id: r.id }, select: { id: true, slug: true, name: true } });
    if (!row) {
      if (await tx.tag.findUnique({ where: { slug: r.slug }, select: { id: true } })) throw slugTaken(`tags[${i}]`, "tag", r.slug);
      await tx.tag.create({ data: r });
      note("tags", "created", r.slug);
    } else if (!same(row, r)) {
      await tx.tag.update({ where: { id: r.id }, data: r });
      note("tags", "updated", r.slug);
    } else note("tags", "unchanged", r.slug);
  }

  for (const [i, c] of data.claims.entries()) {
    const incoming = { id: c.id, slug: c.slug, storyId: s.id, text: c.text, scope: c.scope };
    const row = await tx.claim.findUnique({ where: { id: c.id }, select: { id: true, slug: true, storyId: true, text: true, scope: true } });
    if (!row) {
      if (await tx.claim.findUnique({ where: { slug: c.slug }, select: { id: true } })) throw slugTaken(`claims[${i}]`, "claim", c.slug);
      await tx.claim.create({ data: incoming });
      note("claims", "created", c.slug);
    } else if (!same(row, incoming)) {
      await tx.claim.update({ where: { id: c.id }, data: { ...incoming, version: { increment: 1 } } });
      note("claims", "updated", c.slug);
    } else note("claims", "unchanged", c.slug);
  }

  // Events, then the citations they repeat (a repeat may point at any event's citation).
  for (const [i, e] of data.events.entries()) {
    const row = locator.event(e.id, i);
    await at(row, "", () => importEvent(tx, s.id, e, row, note));
  }
  for (const [i, e] of data.events.entries()) {
    for (const [j, c] of e.citations.entries()) {
      const current = await tx.citation.findUnique({ where: { id: c.id }, select: { repeatsCitationId: true } });
      if (current && current.repeatsCitationId !== c.repeatsCitationId) {
        if (c.repeatsCitationId && !(await tx.citation.findUnique({ where: { id: c.repeatsCitationId }, select: { id: true } }))) {
          throw new ImportError([{ row: `${locator.event(e.id, i)} ${locator.citation(e.id, c.id, j)}`.trim(), field: "repeatsCitationId", message: `no citation has the id “${c.repeatsCitationId}”` }]);
        }
        await tx.citation.update({ where: { id: c.id }, data: { repeatsCitationId: c.repeatsCitationId } });
      }
    }
  }

  for (const [i, r] of data.relations.entries()) {
    const row = await tx.eventRelation.findUnique({ where: { id: r.id }, select: { id: true, fromEventId: true, toEventId: true, type: true, note: true } });
    if (!row) {
      await at(`relations[${i}]`, "", () => tx.eventRelation.create({ data: r }));
      note("relations", "created", r.id);
    } else if (!same(row, r)) {
      await tx.eventRelation.update({ where: { id: r.id }, data: r });
      note("relations", "updated", r.id);
    } else note("relations", "unchanged", r.id);
  }

  for (const [i, e] of data.events.entries()) {
    for (const c of e.corrections) {
      const row = await tx.correction.findUnique({ where: { id: c.id }, select: { note: true, eventId: true } });
      if (!row) {
        await tx.correction.create({ data: { id: c.id, eventId: e.id, note: c.note, createdAt: new Date(c.createdAt), createdBy: c.createdBy } });
        note("corrections", "created", c.id);
      } else if (row.eventId !== e.id) {
        throw new ImportError([{ row: locator.event(e.id, i), field: "corrections", message: `correction “${c.id}” belongs to another event` }]);
      } else if (row.note !== c.note) {
        await tx.correction.update({ where: { id: c.id }, data: { note: c.note } });
        note("corrections", "updated", c.id);
      } else note("corrections", "unchanged", c.id);
    }
  }

  // Claim histories: append what is missing, oldest first, through the rules.
  for (const [i, c] of data.claims.entries()) {
    const existing = await tx.claimStatusChange.findMany({ where: { claimId: c.id }, select: { toStatus: true, knownAt: true } });
    const have = new Set(existing.map((h) => `${h.knownAt.toISOString()}|${h.toStatus}`));
    const missing = c.history
      .map((h, j) => ({ h, j }))
      .filter(({ h }) => !have.has(`${new Date(h.knownAt).toISOString()}|${h.toStatus}`))
      .sort((a, b) => Date.parse(a.h.knownAt) - Date.parse(b.h.knownAt));
    for (const h of c.history) {
      if (have.has(`${new Date(h.knownAt).toISOString()}|${h.toStatus}`)) note("statusChanges", "unchanged", `${c.slug}@${h.knownAt}`);
    }
    for (const { h, j } of missing) {
      await at(`claims[${i}] (${c.slug}) history[${j}]`, "", () =>
        recordClaimStatusChange(tx, {
          claimId: c.id,
          to: h.toStatus,
          knownAt: new Date(h.knownAt),
          reason: h.reason,
          evidenceCitationId: h.evidenceCitationId,
          changedBy: h.changedBy,
        }),
      );
      note("statusChanges", "created", `${c.slug}@${h.knownAt}`);
    }
  }
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
      // Set in a second pass, once every citation it may point at exists.
      repeatsCitationId: null,
      note: c.note,
    })),
  };
}

async function checkReferences(tx: Tx, e: EventRecord, row: string): Promise<void> {
  const want = async (ids: string[], find: (ids: string[]) => Promise<{ id: string }[]>, field: string, what: string) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = new Set((await find(unique)).map((r) => r.id));
    const missing = unique.find((id) => !found.has(id));
    if (missing) throw new ImportError([{ row, field, message: `no ${what} has the id “${missing}”` }]);
  };
  await want(e.citations.map((c) => c.sourceId), (ids) => tx.source.findMany({ where: { id: { in: ids } }, select: { id: true } }), "citations.sourceId", "source");
  await want(e.actors.map((a) => a.actorId), (ids) => tx.actor.findMany({ where: { id: { in: ids } }, select: { id: true } }), "actors.actorId", "actor");
  await want(e.tagIds, (ids) => tx.tag.findMany({ where: { id: { in: ids } }, select: { id: true } }), "tagIds", "tag");
  await want(e.claims.map((c) => c.claimId), (ids) => tx.claim.findMany({ where: { id: { in: ids } }, select: { id: true } }), "claims.claimId", "claim");
}

async function importEvent(tx: Tx, storyId: string, e: EventRecord, row: string, note: Note): Promise<void> {
  await checkReferences(tx, e, row);
  const existing = await tx.event.findUnique({
    where: { id: e.id },
    select: { ...exportEventSelect, storyId: true, publishedAt: true },
  });
  if (!existing) {
    const bySlug = await tx.event.findUnique({ where: { slug: e.slug }, select: { id: true } });
    if (bySlug) throw slugTaken(row, "event", e.slug);
    const taken = await tx.citation.findFirst({ where: { id: { in: e.citations.map((c) => c.id) } }, select: { id: true } });
    if (taken) throw new ImportError([{ row, field: "citations.id", message: `citation id “${taken.id}” already belongs to another event` }]);
    await createEvent(tx, newEventInput(storyId, e));
    if (e.retractedAt) {
      await tx.event.update({ where: { id: e.id }, data: { retractedAt: new Date(e.retractedAt), retractionNote: e.retractionNote } });
      await refreshEvents(tx, [e.id]);
    }
    note("events", "created", e.slug);
    return;
  }
  if (existing.storyId !== storyId) {
    throw new ImportError([{ row, field: "id", message: `event “${e.id}” belongs to another story` }]);
  }
  const current = eventToRecord(existing, () => true);
  const strip = (r: EventRecord) => ({ ...r, corrections: [], citations: r.citations.map((c) => ({ ...c, repeatsCitationId: null })) });
  if (same(strip(current), strip(e))) {
    note("events", "unchanged", e.slug);
    return;
  }
  const input = newEventInput(storyId, e);
  checkNewEvent(input);
  const bySlug = await tx.event.findUnique({ where: { slug: e.slug }, select: { id: true } });
  if (bySlug && bySlug.id !== e.id) throw slugTaken(row, "event", e.slug);
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
      precision: e.precision,
      approximate: e.approximate,
      timeNote: e.timeNote,
      timeZone: e.timeZone,
      dayOrder: e.dayOrder,
      ...derivedTimeFields({ occurredAt: input.occurredAt, timeZone: e.timeZone, dayOrder: e.dayOrder }),
      firstReportedAt: input.firstReportedAt,
      published: e.published,
      publishedAt: e.published ? (existing.publishedAt ?? input.firstReportedAt) : existing.publishedAt,
      retractedAt: date(e.retractedAt),
      retractionNote: e.retractionNote,
      version: { increment: 1 },
    },
  });
  for (const [position, c] of input.citations.entries()) {
    const { id, ...fields } = c;
    const owner = await tx.citation.findUnique({ where: { id: id! }, select: { eventId: true } });
    if (owner && owner.eventId !== e.id) {
      throw new ImportError([{ row, field: `citations[${position}].id`, message: `citation “${id}” belongs to another event` }]);
    }
    const { repeatsCitationId: _r, ...rest } = fields;
    void _r;
    if (owner) await tx.citation.update({ where: { id: id! }, data: { ...rest, position, version: { increment: 1 } } });
    else await tx.citation.create({ data: { id, eventId: e.id, ...rest, position } });
  }
  await tx.eventActor.deleteMany({ where: { eventId: e.id } });
  await tx.eventTag.deleteMany({ where: { eventId: e.id } });
  await tx.eventClaim.deleteMany({ where: { eventId: e.id } });
  if (e.actors.length) await tx.eventActor.createMany({ data: e.actors.map((a) => ({ eventId: e.id, ...a })) });
  if (e.tagIds.length) await tx.eventTag.createMany({ data: e.tagIds.map((tagId) => ({ eventId: e.id, tagId })) });
  if (e.claims.length) await tx.eventClaim.createMany({ data: e.claims.map((c) => ({ eventId: e.id, ...c })) });
  await refreshEvents(tx, [e.id]);
  note("events", "updated", e.slug);
}
