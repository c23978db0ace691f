import { afterAll, describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../scripts/bench/random";
import { recordClaimStatusChange } from "../claims/write";
import { listClaims } from "../claims/queries";
import { createDbClient, disconnectDb, type Db } from "../db";
import { ATTRIBUTIONS, CLAIM_STATUSES, EVENT_STATUSES, STANCES, type AttributionValue, type ClaimStatusValue, type PrecisionValue, type StanceValue } from "../domain";
import { DomainError } from "../errors";
import { createTemporaryDatabase, type TemporaryDatabase } from "../testing/temp-database";
import { projectEvent } from "./event-view";
import { EMPTY_QUERY } from "./filters";
import { listTimeline } from "./queries";
import { createEvent, refreshEvents } from "./write";

// Replay equivalence, the as-of view's defining property. For random stories (events, citations
// published at random times or undated, speakers, relays, round-ups, repeats, claim changes,
// retractions, corrections, relations) and random instants T:
//   the full database viewed "as of T"
//   equals
//   a database rebuilt from only the records known at T, viewed today
// in the events shown, their labels and credited voices, the citations shown, the independent
// counts, the status filter and the sources' pages. "Known at T" is written out here from the
// model's definitions (DESIGN.md), not taken from the code under test:
// - a citation is known from its publication, an undated one from its event's first report;
// - an event is known from its first report once one of its citations is known;
// - a claim change from its knownAt; a retraction from retractedAt; a correction when made;
// - a relation when both its events are known.
//
// Seeds are fixed (and printed on failure); REPLAY_SEEDS=1,2,3 runs others.

const SEEDS = (process.env.REPLAY_SEEDS ?? "11,23,37,41,59,73").split(",").map(Number);
const INSTANTS_PER_STORY = 4;
const BASE = Date.parse("2025-01-06T00:00:00.000Z");

type CitationSpec = {
  id: string;
  sourceId: string;
  publishedAt: Date | null;
  publishedPrecision: PrecisionValue | null;
  attribution: AttributionValue;
  attributionText: string | null;
  speakerActorId: string | null;
  originSourceId: string | null;
  originText: string | null;
  repeatsCitationId: string | null;
};
type EventSpec = {
  id: string;
  slug: string;
  occurredAt: Date;
  firstReportedAt: Date;
  published: boolean;
  retractedAt: Date | null;
  citations: CitationSpec[];
  claims: { claimId: string; stance: StanceValue }[];
  corrections: { id: string; createdAt: Date }[];
};
type ChangeSpec = { claimId: string; to: ClaimStatusValue; knownAt: Date; evidenceCitationId: string | null };
type StorySpec = {
  zone: string;
  sources: { id: string; kind: "NEWSPAPER" | "WIRE" | "GOVERNMENT" | "DIGITAL_OUTLET" }[];
  actors: string[];
  claims: string[];
  events: EventSpec[];
  relations: { id: string; from: string; to: string }[];
  changes: ChangeSpec[];
};

const minutes = (rng: Rng, from: number, to: number) => rng.int(from, to) * 60_000;

function generate(seed: number): StorySpec {
  const rng = createRng(seed);
  const sources = Array.from({ length: rng.int(4, 8) }, (_, i) => ({ id: `s${seed}x${i}`, kind: rng.pick(["NEWSPAPER", "WIRE", "GOVERNMENT", "DIGITAL_OUTLET"] as const) }));
  const actors = Array.from({ length: rng.int(2, 4) }, (_, i) => `a${seed}x${i}`);
  const claims = Array.from({ length: rng.int(2, 4) }, (_, i) => `cl${seed}x${i}`);
  const events: EventSpec[] = [];
  const allCitations: CitationSpec[] = [];
  const eventCount = rng.int(8, 18);
  for (let i = 0; i < eventCount; i++) {
    const occurredAt = new Date(BASE + minutes(rng, 0, 10 * 24 * 60));
    const firstReportedAt = new Date(occurredAt.getTime() + minutes(rng, 0, 2 * 24 * 60));
    const citations: CitationSpec[] = [];
    for (let c = 0, n = rng.int(1, 4); c < n; c++) {
      const source = rng.pick(sources);
      const undated = rng.chance(0.15);
      const published = undated ? null : new Date(firstReportedAt.getTime() + minutes(rng, -12 * 60, 5 * 24 * 60) * (rng.chance(0.3) ? 0 : 1));
      const relay = rng.chance(0.25);
      const origin = relay && rng.chance(0.7) ? rng.pick(sources.filter((s) => s.id !== source.id)) : null;
      const citation: CitationSpec = {
        id: `c${seed}x${i}x${c}`,
        sourceId: source.id,
        publishedAt: published,
        publishedPrecision: published ? rng.pick(["DAY", "MINUTE", null] as const) : null,
        attribution: rng.pick(ATTRIBUTIONS),
        attributionText: rng.chance(0.3) ? "two officials" : null,
        speakerActorId: rng.chance(0.35) ? rng.pick(actors) : null,
        originSourceId: origin?.id ?? null,
        originText: relay && !origin ? "several media outlets" : null,
        repeatsCitationId: allCitations.length && rng.chance(0.12) ? rng.pick(allCitations).id : null,
      };
      citations.push(citation);
      allCitations.push(citation);
    }
    const links: EventSpec["claims"] = [];
    for (let k = 0, n = rng.weighted([[0, 2], [1, 5], [2, 2]] as const); k < n; k++) {
      const claimId = rng.pick(claims);
      if (!links.some((l) => l.claimId === claimId)) links.push({ claimId, stance: rng.pick(STANCES) });
    }
    events.push({
      id: `e${seed}x${i}`,
      slug: `replay-${seed}-${i}`,
      occurredAt,
      firstReportedAt,
      published: rng.chance(0.9),
      retractedAt: rng.chance(0.08) ? new Date(firstReportedAt.getTime() + minutes(rng, 60, 4 * 24 * 60)) : null,
      citations,
      claims: links,
      corrections: rng.chance(0.15) ? [{ id: `k${seed}x${i}`, createdAt: new Date(firstReportedAt.getTime() + minutes(rng, 30, 3 * 24 * 60)) }] : [],
    });
  }
  const relations = events.flatMap((e, i) => (i > 0 && rng.chance(0.2) ? [{ id: `r${seed}x${i}`, from: e.id, to: events[rng.int(0, i - 1)]!.id }] : []));
  // Attempted status changes: some break a rule and are refused, as an editor's would be.
  const changes: ChangeSpec[] = [];
  for (const claimId of claims) {
    const linked = events.filter((e) => e.claims.some((l) => l.claimId === claimId));
    let t = BASE;
    for (let k = 0, n = rng.int(0, 5); k < n; k++) {
      const evidence = linked.length && rng.chance(0.8) ? rng.pick(rng.pick(linked).citations) : null;
      const owner = evidence ? events.find((e) => e.citations.includes(evidence))! : null;
      const evidenceAt = evidence ? Math.max((evidence.publishedAt ?? owner!.firstReportedAt).getTime(), owner!.firstReportedAt.getTime()) : BASE;
      // Sometimes at the same instant as the change before (told apart by sequence).
      t = Math.max(t, evidenceAt) + (rng.chance(0.25) ? 0 : minutes(rng, 1, 2 * 24 * 60));
      changes.push({ claimId, to: rng.pick(CLAIM_STATUSES.filter((s) => s !== "UNVERIFIED")), knownAt: new Date(t), evidenceCitationId: evidence?.id ?? null });
    }
  }
  return { zone: rng.pick(["UTC", "America/New_York", "Europe/Kyiv"]), sources, actors, claims, events, relations, changes };
}

/** Writes a story through the app's write paths; changes the rules refuse are left out. */
async function write(db: Db, spec: StorySpec, storyId: string): Promise<ChangeSpec[]> {
  await db.story.create({ data: { id: storyId, slug: storyId, title: storyId, description: "", timeZone: spec.zone } });
  await db.source.createMany({ data: spec.sources.map((s) => ({ id: s.id, slug: s.id, name: `Source ${s.id}`, kind: s.kind })) });
  await db.actor.createMany({ data: spec.actors.map((a) => ({ id: a, slug: a, name: `Actor ${a}`, title: "spokesperson" })) });
  await db.claim.createMany({ data: spec.claims.map((c) => ({ id: c, slug: c, storyId, text: `Claim ${c}` })) });
  await db.$transaction(
    async (tx) => {
      for (const e of spec.events) {
        await createEvent(tx, {
          id: e.id,
          storyId,
          slug: e.slug,
          kind: "STATEMENT",
          headline: `Event ${e.id}`,
          summary: "",
          occurredAt: e.occurredAt,
          precision: "MINUTE",
          timeZone: spec.zone,
          firstReportedAt: e.firstReportedAt,
          published: e.published,
          claims: e.claims,
          citations: e.citations.map(({ repeatsCitationId: _r, ...c }) => (void _r, c)),
        });
      }
      for (const c of spec.events.flatMap((e) => e.citations)) {
        if (c.repeatsCitationId) await tx.citation.update({ where: { id: c.id }, data: { repeatsCitationId: c.repeatsCitationId } });
      }
      for (const e of spec.events) {
        if (e.retractedAt) await tx.event.update({ where: { id: e.id }, data: { retractedAt: e.retractedAt, retractionNote: "Retracted." } });
        for (const k of e.corrections) await tx.correction.create({ data: { id: k.id, eventId: e.id, note: "Corrected.", createdAt: k.createdAt, createdBy: "replay" } });
      }
      await refreshEvents(tx, spec.events.map((e) => e.id));
      for (const r of spec.relations) await tx.eventRelation.create({ data: { id: r.id, fromEventId: r.from, toEventId: r.to, type: "RESPONDS_TO" } });
    },
    { timeout: 60_000 },
  );
  const accepted: ChangeSpec[] = [];
  for (const change of spec.changes) {
    try {
      await db.$transaction((tx) => recordClaimStatusChange(tx, { ...change, reason: "Replay.", changedBy: "replay" }));
      accepted.push(change);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return accepted;
}

/** The story as it was known at `at`, by the model's definitions (see the top of this file). */
function knownAt(spec: StorySpec, changes: ChangeSpec[], at: Date): StorySpec {
  const t = at.getTime();
  const events = spec.events
    .filter((e) => e.published)
    .map((e) => ({ ...e, citations: e.citations.filter((c) => (c.publishedAt ?? e.firstReportedAt).getTime() <= t) }))
    .filter((e) => e.firstReportedAt.getTime() <= t && e.citations.length > 0);
  const citationIds = new Set(events.flatMap((e) => e.citations.map((c) => c.id)));
  const eventIds = new Set(events.map((e) => e.id));
  return {
    ...spec,
    events: events.map((e) => ({
      ...e,
      retractedAt: e.retractedAt && e.retractedAt.getTime() <= t ? e.retractedAt : null,
      corrections: e.corrections.filter((k) => k.createdAt.getTime() <= t),
      citations: e.citations.map((c) => ({ ...c, repeatsCitationId: c.repeatsCitationId && citationIds.has(c.repeatsCitationId) ? c.repeatsCitationId : null })),
    })),
    relations: spec.relations.filter((r) => eventIds.has(r.from) && eventIds.has(r.to)),
    changes: changes.filter((c) => c.knownAt.getTime() <= t),
  };
}

/** Everything the comparison looks at, read through the app's own queries and projection. */
async function snapshot(storyId: string, sourceIds: string[], at: Date | null) {
  const scope = { storyId, cutoffs: at ? [{ storyId, cutoff: at }] : undefined };
  const page = await listTimeline(scope, EMPTY_QUERY, 500);
  const events = Object.fromEntries(
    page.events.map((e) => {
      const v = projectEvent(e, at)!;
      return [
        e.id,
        {
          label: { status: v.label.status, text: v.label.text, detail: v.label.detail, credit: v.label.credit, verdict: v.label.verdict?.text ?? null },
          citations: v.citations.map((c) => c.id),
          independent: v.independent,
          retracted: v.retraction?.at.toISOString() ?? null,
          relations: v.relations.map((r) => `${r.direction}:${r.event.id}`).sort(),
          claims: v.claims.map((c) => `${c.claim.id}:${c.stance}:${c.statusThen}`),
        },
      ];
    }),
  );
  const byStatus: Record<string, string[]> = {};
  for (const status of EVENT_STATUSES) {
    const p = await listTimeline(scope, { ...EMPTY_QUERY, statuses: [status] }, 500);
    byStatus[status] = p.events.map((e) => e.id);
  }
  const sources: Record<string, string[]> = {};
  for (const id of sourceIds) {
    const slug = id;
    const p = await listTimeline(scope, { ...EMPTY_QUERY, sources: [slug] }, 500);
    sources[id] = p.events.map((e) => e.id);
  }
  const claims = (await listClaims(storyId, at, 0))
    .map((c) => ({ slug: c.slug, status: c.status, counts: c.counts }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
  return { events, byStatus, sources, claims };
}

const opened: TemporaryDatabase[] = [];
const original = process.env.DATABASE_URL;
afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = original;
  for (const d of opened) await d.drop();
});

/** Points getDb() (the pages' queries) at another database. */
async function use(database: TemporaryDatabase) {
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
}

async function freshDatabase(): Promise<TemporaryDatabase> {
  const database = await createTemporaryDatabase(process.env.TEST_DATABASE_URL);
  opened.push(database);
  return database;
}

describe("replay equivalence: the full database as of T equals the records known at T, viewed today", () => {
  it.each(SEEDS)("random story, seed %i", async (seed) => {
    const spec = generate(seed);
    const storyId = `replay-story-${seed}`;
    const full = await freshDatabase();
    const fullDb = createDbClient(full.url);
    const changes = await write(fullDb, spec, storyId);
    await fullDb.$disconnect();

    const rng = createRng(seed * 7919);
    const instants = Array.from({ length: INSTANTS_PER_STORY }, (_, i) => {
      // An instant some citation or change became known exactly, or any instant in the story.
      const exact = [...spec.events.flatMap((e) => e.citations.flatMap((c) => (c.publishedAt ? [c.publishedAt] : []))), ...changes.map((c) => c.knownAt)];
      return i % 2 === 0 && exact.length ? rng.pick(exact) : new Date(BASE + minutes(rng, 0, 16 * 24 * 60));
    });
    for (const at of instants) {
      await use(full);
      const asOf = await snapshot(storyId, spec.sources.map((s) => s.id), at);

      const rebuilt = await freshDatabase();
      const rebuiltDb = createDbClient(rebuilt.url);
      const known = knownAt(spec, changes, at);
      const kept = await write(rebuiltDb, known, storyId);
      await rebuiltDb.$disconnect();
      // Every change known by T was accepted again: its evidence was known by then too.
      expect(kept.length, `seed ${seed}, T=${at.toISOString()}`).toBe(known.changes.length);
      await use(rebuilt);
      const today = await snapshot(storyId, spec.sources.map((s) => s.id), null);
      expect(asOf, `seed ${seed}, T=${at.toISOString()}`).toEqual(today);
    }
    // Each instant builds a database of its own: minutes on a busy CI machine, never a failure.
  }, 600_000);
});
