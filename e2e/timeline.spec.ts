import { expect, test } from "@playwright/test";
import { NYT_HEADLINE, SEED, SEED_COUNT, expectClearOfDayHeadings, resultCount, timelineItems } from "./fixtures";

test("the default story's timeline lists the seed events newest first", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "US policy on Ukraine's use of ATACMS missiles inside Russia",
  );
  const ids = await page.locator("article").evaluateAll((els) => els.map((e) => e.id));
  expect(ids).toHaveLength(SEED_COUNT);
  expect(ids.indexOf("zelenskyy-says-missiles-will-speak-for-themselves")).toBeLessThan(
    ids.indexOf("nyt-reports-biden-allowed-atacms-strikes-on-russia"),
  );
  await expect(resultCount(page)).toHaveText("8 events");
});

test("items are grouped under day headings, in each event's own day, month-precision ones under their month", async ({
  page,
}) => {
  await page.goto("/");
  const days = page.locator("main section:has(article) > h2");
  await expect(days).toHaveText(["Monday 18 November 2024", "Sunday 17 November 2024", "November 2024 (day not known)"]);

  const day = (name: string) => page.getByRole("region", { name, exact: true }).locator("article[id]");
  await expect(day("Monday 18 November 2024")).toHaveCount(5);
  for (const slug of [SEED.axios, SEED.russia, SEED.noPolicyUpdates, SEED.coalition, SEED.northKorea]) {
    await expect(day("Monday 18 November 2024").and(page.locator(`#${slug}`))).toHaveCount(1);
  }
  // Zelenskyy spoke on 17 November in Kyiv: grouped on that day, not on the 16th in UTC.
  await expect(day("Sunday 17 November 2024")).toHaveCount(2);
  await expect(day("Sunday 17 November 2024").first()).toHaveAttribute("id", SEED.zelenskyy);
  await expect(day("Sunday 17 November 2024").last()).toHaveAttribute("id", SEED.nyt);
  await expect(day("November 2024 (day not known)")).toHaveCount(1);
  await expect(day("November 2024 (day not known)")).toHaveAttribute("id", SEED.blinken);
});

test("an item shows when, how solid, its sources and its relations in words", async ({ page }) => {
  await page.goto("/");
  await expect(timelineItems(page)).toHaveCount(SEED_COUNT);

  const nyt = page.locator(`article#${SEED.nyt}`);
  await expect(nyt.getByRole("heading", { level: 3 })).toHaveText(NYT_HEADLINE);
  await expect(nyt.getByRole("link", { name: NYT_HEADLINE })).toHaveAttribute("href", `/events/${SEED.nyt}`);
  // Day precision: the date and no time of day; stated, so no "about".
  await expect(nyt.locator("time")).toHaveText("17 Nov 2024");
  await expect(nyt.locator("time")).toHaveAttribute("datetime", "2024-11-17");
  await expect(nyt.locator("[data-status]")).toContainText("Media-reported, not officially confirmed");
  await expect(nyt.locator("[data-status]")).toContainText("citing anonymous US officials");
  await expect(nyt).toContainText("Sources: The New York Times");
  await expect(nyt.getByRole("link", { name: "The New York Times", exact: true })).toHaveAttribute(
    "href",
    "/?source=new-york-times",
  );
  const related = nyt.getByRole("list", { name: "Related events" });
  await expect(related).toContainText("Responded to by Volodymyr Zelenskyy");
  await expect(related).toContainText("Responded to by Matthew Miller");
  await expect(related).toContainText("Followed up by Axios");
  await expect(related.getByRole("link", { name: /^Zelenskyy: long-range strikes are not announced/ })).toHaveAttribute(
    "href",
    `/events/${SEED.zelenskyy}`,
  );
  await expect(
    related.getByRole("link", { name: "State Department: “I don’t have any policy updates to speak to today”" }),
  ).toHaveAttribute("href", `/events/${SEED.noPolicyUpdates}`);

  // An inferred date says so.
  const declined = page.locator(`article#${SEED.noPolicyUpdates}`);
  await expect(declined.locator("time")).toHaveText("about 18 Nov 2024");
  await expect(declined.locator("[data-status]")).toContainText("Declined to confirm");
  await expect(declined.locator("[data-status]")).toContainText("Matthew Miller, State Department spokesperson");
  await expect(declined).toContainText("I don’t have any policy updates to speak to today.");
  await expect(declined.getByRole("list", { name: "Related events" })).toContainText(
    `Responds to: ${NYT_HEADLINE}`,
  );

  await expect(page.locator(`article#${SEED.coalition} [data-status]`)).toContainText("On the record");
  await expect(page.locator(`article#${SEED.zelenskyy} [data-status]`)).toContainText("Declined to confirm");
  await expect(page.locator(`article#${SEED.blinken} time`)).toHaveText("about November 2024");
});

test("a deep link to an event targets its item on the timeline", async ({ page }) => {
  await page.goto(`/#${SEED.nyt}`);
  const target = page.locator("article:target");
  await expect(target).toHaveCount(1);
  await expect(target).toHaveAttribute("id", SEED.nyt);
  await expect(target).toBeInViewport();
  // Below its day's sticky heading, not under it.
  await expectClearOfDayHeadings(target);
});
