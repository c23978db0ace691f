import { endOfLocalDay } from "../dates";

/**
 * The "as of" view: what had been known by the end of a day in the story's zone. Null means
 * today. What a reader saw at the cut-off is computed by the as-of projection
 * (lib/events/projection.ts, lib/events/event-view.ts); this module only names the instant.
 */
export type AsOf = { day: string; cutoff: Date } | null;

export function asOfFor(day: string | null, zone: string): AsOf {
  return day ? { day, cutoff: endOfLocalDay(day, zone) } : null;
}

/** The instant the projection reads: the cut-off, or null for now. */
export function instantOf(asOf: AsOf): Date | null {
  return asOf?.cutoff ?? null;
}

/** A link that keeps the view's date, so an "as of" citation stays reproducible. */
export function withAsOf(href: string, asOf: AsOf | string | null): string {
  const day = typeof asOf === "string" ? asOf : asOf?.day;
  if (!day) return href;
  const [beforeHash, hash] = href.split("#", 2);
  const [path, query] = beforeHash!.split("?", 2);
  const params = new URLSearchParams(query);
  params.set("asof", day);
  return `${path}?${params.toString()}${hash !== undefined ? `#${hash}` : ""}`;
}
