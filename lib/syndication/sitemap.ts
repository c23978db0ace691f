import "server-only";
import { getDb } from "../db";

// Everything public, for sitemap.xml: stories, published events, claims, sources.

export type SitemapEntry = { path: string; lastModified: Date };

export async function listSitemapEntries(): Promise<SitemapEntry[]> {
  const db = getDb();
  const [stories, events, claims, sources] = await Promise.all([
    db.story.findMany({ select: { slug: true, isDefault: true, updatedAt: true }, orderBy: { createdAt: "asc" } }),
    db.event.findMany({ where: { published: true }, select: { slug: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.claim.findMany({ select: { slug: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.source.findMany({ where: { citations: { some: { event: { published: true } } } }, select: { slug: true, updatedAt: true }, orderBy: { id: "asc" } }),
  ]);
  return [
    ...stories.flatMap((s) => [
      ...(s.isDefault ? [{ path: "/", lastModified: s.updatedAt }] : []),
      { path: `/stories/${s.slug}`, lastModified: s.updatedAt },
    ]),
    ...events.map((e) => ({ path: `/events/${e.slug}`, lastModified: e.updatedAt })),
    ...claims.map((c) => ({ path: `/claims/${c.slug}`, lastModified: c.updatedAt })),
    ...sources.map((s) => ({ path: `/sources/${s.slug}`, lastModified: s.updatedAt })),
    { path: "/stories", lastModified: stories.reduce((latest, s) => (s.updatedAt > latest ? s.updatedAt : latest), new Date(0)) },
    { path: "/api", lastModified: new Date(0) },
  ];
}
