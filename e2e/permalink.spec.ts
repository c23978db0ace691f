import { expect, test, type Page } from "@playwright/test";
import { NYT_HEADLINE, SEED, expectItems, timelineItems } from "./fixtures";

async function canonical(page: Page): Promise<string | null> {
  return page.locator('head link[rel="canonical"]').getAttribute("href");
}

test("an event's permalink says how solid it is, who reported it and what answered it", async ({ page }) => {
  const response = await page.goto(`/events/${SEED.nyt}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(`${NYT_HEADLINE} · Sourceline`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NYT_HEADLINE);
  const status = page.locator("main [data-status]").first();
  await expect(status).toContainText("Media-reported, not officially confirmed");
  await expect(status).toContainText("citing anonymous US officials");
  await expect(page.getByRole("main")).toContainText("17 Nov 2024");

  const citations = page.getByRole("region", { name: "Citations" });
  await expect(citations.getByRole("link", { name: "The New York Times" })).toHaveAttribute(
    "href",
    "/sources/new-york-times",
  );
  await expect(citations).toContainText("Anonymous officials — citing anonymous US officials");

  const related = page.getByRole("region", { name: "Related events" });
  await expect(related.getByRole("link", { name: /^Zelenskyy: long-range strikes are not announced/ })).toHaveAttribute(
    "href",
    `/events/${SEED.zelenskyy}`,
  );
  await expect(
    related.getByRole("link", { name: "State Department: “I don’t have any policy updates to speak to today”" }),
  ).toHaveAttribute("href", `/events/${SEED.noPolicyUpdates}`);
  await expect(related).toContainText("Responded to by Volodymyr Zelenskyy");

  // Metadata for link previews and search engines.
  expect(new URL((await canonical(page)) ?? "").pathname).toBe(`/events/${SEED.nyt}`);
  await expect(page.locator('head meta[property="og:title"]')).toHaveAttribute("content", NYT_HEADLINE);
  await expect(page.locator('head meta[name="twitter:card"]')).toHaveAttribute("content", "summary");
  const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
  const data = JSON.parse(jsonLd ?? "") as Record<string, unknown>;
  expect(data).toMatchObject({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: NYT_HEADLINE,
    creativeWorkStatus: "Media-reported, not officially confirmed",
    citation: [{ publisher: { name: "The New York Times" } }],
  });
  expect(new URL(String(data.url)).pathname).toBe(`/events/${SEED.nyt}`);
});

test("the event's stable id resolves to the same permalink", async ({ page }) => {
  await page.goto("/");
  const id = await page.locator(`article#${SEED.nyt}`).getAttribute("data-event-id");
  expect(id).toBeTruthy();
  expect(id).not.toBe(SEED.nyt);

  const response = await page.goto(`/events/${id}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(NYT_HEADLINE);
  expect(new URL((await canonical(page)) ?? "").pathname).toBe(`/events/${SEED.nyt}`);
});

test("“See it in the timeline” leads to the event's item, targeted", async ({ page }) => {
  await page.goto(`/events/${SEED.nyt}`);
  await page.getByRole("link", { name: "See it in the timeline" }).click();
  await page.waitForURL((u) => u.pathname === "/" && u.hash === `#${SEED.nyt}`);
  await expect(page.locator("article:target")).toHaveAttribute("id", SEED.nyt);
  await expect(page.locator("article:target")).toBeInViewport();
});

test("an unknown event or address is a 404 with the not-found page, in the site's chrome once", async ({ page }) => {
  for (const path of ["/events/no-such-event-ever", "/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    await expect(page.getByRole("main").getByRole("link", { name: "Go to the timeline" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
  }
});

test("a source's page describes it and lists the events citing it", async ({ page }) => {
  const response = await page.goto("/sources/new-york-times");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The New York Times");
  const main = page.getByRole("main");
  await expect(main).toContainText("Newspaper");
  await expect(main).toContainText("New York daily newspaper.");
  await expect(main.getByRole("link", { name: "https://www.nytimes.com" })).toHaveAttribute("href", "https://www.nytimes.com");
  await expectItems(page, [SEED.nyt]);
  await expect(timelineItems(page).getByRole("link", { name: NYT_HEADLINE })).toHaveAttribute(
    "href",
    `/events/${SEED.nyt}`,
  );

  const unknown = await page.goto("/sources/no-such-source");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
});
