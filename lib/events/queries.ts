import "server-only";
import { cache } from "react";
import type { Prisma } from "../../generated/prisma-sqlite/client";
import { getDb } from "../db";
import type { EventStatusValue } from "../domain";
import { searchEventIds } from "../search/full-text";
import { redirectedSlugs } from "../redirects";
import { encodeCursor, type TimelinePosition } from "./cursor";
import { searchFormOf } from "./derived";
import { withPageRelations } from "./page-read";
import { citationFactsSelect, claimLinksSelect, eventBriefSelect, eventTimeSelect } from "./selects";
import type { TimelineQuery } from "./filters";

export const PAGE_SIZE = 50;

const relatedEventSelect = {
  ...eventBriefSelect,
  timelineKey: true,
  actors: {
    where: { role: "SPEAKER" },
    select: { actor: { select: { name: true } } },
    take: 1,
  },
  citations: {
    select: { source: { select: { name: true } } },
    orderBy: { position: "asc" },
    take: 1,
  },
} satisfies Prisma.EventSelect;

/** A timeline item's own columns. */
const timelineEventScalarSelect = {
  id: true,
  slug: true,
  storyId: true,
  kind: true,
  headline: true,
  summary: true,
  location: true,
  ...eventTimeSelect,
  timeNote: true,
  occurredOn: true,
  spanEndOn: true,
  timelineKey: true,
  status: true,
  knownFrom: true,
  retractedAt: true,
  retractionNote: true,
  // When it went public on the site (a reader's "new since your last visit").
  publishedAt: true,
} satisfies Prisma.EventSelect;

/**
 * Everything a timeline item shows. listTimeline reads the relations with hand-written statements
 * instead (lib/events/page-read.ts), to the same shape; this select is what they are checked
 * against.
 */
export const timelineEventSelect = {
  ...timelineEventScalarSelect,
  statusPeriods: { select: { status: true, validFrom: true, validTo: true } },
  citations: { orderBy: { position: "asc" }, select: citationFactsSelect },
  actors: {
    select: { role: true, actor: { select: { slug: true, name: true, title: true } } },
  },
  tags: { select: { tag: { select: { slug: true, name: true } } } },
  claims: claimLinksSelect,
  relationsFrom: {
    where: { to: { published: true } },
    select: { type: true, note: true, to: { select: relatedEventSelect } },
  },
  relationsTo: {
    where: { from: { published: true } },
    select: { type: true, note: true, from: { select: relatedEventSelect } },
  },
} satisfies Prisma.EventSelect;

export type TimelineEvent = Prisma.EventGetPayload<{ select: typeof timelineEventSelect }>;
export type TimelineEventScalars = Prisma.EventGetPayload<{ select: typeof timelineEventScalarSelect }>;
export type RelatedEvent = Prisma.EventGetPayload<{ select: typeof relatedEventSelect }>;

/** Filter slugs resolved to ids; slugs that name nothing are reported, not fatal. */
export type ResolvedFilters = {
  sourceIds: string[];
  actorIds: string[];
  tagIds: string[];
  notes: string[];
  /**
   * Events the full-text index found for q (lib/search/full-text.ts); absent or null when the
   * index could not narrow the search. Only ever narrows: the words are still checked.
   */
  searchIds?: string[] | null;
};

export async function resolveFilterSlugs(query: TimelineQuery): Promise<ResolvedFilters> {
  const db = getDb();
  const [found, actors, foundTags, searchIds] = await Promise.all([
    query.sources.length
      ? db.source.findMany({ where: { slug: { in: query.sources } }, select: { id: true, slug: true } })
      : [],
    query.actors.length
      ? db.actor.findMany({ where: { slug: { in: query.actors } }, select: { id: true, slug: true } })
      : [],
    query.tags.length
      ? db.tag.findMany({ where: { slug: { in: query.tags } }, select: { id: true, slug: true } })
      : [],
    query.q ? searchEventIds(query.q) : null,
  ]);
  // A source or tag renamed or merged away keeps filtering by its old slug (lib/redirects.ts).
  const [sources, tags] = await Promise.all([
    withRedirected("Source", query.sources, found),
    withRedirected("Tag", query.tags, foundTags),
  ]);
  const notes: string[] = [];
  const check = (wanted: string[], found: { slug: string }[], name: string) => {
    for (const slug of wanted) {
      if (!found.some((f) => f.slug === slug)) notes.push(`Ignored ${name} “${slug}”: there is no such ${name}.`);
    }
  };
  check(query.sources, sources, "source");
  check(query.actors, actors, "actor");
  check(query.tags, tags, "tag");
  return {
    sourceIds: sources.map((s) => s.id),
    actorIds: actors.map((a) => a.id),
    tagIds: tags.map((t) => t.id),
    notes,
    searchIds,
  };
}

/**
 * The records found by slug, plus those that wanted slugs which no longer exist lead to, listed
 * under the slug asked for (so that nothing asked for is reported missing).
 */
async function withRedirected(
  entityType: "Source" | "Tag",
  wanted: readonly string[],
  found: { id: string; slug: string }[],
): Promise<{ id: string; slug: string }[]> {
  const missing = wanted.filter((slug) => !found.some((f) => f.slug === slug));
  if (missing.length === 0) return found;
  const moved = await redirectedSlugs(entityType, missing);
  return [...found, ...[...moved].map(([from, to]) => ({ id: to.id, slug: from }))];
}

/**
 * Which stories a view covers, and for an "as of" view the cut-off instant in each story (the end
 * of the chosen day in that story's zone).
 */
export type TimelineScope = {
  storyId?: string;
  cutoffs?: readonly { storyId: string; cutoff: Date }[];
  /** Only events changed at or after this instant (the API's updated_since, for mirrors). */
  updatedSince?: Date;
};

/**
 * Which part of a from/to view a WHERE clause reads. "main": events that start within the range,
 * which the timeline index seeks to. "spill": events that start before `from` and whose span
 * (a month or year precision, a range, a lasting event) reaches into it; few, and found through
 * their own index. The two are disjoint, and every spill event sorts after every main one.
 */
export type RangePart = "main" | "spill";

/** The WHERE clause shared by the page, its count, feeds and the API. */
export function timelineWhere(
  scope: TimelineScope,
  query: TimelineQuery,
  resolved: ResolvedFilters,
  part: RangePart = "main",
): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [{ published: true }];
  if (scope.storyId) and.push({ storyId: scope.storyId });
  if (scope.updatedSince) and.push({ updatedAt: { gte: scope.updatedSince } });
  if (scope.cutoffs) {
    // Only what was known by the cut-off (Event.knownFrom, from the as-of projection), with the
    // status filter applied to the label the event carried then and the source filter to the
    // sources it cited by then.
    and.push({
      OR: scope.cutoffs.map(({ storyId, cutoff }) => ({
        storyId,
        knownFrom: { lte: cutoff },
        ...(query.statuses.length
          ? {
              statusPeriods: {
                some: {
                  status: { in: query.statuses },
                  validFrom: { lte: cutoff },
                  OR: [{ validTo: null }, { validTo: { gt: cutoff } }],
                },
              },
            }
          : {}),
        ...(resolved.sourceIds.length
          ? { sourceKeys: { some: { sourceId: { in: resolved.sourceIds }, knownFrom: { lte: cutoff } } } }
          : {}),
      })),
    });
  } else {
    if (query.statuses.length) and.push({ status: { in: query.statuses } });
    // Several sources give their union: an event cited by any of them.
    if (resolved.sourceIds.length) and.push({ citations: { some: { sourceId: { in: resolved.sourceIds } } } });
  }
  if (query.kinds.length) and.push({ kind: { in: query.kinds } });
  if (resolved.actorIds.length) and.push({ actors: { some: { actorId: { in: resolved.actorIds } } } });
  if (resolved.tagIds.length) and.push({ tags: { some: { tagId: { in: resolved.tagIds } } } });
  // An event is in the range when its span overlaps it. timelineKey starts with occurredOn, so the
  // same range on it lets the timeline index seek to the range instead of reading the story from
  // its newest event; events that began earlier and reach into the range are the "spill" part.
  if (query.from) {
    if (part === "main") and.push({ occurredOn: { gte: query.from } }, { timelineKey: { gte: query.from } });
    else and.push({ occurredOn: { lt: query.from } }, { spanEndOn: { gte: query.from } });
  }
  if (query.to) and.push({ occurredOn: { lte: query.to } }, { timelineKey: { lt: `${query.to}|~` } });
  if (resolved.searchIds) and.push({ id: { in: resolved.searchIds } });
  if (query.q) {
    // Every word must appear, in any order (headline, summary or a quote).
    for (const word of searchFormOf(query.q).split(" ").filter(Boolean)) {
      and.push({ searchText: { contains: word } });
    }
  }
  return { AND: and };
}

function positionWhere(p: TimelinePosition, direction: "older" | "newer"): Prisma.EventWhereInput {
  const cmp = direction === "older" ? "lt" : "gt";
  return {
    // The plain range (ties included) lets the timeline index seek to the position; the OR then
    // breaks ties by id. Without it the planner reads the index from the newest event.
    timelineKey: { [direction === "older" ? "lte" : "gte"]: p.key },
    OR: [{ timelineKey: { [cmp]: p.key } }, { timelineKey: p.key, id: { [cmp]: p.id } }],
  };
}

type KeyPosition = { anchor: TimelinePosition; direction: "older" | "newer" } | null;

/**
 * The from/to bounds and the page position on an ordered key's (timelineKey, eventId) columns
 * (EventSource, EventStatusPeriod), so the walk seeks to them. The position is positionWhere's
 * range, with ties at the position excluded by a NOT rather than allowed by an OR (both columns
 * are never null, so the two mean the same): given the OR, SQLite answers each branch from the
 * index separately and sorts their union, reading the whole key below the position.
 */
function keyRangeWhere(query: TimelineQuery, position: KeyPosition) {
  const and: { timelineKey: { gte?: string; lte?: string; lt?: string }; NOT?: { timelineKey: string; eventId: { gte?: string; lte?: string } } }[] = [];
  if (query.from) and.push({ timelineKey: { gte: query.from } });
  if (query.to) and.push({ timelineKey: { lt: `${query.to}|~` } });
  if (position) {
    const { anchor: p, direction } = position;
    and.push(
      direction === "older"
        ? { timelineKey: { lte: p.key }, NOT: { timelineKey: p.key, eventId: { gte: p.id } } }
        : { timelineKey: { gte: p.key }, NOT: { timelineKey: p.key, eventId: { lte: p.id } } },
    );
  }
  return and;
}

/**
 * Whether a timelineWhere filter says no more than "published" and "in this story", both of
 * which the source key carries itself.
 */
function saysOnlyPublishedIn(where: Prisma.EventWhereInput, storyId: string | undefined): boolean {
  const and = where.AND;
  return (
    Array.isArray(and) &&
    and.every((c: Prisma.EventWhereInput) => {
      const keys = Object.keys(c);
      return keys.length === 1 && (c.published === true || (storyId !== undefined && c.storyId === storyId));
    })
  );
}

/**
 * Up to this many sources (or statuses, for an "as of" view) are answered through an ordered key,
 * one walk each; more fall back to the plain relation filter.
 */
export const MAX_KEYED_VALUES = 5;

/** A view read by walking an ordered key (keyedWalk). */
type KeyedWalk = {
  /** The first `take` matching event ids from a position, or more (see keyedWalk). */
  ids(position: KeyPosition, order: "asc" | "desc", take: number): Promise<string[]>;
  /** How many events match, counting stops at `cap`. */
  count(cap: number): Promise<number>;
};

/**
 * How a view is read when an index on Event alone cannot hold its order: through an ordered key
 * (a table kept by database triggers whose index is in timeline order per filter value), one walk
 * per value, each stopping after `take` matches of every other filter. The result is the union
 * of those walks' event ids. Whatever the order of the union, the first `take` events of the view
 * are among them: an event's place among the events of one of its values is never later than its
 * place among the events of all the values. The caller reads them back in timeline order.
 *
 * - A source filter walks the source key, EventSource (storyId, sourceId, timelineKey, eventId,
 *   status, knownFrom, kind, published), or (sourceId, timelineKey, …) across stories. Instead of the relation
 *   filter `citations: { some: { sourceId } }`, for which both planners probe the timeline for
 *   citations or join all of the source's citations and sort: a cost that grows with the story,
 *   not with the page.
 * - An "as of" view with a status filter (and no source filter) walks the status periods of that
 *   status, EventStatusPeriod (storyId, status, timelineKey, eventId, validFrom, validTo, id), testing
 *   the period against the cut-off in the index, instead of probing the periods of every event
 *   on the timeline.
 *
 * Counting stops at the cap in each walk, as a COUNT over the walk (the count reads no rows
 * back). Several sources may share events: when every source has fewer matches than the cap, the
 * union of their ids is counted. An event had one status at the cut-off, so the as-of walks of
 * several statuses never share events and their counts add up.
 *
 * Null when neither applies, or when the full-text index already narrowed the view to a short
 * list of ids, which is cheaper to read directly.
 */
function keyedWalk(scope: TimelineScope, query: TimelineQuery, resolved: ResolvedFilters): KeyedWalk | null {
  if (resolved.searchIds) return null;
  const db = getDb();
  const union = (lists: { eventId: string }[][]) => [...new Set(lists.flat().map((r) => r.eventId))];
  const { sourceIds } = resolved;
  if (sourceIds.length > 0 && sourceIds.length <= MAX_KEYED_VALUES) {
    // The key carries the event's story, current status, kind and published flag, so those
    // filters are checked in its index. An "as of" view filters on the status at its cut-off
    // instead (in rest).
    const keyStatuses = scope.cutoffs ? [] : query.statuses;
    const rest = timelineWhere(scope, { ...query, statuses: scope.cutoffs ? query.statuses : [], kinds: [] }, { ...resolved, sourceIds: [] });
    const common: Prisma.EventSourceWhereInput[] = [{ published: true }];
    if (scope.storyId) common.push({ storyId: scope.storyId });
    if (keyStatuses.length) common.push({ status: { in: keyStatuses } });
    if (query.kinds.length) common.push({ kind: { in: query.kinds } });
    // As of a date, the event is listed under the source only once it cited it (knownFrom, in the
    // key's index).
    if (scope.cutoffs) common.push({ OR: scope.cutoffs.map(({ storyId, cutoff }) => ({ storyId, knownFrom: { lte: cutoff } })) });
    // Anything else (a date range, an actor, a tag, words, an "as of" label) is tested on the
    // event, read for each row walked; a view the key answers alone reads no event until its page.
    if (!saysOnlyPublishedIn(rest, scope.storyId)) common.push({ event: rest });
    const where = (sourceId: string, position: KeyPosition): Prisma.EventSourceWhereInput => ({
      AND: [{ sourceId }, ...common, ...keyRangeWhere(query, position)],
    });
    const ids: KeyedWalk["ids"] = async (position, order, take) =>
      union(
        await Promise.all(
          sourceIds.map((sourceId) =>
            db.eventSource.findMany({
              where: where(sourceId, position),
              orderBy: [{ timelineKey: order }, { eventId: order }],
              take,
              select: { eventId: true },
            }),
          ),
        ),
      );
    return {
      ids,
      async count(cap) {
        const counts = await Promise.all(
          sourceIds.map((sourceId) =>
            db.eventSource.count({ where: where(sourceId, null), orderBy: [{ timelineKey: "desc" }, { eventId: "desc" }], take: cap }),
          ),
        );
        if (counts.length === 1 || counts.some((n) => n >= cap)) return Math.min(cap, Math.max(...counts));
        return Math.min(cap, (await ids(null, "desc", cap)).length);
      },
    };
  }
  const only = scope.cutoffs?.length === 1 ? scope.cutoffs[0]! : null;
  if (only && (!scope.storyId || scope.storyId === only.storyId) && query.statuses.length > 0 && query.statuses.length <= MAX_KEYED_VALUES) {
    const { storyId, cutoff } = only;
    // Everything but the status at the cut-off, which the walked period is.
    const rest = timelineWhere(scope, { ...query, statuses: [] }, resolved);
    // A period is current at the cut-off when it began by then and had not ended. An event's
    // periods do not overlap, so each event appears at most once per walk.
    const common: Prisma.EventStatusPeriodWhereInput[] = [
      { storyId, validFrom: { lte: cutoff }, OR: [{ validTo: null }, { validTo: { gt: cutoff } }] },
      { event: rest },
    ];
    const where = (status: EventStatusValue, position: KeyPosition): Prisma.EventStatusPeriodWhereInput => ({
      AND: [{ status }, ...common, ...keyRangeWhere(query, position)],
    });
    return {
      ids: async (position, order, take) =>
        union(
          await Promise.all(
            query.statuses.map((status) =>
              db.eventStatusPeriod.findMany({
                where: where(status, position),
                orderBy: [{ timelineKey: order }, { eventId: order }],
                take,
                select: { eventId: true },
              }),
            ),
          ),
        ),
      async count(cap) {
        const counts = await Promise.all(
          query.statuses.map((status) =>
            db.eventStatusPeriod.count({ where: where(status, null), orderBy: [{ timelineKey: "desc" }, { eventId: "desc" }], take: cap }),
          ),
        );
        return Math.min(cap, counts.reduce((a, b) => a + b, 0));
      },
    };
  }
  return null;
}

export type TimelinePage = {
  events: TimelineEvent[];
  total: number;
  /** False when counting stopped at the countLimit: then more than `total` events match. */
  totalIsExact: boolean;
  /** Cursor for the next page of older events, when there is one. */
  olderCursor: string | null;
  /** Cursor for the previous page of newer events, when there is one. */
  newerCursor: string | null;
  notes: string[];
};

/** Where the pages stop counting: the count then costs the same at 1,000 events as at 1,000,000. */
export const TOTAL_COUNT_LIMIT = 1_000;

/**
 * One page of a timeline, newest first, with keyset pagination and a total count (exact, or
 * "more than countLimit" when a limit is given).
 */
export async function listTimeline(
  scope: TimelineScope,
  query: TimelineQuery,
  pageSize: number = PAGE_SIZE,
  options: { countLimit?: number } = {},
): Promise<TimelinePage> {
  const db = getDb();
  const resolved = await resolveFilterSlugs(query);
  const where = timelineWhere(scope, query, resolved);

  const goingNewer = query.after !== null;
  const anchor = query.after ?? query.before;
  const pageWhere: Prisma.EventWhereInput = anchor
    ? { AND: [where, positionWhere(anchor, goingNewer ? "newer" : "older")] }
    : where;
  const order = goingNewer ? "asc" : "desc";

  const walk = keyedWalk(scope, query, resolved);
  const readPage = (w: Prisma.EventWhereInput) =>
    db.event.findMany({ where: w, orderBy: [{ timelineKey: order }, { id: order }], take: pageSize + 1, select: timelineEventScalarSelect });
  // Events that began before `from` and reach into the range (RangePart "spill").
  const spillWhere = query.from ? timelineWhere(scope, query, resolved, "spill") : null;
  const positioned = (w: Prisma.EventWhereInput) => (anchor ? { AND: [w, positionWhere(anchor, goingNewer ? "newer" : "older")] } : w);

  const [mainRows, spillRows, mainTotal, spillTotal] = await Promise.all([
    walk
      ? walk
          .ids(anchor ? { anchor, direction: goingNewer ? "newer" : "older" } : null, order, pageSize + 1)
          .then((ids) => readPage({ id: { in: ids } }))
      : readPage(pageWhere),
    spillWhere ? readPage(positioned(spillWhere)) : [],
    options.countLimit
      ? walk
        ? walk.count(options.countLimit + 1)
        : // Counting stops past the limit, in the database (one row back, not a thousand ids). The
          // rows counted are read in timeline order, the plan the page itself uses, which stays
          // fast at any size (a bare LIMITed count lets the planner choose a scan that reads the
          // whole filter).
          db.event.count({ where, orderBy: [{ timelineKey: "desc" }, { id: "desc" }], take: options.countLimit + 1 })
      : db.event.count({ where }),
    spillWhere ? db.event.count({ where: spillWhere, ...(options.countLimit ? { take: options.countLimit + 1 } : {}) }) : 0,
  ]);
  const total = mainTotal + spillTotal;
  const sign = order === "desc" ? -1 : 1;
  const rows = [...mainRows, ...spillRows]
    .sort((a, b) => sign * (a.timelineKey < b.timelineKey ? -1 : a.timelineKey > b.timelineKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, pageSize + 1);
  const totalIsExact = !options.countLimit || total <= options.countLimit;
  const more = rows.length > pageSize;
  const shown = rows.slice(0, pageSize);
  if (goingNewer) shown.reverse();
  const events = await withPageRelations(db, shown);

  const first = events[0];
  const last = events[events.length - 1];
  const hasNewer = goingNewer ? more : anchor !== null;
  const hasOlder = goingNewer ? true : more;
  return {
    events,
    total: totalIsExact ? total : options.countLimit!,
    totalIsExact,
    olderCursor: hasOlder && last ? encodeCursor({ key: last.timelineKey, id: last.id }) : null,
    newerCursor: hasNewer && first ? encodeCursor({ key: first.timelineKey, id: first.id }) : null,
    notes: resolved.notes,
  };
}

/** Everything the permalink page shows. */
export const eventDetailSelect = {
  ...timelineEventSelect,
  story: { select: { id: true, slug: true, title: true, timeZone: true, isDefault: true } },
  updatedAt: true,
  citations: {
    orderBy: { position: "asc" },
    select: {
      ...citationFactsSelect,
      archivedUrl: true,
      note: true,
      repeats: { select: { id: true, source: { select: { name: true } } } },
    },
  },
  corrections: { orderBy: { createdAt: "asc" }, select: { id: true, note: true, createdAt: true } },
} satisfies Prisma.EventSelect;

export type EventDetail = Prisma.EventGetPayload<{ select: typeof eventDetailSelect }>;

/**
 * A published event by slug or by id; both resolve forever. Shared by generateMetadata and the
 * page through React's cache().
 */
export const getEventBySlugOrId = cache(async (slugOrId: string): Promise<EventDetail | null> => {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(slugOrId)) return null;
  return getDb().event.findFirst({
    where: { published: true, OR: [{ slug: slugOrId }, { id: slugOrId }] },
    select: eventDetailSelect,
  });
});

/**
 * The page of the story's timeline on which the event appears: the cursor of its nearest newer
 * neighbour, so that "?before=<cursor>" starts the page with this event. Null when the event is
 * on the first page.
 */
export async function timelineCursorFor(event: { storyId: string; timelineKey: string; id: string }) {
  const newer = await getDb().event.findFirst({
    where: {
      storyId: event.storyId,
      published: true,
      ...positionWhere({ key: event.timelineKey, id: event.id }, "newer"),
    },
    orderBy: [{ timelineKey: "asc" }, { id: "asc" }],
    select: { id: true, timelineKey: true },
  });
  if (!newer) return null;
  // Page one already holds the newest PAGE_SIZE events.
  const newerCount = await getDb().event.count({
    where: {
      storyId: event.storyId,
      published: true,
      ...positionWhere({ key: event.timelineKey, id: event.id }, "newer"),
    },
    take: PAGE_SIZE,
  });
  if (newerCount < PAGE_SIZE) return null;
  return encodeCursor({ key: newer.timelineKey, id: newer.id });
}

/**
 * An event withdrawn from publication, by slug or id: only what its permalink says of it (when
 * and why, and the story it was in), never its content.
 */
export const getWithdrawnEvent = cache(async (slugOrId: string) => {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(slugOrId)) return null;
  const e = await getDb().event.findFirst({
    where: { published: false, withdrawnAt: { not: null }, OR: [{ slug: slugOrId }, { id: slugOrId }] },
    select: {
      id: true,
      slug: true,
      withdrawnAt: true,
      withdrawalNote: true,
      story: { select: { slug: true, title: true, timeZone: true, isDefault: true } },
    },
  });
  return e ? { ...e, withdrawnAt: e.withdrawnAt!, withdrawalNote: e.withdrawalNote ?? "Withdrawn from publication." } : null;
});

export type WithdrawnEvent = NonNullable<Awaited<ReturnType<typeof getWithdrawnEvent>>>;
