import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_SPEAKER } from "./editor-fixtures";

// The editor credits the speaker apart from the outlet that carried the words, and names the
// outlet a relay repeats; the public label, permalink and API say it the same way.

async function signIn(page: Page) {
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
}

test("a speaker's words carried by a relay are credited to the speaker, as reported by the origin via the carrier", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = Math.random().toString(36).slice(2, 8);
  const slug = `e2e-voice-${token}`;
  await signIn(page);

  await page.goto("/editor/events/new");
  await page.getByLabel("Story").selectOption({ label: "Editor e2e story" });
  await page.getByLabel("Headline").fill(`The minister says the strikes may go on ${token}`);
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Kind").selectOption("STATEMENT");
  await page.getByLabel("Summary").fill("The minister said on the record that the strikes may go on.");
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByLabel("Happened on").fill("2024-11-22");
  await page.getByLabel("Precision").selectOption("DAY");
  await page.getByLabel("First reported on").fill("2024-11-22");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("Saved (created).")).toBeVisible();

  // The wire carries the daily's interview with the minister.
  const add = page.getByRole("form", { name: "Add a citation" });
  await add.getByLabel("Source").selectOption({ label: "E2E Editor Wire" });
  await add.getByLabel("Attribution").selectOption("NAMED_ON_RECORD");
  await add.getByLabel("Speaker").selectOption({ label: `${E2E_SPEAKER.name}, ${E2E_SPEAKER.title}` });
  await add.getByLabel("Relays (origin)").selectOption({ label: "E2E Editor Daily" });
  await add.getByLabel("Quote").fill("The strikes may go on.");
  await add.getByLabel("Published on").fill("2024-11-22");
  await add.getByRole("button", { name: "Add citation" }).click();
  await expect(page.getByText("Saved (citation added).")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Saved (published).")).toBeVisible();
  const editUrl = page.url().split("?")[0]!;

  const label = page.locator(`#${slug} [data-status]`);
  await page.goto("/stories/e2e-editor-story");
  await expect(label).toHaveAttribute("data-status", "ON_RECORD");
  await expect(label).toContainText(`${E2E_SPEAKER.name}, ${E2E_SPEAKER.title}, as reported by E2E Editor Daily via E2E Editor Wire`);

  const api = (await (await request.get(`/api/v1/events/${slug}`)).json()) as {
    status_label: { credit: { voice: string; carrier: string | null; origin: string | null } };
    independent_sources: number;
    citations: { speaker: { slug: string } | null; origin: { slug: string } | null }[];
  };
  expect(api.status_label.credit).toEqual({ voice: `${E2E_SPEAKER.name}, ${E2E_SPEAKER.title}`, carrier: "E2E Editor Wire", origin: "E2E Editor Daily" });
  expect(api.citations[0]).toMatchObject({ speaker: { slug: E2E_SPEAKER.slug }, origin: { slug: "e2e-editor-daily" } });
  // A relay is not independent of its origin; the one voice counts once.
  expect(api.independent_sources).toBe(1);

  // The editor learns the wire did its own interview: no origin any more.
  await page.goto(editUrl);
  const citation = page.locator("details", { has: page.locator("summary", { hasText: "#1 E2E Editor Wire" }) });
  await citation.locator("summary").click();
  await citation.getByLabel("Relays (origin)").selectOption({ label: "(its own report)" });
  await citation.getByLabel("Reason for the change (revision log)").fill("The wire interviewed the minister itself.");
  await citation.getByRole("button", { name: "Save citation" }).click();
  await expect(page.getByText("Saved (citation saved).")).toBeVisible();

  await page.goto(`/events/${slug}`);
  await expect(page.locator("main [data-status]").first()).toContainText(`${E2E_SPEAKER.name}, ${E2E_SPEAKER.title}, as reported by E2E Editor Wire`);
  await expect(page.locator("main [data-status]").first()).not.toContainText("E2E Editor Daily");
});
