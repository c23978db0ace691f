import { expect, test, type Locator, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./editor-fixtures";
import { expectNoAxeViolations } from "./fixtures";
import { INTAKE_REPORT_EVENT, INTAKE_STORY, INTAKE_STORY_TITLE } from "./intake-fixtures";

// Article intake in a real browser against `next start`: an editor pastes an article, reviews
// its drafts, accepts two (one edited), merges one into the event it relays, and readers see the
// results on the public timeline with the labels the as-of projection gives them.

const ARTICLE = [
  "The Capital Times reported on Sunday, citing two officials, that the Westland government had approved the grain corridor.",
  "Transport Minister Ida Sorensen confirmed on Monday that the government had approved the grain corridor. “The first convoy leaves on Friday,” Sorensen told reporters.",
  "The Eastland foreign ministry declined to comment.",
].join("\n\n");

async function signIn(page: Page) {
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
}

/** The card of the draft whose headline starts with these words. */
const draft = (page: Page, words: string): Locator => page.locator("li").filter({ has: page.getByRole("heading", { name: new RegExp(`^${words}`) }) });

test("an editor pastes an article, accepts two drafts, merges one into an existing event, and readers see the labels", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  await page.goto("/editor/intake");
  await expect(page.getByRole("heading", { name: "Article intake" })).toBeVisible();
  await page.getByLabel("Story", { exact: true }).selectOption({ label: `${INTAKE_STORY_TITLE} (UTC)` });
  await page.getByLabel("Outlet", { exact: true }).fill("Harbour Wire");
  await page.getByLabel("Published", { exact: true }).fill("2025-03-10");
  await page.getByLabel("Title (optional)").fill("Westland opens the grain corridor");
  await page.getByLabel("Article text").fill(ARTICLE);
  await page.getByRole("button", { name: "Read the article" }).click();
  await page.waitForURL(/\/editor\/intake\?article=/);

  const relay = draft(page, "The Capital Times reported on Sunday");
  const confirmation = draft(page, "Transport Minister Ida Sorensen confirmed");
  const decline = draft(page, "The Eastland foreign ministry declined");
  for (const card of [relay, confirmation, decline]) await expect(card).toContainText("Awaiting review");
  // What intake read, and where from.
  await expect(relay.getByTestId("intake-match")).toContainText("Add this article as a citation to “Capital Times reports the Westland government approved the grain corridor”");
  await expect(relay).toContainText("relaying Capital Times");
  await expect(confirmation.getByLabel("Happened on")).toHaveValue("2025-03-10");
  await expect(confirmation.getByText("From “on Monday”")).toBeVisible();
  await expect(confirmation.getByLabel("Quote (verbatim)")).toHaveValue("The first convoy leaves on Friday");
  await expect(confirmation.getByLabel("Stance toward the claim")).toHaveValue("CONFIRMS");
  await expect(decline.getByLabel("Stance toward the claim")).toHaveValue("DECLINES");
  await expectNoAxeViolations(page, "/editor/intake with drafts");

  // Merge the relay into the report it relays.
  await relay.getByRole("button", { name: "Merge into the chosen event" }).click();
  await expect(page.getByText("Merged: the article was added as a citation.")).toBeVisible();
  await expect(relay).toContainText("Merged");

  // Accept the confirmation, with a headline in the house style.
  await confirmation.getByLabel("Headline").fill("Westland transport minister confirms the grain corridor");
  await confirmation.getByRole("button", { name: "Accept as a new event" }).click();
  await expect(page.getByText("Accepted: the event was created.")).toBeVisible();
  await expect(draft(page, "Transport Minister Ida Sorensen confirmed")).toContainText("Accepted");

  // Accept the decline, linked to the story's claim by hand (its words name none).
  await decline.getByLabel("Claim", { exact: true }).selectOption({ label: "The Westland government approved the grain corridor" });
  await decline.getByRole("button", { name: "Accept as a new event" }).click();
  await expect(page.getByText("Accepted: the event was created.")).toBeVisible();
  await expect(draft(page, "The Eastland foreign ministry declined")).toContainText("Accepted");

  // Readers see them on the public timeline, labelled by the projection.
  await page.goto(`/stories/${INTAKE_STORY}`);
  const confirmed = page.locator("main article[id='westland-transport-minister-confirms-the-grain-corridor']");
  await expect(confirmed.locator("[data-status]")).toContainText("Officially confirmed");
  await expect(confirmed).toContainText("Ida Sorensen");
  const declined = page.locator("main article[id^='the-eastland-foreign-ministry-declined']");
  await expect(declined.locator("[data-status]")).toContainText("Declined to confirm");
  const report = page.locator(`main article[id='${INTAKE_REPORT_EVENT}']`);
  await expect(report.locator("[data-status]")).toContainText("Media-reported, not officially confirmed");
  await expect(report).toContainText("Harbour Wire");

  // The merged article is a citation on the report's permalink, relaying the Capital Times.
  await page.goto(`/events/${INTAKE_REPORT_EVENT}`);
  await expect(page.locator("main")).toContainText("Harbour Wire");

  // The review page in the dark scheme, and on a phone.
  await page.goto("/editor/intake");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoAxeViolations(page, "/editor/intake (dark)");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page, "/editor/intake at 360px (dark)");
});

test("intake refuses a publication date that is not one, keeping what was typed", async ({ page }) => {
  await signIn(page);
  await page.goto("/editor/intake");
  await page.getByLabel("Story", { exact: true }).selectOption({ label: `${INTAKE_STORY_TITLE} (UTC)` });
  await page.getByLabel("Outlet", { exact: true }).fill("Harbour Wire");
  await page.getByLabel("Published", { exact: true }).fill("last Tuesday");
  await page.getByLabel("Article text").fill(ARTICLE);
  await page.getByRole("button", { name: "Read the article" }).click();
  await expect(page.locator("#intake-published-error")).toContainText("not an ISO date");
  await expect(page.getByLabel("Article text")).toHaveValue(ARTICLE);
});
