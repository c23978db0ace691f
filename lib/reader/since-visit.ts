// "Since your last visit" (lib/reader/enhance.ts): which events on the page are new
// to a reader, from what their browser remembered of the last visit. Kept free of the DOM so the
// rule is unit-tested directly.

/**
 * What the reader's browser remembers of a visit: when (ms, the server's clock: the instant the
 * page was rendered), and the events it showed, with where each stood.
 */
export type Visit = { at: number; standings: Record<string, string> };

/**
 * Whether an event is new since the visit: one the reader has not been shown, that went public
 * after the visit. The page says when the event went public in whole seconds (data-on-site, to
 * keep it short), so one that went public in the second of the visit counts as after it. An event
 * the reader was shown is never new, whatever its time: a filtered view shows a few events without
 * moving the visit on (lib/reader/enhance.ts), and those are not new on the next whole view.
 */
export function isNewSince(onSiteSeconds: number, eventId: string, visit: Visit): boolean {
  const onSite = onSiteSeconds * 1000;
  if (!Number.isFinite(onSite) || eventId in visit.standings) return false;
  return onSite >= Math.floor(visit.at / 1000) * 1000;
}
