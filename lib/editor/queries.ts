import "server-only";
import { getDb } from "../db";

// Reads for the editor: drafts included (the public queries filter published: true).

export async function listEditorEvents(take = 200) {
  return getDb().event.findMany({
    orderBy: [{ updatedAt: "desc" }],
    take,
    select: { id: true, slug: true, headline: true, published: true, retractedAt: true, status: true, occurredOn: true, version: true, story: { select: { title: true } } },
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

export async function listStoriesForEditor() {
  return getDb().story.findMany({ orderBy: [{ isDefault: "desc" }, { title: "asc" }], select: { id: true, slug: true, title: true, timeZone: true } });
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
