import { localDay } from "../dates";

// Fields of an event that are derived from others and stored for indexed filtering and ordering.

export function timelineKeyFor(occurredAt: Date, timeZone: string, dayOrder: number): string {
  const order = Math.max(0, Math.min(9999, Math.trunc(dayOrder)));
  return `${localDay(occurredAt, timeZone)}|${String(order).padStart(4, "0")}|${occurredAt.toISOString()}`;
}

export function searchTextFor(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === "string" && p.length > 0)
    .join("\n")
    .normalize("NFKC")
    .toLowerCase();
}

export function derivedTimeFields(input: { occurredAt: Date; timeZone: string; dayOrder: number }) {
  return {
    occurredOn: localDay(input.occurredAt, input.timeZone),
    timelineKey: timelineKeyFor(input.occurredAt, input.timeZone, input.dayOrder),
  };
}
