import { expect, test } from "@playwright/test";
import { SEED, expectNoAxeViolations, itemIds, timelineItems } from "./fixtures";

// Claims through time: the "as of" view, claim pages, independent-source counts and threads.

const CLAIM = "/claims/biden-authorized-atacms-strikes-inside-russia";
const LIFECYCLE = "/stories/e2e-lifecycle-story";
const REPORT = "e2e-daily-reports-resignation";

test.describe("the as-of view on the seed story", () => {
  test("as of 17 Nov shows no Axios report, says so in a banner and links back to today", async ({ page }) => {
    await page.goto("/?asof=2024-11-17");
    const ids = await itemIds(page);
    expect(ids).not.toContain(SEED.axios);
    // Blinken's statement is known only from Miller's briefing of 18 Nov.
    expect(ids.sort()).toEqual([SEED.nyt, SEED.zelenskyy].sort());
    await expect(page.locator("#as-of-banner")).toContainText("as of 17 Nov 2024");
    await expect(page.locator("#result-count")).toHaveText("2 events (as of this date)");

    // Permalinks keep the date, so a citation of "the timeline as of 17 Nov" stays reproducible.
    await expect(page.locator(`#${SEED.nyt} h3 a`)).toHaveAttribute("href", `/events/${SEED.nyt}?asof=2024-11-17`);

    await page.getByRole("link", { name: "Back to today's timeline" }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(await itemIds(page)).toContain(SEED.axios);
  });

  test("the date control moves through the story's days", async ({ page }) => {
    await page.goto("/?asof=2024-11-17");
    await page.getByRole("link", { name: "18 Nov 2024 →" }).click();
    await expect(page).toHaveURL(/asof=2024-11-18/);
    expect(await itemIds(page)).toContain(SEED.axios);
    await page.getByLabel("As of", { exact: true }).fill("2024-11-17");
    await page.getByRole("button", { name: "Show as of date" }).click();
    await expect(page).toHaveURL(/asof=2024-11-17/);
    expect(await itemIds(page)).not.toContain(SEED.axios);
    // An empty date is today's timeline, and stays out of the address, as the filter form's empty fields.
    await page.getByLabel("As of", { exact: true }).fill("");
    await page.getByRole("button", { name: "Show as of date" }).click();
    await page.waitForURL((u) => u.pathname === "/" && !u.searchParams.has("asof"));
    expect(await itemIds(page)).toContain(SEED.axios);
  });

  test("an event not yet reported on the chosen day says so", async ({ page }) => {
    const response = await page.goto(`/events/${SEED.axios}?asof=2024-11-17`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not yet reported");
  });
});

test.describe("the claim page", () => {
  test("shows the status, its basis, the history, who first reported it and the events by stance", async ({ page }) => {
    await page.goto(CLAIM);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(
      "Biden authorized Ukraine to use ATACMS for strikes inside Russia",
    );
    await expect(page.locator("[data-claim-status]").first()).toContainText("Media-reported, not confirmed");
    await expect(page.locator("#first-reported")).toContainText("First reported by The New York Times");
    await expect(page.locator("#first-reported")).toContainText("17 Nov 2024");
    await expect(page.locator("#independent-count")).toHaveText("Reported by 1 independent source.");
    const history = page.getByRole("table");
    await expect(history.getByRole("row")).toHaveCount(2);
    await expect(history).toContainText("New claim → Media-reported, not confirmed");
    await expect(page.getByRole("heading", { name: /Declines to confirm or gives no update \(2\)/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Qualifies (1)" })).toBeVisible();
    await expectNoAxeViolations(page, "claim page");
  });

  test("event permalinks link to their claims and lay out the thread in time order", async ({ page }) => {
    await page.goto(`/events/${SEED.nyt}`);
    await page.getByRole("link", { name: "“Biden authorized Ukraine to use ATACMS for strikes inside Russia”" }).first().click();
    await expect(page).toHaveURL(new RegExp(`${CLAIM}$`));
    await page.goto(`/events/${SEED.nyt}`);
    const thread = page.locator("section", { has: page.getByRole("heading", { name: "Thread" }) });
    const items = thread.getByRole("listitem");
    await expect(items.first()).toContainText("Blinken");
    await expect(thread).toContainText("(this event)");
    await expect(thread).toContainText("Zelenskyy");
  });

  test("the claims index filters on independent sources", async ({ page }) => {
    await page.goto("/claims");
    await expect(page.locator("#claim-count")).toHaveText("2 claims");
    await page.goto("/claims?min_independent=2");
    await expect(page.locator("#claim-count")).toHaveText("0 claims");
    await page.goto("/claims?min_independent=lots");
    await expect(page.getByRole("status")).toContainText("Ignored min_independent");
    await expectNoAxeViolations(page, "claims index");
  });
});

test.describe("a claim's life: reported, declined, confirmed", () => {
  test("the same story on two dates carries different labels", async ({ page }) => {
    await page.goto(`${LIFECYCLE}?asof=2024-03-02`);
    const report = page.locator(`#${REPORT}`);
    await expect(report.locator("[data-status]")).toContainText("Media-reported, not officially confirmed");
    await expect(timelineItems(page)).toHaveCount(2);
    await expectNoAxeViolations(page, "as-of timeline");

    // A media report stays a media report; from the day of the confirmation it says so beside
    // its label, and the ministry's statement is the one officially confirmed.
    await page.goto(`${LIFECYCLE}?asof=2024-03-08`);
    await expect(report.locator("[data-status]")).toContainText("Media-reported");
    await expect(report.locator(".status-verdict")).toContainText("since confirmed on the record by E2E Ministry, 8 Mar 2024");
    await expect(page.locator("#e2e-ministry-confirms-resignation [data-status]")).toContainText("Officially confirmed");
    await expect(timelineItems(page)).toHaveCount(3);
  });

  test("the status filter applies to the label as it stood on the date", async ({ page }) => {
    await page.goto(`${LIFECYCLE}?asof=2024-03-02&status=reported`);
    expect(await itemIds(page)).toEqual([REPORT]);
    await page.goto(`${LIFECYCLE}?asof=2024-03-09&status=reported`);
    expect(await itemIds(page)).toEqual([REPORT]);
    await page.goto(`${LIFECYCLE}?asof=2024-03-09&status=confirmed`);
    expect(await itemIds(page)).toEqual(["e2e-ministry-confirms-resignation"]);
  });

  test("the claim page shows its status then and now", async ({ page }) => {
    await page.goto("/claims/e2e-minister-resigned?asof=2024-03-02");
    await expect(page.getByRole("heading", { name: "Status as of 2 Mar 2024" })).toBeVisible();
    await expect(page.locator("[data-claim-status]").first()).toContainText("Media-reported, not confirmed");
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
    await page.goto("/claims/e2e-minister-resigned");
    await expect(page.locator("[data-claim-status]").first()).toContainText("Officially confirmed");
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
    await expect(page.getByRole("table")).toContainText("Media-reported, not confirmed → Officially confirmed");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the as-of form, day links and claim links all work", async ({ page }) => {
    await page.goto(`${LIFECYCLE}?asof=2024-03-02`);
    await page.getByRole("link", { name: "3 Mar 2024 →" }).click();
    await expect(page).toHaveURL(/asof=2024-03-03/);
    await page.getByLabel("As of", { exact: true }).fill("2024-03-08");
    await page.getByRole("button", { name: "Show as of date" }).click();
    await expect(page.locator(`#${REPORT} .status-verdict`)).toContainText("since confirmed on the record");
    await page.locator(`#${REPORT}`).getByRole("link", { name: "“The minister has resigned”" }).click();
    await expect(page).toHaveURL(/\/claims\/e2e-minister-resigned\?asof=2024-03-08/);
    await expect(page.locator("[data-claim-status]").first()).toContainText("Officially confirmed");
    // Without the script an empty date is sent as "asof=": read as no date, without a note.
    await page.goto(`${LIFECYCLE}?asof=2024-03-02`);
    await page.getByLabel("As of", { exact: true }).fill("");
    await page.getByRole("button", { name: "Show as of date" }).click();
    await page.waitForURL((u) => u.searchParams.get("asof") === "");
    await expect(page.locator("#as-of-banner")).toHaveCount(0);
    await expect(page.getByText("Some of the address could not be used")).toHaveCount(0);
  });
});
