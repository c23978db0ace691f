import "server-only";
import { CLAIM_STATUS_LABEL, toSlug, type ClaimStatusValue } from "../domain";
import type { AsOf } from "../events/as-of";
import type { TimelineEvent } from "../events/queries";
import { claimStatusAt } from "../events/status";
import { eventLabel } from "../feeds/timeline-feed";
import { siteUrl } from "../site";
import type { ApiClaim, ApiEvent } from "./schemas";

// Database rows → API bodies (snake_case, enum values as their URL slugs, ISO 8601 instants).

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function presentEvent(e: TimelineEvent, storySlug: string, updatedAt: Date, asOf: AsOf): ApiEvent {
  const label = eventLabel(e, { asOf });
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
    time_note: e.timeNote,
    time_zone: e.timeZone,
    occurred_on: e.occurredOn,
    first_reported_at: e.firstReportedAt.toISOString(),
    status: toSlug(label.status),
    status_label: { status: toSlug(label.status), text: label.text, detail: label.detail },
    // A retraction made after the "as of" date is not yet known then.
    retracted_at: e.retractedAt && (!asOf || e.retractedAt <= asOf.cutoff) ? e.retractedAt.toISOString() : null,
    retraction_note: e.retractedAt && (!asOf || e.retractedAt <= asOf.cutoff) ? e.retractionNote : null,
    citations: e.citations.map((c) => ({
      id: c.id,
      source: { slug: c.source.slug, name: c.source.name },
      url: c.url,
      title: c.title,
      published_at: iso(c.publishedAt),
      quote: c.quote,
      attribution: toSlug(c.attribution),
      attribution_text: c.attributionText,
      repeats_citation_id: c.repeatsCitationId,
    })),
    actors: e.actors.map((a) => ({ slug: a.actor.slug, name: a.actor.name, role: toSlug(a.role) })),
    tags: e.tags.map((t) => ({ slug: t.tag.slug, name: t.tag.name })),
    claims: e.claims.map((c) => ({
      slug: c.claim.slug,
      text: c.claim.text,
      stance: toSlug(c.stance),
      status: toSlug(statusAsOf(c.claim.status, c.claim.history, asOf)),
    })),
    updated_at: updatedAt.toISOString(),
  };
}

function statusAsOf(
  current: ClaimStatusValue,
  history: readonly { toStatus: ClaimStatusValue; knownAt: Date }[],
  asOf: AsOf,
): ClaimStatusValue {
  return asOf ? claimStatusAt(history, asOf.cutoff) : current;
}

export function presentClaim(
  c: {
    id: string;
    slug: string;
    text: string;
    scope: string | null;
    status: ClaimStatusValue;
    updatedAt: Date;
    history: readonly { toStatus: ClaimStatusValue; knownAt: Date }[];
  },
  storySlug: string,
  asOf: AsOf,
): ApiClaim {
  const status = statusAsOf(c.status, c.history, asOf);
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
