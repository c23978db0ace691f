import "server-only";
import { cache } from "react";
import type { Prisma } from "../../generated/prisma-sqlite/client";
import { getDb } from "../db";
import { searchEventIds } from "../search/full-text";
import { encodeCursor, type TimelinePosition } from "./cursor";
import { searchFormOf } from "./derived";
import { eventBriefSelect } from "./selects";
import type { TimelineQuery } from "./filters";

export const PAGE_SIZE = 50;

const relatedEventSelect = {
  ...eventBriefSelect,
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

/** Everything a timeline item shows, loaded in one round of batched queries (no N+1). */
export const timelineEventSelect = {
  id: true,
  slug: true,
  storyId: true,
  kind: true,
  headline: true,
  summary: true,
  location: true,
  occurredAt: true,
  occurredEndAt: true,
  precision: true,
  approximate: true,
  timeNote: true,
  timeZone: true,
  occurredOn: true,
  timelineKey: true,
  status: true,
  firstReportedAt: true,
  retractedAt: true,
  retractionNote: true,
  statusPeriods: { select: { status: true, validFrom: true, validTo: true } },
  citations: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      url: true,
      title: true,
      quote: true,
      attribution: true,
      attributionText: true,
      publishedAt: true,
      publishedPrecision: true,
      repeatsCitationId: true,
      source: { select: { slug: true, name: true } },
    },
  },
  actors: {
    select: { role: true, actor: { select: { slug: true, name: true, title: true } } },
  },
  tags: { select: { tag: { select: { slug: true, name: true } } } },
  claims: {
    select: {
      stance: true,
      note: true,
      claim: {
        select: {
          id: true,
          slug: true,
          text: true,
          scope: true,
          status: true,
          history: {
            orderBy: { knownAt: "desc" },
            select: {
              toStatus: true,
              knownAt: true,
              evidenceCitation: { select: { source: { select: { name: true } } } },
            },
          },
        },
      },
    },
  },
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
  const [sources, actors, tags, searchIds] = await Promise.all([
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
 * Which stories a view covers, and for an "as of" view the cut-off instant in each story (the end
 * of the chosen day in that story's zone).
 */
export type TimelineScope = {
  storyId?: string;
  cutoffs?: readonly { storyId: string; cutoff: Date }[];
  /** Only events changed at or after this instant (the API's updated_since, for mirrors). */
  updatedSince?: Date;
};

/** The WHERE clause shared by the page, its count, feeds and the API. */
export function timelineWhere(
  scope: TimelineScope,
  query: TimelineQuery,
  resolved: ResolvedFilters,
): Prisma.EventWhereInput {
  const and: Prisma.EventWhereInput[] = [{ published: true }];
  if (scope.storyId) and.push({ storyId: scope.storyId });
  if (scope.updatedSince) and.push({ updatedAt: { gte: scope.updatedSince } });
  if (scope.cutoffs) {
    // Only what had been reported by the cut-off, with the status filter applied to the label
    // the event carried then.
    and.push({
      OR: scope.cutoffs.map(({ storyId, cutoff }) => ({
        storyId,
        firstReportedAt: { lte: cutoff },
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
      })),
    });
  } else if (query.statuses.length) {
    and.push({ status: { in: query.statuses } });
  }
  if (query.kinds.length) and.push({ kind: { in: query.kinds } });
  // Several sources give their union: an event cited by any of them.
  if (resolved.sourceIds.length) and.push({ citations: { some: { sourceId: { in: resolved.sourceIds } } } });
  if (resolved.actorIds.length) and.push({ actors: { some: { actorId: { in: resolved.actorIds } } } });
  if (resolved.tagIds.length) and.push({ tags: { some: { tagId: { in: resolved.tagIds } } } });
  // timelineKey starts with occurredOn, so the same range on it lets the timeline index seek to
  // the range instead of reading the story from its newest event.
  if (query.from) and.push({ occurredOn: { gte: query.from } }, { timelineKey: { gte: query.from } });
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

  const [rows, total] = await Promise.all([
    db.event.findMany({
      where: pageWhere,
      orderBy: [{ timelineKey: order }, { id: order }],
      take: pageSize + 1,
      select: timelineEventSelect,
    }),
    options.countLimit
      ? // Counting stops past the limit. The rows are read in timeline order, the plan the page
        // itself uses, which stays fast at any size (a bare LIMITed count lets the planner choose
        // a scan that reads the whole filter).
        db.event
          .findMany({ where, orderBy: [{ timelineKey: "desc" }, { id: "desc" }], take: options.countLimit + 1, select: { id: true } })
          .then((ids) => ids.length)
      : db.event.count({ where }),
  ]);
  const totalIsExact = !options.countLimit || total <= options.countLimit;
  const more = rows.length > pageSize;
  const events = rows.slice(0, pageSize);
  if (goingNewer) events.reverse();

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
      ...timelineEventSelect.citations.select,
      archivedUrl: true,
      note: true,
      source: { select: { slug: true, name: true, kind: true } },
      repeats: { select: { id: true, source: { select: { name: true } } } },
    },
  },
  claims: {
    select: {
      stance: true,
      note: true,
      claim: {
        select: {
          id: true,
          slug: true,
          text: true,
          scope: true,
          status: true,
          history: {
            orderBy: { knownAt: "asc" },
            select: {
              id: true,
              fromStatus: true,
              toStatus: true,
              knownAt: true,
              reason: true,
              evidenceCitation: { select: { id: true, source: { select: { name: true } } } },
            },
          },
        },
      },
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
