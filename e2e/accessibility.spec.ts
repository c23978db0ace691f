import { expect, test } from "@playwright/test";
import { WITHDRAWN } from "./desk-fixtures";
import { PAGINATION_PATH, SEED, expectNoAxeViolations } from "./fixtures";

// axe-core on every kind of page, in the light and the dark colour scheme: one page load each,
// the scheme switched in place.
const PAGES: { name: string; path: string; status: number }[] = [
  { name: "the default timeline", path: "/", status: 200 },
  { name: "a filtered view with notes", path: "/?source=axios&status=bogus", status: 200 },
  { name: "a paginated story", path: PAGINATION_PATH, status: 200 },
  { name: "an event permalink", path: `/events/${SEED.nyt}`, status: 200 },
  { name: "a source page", path: "/sources/new-york-times", status: 200 },
  { name: "the list of stories", path: "/stories", status: 200 },
  { name: "a withdrawn event's permalink", path: `/events/${WITHDRAWN.slug}`, status: 200 },
  { name: "the not-found page", path: "/events/no-such-event-ever", status: 404 },
  { name: "the not-found page for an unknown address", path: "/no-such-page", status: 404 },
];

for (const { name, path, status } of PAGES) {
  test(`no axe violations on ${name} (${path}), light and dark`, async ({ page }) => {
    // Two full axe runs on a long page: slow on a small, shared machine.
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: "light" });
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await expectNoAxeViolations(page, `${path} (light)`);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("body")).toHaveCSS("background-color", "rgb(11, 15, 25)");
    await expectNoAxeViolations(page, `${path} (dark)`);
  });
}

test.describe("at a 360px-wide viewport", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const path of ["/", `/events/${SEED.nyt}`]) {
    test(`no axe violations on ${path}, light and dark`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(path);
      // Nothing wider than the screen: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page, `${path} at 360px (light)`);
      await page.emulateMedia({ colorScheme: "dark" });
      await expectNoAxeViolations(page, `${path} at 360px (dark)`);
    });
  }
});
