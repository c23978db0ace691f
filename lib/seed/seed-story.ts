import type { Db, Tx } from "../db";
import { startOfLocalDay } from "../dates";
import { recordClaimStatusChange } from "../claims/write";
import { createEvent } from "../events/write";
import type { SeedStory } from "./types";

export type SeedResult = { storyId: string; created: Record<string, number> };

/**
 * Writes a seed story through the same domain write paths editors use. Idempotent: a record that
 * already exists (by slug, or by its natural key) is left exactly as it is, so running the seed
 * twice changes nothing and never overwrites an editor's later work.
 */
export async function seedStory(db: Db, data: SeedStory, changedBy = "seed"): Promise<SeedResult> {
  return db.$transaction(async (tx) => seedInTransaction(tx, data, changedBy), { timeout: 60_000 });
}

async function seedInTransaction(tx: Tx, data: SeedStory, changedBy: string): Promise<SeedResult> {
  const created: Record<string, number> = {
    stories: 0,
    sources: 0,
    actors: 0,
    tags: 0,
    claims: 0,
    events: 0,
    relations: 0,
    statusChanges: 0,
  };
  const storyZone = data.story.timeZone;

  let story = await tx.story.findUnique({ where: { slug: data.story.slug }, select: { id: true } });
  if (!story) {
    story = await tx.story.create({ data: data.story, select: { id: true } });
    created.stories++;
  }
  const storyId = story.id;

  const sourceIds = new Map<string, string>();
  for (const s of data.sources) {
    let row = await tx.source.findUnique({ where: { slug: s.slug }, select: { id: true } });
    if (!row) {
      row = await tx.source.create({ data: s, select: { id: true } });
      created.sources++;
    }
    sourceIds.set(s.slug, row.id);
  }

  const actorIds = new Map<string, string>();
  for (const a of data.actors) {
    let row = await tx.actor.findUnique({ where: { slug: a.slug }, select: { id: true } });
    if (!row) {
      row = await tx.actor.create({ data: a, select: { id: true } });
      created.actors++;
    }
    actorIds.set(a.slug, row.id);
  }

  const tagIds = new Map<string, string>();
  for (const t of data.tags) {
    let row = await tx.tag.findUnique({ where: { slug: t.slug }, select: { id: true } });
    if (!row) {
      row = await tx.tag.create({ data: t, select: { id: true } });
      created.tags++;
    }
    tagIds.set(t.slug, row.id);
  }

  const claimIds = new Map<string, string>();
  const newClaims = new Set<string>();
  for (const c of data.claims) {
    let row = await tx.claim.findUnique({ where: { slug: c.slug }, select: { id: true } });
    if (!row) {
      row = await tx.claim.create({
        data: { slug: c.slug, storyId, text: c.text, scope: c.scope ?? null },
        select: { id: true },
      });
      created.claims++;
      newClaims.add(c.slug);
    }
    claimIds.set(c.slug, row.id);
  }

  const ref = <T>(map: Map<string, T>, key: string, what: string): T => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`Seed data refers to unknown ${what} "${key}".`);
    return v;
  };

  const eventIds = new Map<string, string>();
  const citationIds = new Map<string, string[]>();
  for (const e of data.events) {
    const existing = await tx.event.findUnique({
      where: { slug: e.slug },
      select: { id: true, citations: { select: { id: true }, orderBy: { position: "asc" } } },
    });
    if (existing) {
      eventIds.set(e.slug, existing.id);
      citationIds.set(
        e.slug,
        existing.citations.map((c) => c.id),
      );
      continue;
    }
    const row = await createEvent(tx, {
      storyId,
      slug: e.slug,
      kind: e.kind,
      headline: e.headline,
      summary: e.summary,
      location: e.location ?? null,
      occurredAt: startOfLocalDay(e.occurredOn, e.timeZone),
      precision: e.precision,
      approximate: e.approximate ?? false,
      timeNote: e.timeNote ?? null,
      timeZone: e.timeZone,
      dayOrder: e.dayOrder ?? 0,
      firstReportedAt: startOfLocalDay(e.firstReportedOn, storyZone),
      actors: (e.actors ?? []).map((a) => ({ actorId: ref(actorIds, a.actor, "actor"), role: a.role })),
      tagIds: (e.tags ?? []).map((t) => ref(tagIds, t, "tag")),
      citations: e.citations.map((c) => ({
        sourceId: ref(sourceIds, c.source, "source"),
        url: c.url ?? null,
        title: c.title ?? null,
        publishedAt: c.publishedOn ? startOfLocalDay(c.publishedOn, e.timeZone) : null,
        publishedPrecision: c.publishedOn ? (c.publishedPrecision ?? "DAY") : null,
        quote: c.quote ?? null,
        attribution: c.attribution,
        attributionText: c.attributionText ?? null,
        speakerActorId: c.speaker ? ref(actorIds, c.speaker, "actor") : null,
        originSourceId: c.origin ? ref(sourceIds, c.origin, "source") : null,
        originText: c.originText ?? null,
        note: c.note ?? null,
      })),
      claims: (e.claims ?? []).map((c) => ({
        claimId: ref(claimIds, c.claim, "claim"),
        stance: c.stance,
        note: c.note ?? null,
      })),
    });
    created.events++;
    eventIds.set(e.slug, row.id);
    citationIds.set(
      e.slug,
      row.citations.map((c) => c.id),
    );
  }

  for (const r of data.relations) {
    const key = {
      fromEventId: ref(eventIds, r.from, "event"),
      toEventId: ref(eventIds, r.to, "event"),
      type: r.type,
    };
    const existing = await tx.eventRelation.findUnique({
      where: { fromEventId_toEventId_type: key },
      select: { id: true },
    });
    if (!existing) {
      await tx.eventRelation.create({ data: { ...key, note: r.note ?? null } });
      created.relations++;
    }
  }

  // A claim's history is written only when the claim itself was created by this run.
  for (const c of data.claims) {
    if (!newClaims.has(c.slug)) continue;
    for (const h of c.history) {
      let evidenceCitationId: string | null = null;
      if (h.evidence) {
        evidenceCitationId = ref(citationIds, h.evidence.event, "event")[h.evidence.citation] ?? null;
        if (!evidenceCitationId) {
          throw new Error(`Seed data: event "${h.evidence.event}" has no citation ${h.evidence.citation}.`);
        }
      }
      await recordClaimStatusChange(tx, {
        claimId: ref(claimIds, c.slug, "claim"),
        to: h.to,
        knownAt: startOfLocalDay(h.knownOn, storyZone),
        reason: h.reason,
        evidenceCitationId,
        changedBy,
      });
      created.statusChanges++;
    }
  }

  return { storyId, created };
}
