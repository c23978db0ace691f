import "server-only";
import { TZDate } from "@date-fns/tz";
import { Feed, type Item } from "feed";
import { formatEventTime, machineTime } from "../dates";
import { ATTRIBUTION_LABEL, CLAIM_STATUS_LABEL, EVENT_KIND_LABEL, toSlug } from "../domain";
import { withAsOf } from "../events/as-of";
import { projectEvent, type EventView } from "../events/event-view";
import { creditOf, type StatusLabel } from "../events/labels";
import { listTimeline, type TimelineEvent } from "../events/queries";
import { newest } from "../http/conditional";
import { notFoundError } from "../http/errors";
import { siteUrl } from "../site";
import { createUrl, type RawSearchParams } from "../url";
import { resolveTimelineView, withFilters, type TimelineTarget, type TimelineView } from "../view/resolve";
import { toSearchParams } from "../events/filters";
import { listStoryChanges, type StoryChange } from "./changes";
import { FEED_EXTENSION, renderFeed, type FeedFormat } from "./formats";
import { escapeHtml } from "./html";

export type FeedTarget = Exclude<TimelineTarget, { type: "story-ref" }>;
type ResolvedTarget = TimelineView;

// Feeds are the timeline in another form: the same query string, the same filters (through
// listTimeline), and every entry says how solid it is (its status label) and who it rests on.

/** Entries per feed document; older entries are on the next page (RFC 5005 paging). */
export const FEED_SIZE = 50;

async function resolveFeedTarget(target: FeedTarget, params: RawSearchParams): Promise<ResolvedTarget> {
  const view = await resolveTimelineView(target, params);
  if (!view) {
    throw notFoundError(
      target.type === "home" ? "The default story" : target.type === "story" ? `The story “${target.slug}”` : `The source “${target.slug}”`,
    );
  }
  return view;
}

function feedLinks(base: string, view: ResolvedTarget): Record<FeedFormat, string> {
  const site = siteUrl();
  const link = (f: FeedFormat) => `${site}${withFilters(`${base}.${FEED_EXTENSION[f]}`, view.linkQuery)}`;
  return { rss: link("rss"), atom: link("atom"), json: link("json") };
}

function newFeed(view: ResolvedTarget, base: string, title: string, updated: Date | null): Feed {
  const site = siteUrl();
  const links = feedLinks(base, view);
  return new Feed({
    id: links.atom,
    title,
    description: view.description,
    link: `${site}${withAsOf(withFilters(view.pagePath, view.linkQuery), view.asOf)}`,
    language: "en",
    // Deterministic (the newest entry), so that an unchanged feed keeps its ETag.
    updated: updated ?? new Date(0),
    generator: "Sourceline",
    copyright: "Sourceline",
    feedLinks: links,
  });
}

function labelText(label: StatusLabel): string {
  return label.detail ? `${label.text} (${label.detail})` : label.text;
}

function labelLine(label: StatusLabel): string {
  return `${labelText(label)}${label.verdict ? ` · ${label.verdict.text}` : ""}`;
}

type Shown = EventView<TimelineEvent>;

function uniqueSources(v: Shown) {
  return [...new Map(v.citations.map((c) => [c.source.slug, c.source])).values()];
}

function eventContent(v: Shown): string {
  const e = v.event;
  const label = v.label;
  const parts = [
    `<p><strong>Status: ${escapeHtml(label.text)}</strong>${label.detail ? ` — ${escapeHtml(label.detail)}` : ""}${
      label.verdict ? ` · ${escapeHtml(label.verdict.text)}` : ""
    }</p>`,
    `<p>${escapeHtml(formatEventTime(e))} · ${escapeHtml(EVENT_KIND_LABEL[e.kind])}</p>`,
    `<p>${escapeHtml(e.summary)}</p>`,
    ...v.citations.filter((c) => c.quote).map((c) => `<blockquote>“${escapeHtml(c.quote!)}”</blockquote>`),
    "<p>Sources:</p>",
    "<ul>",
    ...v.citations.map((c) => {
      const name = c.url ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.source.name)}</a>` : escapeHtml(c.source.name);
      const title = c.title ? `: ${escapeHtml(c.title)}` : "";
      const credit = creditOf(c);
      const who = escapeHtml(
        c.speaker ? credit.voice : credit.origin ? `relaying ${credit.origin}` : (c.attributionText ?? ATTRIBUTION_LABEL[c.attribution]),
      );
      return `<li>${name}${title} (${who})</li>`;
    }),
    "</ul>",
  ];
  return parts.join("\n");
}

/**
 * A day-precision instant as feed readers should show it: noon of that day in the event's zone,
 * so that a reader some hours east or west still sees the same calendar day (the exact date, at
 * its precision, is in the entry's text).
 */
function readerInstant(at: Date, zone: string): Date {
  const local = new TZDate(at, zone);
  // A day-precision instant is stored at the start of its day; anything else is a real time.
  if (local.getHours() !== 0 || local.getMinutes() !== 0 || local.getSeconds() !== 0 || local.getMilliseconds() !== 0) return at;
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 12, 0, 0, 0, zone).getTime());
}

function eventItem(v: Shown, view: ResolvedTarget, format: FeedFormat): Item {
  const site = siteUrl();
  const e = v.event;
  const label = v.label;
  const sources = uniqueSources(v);
  const cutoff = view.at?.getTime() ?? Infinity;
  const updated =
    newest([
      v.knownFrom,
      v.retraction?.at,
      ...e.statusPeriods.map((p) => (p.validFrom.getTime() <= cutoff ? p.validFrom : null)),
    ]) ?? v.knownFrom;
  return {
    // The id-based permalink never changes, even if the slug does.
    id: `${site}/events/${e.id}`,
    title: e.headline,
    link: `${site}${withAsOf(`/events/${e.slug}`, view.asOf)}`,
    date: updated,
    published: readerInstant(v.knownFrom, e.timeZone),
    // The date in words, in the event's zone: a reader's feed client shows `date` in its own zone.
    description: `[${labelLine(label)}] ${formatEventTime(e)}: ${e.summary} Sources: ${sources.map((s) => s.name).join("; ")}.`,
    content: eventContent(v),
    category: [
      { name: label.text, term: toSlug(label.status), scheme: `${site}/api#status` },
      { name: EVENT_KIND_LABEL[e.kind], term: toSlug(e.kind), scheme: `${site}/api#kind` },
      ...e.tags.map((t) => ({ name: t.tag.name, term: t.tag.slug, scheme: `${site}/api#tag` })),
    ],
    author: sources.map((s) => ({ name: s.name, link: `${site}/sources/${s.slug}` })),
    // JSON Feed allows custom keys starting with "_"; the XML formats carry the same facts above.
    extensions:
      format === "json"
        ? [
            {
              name: "_sourceline",
              objects: {
                about: `${site}/api`,
                event_id: e.id,
                status: toSlug(label.status),
                status_label: label.text,
                status_detail: label.detail,
                verdict: label.verdict ? { status: toSlug(label.verdict.status), text: label.verdict.text, known_at: label.verdict.knownAt.toISOString() } : null,
                occurred: {
                  // The calendar date in the event's zone, at its precision: never a UTC instant
                  // that a reader west of the zone would read as the day before.
                  local: machineTime(e),
                  precision: toSlug(e.precision),
                  date_bound: toSlug(e.dateBound),
                  time_zone: e.timeZone,
                  text: formatEventTime(e),
                },
                sources: v.citations.map((c) => ({
                  slug: c.source.slug,
                  name: c.source.name,
                  url: c.url,
                  attribution: toSlug(c.attribution),
                  attribution_text: c.attributionText,
                  speaker: c.speaker?.name ?? null,
                  origin: c.origin?.name ?? c.originText ?? null,
                })),
              },
            },
          ]
        : undefined,
  };
}

export type FeedDocument = { body: string; lastModified: Date | null };

/** The timeline of a story, the default story or a source as RSS 2.0, Atom 1.0 or JSON Feed. */
export async function buildTimelineFeed(target: FeedTarget, params: RawSearchParams, format: FeedFormat): Promise<FeedDocument> {
  const view = await resolveFeedTarget(target, params);
  const page = await listTimeline(view.scope, view.query, FEED_SIZE);
  const shown = page.events.map((e) => projectEvent(e, view.at)).filter((v): v is Shown => v !== null);
  const items = shown.map((v) => eventItem(v, view, format));
  const updated = newest(items.map((i) => i.date));
  const title = view.asOf ? `${view.title} (as of ${view.asOf.day})` : view.title;
  const feed = newFeed(view, view.feedBase, title, updated);
  for (const item of items) feed.addItem(item);
  const base = `${view.feedBase}.${FEED_EXTENSION[format]}`;
  const pageLink = (cursor: { before?: string; after?: string } | null) =>
    `${siteUrl()}${createUrl(base, toSearchParams(view.linkQuery, cursor ?? undefined))}`;
  const paging: FeedPaging = {
    first: view.query.before || view.query.after ? pageLink(null) : null,
    next: page.olderCursor ? pageLink({ before: page.olderCursor }) : null,
    previous: page.newerCursor ? pageLink({ after: page.newerCursor }) : null,
  };
  return { body: withPaging(renderFeed(feed, format), format, paging), lastModified: updated };
}

/** RFC 5005 paged feeds: links to the first, next (older) and previous (newer) pages. */
type FeedPaging = { first: string | null; next: string | null; previous: string | null };

function withPaging(body: string, format: FeedFormat, paging: FeedPaging): string {
  const links = (["first", "next", "previous"] as const).filter((rel) => paging[rel]);
  if (links.length === 0) return body;
  if (format === "json") {
    // JSON Feed 1.1 has next_url; the other relations go in the feed's own extension.
    const doc = JSON.parse(body) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) {
      if (k === "items") {
        if (paging.next) out.next_url = paging.next;
        out._sourceline_paging = { first: paging.first, next: paging.next, previous: paging.previous };
      }
      out[k] = v;
    }
    return JSON.stringify(out, null, 4);
  }
  const tag = format === "atom" ? "link" : "atom:link";
  const xml = links.map((rel) => `<${tag} rel="${rel}" href="${escapeHtml(paging[rel]!)}"/>`).join("\n        ");
  // Before the first entry, or at the end of the feed (or channel) when there is none.
  const anchor = format === "atom" ? /(\s*<entry>|\s*<\/feed>)/ : /(\s*<item>|\s*<\/channel>)/;
  return body.replace(anchor, (m) => `\n        ${xml}${m}`);
}

function changeItem(c: StoryChange, view: ResolvedTarget, format: FeedFormat): Item {
  const site = siteUrl();
  if (c.type === "correction") {
    return {
      id: `${site}/events/${c.event.id}#correction-${c.id}`,
      title: `Correction: ${c.event.headline}`,
      link: `${site}/events/${c.event.slug}#corrections`,
      date: c.at,
      description: c.note,
      content: `<p><strong>Correction</strong> to “${escapeHtml(c.event.headline)}”</p>\n<p>${escapeHtml(c.note)}</p>`,
      category: [{ name: "Correction", term: "correction", scheme: `${site}/api#change` }],
      extensions:
        format === "json"
          ? [{ name: "_sourceline", objects: { type: "correction", event_slug: c.event.slug, note: c.note } }]
          : undefined,
    };
  }
  const from = c.from ? CLAIM_STATUS_LABEL[c.from] : "new claim";
  const to = CLAIM_STATUS_LABEL[c.to];
  const evidence = c.evidence ? ` Evidence: ${c.evidence.sourceName}.` : "";
  return {
    id: `${site}/claims/${c.claim.slug}#status-change-${c.id}`,
    title: `Claim now ${to}: ${c.claim.text}`,
    link: `${site}${withAsOf(`/claims/${c.claim.slug}`, view.asOf)}#history`,
    date: c.at,
    description: `${from} → ${to}. ${c.reason}${evidence}`,
    content: [
      `<p><strong>Status: ${escapeHtml(from)} → ${escapeHtml(to)}</strong></p>`,
      `<p>${escapeHtml(c.reason)}</p>`,
      c.evidence
        ? `<p>Evidence: ${c.evidence.url ? `<a href="${escapeHtml(c.evidence.url)}">${escapeHtml(c.evidence.sourceName)}</a>` : escapeHtml(c.evidence.sourceName)}${c.evidence.eventSlug ? ` (<a href="${site}/events/${c.evidence.eventSlug}">event</a>)` : ""}</p>`
        : "",
    ]
      .filter(Boolean)
      .join("\n"),
    category: [{ name: to, term: toSlug(c.to), scheme: `${site}/api#claim-status` }],
    extensions:
      format === "json"
        ? [
            {
              name: "_sourceline",
              objects: {
                type: "claim-status",
                claim_slug: c.claim.slug,
                from: c.from ? toSlug(c.from) : null,
                to: toSlug(c.to),
                status_label: to,
                evidence_source: c.evidence?.sourceName ?? null,
              },
            },
          ]
        : undefined,
  };
}

/** A story's changes: claim status changes and corrections, newest first. */
export async function buildChangesFeed(target: FeedTarget, params: RawSearchParams, format: FeedFormat): Promise<FeedDocument> {
  const view = await resolveFeedTarget(target, params);
  if (!view.story || !view.changesBase) throw new Error("A changes feed follows a story.");
  const changes = await listStoryChanges(view.story.id, view.scope, view.query, view.asOf, FEED_SIZE);
  const items = changes.map((c) => changeItem(c, view, format));
  const updated = newest(items.map((i) => i.date));
  const feed = newFeed(view, view.changesBase, `Changes: ${view.title}`, updated);
  for (const item of items) feed.addItem(item);
  return { body: renderFeed(feed, format), lastModified: updated };
}
