/** The instant a page's render starts: what the page shows is what was committed by then. */
export function renderInstant(): Date {
  return new Date();
}
