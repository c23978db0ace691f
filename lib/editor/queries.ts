import "server-only";
import { getDb } from "../db";

// Reads for the editor: drafts included (the public queries filter published: true).

export async function listEditorEvents(take = 200) {
  return getDb().event.findMany({
    orderBy: [{ updatedAt: "desc" }],
    take,
    select: {
      id: true,
      slug: true,
      headline: true,
      published: true,
      retractedAt: true,
      withdrawnAt: true,
      status: true,
      occurredOn: true,
      version: true,
      story: { select: { title: true } },
    },
  });
}

export async function getEditorEvent(id: string) {
  return getDb().event.findUnique({
    where: { id },
    include: {
      story: { select: { id: true, slug: true, title: true, timeZone: true } },
      actors: { orderBy: [{ role: "asc" }, { actorId: "asc" }] },
      tags: { include: { tag: { select: { name: true } } } },
      citations: { orderBy: { position: "asc" }, include: { source: { select: { name: true } } } },
      claims: {
        orderBy: [{ position: "asc" }, { claimId: "asc" }],
        include: { claim: { select: { id: true, slug: true, text: true, status: true } } },
      },
      relationsFrom: { include: { to: { select: { slug: true, headline: true } } } },
      corrections: { orderBy: { createdAt: "asc" } },
    },
  });
}

export type EditorEvent = NonNullable<Awaited<ReturnType<typeof getEditorEvent>>>;

/** Where an event merged away now leads (its id is kept as a redirect), or null. */
export async function getMergedInto(eventId: string) {
  const kept = await getDb().slugRedirect.findUnique({ where: { entityType_fromKey: { entityType: "Event", fromKey: eventId } }, select: { toId: true } });
  return kept ? getDb().event.findUnique({ where: { id: kept.toId }, select: { id: true, slug: true, headline: true } }) : null;
}

/** An event's state for editors: draft, published, retracted (still published) or withdrawn. */
export function editorEventState(e: { published: boolean; retractedAt: Date | null; withdrawnAt: Date | null }): string {
  if (e.withdrawnAt) return "Withdrawn";
  if (e.retractedAt) return "Retracted";
  return e.published ? "Published" : "Draft";
}

export async function listStoriesForEditor() {
  return getDb().story.findMany({
    orderBy: [{ isDefault: "desc" }, { title: "asc" }],
    select: { id: true, slug: true, title: true, timeZone: true, isDefault: true, state: true },
  });
}

export async function getEditorStory(id: string) {
  return getDb().story.findUnique({
    where: { id },
    include: {
      mainClaims: { orderBy: { position: "asc" }, select: { claimId: true } },
      claims: { orderBy: { text: "asc" }, select: { id: true, slug: true, text: true } },
      _count: { select: { events: true } },
    },
  });
}

export async function listTagsForEditor() {
  return getDb().tag.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, _count: { select: { events: true } } } });
}

export async function getEditorTag(id: string) {
  return getDb().tag.findUnique({ where: { id } });
}

/**
 * The citations of the most recent published events, for choosing a new claim's evidence. Older
 * evidence is chosen on the claim's page once its event is linked to the claim.
 */
export async function listEvidenceCitations(take = 200) {
  return getDb().citation.findMany({
    where: { event: { published: true } },
    orderBy: [{ event: { firstReportedAt: "desc" } }, { eventId: "asc" }, { position: "asc" }],
    take,
    select: {
      id: true,
      attribution: true,
      attributionText: true,
      source: { select: { name: true } },
      event: { select: { headline: true, story: { select: { title: true } } } },
    },
  });
}

export async function listSourcesForEditor() {
  return getDb().source.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, kind: true, version: true } });
}

export async function listActorsForEditor() {
  return getDb().actor.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, title: true, version: true } });
}

export async function listClaimsForEditor(storyId?: string) {
  return getDb().claim.findMany({
    where: storyId ? { storyId } : undefined,
    orderBy: { text: "asc" },
    select: { id: true, slug: true, text: true, status: true, story: { select: { title: true } } },
  });
}

export async function getEditorClaim(id: string) {
  return getDb().claim.findUnique({
    where: { id },
    include: {
      story: { select: { title: true, timeZone: true } },
      history: { orderBy: { knownAt: "asc" }, include: { evidenceCitation: { select: { source: { select: { name: true } } } } } },
      events: {
        include: {
          event: {
            select: {
              id: true,
              slug: true,
              headline: true,
              published: true,
              citations: { select: { id: true, attribution: true, attributionText: true, source: { select: { name: true } } }, orderBy: { position: "asc" } },
            },
          },
        },
      },
    },
  });
}

export async function getEditorSource(id: string) {
  return getDb().source.findUnique({ where: { id } });
}

export async function getEditorActor(id: string) {
  return getDb().actor.findUnique({ where: { id } });
}
