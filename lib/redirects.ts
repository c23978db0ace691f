import "server-only";
import { cache } from "react";
import { getDb, type Tx } from "./db";
import { DomainError } from "./errors";
import { CORS_HEADERS } from "./http/cors";
import { createUrl, type RawSearchParams } from "./url";

// Old addresses keep working (README, "URLs are an API"). When an editor renames a slug, or merges
// a duplicate event or source into another, the retired key (the old slug; for an event merged
// away, its stable id too) is kept in SlugRedirect, and the pages, feeds and API answer it with a
// 308 to the record's current address. A live record's own slug or id always wins over a
// redirect, and no other record may take a slug that is kept as a redirect.

export type RedirectEntity = "Event" | "Source" | "Story" | "Claim" | "Tag";

const KEY = /^[A-Za-z0-9_-]{1,120}$/;

/**
 * Keeps `fromKey` resolving to record `toId`. A merge also repoints every earlier redirect to the
 * record it retires (`retiredId`), so that a lookup is always one step.
 */
export async function keepRedirect(
  tx: Tx,
  entityType: RedirectEntity,
  fromKey: string,
  toId: string,
  reason: "merge" | "rename",
  retiredId?: string,
): Promise<void> {
  if (retiredId) await tx.slugRedirect.updateMany({ where: { entityType, toId: retiredId }, data: { toId } });
  await tx.slugRedirect.upsert({
    where: { entityType_fromKey: { entityType, fromKey } },
    create: { entityType, fromKey, toId, reason },
    update: { toId, reason },
  });
}

/**
 * A record's slug changed from `before` to `after`: the old one keeps resolving, and a redirect
 * that the record's new slug took back (renamed to an earlier slug) is dropped.
 */
export async function keepRenamedSlug(tx: Tx, entityType: RedirectEntity, id: string, before: string, after: string): Promise<void> {
  if (before === after) return;
  await tx.slugRedirect.deleteMany({ where: { entityType, fromKey: after, toId: id } });
  await keepRedirect(tx, entityType, before, id, "rename");
}

const NOUN: Record<RedirectEntity, string> = { Event: "event", Source: "source", Story: "story", Claim: "claim", Tag: "tag" };

/** Refuses a slug kept as the old address of another record (`selfId` may take its own back). */
export async function checkSlugNotRetired(tx: Tx, entityType: RedirectEntity, slug: string, selfId: string | null): Promise<void> {
  const kept = await tx.slugRedirect.findUnique({ where: { entityType_fromKey: { entityType, fromKey: slug } }, select: { toId: true } });
  if (kept && kept.toId !== selfId) {
    throw new DomainError(
      `The slug “${slug}” is the old address of another ${NOUN[entityType]} and keeps leading there, so links to it never break. Choose another slug.`,
      "slug",
    );
  }
}

async function currentSlug(entityType: RedirectEntity, id: string): Promise<string | null> {
  const db = getDb();
  const where = { where: { id }, select: { slug: true } } as const;
  const row =
    entityType === "Event"
      ? await db.event.findUnique(where)
      : entityType === "Source"
        ? await db.source.findUnique(where)
        : entityType === "Story"
          ? await db.story.findUnique(where)
          : entityType === "Claim"
            ? await db.claim.findUnique(where)
            : await db.tag.findUnique(where);
  return row?.slug ?? null;
}

/**
 * Where an old key now leads: the record's id and current slug, or null when the key was never
 * retired. Call it only after the live lookup found nothing (a live slug wins).
 */
export const findRedirect = cache(async (entityType: RedirectEntity, key: string): Promise<{ id: string; slug: string } | null> => {
  if (!KEY.test(key)) return null;
  const kept = await getDb().slugRedirect.findUnique({ where: { entityType_fromKey: { entityType, fromKey: key } }, select: { toId: true } });
  if (!kept) return null;
  const slug = await currentSlug(entityType, kept.toId);
  return slug && slug !== key ? { id: kept.toId, slug } : null;
});

/** The records these retired slugs now lead to (filters: `?source=<old slug>` keeps working). */
export async function redirectedSlugs(entityType: "Source" | "Tag", keys: readonly string[]): Promise<Map<string, { id: string; slug: string }>> {
  const wanted = keys.filter((k) => KEY.test(k));
  if (wanted.length === 0) return new Map();
  const db = getDb();
  const kept = await db.slugRedirect.findMany({ where: { entityType, fromKey: { in: wanted } }, select: { fromKey: true, toId: true } });
  if (kept.length === 0) return new Map();
  const ids = kept.map((k) => k.toId);
  const rows =
    entityType === "Source"
      ? await db.source.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } })
      : await db.tag.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(kept.flatMap((k) => (byId.has(k.toId) ? [[k.fromKey, byId.get(k.toId)!] as const] : [])));
}

/** A request's path and query with one path segment (the retired key) replaced by the new slug. */
export function redirectedPath(url: URL, from: string, to: string): string {
  const segments = url.pathname.split("/");
  const i = segments.findIndex((s) => {
    try {
      return decodeURIComponent(s) === from;
    } catch {
      return false;
    }
  });
  if (i >= 0) segments[i] = encodeURIComponent(to);
  return `${segments.join("/")}${url.search}`;
}

/** The reader's query string, every value kept (a redirect keeps `asof` and the filters). */
function queryOf(params: RawSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(name, v);
  }
  return out;
}

/**
 * For a page whose record was not found by `key`: a 308 to the address it moved to (built by
 * `path` from the record's current slug), with the reader's query string. Returns when the key
 * was never retired.
 */
export async function redirectIfMoved(
  entityType: RedirectEntity,
  key: string,
  path: (slug: string) => string,
  params: RawSearchParams = {},
): Promise<void> {
  const moved = await findRedirect(entityType, key);
  if (!moved) return;
  // Loaded here, not at the top: the timeline's queries use this module too, and scripts run them
  // outside Next (npm run bench), where next/navigation cannot load under react-server.
  const { permanentRedirect } = await import("next/navigation");
  permanentRedirect(createUrl(path(moved.slug), queryOf(params)));
}

/** For a route handler (feeds, exports, the API): the 308 to where `key` moved, or null. */
export async function movedResponse(request: Request, entityType: RedirectEntity, key: string): Promise<Response | null> {
  const moved = await findRedirect(entityType, key);
  if (!moved) return null;
  return new Response(null, {
    status: 308,
    headers: { Location: redirectedPath(new URL(request.url), key, moved.slug), "Cache-Control": "no-store", ...CORS_HEADERS },
  });
}
