// "Since your last visit" (lib/reader/enhance.ts): which events on the page are new
// to a reader, from what their browser remembered of the last visit. Kept free of the DOM so the
// rule is unit-tested directly.

/** What the reader's browser remembers of a visit: when (ms), and the events it showed. */
export type Visit = { at: number; standings: Record<string, string> };

/**
 * Whether an event is new since the visit. The page says when the event went public in whole
 * seconds (data-on-site, to keep it short), so an event that went public in the second of the
 * visit is ambiguous by the clock alone: then it is new unless the visit showed it.
 */
export function isNewSince(onSiteSeconds: number, eventId: string, visit: Visit): boolean {
  const onSite = onSiteSeconds * 1000;
  if (!Number.isFinite(onSite)) return false;
  if (onSite > visit.at) return true;
  return onSite === Math.floor(visit.at / 1000) * 1000 && !(eventId in visit.standings);
}
