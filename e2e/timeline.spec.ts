import { expect, test } from "@playwright/test";

test("the default story's timeline lists the seed events newest first", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "US policy on Ukraine's use of ATACMS missiles inside Russia",
  );
  const ids = await page.locator("article").evaluateAll((els) => els.map((e) => e.id));
  expect(ids).toHaveLength(8);
  expect(ids.indexOf("zelenskyy-says-missiles-will-speak-for-themselves")).toBeLessThan(
    ids.indexOf("nyt-reports-biden-allowed-atacms-strikes-on-russia"),
  );
  await expect(page.locator("#result-count")).toHaveText("8 events");
});
