import "server-only";
import { Feed, type Item } from "feed";
import { formatEventTime } from "../dates";
import { ATTRIBUTION_LABEL, CLAIM_STATUS_LABEL, EVENT_KIND_LABEL, toSlug } from "../domain";
import { knownBy, statusAsOf, withAsOf } from "../events/as-of";
import { statusLabel, type StatusLabel } from "../events/labels";
import { listTimeline, type TimelineEvent } from "../events/queries";
import { newest } from "../http/conditional";
import { siteUrl } from "../site";
import { listStoryChanges, type StoryChange } from "./changes";
import { FEED_EXTENSION, renderFeed, type FeedFormat } from "./formats";
import { escapeHtml } from "./html";
import { resolveFeedTarget, withFilters, type FeedTarget, type ResolvedTarget } from "./targets";
import type { RawSearchParams } from "../url";

// Feeds are the timeline in another form: the same query string, the same filters (through
// listTimeline), and every entry says how solid it is (its status label) and who it rests on.

export const FEED_SIZE = 50;

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

export function eventLabel(e: TimelineEvent, view: Pick<ResolvedTarget, "asOf">): StatusLabel {
  return statusLabel(
    statusAsOf(e, view.asOf),
    e.citations,
    knownBy(
      e.claims.flatMap((c) => c.claim.history),
      (h) => h.knownAt,
      view.asOf,
    ),
    e.timeZone,
  );
}

function labelText(label: StatusLabel): string {
  return label.detail ? `${label.text} (${label.detail})` : label.text;
}

function uniqueSources(e: TimelineEvent) {
  return [...new Map(e.citations.map((c) => [c.source.slug, c.source])).values()];
}

function eventContent(e: TimelineEvent, label: StatusLabel): string {
  const parts = [
    `<p><strong>Status: ${escapeHtml(label.text)}</strong>${label.detail ? ` — ${escapeHtml(label.detail)}` : ""}</p>`,
    `<p>${escapeHtml(formatEventTime(e))} · ${escapeHtml(EVENT_KIND_LABEL[e.kind])}</p>`,
    `<p>${escapeHtml(e.summary)}</p>`,
    ...e.citations.filter((c) => c.quote).map((c) => `<blockquote>“${escapeHtml(c.quote!)}”</blockquote>`),
    "<p>Sources:</p>",
    "<ul>",
    ...e.citations.map((c) => {
      const name = c.url ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.source.name)}</a>` : escapeHtml(c.source.name);
      const title = c.title ? `: ${escapeHtml(c.title)}` : "";
      const who = escapeHtml(c.attributionText ?? ATTRIBUTION_LABEL[c.attribution]);
      return `<li>${name}${title} (${who})</li>`;
    }),
    "</ul>",
  ];
  return parts.join("\n");
}

function eventItem(e: TimelineEvent, view: ResolvedTarget, format: FeedFormat): Item {
  const site = siteUrl();
  const label = eventLabel(e, view);
  const sources = uniqueSources(e);
  const cutoff = view.asOf?.cutoff.getTime() ?? Infinity;
  const updated =
    newest([
      e.firstReportedAt,
      e.retractedAt && e.retractedAt.getTime() <= cutoff ? e.retractedAt : null,
      ...e.statusPeriods.map((p) => (p.validFrom.getTime() <= cutoff ? p.validFrom : null)),
    ]) ?? e.firstReportedAt;
  return {
    // The id-based permalink never changes, even if the slug does.
    id: `${site}/events/${e.id}`,
    title: e.headline,
    link: `${site}${withAsOf(`/events/${e.slug}`, view.asOf)}`,
    date: updated,
    published: e.firstReportedAt,
    description: `[${labelText(label)}] ${e.summary} Sources: ${sources.map((s) => s.name).join("; ")}.`,
    content: eventContent(e, label),
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
                sources: e.citations.map((c) => ({
                  slug: c.source.slug,
                  name: c.source.name,
                  url: c.url,
                  attribution: toSlug(c.attribution),
                  attribution_text: c.attributionText,
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
  const items = page.events.map((e) => eventItem(e, view, format));
  const updated = newest(items.map((i) => i.date));
  const title = view.asOf ? `${view.title} (as of ${view.asOf.day})` : view.title;
  const feed = newFeed(view, view.feedBase, title, updated);
  for (const item of items) feed.addItem(item);
  return { body: renderFeed(feed, format), lastModified: updated };
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
