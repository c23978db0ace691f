import { expect, test } from "@playwright/test";
import { PAGINATION_PATH, fixtureSlugs, itemIds, pageLink, resultCount, timelineItems } from "./fixtures";

test("a long timeline pages by 50 with stable links both ways", async ({ page }) => {
  await page.goto(PAGINATION_PATH);
  await expect(resultCount(page)).toHaveText("120 events");
  await expect(timelineItems(page)).toHaveCount(50);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(120, 71));
  await expect(pageLink(page, "← Newer events")).toHaveCount(0);

  await pageLink(page, "Older events →").click();
  await page.waitForURL((u) => u.searchParams.has("before"));
  await expect(timelineItems(page)).toHaveCount(50);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(70, 21));
  await expect(resultCount(page)).toHaveText("120 events");

  // The address is the page: loading it again shows the same items.
  const secondPage = page.url();
  await page.reload();
  expect(page.url()).toBe(secondPage);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(70, 21));

  await pageLink(page, "Older events →").click();
  await page.waitForURL((u) => u.toString() !== secondPage && u.searchParams.has("before"));
  await expect(timelineItems(page)).toHaveCount(20);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(20, 1));
  await expect(pageLink(page, "Older events →")).toHaveCount(0);
  // The last page starts with a link back at the top as well.
  await expect(page.getByRole("navigation", { name: "Pages, top" }).getByRole("link", { name: "← Newer events" })).toBeVisible();

  await pageLink(page, "← Newer events").click();
  await page.waitForURL((u) => u.searchParams.has("after"));
  await expect(timelineItems(page)).toHaveCount(50);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(70, 21));
  const back = page.url();
  await page.reload();
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(70, 21));
  expect(page.url()).toBe(back);

  await pageLink(page, "← Newer events").click();
  await page.waitForURL((u) => u.toString() !== back);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(120, 71));
  await expect(pageLink(page, "← Newer events")).toHaveCount(0);
});

test("pagination keeps the filters", async ({ page }) => {
  await page.goto(`${PAGINATION_PATH}?source=e2e-wire`);
  await expect(resultCount(page)).toHaveText("60 events match the filters");
  // The wire cites the odd-numbered fixture events.
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(119, 21, 2));

  await pageLink(page, "Older events →").click();
  await page.waitForURL((u) => u.searchParams.has("before"));
  expect(new URL(page.url()).searchParams.getAll("source")).toEqual(["e2e-wire"]);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(19, 1, 2));
  await expect(resultCount(page)).toHaveText("60 events match the filters");
  await expect(page.getByRole("link", { name: "Remove filter Source: E2E Wire" })).toBeVisible();
  await expect(pageLink(page, "Older events →")).toHaveCount(0);

  await pageLink(page, "← Newer events").click();
  await page.waitForURL((u) => u.searchParams.has("after"));
  expect(new URL(page.url()).searchParams.getAll("source")).toEqual(["e2e-wire"]);
  await expect.poll(() => itemIds(page)).toEqual(fixtureSlugs(119, 21, 2));
});
