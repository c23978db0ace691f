import { expect, test, type Page } from "@playwright/test";
import {
  SEED,
  SEED_COUNT,
  checkAndApply,
  expectItems,
  filterForm,
  openFilterGroup,
  openMoreFilters,
  resultCount,
  timelineItems,
  waitForEnhancedForm,
} from "./fixtures";

const sourceBox = (page: Page, slug: string) =>
  filterForm(page).locator(`input[type=checkbox][name=source][value="${slug}"]`);

test("filtering by one source lists only the events citing it", async ({ page }) => {
  await page.goto("/?source=axios");
  await expectItems(page, [SEED.axios]);
  await expect(resultCount(page)).toHaveText("1 event matches the filters");
  await expect(page.getByRole("list", { name: "Active filters" }).getByRole("listitem")).toHaveText(["Source: Axios ×"]);
});

test("two sources give their union", async ({ page }) => {
  await page.goto("/?source=axios&source=new-york-times");
  await expectItems(page, [SEED.axios, SEED.nyt]);
  await expect(resultCount(page)).toHaveText("2 events match the filters");
});

test("sources can be chosen in the filter form", async ({ page }) => {
  await page.goto("/");
  await waitForEnhancedForm(page);
  await openFilterGroup(page, "Sources");
  await checkAndApply(page, sourceBox(page, "axios"), (u) => u.searchParams.getAll("source").includes("axios"));
  await expectItems(page, [SEED.axios]);

  await openFilterGroup(page, "Sources");
  await expect(sourceBox(page, "axios")).toBeChecked();
  await checkAndApply(page, sourceBox(page, "new-york-times"), (u) => u.searchParams.getAll("source").length === 2);
  expect(new URL(page.url()).searchParams.getAll("source").sort()).toEqual(["axios", "new-york-times"]);
  await expectItems(page, [SEED.axios, SEED.nyt]);
  await expect(filterForm(page).locator("summary", { hasText: "Sources" })).toHaveText("Sources (2 selected)");
  // With JavaScript, empty fields stay out of the shareable address.
  expect(new URL(page.url()).search).toBe("?source=axios&source=new-york-times");
});

test("status, text and their combination with a source narrow the timeline", async ({ page }) => {
  await page.goto("/?status=declined");
  await expectItems(page, [SEED.zelenskyy, SEED.noPolicyUpdates]);
  await expect(resultCount(page)).toHaveText("2 events match the filters");
  await openMoreFilters(page);
  await expect(filterForm(page).getByRole("checkbox", { name: "Declined" })).toBeChecked();

  // Every word, in a quote as well as the headline or summary, ignoring case.
  await page.goto("/?q=SPEAK+For+themselves");
  await expectItems(page, [SEED.zelenskyy]);
  await expect(filterForm(page).getByRole("searchbox")).toHaveValue("SPEAK For themselves");
  await page.goto("/?q=policy+updates");
  await expectItems(page, [SEED.noPolicyUpdates]);

  await page.goto("/?source=us-department-of-state&status=declined");
  await expectItems(page, [SEED.noPolicyUpdates]);
  await page.goto("/?source=us-department-of-state&status=on-record");
  await expectItems(page, [SEED.russia, SEED.coalition, SEED.northKorea, SEED.blinken]);
  await expect(resultCount(page)).toHaveText("4 events match the filters");

  await page.goto("/?q=no+such+words+anywhere");
  await expect(timelineItems(page)).toHaveCount(0);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await expect(resultCount(page)).toHaveText("0 events match the filters");
});

test("each active filter is removed by one click on its chip", async ({ page }) => {
  await page.goto("/?source=axios&source=new-york-times&status=reported");
  await expectItems(page, [SEED.axios, SEED.nyt]);
  const chips = page.getByRole("list", { name: "Active filters" }).getByRole("link");
  await expect(chips).toHaveText(["Source: Axios ×", "Source: The New York Times ×", "Status: Media-reported ×"]);

  await page.getByRole("link", { name: "Remove filter Source: Axios" }).click();
  await page.waitForURL((u) => !u.searchParams.getAll("source").includes("axios"));
  const url = new URL(page.url());
  expect(url.searchParams.getAll("source")).toEqual(["new-york-times"]);
  expect(url.searchParams.getAll("status")).toEqual(["reported"]);
  await expectItems(page, [SEED.nyt]);
  await expect(chips).toHaveText(["Source: The New York Times ×", "Status: Media-reported ×"]);

  await page.getByRole("link", { name: "Remove filter Status: Media-reported" }).click();
  await page.waitForURL((u) => u.searchParams.getAll("status").length === 0);
  expect(new URL(page.url()).searchParams.getAll("source")).toEqual(["new-york-times"]);
  await expectItems(page, [SEED.nyt]);

  await page.getByRole("link", { name: "Remove filter Source: The New York Times" }).click();
  await page.waitForURL((u) => u.search === "");
  await expect(timelineItems(page)).toHaveCount(SEED_COUNT);
  await expect(page.getByRole("list", { name: "Active filters" })).toHaveCount(0);
  await expect(resultCount(page)).toHaveText("8 events");
});

test("after a chip removes a source, the form no longer applies it", async ({ page }) => {
  await page.goto("/");
  await waitForEnhancedForm(page);
  await openFilterGroup(page, "Sources");
  await checkAndApply(page, sourceBox(page, "axios"), (u) => u.searchParams.getAll("source").includes("axios"));
  await expectItems(page, [SEED.axios]);

  await page.getByRole("link", { name: "Remove filter Source: Axios" }).click();
  await page.waitForURL((u) => u.searchParams.getAll("source").length === 0);
  await expect(timelineItems(page)).toHaveCount(SEED_COUNT);
  await expect(sourceBox(page, "axios")).not.toBeChecked();

  await waitForEnhancedForm(page);
  await openFilterGroup(page, "Sources");
  await checkAndApply(page, sourceBox(page, "new-york-times"), (u) => u.searchParams.getAll("source").length > 0);
  expect(new URL(page.url()).searchParams.getAll("source")).toEqual(["new-york-times"]);
  await expectItems(page, [SEED.nyt]);
});

test("after Back, the form shows the filters of the page it is on", async ({ page }) => {
  await page.goto("/");
  await waitForEnhancedForm(page);
  await openFilterGroup(page, "Sources");
  await checkAndApply(page, filterForm(page).getByRole("checkbox", { name: /Axios/ }), (url) => url.searchParams.get("source") === "axios");
  await page.goBack();
  await expect(resultCount(page)).toHaveText(`${SEED_COUNT} events`);
  await waitForEnhancedForm(page);
  // The unfiltered page: no box ticked, so the next choice is not combined with the one undone.
  await openFilterGroup(page, "Sources");
  await expect(filterForm(page).getByRole("checkbox", { name: /Axios/ })).not.toBeChecked();
});

test("after “Clear filters”, the focus is back on the filter bar, not at the top of the page", async ({ page }) => {
  await page.goto("/?source=axios&status=reported");
  await waitForEnhancedForm(page);
  await openMoreFilters(page);
  // From the keyboard: the link is a plain link, and the timeline it loads is a new document.
  await filterForm(page).getByRole("link", { name: "Clear filters" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/" && u.search === "");
  await expect(resultCount(page)).toHaveText(`${SEED_COUNT} events`);
  await expect(filterForm(page).locator("details.filters > summary")).toBeFocused();
  await expect(filterForm(page).locator("details.filters > summary")).toHaveText("Filters");
  // Only the page the link named: loaded again, the page starts at the top as any other.
  await page.reload();
  await waitForEnhancedForm(page);
  await expect(page.locator("body")).toBeFocused();
});

test("malformed values are ignored with a visible note, and the full timeline is still shown", async ({ page }) => {
  const response = await page.goto("/?status=bogus&from=2024-13-01&before=garbage");
  expect(response?.status()).toBe(200);
  const note = page.getByRole("status").filter({ hasText: "Some of the address could not be used" });
  await expect(note).toBeVisible();
  await expect(note).toContainText("Ignored status “bogus”");
  await expect(note).toContainText("Ignored from “2024-13-01”: not a calendar date");
  await expect(note).toContainText("Ignored before: not a valid page link");
  await expect(timelineItems(page)).toHaveCount(SEED_COUNT);
  await expect(resultCount(page)).toHaveText("8 events");

  // A source that does not exist is reported too; the valid filters still apply.
  const mixed = await page.goto("/?source=no-such-outlet&source=axios&kind=nonsense");
  expect(mixed?.status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: "Some of the address could not be used" })).toContainText(
    "Ignored source “no-such-outlet”: there is no such source.",
  );
  await expectItems(page, [SEED.axios]);
});
