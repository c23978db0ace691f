import "server-only";
import { getDb } from "../db";
import { asOfFor, instantOf } from "../events/as-of";
import { projectEvent } from "../events/event-view";
import { getEventBySlugOrId, getWithdrawnEvent, listTimeline, resolveFilterSlugs } from "../events/queries";
import { findRedirect } from "../redirects";
import { getClaimBySlugOrId, projectClaim } from "../claims/queries";
import { listStories, listStoriesWithCounts } from "../stories/queries";
import { crossStoryScope, storyScope } from "../view/resolve";
import { siteUrl } from "../site";
import { toSlug } from "../domain";
import type { RawSearchParams } from "../url";
import { ApiError, notFoundError } from "../http/errors";
import { newest } from "../http/conditional";
import {
  asofParam,
  claimStatusParam,
  cursorParam,
  encodeSlugCursor,
  limitParam,
  rejectUnknown,
  slugCursorParam,
  slugParam,
  strictTimelineQuery,
  TIMELINE_PARAMS,
  updatedSinceParam,
} from "./params";
import { presentClaim, presentEvent } from "./present";
import {
  actorListSchema,
  claimDetailSchema,
  claimListSchema,
  eventListSchema,
  eventSchema,
  retractionListSchema,
  sourceListSchema,
  storyListSchema,
  type ApiClaim,
} from "./schemas";

// The JSON API's reads. Each parses its parameters strictly, reads through the same queries as
// the pages (listTimeline/timelineWhere), and returns a body checked against its zod schema.

/** A body and its date, or (movedTo) the path under /api/v1/ a retired slug or id now answers at. */
export type ApiResult = { body: unknown; lastModified: Date | null; movedTo?: string };

async function storyBySlugParam(params: RawSearchParams) {
  const slug = slugParam(params, "story");
  const stories = await listStories();
  if (slug === null) return { stories, story: null };
  // A renamed story's old slug still names it (lib/redirects.ts).
  const moved = stories.some((s) => s.slug === slug) ? null : await findRedirect("Story", slug);
  const story = stories.find((s) => s.slug === (moved?.slug ?? slug));
  if (!story) throw new ApiError(400, "unknown_value", `There is no story “${slug}”.`, [{ parameter: "story", message: "No such story." }]);
  return { stories, story };
}

export const EVENT_LIST_PARAMS = [...TIMELINE_PARAMS, "story", "cursor", "limit", "updated_since"] as const;

export async function listEvents(params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, EVENT_LIST_PARAMS);
  const parsed = strictTimelineQuery(params);
  const query = { ...parsed, before: cursorParam(params) };
  const limit = limitParam(params, 50, 100);
  const updatedSince = updatedSinceParam(params) ?? undefined;
  const { stories, story } = await storyBySlugParam(params);

  const resolved = await resolveFilterSlugs(query);
  const missing = (
    [
      ["source", query.sources.length, resolved.sourceIds.length],
      ["actor", query.actors.length, resolved.actorIds.length],
      ["tag", query.tags.length, resolved.tagIds.length],
    ] as const
  ).find(([, wanted, found]) => wanted !== found);
  if (missing) {
    throw new ApiError(400, "unknown_value", resolved.notes.join(" "), [{ parameter: missing[0], message: resolved.notes.join(" ") }]);
  }

  const scope = story ? storyScope(story, query, { updatedSince }) : crossStoryScope(stories, query, { updatedSince });
  const page = await listTimeline(scope, query, limit);
  const updated = await getDb().event.findMany({
    where: { id: { in: page.events.map((e) => e.id) } },
    select: { id: true, updatedAt: true },
  });
  const updatedAt = new Map(updated.map((u) => [u.id, u.updatedAt]));
  const slugOf = new Map(stories.map((s) => [s.id, s]));
  const data = page.events.flatMap((e) => {
    const s = slugOf.get(e.storyId)!;
    const view = projectEvent(e, instantOf(asOfFor(query.asof, s.timeZone)));
    return view ? [presentEvent(view, s.slug, updatedAt.get(e.id) ?? e.firstReportedAt)] : [];
  });
  const body = eventListSchema.parse({
    data,
    total: page.total,
    as_of: query.asof,
    next_cursor: page.olderCursor,
  });
  return { body, lastModified: newest([...updatedAt.values()]) };
}

export async function getEvent(slugOrId: string, params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, ["asof"]);
  const asofDay = asofParam(params);
  const event = await getEventBySlugOrId(slugOrId);
  if (!event) {
    const moved = await findRedirect("Event", slugOrId);
    if (moved) return { body: null, lastModified: null, movedTo: `events/${moved.slug}` };
    const withdrawn = await getWithdrawnEvent(slugOrId);
    if (withdrawn) {
      const day = withdrawn.withdrawnAt.toISOString();
      throw new ApiError(410, "gone", `The event “${slugOrId}” was withdrawn from publication on ${day.slice(0, 10)}: ${withdrawn.withdrawalNote}`, [
        { field: "withdrawn_at", message: day },
        { field: "withdrawal_note", message: withdrawn.withdrawalNote },
      ]);
    }
    throw notFoundError(`The event “${slugOrId}”`);
  }
  const view = projectEvent(event, instantOf(asOfFor(asofDay, event.story.timeZone)));
  if (!view) throw notFoundError(`The event “${slugOrId}” as of ${asofDay}`);
  const body = eventSchema.parse(presentEvent(view, event.story.slug, event.updatedAt));
  return { body, lastModified: event.updatedAt };
}

const claimListSelect = {
  id: true,
  slug: true,
  text: true,
  scope: true,
  status: true,
  updatedAt: true,
  story: { select: { slug: true, timeZone: true } },
  history: { select: { toStatus: true, knownAt: true, sequence: true } },
} as const;

export async function listClaims(params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, ["story", "status", "asof", "cursor", "limit", "updated_since"]);
  const statuses = claimStatusParam(params);
  const asofDay = asofParam(params);
  const after = slugCursorParam(params);
  const limit = limitParam(params, 50, 100);
  const updatedSince = updatedSinceParam(params);
  const { story } = await storyBySlugParam(params);
  const rows = await getDb().claim.findMany({
    where: {
      ...(story ? { storyId: story.id } : {}),
      ...(after ? { slug: { gt: after } } : {}),
      ...(updatedSince ? { updatedAt: { gte: updatedSince } } : {}),
    },
    orderBy: { slug: "asc" },
    select: claimListSelect,
  });
  // The status filter applies to the status as of the date asked for, so it runs after that is known.
  const shown: { claim: ApiClaim; updatedAt: Date }[] = [];
  let more = false;
  for (const c of rows) {
    const at = instantOf(asOfFor(asofDay, c.story.timeZone));
    if (at && !c.history.some((h) => h.knownAt <= at)) continue;
    const claim = presentClaim(c, c.story.slug, at);
    if (statuses.length && !statuses.map(toSlug).includes(claim.status)) continue;
    if (shown.length === limit) {
      more = true;
      break;
    }
    shown.push({ claim, updatedAt: c.updatedAt });
  }
  const last = shown[shown.length - 1];
  const body = claimListSchema.parse({
    data: shown.map((s) => s.claim),
    next_cursor: more && last ? encodeSlugCursor(last.claim.slug) : null,
  });
  return { body, lastModified: newest(shown.map((s) => s.updatedAt)) };
}

export async function getClaim(slugOrId: string, params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, ["asof"]);
  const asofDay = asofParam(params);
  const claim = await getClaimBySlugOrId(slugOrId);
  if (!claim) {
    const moved = await findRedirect("Claim", slugOrId);
    if (moved) return { body: null, lastModified: null, movedTo: `claims/${moved.slug}` };
    throw notFoundError(`The claim “${slugOrId}”`);
  }
  const at = instantOf(asOfFor(asofDay, claim.story.timeZone));
  const view = projectClaim(claim, at);
  const history = view.history;
  const body = claimDetailSchema.parse({
    ...presentClaim(claim, claim.story.slug, at),
    history: history.map((h) => ({
      id: h.id,
      from: h.fromStatus ? toSlug(h.fromStatus) : null,
      to: toSlug(h.toStatus),
      known_at: h.knownAt.toISOString(),
      reason: h.reason,
      evidence: h.evidenceCitation
        ? {
            citation_id: h.evidenceCitation.id,
            source: h.evidenceCitation.source,
            event_slug: h.evidenceCitation.event.published ? h.evidenceCitation.event.slug : null,
          }
        : null,
    })),
    events: view.groups
      .flatMap((g) => g.links)
      .sort((a, b) => (a.event.timelineKey < b.event.timelineKey ? -1 : a.event.timelineKey > b.event.timelineKey ? 1 : 0))
      .map((l) => ({ id: l.event.id, slug: l.event.slug, headline: l.event.headline, stance: toSlug(l.stance) })),
  });
  return { body, lastModified: newest([claim.updatedAt, ...history.map((h) => h.knownAt)]) };
}

export async function listSources(params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, ["cursor", "limit", "updated_since"]);
  const after = slugCursorParam(params);
  const limit = limitParam(params, 100, 500);
  const updatedSince = updatedSinceParam(params);
  const rows = await getDb().source.findMany({
    where: { ...(after ? { slug: { gt: after } } : {}), ...(updatedSince ? { updatedAt: { gte: updatedSince } } : {}) },
    orderBy: { slug: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const body = sourceListSchema.parse({
    data: page.map((s) => ({
      slug: s.slug,
      name: s.name,
      kind: toSlug(s.kind),
      country: s.country,
      homepage: s.homepage,
      description: s.description,
      url: `${siteUrl()}/sources/${s.slug}`,
      updated_at: s.updatedAt.toISOString(),
    })),
    next_cursor: rows.length > limit ? encodeSlugCursor(page[page.length - 1]!.slug) : null,
  });
  return { body, lastModified: newest(page.map((s) => s.updatedAt)) };
}

export async function listActors(params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, ["cursor", "limit", "updated_since"]);
  const after = slugCursorParam(params);
  const limit = limitParam(params, 100, 500);
  const updatedSince = updatedSinceParam(params);
  const rows = await getDb().actor.findMany({
    where: { ...(after ? { slug: { gt: after } } : {}), ...(updatedSince ? { updatedAt: { gte: updatedSince } } : {}) },
    orderBy: { slug: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const body = actorListSchema.parse({
    data: page.map((a) => ({
      slug: a.slug,
      name: a.name,
      title: a.title,
      affiliation: a.affiliation,
      updated_at: a.updatedAt.toISOString(),
    })),
    next_cursor: rows.length > limit ? encodeSlugCursor(page[page.length - 1]!.slug) : null,
  });
  return { body, lastModified: newest(page.map((a) => a.updatedAt)) };
}

export async function listStoriesApi(params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, []);
  const stories = await listStoriesWithCounts();
  const site = siteUrl();
  const body = storyListSchema.parse({
    data: stories.map((s) => {
      const page = s.isDefault ? "" : `/stories/${s.slug}`;
      return {
        slug: s.slug,
        title: s.title,
        description: s.description,
        time_zone: s.timeZone,
        is_default: s.isDefault,
        state: toSlug(s.state),
        event_count: s.events,
        url: `${site}${page || "/"}`,
        feeds: {
          rss: `${site}${page}/feed.xml`,
          atom: `${site}${page}/feed.atom`,
          json: `${site}${page}/feed.json`,
          changes: `${site}${page}/changes.atom`,
        },
        exports: { json: `${site}/stories/${s.slug}/export.json`, csv: `${site}/stories/${s.slug}/export.csv` },
        updated_at: s.updatedAt.toISOString(),
      };
    }),
  });
  return { body, lastModified: newest(stories.map((s) => s.updatedAt)) };
}

/**
 * What a mirror must remove or mark: events retracted (still public, labelled retracted) and
 * events withdrawn from publication after being published (only their stable id and the public
 * note, nothing of their content; for a duplicate merged away, the event it was merged into).
 */
export async function listRetractions(params: RawSearchParams): Promise<ApiResult> {
  rejectUnknown(params, ["story", "updated_since", "limit"]);
  const updatedSince = updatedSinceParam(params);
  const limit = limitParam(params, 500, 1000);
  const { stories, story } = await storyBySlugParam(params);
  const db = getDb();
  const inStory = story ? { storyId: story.id } : {};
  const [retracted, withdrawn] = await Promise.all([
    db.event.findMany({
      where: { ...inStory, published: true, retractedAt: updatedSince ? { gte: updatedSince } : { not: null } },
      select: { id: true, slug: true, storyId: true, retractedAt: true, retractionNote: true },
    }),
    db.event.findMany({
      // Once published (publishedAt set), now withdrawn. A draft merged away was never public.
      where: {
        ...inStory,
        published: false,
        publishedAt: { not: null },
        withdrawnAt: updatedSince ? { gte: updatedSince } : { not: null },
      },
      select: { id: true, storyId: true, withdrawnAt: true, withdrawalNote: true },
    }),
  ]);
  const merged = await db.slugRedirect.findMany({
    where: { entityType: "Event", fromKey: { in: withdrawn.map((e) => e.id) } },
    select: { fromKey: true, toId: true },
  });
  const mergedInto = new Map(merged.map((m) => [m.fromKey, m.toId]));
  const slugOf = new Map(stories.map((s) => [s.id, s.slug]));
  const data = [
    ...retracted.map((e) => ({
      type: "retracted" as const,
      event_id: e.id,
      event_slug: e.slug,
      story: slugOf.get(e.storyId)!,
      at: e.retractedAt!.toISOString(),
      note: e.retractionNote,
      merged_into: null,
    })),
    ...withdrawn.map((e) => ({
      type: "withdrawn" as const,
      event_id: e.id,
      event_slug: null,
      story: slugOf.get(e.storyId)!,
      at: e.withdrawnAt!.toISOString(),
      note: e.withdrawalNote,
      merged_into: mergedInto.get(e.id) ?? null,
    })),
  ]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.event_id < b.event_id ? -1 : 1))
    .slice(0, limit);
  const body = retractionListSchema.parse({ data });
  return { body, lastModified: newest(data.map((d) => new Date(d.at))) };
}
