import { endOfLocalDay } from "../dates";
import type { EventStatusValue } from "../domain";
import { statusAt } from "./status";

/**
 * The "as of" view: what had been reported by the end of a day in the story's zone, with every
 * status as it stood then. Null means today.
 */
export type AsOf = { day: string; cutoff: Date } | null;

export function asOfFor(day: string | null, zone: string): AsOf {
  return day ? { day, cutoff: endOfLocalDay(day, zone) } : null;
}

export function reportedBy(e: { firstReportedAt: Date }, asOf: AsOf): boolean {
  return !asOf || e.firstReportedAt.getTime() <= asOf.cutoff.getTime();
}

/** The event's label as it stood at the view's date (its current label when there is none). */
export function statusAsOf(
  e: { status: EventStatusValue; statusPeriods: readonly { status: EventStatusValue; validFrom: Date; validTo: Date | null }[] },
  asOf: AsOf,
): EventStatusValue {
  if (!asOf) return e.status;
  return statusAt(e.statusPeriods, asOf.cutoff)?.status ?? e.status;
}

/** Entries (status changes, corrections) that were known by the view's date. */
export function knownBy<T>(items: readonly T[], at: (item: T) => Date, asOf: AsOf): T[] {
  if (!asOf) return [...items];
  return items.filter((i) => at(i).getTime() <= asOf.cutoff.getTime());
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
