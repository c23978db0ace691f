import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

// Shared names and helpers for the end-to-end specs. The data come from lib/seed/atacms-story.ts
// and e2e/setup/seed-e2e.ts.

export const SEED = {
  blinken: "blinken-says-response-will-be-firm",
  nyt: "nyt-reports-biden-allowed-atacms-strikes-on-russia",
  zelenskyy: "zelenskyy-says-missiles-will-speak-for-themselves",
  axios: "axios-reports-approval-limited-to-kursk-oblast",
  russia: "russia-accuses-us-of-escalation",
  noPolicyUpdates: "state-department-no-policy-updates",
  coalition: "state-department-coalition-adapts-support",
  northKorea: "state-department-north-korean-troops-serious-escalation",
} as const;

export const SEED_COUNT = Object.keys(SEED).length;

export const NYT_HEADLINE = "The New York Times reports Biden has allowed Ukraine to strike Russia with ATACMS missiles";

export const PAGINATION_PATH = "/stories/e2e-pagination-story";

/** Slugs of the pagination fixture's events `from` down to `to`, newest first. */
export function fixtureSlugs(from: number, to: number, step = 1): string[] {
  const out: string[] = [];
  for (let i = from; i >= to; i -= step) out.push(`fixture-event-${String(i).padStart(3, "0")}`);
  return out;
}

/** The timeline items on the page, in order (their ids are the event slugs). */
export function timelineItems(page: Page): Locator {
  return page.locator("main article[id]");
}

export async function itemIds(page: Page): Promise<string[]> {
  return timelineItems(page).evaluateAll((els) => els.map((e) => e.id));
}

/** Asserts the timeline shows exactly these events, in any order. */
export async function expectItems(page: Page, slugs: readonly string[]): Promise<void> {
  await expect.poll(async () => (await itemIds(page)).sort()).toEqual([...slugs].sort());
}

/**
 * Asserts that nothing of the item, its :target outline included, is under a day heading: they
 * stick to the top of the window as the timeline scrolls (lib/reader/event-list-html.ts).
 */
export async function expectClearOfDayHeadings(item: Locator): Promise<void> {
  await expect
    .poll(() =>
      item.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const style = window.getComputedStyle(el);
        const top = box.top - (style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset));
        return [...document.querySelectorAll("main section > h2")]
          .map((h) => h.getBoundingClientRect())
          .filter((h) => h.bottom > top && h.top < box.bottom)
          .map((h) => `a heading over ${Math.round(h.top)}–${Math.round(h.bottom)} px, the item from ${Math.round(top)} px`);
      }),
    )
    .toEqual([]);
}

export function filterForm(page: Page): Locator {
  return page.getByRole("form", { name: "Filter the timeline" });
}

export function resultCount(page: Page): Locator {
  return page.locator("#result-count");
}

/** Opens the filter bar's folded part ("More filters") if it is closed. */
export async function openMoreFilters(page: Page): Promise<void> {
  const more = filterForm(page).locator("details.filters");
  // The page's own script may reopen it just after load (components/timeline/auto-submit.tsx).
  await expect(async () => {
    if ((await more.getAttribute("open")) === null) await more.locator("> summary").click();
    await expect(more).toHaveAttribute("open", "", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
}

/** Opens a collapsed part of the filter form ("Sources", "Status") if it is closed. */
export async function openFilterGroup(page: Page, name: "Sources" | "Status" | "Actors" | "Tags"): Promise<void> {
  await openMoreFilters(page);
  const details = filterForm(page).locator("details.filter-group", { has: page.locator("summary", { hasText: name }) });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await expect(details).toHaveAttribute("open", "");
}

/**
 * Checks a filter checkbox and applies the filters. With JavaScript the form submits itself on
 * change; without it (or before hydration) "Apply filters" does. Waits for the URL to satisfy
 * `done`.
 */
export async function checkAndApply(page: Page, checkbox: Locator, done: (url: URL) => boolean): Promise<void> {
  const enhanced = (await filterForm(page).getAttribute("data-enhanced")) === "true";
  // With JavaScript the click loads the filtered view at once: nothing is left to verify on this page.
  if (enhanced) await checkbox.click();
  else await checkbox.check();
  if (!enhanced && !done(new URL(page.url()))) {
    await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
  }
  await page.waitForURL(done);
}

/** Waits until the filter form's JavaScript enhancement (submit on change) is active. */
export async function waitForEnhancedForm(page: Page): Promise<void> {
  await expect(filterForm(page)).toHaveAttribute("data-enhanced", "true");
}

/** The "Older events →" / "← Newer events" link of the bottom page navigation. */
export function pageLink(page: Page, name: "Older events →" | "← Newer events"): Locator {
  return page.getByRole("navigation", { name: "Pages", exact: true }).getByRole("link", { name });
}

/** Runs axe-core on the page and fails with every violation's id, impact and targets. */
export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const report = results.violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? "?"}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`).join("\n"),
    )
    .join("\n");
  expect(results.violations, `axe violations on ${context}:\n${report}`).toEqual([]);
}
