import { expect, test, type Page } from "@playwright/test";
import { SEED, expectNoAxeViolations, itemIds, resultCount, timelineItems } from "./fixtures";

// Reading a developing story: the first event high on the first screen, where things stand, the
// story at a glance and its links, the compact view, the facet lists, nothing wider than a phone;
// axe on each new part, light and dark.

const MAIN_CLAIM = "biden-authorized-atacms-strikes-inside-russia";

/** The first event's top edge, as a share of the viewport's height. */
async function firstEventTop(page: Page): Promise<number> {
  const box = await timelineItems(page).first().boundingBox();
  const height = page.viewportSize()!.height;
  return box!.y / height;
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 360, height: 780 },
]) {
  test(`the first event starts in the top 60% of the first screen at ${viewport.width}×${viewport.height}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const path of ["/", "/stories/e2e-pagination-story"]) {
      await page.goto(path);
      const top = await firstEventTop(page);
      expect(top, `${path}: first event at ${Math.round(top * viewport.height)} px of ${viewport.height}`).toBeLessThan(0.6);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    }
    await context.close();
  });
}

test("where things stand: each main claim's verdict in words, since when, whose voice and its independent count, as of a date too", async ({ page }) => {
  await page.goto("/");
  const block = page.locator("[data-where-things-stand]");
  await expect(block.getByRole("heading", { name: "Where things stand" })).toBeVisible();
  const main = block.locator(`li[data-claim="${MAIN_CLAIM}"]`);
  await expect(main).toContainText("Biden authorized");
  await expect(main).toContainText(/media-reported since 17 Nov 2024 \(The New York Times, citing .+\), not officially confirmed · \d+ independent sources?/);
  await expect(main.getByRole("link")).toHaveAttribute("href", `/claims/${MAIN_CLAIM}`);

  // Before the first report, nothing stood anywhere.
  await page.goto("/?asof=2024-11-10");
  await expect(page.locator("[data-where-things-stand]")).toContainText("Where things stand as of 10 Nov 2024");
  await expect(page.locator("[data-where-things-stand]")).toContainText("No claim had been reported by then.");
  await page.goto("/?asof=2024-11-18");
  await expect(page.locator(`[data-where-things-stand] li[data-claim="${MAIN_CLAIM}"] a`)).toHaveAttribute("href", `/claims/${MAIN_CLAIM}?asof=2024-11-18`);
});

test("the story at a glance: a bar per day, links that narrow the timeline, a table as its text alternative", async ({ page }) => {
  await page.goto("/");
  const glance = page.getByRole("region", { name: "The story at a glance" });
  await expect(glance.locator("svg.glance")).toBeVisible();
  await expect(glance.getByRole("list", { name: "Legend" })).toContainText("Media-reported");
  const bars = glance.locator("svg.glance a");
  expect(await bars.count()).toBeGreaterThan(1);

  // A bar is a link to its day.
  const href = (await bars.first().getAttribute("href"))!;
  const day = new URL(href, "http://x").searchParams.get("from")!;
  expect(new URL(href, "http://x").searchParams.get("to")).toBe(day);
  await bars.first().click();
  await page.waitForURL((u) => u.searchParams.get("from") === day && u.searchParams.get("to") === day);
  const shown = await itemIds(page);
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(8);
  for (const d of await timelineItems(page).locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")))) {
    expect(d).toBeTruthy();
  }
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText(`From ${day}`);
  // The chosen range is marked on the strip.
  await expect(page.locator("svg.glance rect.g-rng")).toHaveCount(1);

  // The table says the same in words, and its links narrow the timeline too (keyboard and no JS).
  await page.goto("/?status=reported");
  const table = page.getByRole("region", { name: "The story at a glance" }).locator("details", { hasText: "The strip as a table" });
  await table.locator("summary").click();
  const firstRow = table.locator("tbody tr").first();
  await expect(firstRow).toContainText("media-reported");
  await expect(firstRow).not.toContainText("on the record");
  await firstRow.getByRole("link").click();
  await page.waitForURL((u) => u.searchParams.get("status") === "reported" && u.searchParams.has("from"));
  expect((await itemIds(page)).length).toBeGreaterThan(0);
  await expect(page.locator("main article[data-event-id] [data-status]").first()).toHaveAttribute("data-status", "REPORTED");
});

test("filters fold into one bar with the active ones as chips; the compact view is a link", async ({ page }) => {
  await page.goto(`/?source=axios&view=compact`);
  await expect(page.locator("details.filters")).not.toHaveAttribute("open", "");
  await expect(page.getByRole("list", { name: "Active filters" })).toHaveText(["Source: Axios ×"]);
  await expect(timelineItems(page)).toHaveCount(1);
  await expect(timelineItems(page).first()).toHaveClass(/card-compact/);
  await expect(timelineItems(page).first()).toContainText("Axios");
  // Links keep the compact view; "Full view" leaves it.
  await expect(page.getByRole("link", { name: "Remove filter Source: Axios" })).toHaveAttribute("href", "/?view=compact");
  await page.getByRole("link", { name: "Full view" }).click();
  await page.waitForURL((u) => !u.searchParams.has("view"));
  await expect(timelineItems(page).first()).toHaveClass(/\bcard\b/);
  await expect(resultCount(page)).toHaveText("1 event matches the filters");
});

test("a facet's full list names every value with its count, and choosing one narrows the timeline", async ({ page }) => {
  await page.goto("/stories/us-atacms-policy-ukraine/filters/sources?status=declined");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Every source");
  const state = page.getByRole("listitem").filter({ hasText: "U.S. Department of State" });
  await expect(state).toContainText(/\d+ events/);
  await state.getByRole("link").click();
  await page.waitForURL((u) => u.searchParams.get("source") === "us-department-of-state" && u.searchParams.get("status") === "declined");
  await expect(timelineItems(page)).toHaveCount(1);
  await expect(timelineItems(page).first()).toHaveAttribute("id", SEED.noPolicyUpdates);
  await expectNoAxeViolations(page, "a timeline reached from a facet list");
  expect((await page.goto("/stories/us-atacms-policy-ukraine/filters/colours"))?.status()).toBe(404);
});

test("a claim's status history fits a phone: no column cut off", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await page.goto(`/claims/${MAIN_CLAIM}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const reason = page.locator("tbody td").filter({ hasText: "Reason:" }).first();
  await expect(reason).toBeVisible();
  const box = (await reason.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  await context.close();
});

const NEW_PARTS = ["/", "/?view=compact", "/?asof=2024-11-18&status=reported", "/stories/us-atacms-policy-ukraine/filters/actors"];

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 360, height: 780 },
]) {
  test(`axe: where things stand, the glance (opened table), the filter bar (opened), the compact view and facet lists at ${viewport.width}px, light and dark`, async ({ browser }) => {
    test.setTimeout(150_000);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    for (const path of NEW_PARTS) {
      await page.goto(path);
      for (const details of await page.locator("main details").all()) {
        if ((await details.getAttribute("open")) === null && (await details.isVisible())) await details.locator("> summary").click();
      }
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await expectNoAxeViolations(page, `${path} at ${viewport.width}px (${scheme})`);
      }
      await page.emulateMedia({ colorScheme: "light" });
    }
    await context.close();
  });
}
