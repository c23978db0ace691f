import { expect, test } from "@playwright/test";
import {
  NYT_HEADLINE,
  PAGINATION_PATH,
  SEED,
  SEED_COUNT,
  checkAndApply,
  expectItems,
  filterForm,
  fixtureSlugs,
  itemIds,
  openFilterGroup,
  openMoreFilters,
  pageLink,
  resultCount,
  timelineItems,
} from "./fixtures";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form applies sources and status", async ({ page }) => {
    await page.goto("/");
    await expect(filterForm(page)).not.toHaveAttribute("data-enhanced", "true");
    await openFilterGroup(page, "Sources");
    await filterForm(page).getByRole("checkbox", { name: "Axios", exact: true }).check();
    await checkAndApply(
      page,
      filterForm(page).getByRole("checkbox", { name: "The New York Times", exact: true }),
      (u) => u.searchParams.getAll("source").length === 2,
    );
    await expectItems(page, [SEED.axios, SEED.nyt]);
    await expect(resultCount(page)).toHaveText("2 events match the filters");

    await openFilterGroup(page, "Status");
    await filterForm(page).getByRole("checkbox", { name: "Declined" }).check();
    await filterForm(page).getByRole("searchbox").fill("policy updates");
    await filterForm(page).getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((u) => u.searchParams.has("status"));
    // Sources and status are separate filters: both apply.
    await expect(timelineItems(page)).toHaveCount(0);

    await page.getByRole("link", { name: "Remove filter Source: Axios" }).click();
    await page.waitForURL((u) => !u.searchParams.getAll("source").includes("axios"));
    await page.getByRole("link", { name: "Remove filter Source: The New York Times" }).click();
    await page.waitForURL((u) => u.searchParams.getAll("source").length === 0);
    await expectItems(page, [SEED.noPolicyUpdates]);

    // "Clear filters" is a plain link to the unfiltered timeline.
    await openMoreFilters(page);
    await filterForm(page).getByRole("link", { name: "Clear filters" }).click();
    await page.waitForURL((u) => u.search === "");
    await expect(timelineItems(page)).toHaveCount(SEED_COUNT);
  });

  test("pagination links work", async ({ page }) => {
    await page.goto(PAGINATION_PATH);
    expect(await itemIds(page)).toEqual(fixtureSlugs(120, 71));
    await pageLink(page, "Older events →").click();
    await page.waitForURL((u) => u.searchParams.has("before"));
    expect(await itemIds(page)).toEqual(fixtureSlugs(70, 21));
    const secondPage = page.url();
    await pageLink(page, "Older events →").click();
    await page.waitForURL((u) => u.toString() !== secondPage);
    expect(await itemIds(page)).toEqual(fixtureSlugs(20, 1));
    await pageLink(page, "← Newer events").click();
    await page.waitForURL((u) => u.searchParams.has("after"));
    expect(await itemIds(page)).toEqual(fixtureSlugs(70, 21));
  });

  test("a permalink opens from the timeline and leads back to it", async ({ page }) => {
    await page.goto("/");
    await page.locator(`article#${SEED.nyt}`).getByRole("link", { name: NYT_HEADLINE }).click();
    await page.waitForURL(`**/events/${SEED.nyt}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(NYT_HEADLINE);
    await expect(page.locator("main [data-status]").first()).toContainText("Media-reported, not officially confirmed");
    await page.getByRole("link", { name: "See it in the timeline" }).click();
    await page.waitForURL((u) => u.pathname === "/" && u.hash === `#${SEED.nyt}`);
    await expect(page.locator("article:target")).toHaveAttribute("id", SEED.nyt);
  });
});
