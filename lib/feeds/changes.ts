import "server-only";
import { getDb } from "../db";
import type { ClaimStatusValue } from "../domain";
import type { AsOf } from "../events/as-of";
import { hasFilters, type TimelineQuery } from "../events/filters";
import { resolveFilterSlugs, timelineWhere, type TimelineScope } from "../events/queries";

// What changed in a story, rather than what happened: claim status changes and public
// corrections, newest first. The timeline's filters narrow it to the events they select
// (a claim's changes are shown when one of its events matches).

export type StoryChange =
  | {
      type: "claim-status";
      id: string;
      at: Date;
      claim: { slug: string; text: string };
      from: ClaimStatusValue | null;
      to: ClaimStatusValue;
      reason: string;
      evidence: { sourceName: string; url: string | null; eventSlug: string | null } | null;
    }
  | {
      type: "correction";
      id: string;
      at: Date;
      note: string;
      event: { id: string; slug: string; headline: string };
    };

export async function listStoryChanges(
  storyId: string,
  scope: TimelineScope,
  query: TimelineQuery,
  asOf: AsOf,
  limit = 50,
): Promise<StoryChange[]> {
  const db = getDb();
  const resolved = await resolveFilterSlugs(query);
  const eventWhere = timelineWhere(scope, query, resolved);
  const cutoff = asOf ? { lte: asOf.cutoff } : undefined;
  const [statusChanges, corrections] = await Promise.all([
    db.claimStatusChange.findMany({
      where: {
        claim: hasFilters(query) ? { storyId, events: { some: { event: eventWhere } } } : { storyId },
        ...(cutoff ? { knownAt: cutoff } : {}),
      },
      orderBy: [{ knownAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        fromStatus: true,
        toStatus: true,
        knownAt: true,
        reason: true,
        claim: { select: { slug: true, text: true } },
        evidenceCitation: {
          select: { url: true, source: { select: { name: true } }, event: { select: { slug: true, published: true } } },
        },
      },
    }),
    db.correction.findMany({
      where: { event: eventWhere, ...(cutoff ? { createdAt: cutoff } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, note: true, createdAt: true, event: { select: { id: true, slug: true, headline: true } } },
    }),
  ]);
  const changes: StoryChange[] = [
    ...statusChanges.map(
      (c): StoryChange => ({
        type: "claim-status",
        id: c.id,
        at: c.knownAt,
        claim: c.claim,
        from: c.fromStatus,
        to: c.toStatus,
        reason: c.reason,
        evidence: c.evidenceCitation
          ? {
              sourceName: c.evidenceCitation.source.name,
              url: c.evidenceCitation.url,
              // An unpublished event is never linked, nor named.
              eventSlug: c.evidenceCitation.event.published ? c.evidenceCitation.event.slug : null,
            }
          : null,
      }),
    ),
    ...corrections.map((c): StoryChange => ({ type: "correction", id: c.id, at: c.createdAt, note: c.note, event: c.event })),
  ];
  return changes
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}
