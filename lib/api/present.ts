import "server-only";
import { formatEventTime } from "../dates";
import { CLAIM_STATUS_LABEL, toSlug, type ClaimStatusValue } from "../domain";
import type { EventView } from "../events/event-view";
import { claimStatusAt } from "../events/projection";
import type { TimelineEvent } from "../events/queries";
import { siteUrl } from "../site";
import type { ApiClaim, ApiEvent } from "./schemas";

// The as-of projection → API bodies (snake_case, enum values as their URL slugs, ISO 8601
// instants). Only what a reader could see at the view's instant is in them.

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentEvent(v: EventView<TimelineEvent>, storySlug: string, updatedAt: Date): ApiEvent {
  const e = v.event;
  const label = v.label;
  return {
    id: e.id,
    slug: e.slug,
    url: `${siteUrl()}/events/${e.slug}`,
    story: storySlug,
    kind: toSlug(e.kind),
    headline: e.headline,
    summary: e.summary,
    location: e.location,
    occurred_at: e.occurredAt.toISOString(),
    occurred_end_at: iso(e.occurredEndAt),
    precision: toSlug(e.precision),
    approximate: e.approximate,
    date_bound: toSlug(e.dateBound),
    time_note: e.timeNote,
    time_zone: e.timeZone,
    occurred_on: e.occurredOn,
    occurred_until: e.spanEndOn,
    date_text: formatEventTime(e),
    first_reported_at: e.firstReportedAt.toISOString(),
    known_from: v.knownFrom.toISOString(),
    independent_sources: v.independent.independent,
    status: toSlug(label.status),
    status_label: {
      status: toSlug(label.status),
      text: label.text,
      detail: label.detail,
      credit: label.credit,
      verdict: label.verdict
        ? { status: toSlug(label.verdict.status), known_at: label.verdict.knownAt.toISOString(), text: label.verdict.text }
        : null,
    },
    retracted_at: iso(v.retraction?.at ?? null),
    retraction_note: v.retraction?.note ?? null,
    citations: v.citations.map((c) => ({
      id: c.id,
      source: { slug: c.source.slug, name: c.source.name },
      url: c.url,
      title: c.title,
      published_at: iso(c.publishedAt),
      published_precision: c.publishedPrecision ? toSlug(c.publishedPrecision) : null,
      quote: c.quote,
      attribution: toSlug(c.attribution),
      attribution_text: c.attributionText,
      speaker: c.speaker ? { slug: c.speaker.slug, name: c.speaker.name, title: c.speaker.title } : null,
      origin: c.origin ? { slug: c.origin.slug, name: c.origin.name } : null,
      origin_text: c.originText,
      // A repeat of a citation not yet published is not shown as one.
      repeats_citation_id: c.repeatsCitationId && v.citations.some((o) => o.id === c.repeatsCitationId) ? c.repeatsCitationId : null,
    })),
    actors: e.actors.map((a) => ({ slug: a.actor.slug, name: a.actor.name, role: toSlug(a.role) })),
    tags: e.tags.map((t) => ({ slug: t.tag.slug, name: t.tag.name })),
    claims: v.claims.map((c, i) => ({
      slug: c.claim.slug,
      text: c.claim.text,
      stance: toSlug(c.stance),
      main: i === 0,
      status: toSlug(c.statusThen),
    })),
    updated_at: updatedAt.toISOString(),
  };
}

export function presentClaim(
  c: {
    id: string;
    slug: string;
    text: string;
    scope: string | null;
    status: ClaimStatusValue;
    updatedAt: Date;
    history: readonly { toStatus: ClaimStatusValue; knownAt: Date; sequence: number }[];
  },
  storySlug: string,
  at: Date | null,
): ApiClaim {
  const status = at ? claimStatusAt(c.history, at) : c.status;
  return {
    id: c.id,
    slug: c.slug,
    url: `${siteUrl()}/claims/${c.slug}`,
    story: storySlug,
    text: c.text,
    scope: c.scope,
    status: toSlug(status),
    status_label: CLAIM_STATUS_LABEL[status],
    updated_at: c.updatedAt.toISOString(),
  };
}
