import { localDay } from "../dates";

// Fields of an event that are derived from others and stored for indexed filtering and ordering.

export function timelineKeyFor(occurredAt: Date, timeZone: string, dayOrder: number): string {
  const order = Math.max(0, Math.min(9999, Math.trunc(dayOrder)));
  return `${localDay(occurredAt, timeZone)}|${String(order).padStart(4, "0")}|${occurredAt.toISOString()}`;
}

// Prisma's `contains` becomes LIKE without escaping, and SQLite's LIKE has no default escape
// character: stored text and searched words both carry the LIKE wildcards (% and _) and
// PostgreSQL's LIKE escape (\) as private-use stand-ins, so a search for "50%" matches "50%" only.
const LIKE_SPECIAL: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };

/** Text in the form the q filter compares: NFKC, lower case, LIKE-special characters replaced. */
export function searchFormOf(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[%_\\]/g, (c) => LIKE_SPECIAL[c] ?? c);
}

export function searchTextFor(parts: readonly (string | null | undefined)[]): string {
  return searchFormOf(parts.filter((p): p is string => typeof p === "string" && p.length > 0).join("\n"));
}

export function derivedTimeFields(input: { occurredAt: Date; timeZone: string; dayOrder: number }) {
  return {
    occurredOn: localDay(input.occurredAt, input.timeZone),
    timelineKey: timelineKeyFor(input.occurredAt, input.timeZone, input.dayOrder),
  };
}
