import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  CITES_DUPLICATE_SOURCE,
  DESK_CLAIM_TEXT,
  DESK_SOURCES,
  DESK_STORY,
  DESK_STORY_TITLE,
  DRAFT,
  DUPLICATE,
  KEEP,
  TO_WITHDRAW,
} from "./desk-fixtures";
import { E2E_ADMIN } from "./editor-fixtures";
import { expectNoAxeViolations } from "./fixtures";

// The newsroom's desk in a real browser against `next start`: stories as first-class records
// (created, edited, made the default, their main claims chosen, listed for readers), and the
// editor's complete set of actions on published items: withdrawal (permalink kept, 410 in the
// API), merging duplicate events and sources (old addresses answer 308), deleting a draft.

const SEED_STORY_TITLE = "US policy on Ukraine's use of ATACMS missiles inside Russia";

async function signIn(page: Page) {
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
}

const form = (page: Page, name: string) => page.getByRole("form", { name });
const formWith = (page: Page, button: string) => page.locator("form").filter({ has: page.getByRole("button", { name: button }) });

/** Opens an event's editor page from the list of events; returns its id. */
async function openEvent(page: Page, headline: string): Promise<string> {
  await page.goto("/editor");
  await page.getByRole("link", { name: headline, exact: true }).click();
  await page.waitForURL(/\/editor\/events\/[^/?]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** A GET that does not follow redirects. */
async function raw(request: APIRequestContext, path: string) {
  const res = await request.get(path, { maxRedirects: 0 });
  return { status: res.status(), location: res.headers()["location"] ?? null, text: await res.text() };
}

test("an editor creates a story, chooses its main claim, concludes it and moves the default; readers find it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const token = Math.random().toString(36).slice(2, 8);
  const title = `Desk story ${token}`;
  const slug = `e2e-desk-new-${token}`;
  const claimText = `The desk story's claim ${token}`;
  await signIn(page);

  await page.goto("/editor/stories");
  const create = form(page, "New story");
  await create.getByLabel("Title").fill(title);
  await create.getByLabel("Slug").fill(slug);
  await create.getByLabel("Short description").fill("A story created by the desk end-to-end test.");
  await create.getByLabel("Time zone").fill("Europe/Kyiv");
  await create.getByLabel("State").selectOption("DEVELOPING");
  await create.getByRole("button", { name: "Create story" }).click();
  await expect(page.getByText("Saved (created).")).toBeVisible();
  const storyUrl = page.url().split("?")[0]!;

  // A claim of the story, with its first status.
  await page.goto("/editor/claims");
  const newClaim = form(page, "New claim");
  await newClaim.getByLabel("Story").selectOption({ label: title });
  await newClaim.getByLabel("Claim", { exact: true }).fill(claimText);
  await newClaim.getByLabel("Slug").fill(`e2e-desk-claim-${token}`);
  await newClaim.getByLabel("First status").selectOption("REPORTED");
  await newClaim.getByLabel("Became known on").fill("2024-11-19");
  await newClaim.getByLabel("Reason", { exact: true }).fill("Reported by the desk's own correspondent.");
  await newClaim.getByRole("button", { name: "Create claim" }).click();
  await expect(page.getByTestId("claim-status")).toHaveText("Media-reported, not confirmed");

  // Its main claim, then concluded.
  await page.goto(storyUrl);
  await formWith(page, "Save main claims").getByLabel("Main claim 1").selectOption({ label: claimText });
  await page.getByRole("button", { name: "Save main claims" }).click();
  await expect(page.getByText("Saved (main claims).")).toBeVisible();
  await formWith(page, "Save story").getByLabel("State").selectOption("CONCLUDED");
  await page.getByRole("button", { name: "Save story" }).click();
  await expect(page.getByText("Saved (saved).")).toBeVisible();
  await expect(page.getByText("main-claims").first()).toBeVisible();

  // Readers: /stories lists it, concluded, with its main claim's verdict; the home page links it.
  await page.goto("/stories");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(card.getByTestId("story-state")).toHaveText("Concluded");
  await expect(card).toContainText("0 events");
  await expect(card.getByRole("link", { name: claimText })).toBeVisible();
  await expect(card.locator("[data-claim-status]")).toHaveAttribute("data-claim-status", "REPORTED");
  await expect(card.locator(".standing-verdict")).toHaveText(/^media-reported since .+, not officially confirmed$/);
  await expectNoAxeViolations(page, "/stories");
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Other stories" }).getByRole("link", { name: title })).toBeVisible();

  // Made the default: `/` shows it and the seed story becomes one of the others; then back.
  await page.goto(storyUrl);
  await formWith(page, "Save story").getByLabel(/The default story/).check();
  await page.getByRole("button", { name: "Save story" }).click();
  await expect(page.getByText("Saved (saved).")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("region", { name: "Other stories" }).getByRole("link", { name: SEED_STORY_TITLE })).toBeVisible();
  // The default cannot simply be unset: exactly one story is.
  await page.goto(storyUrl);
  await formWith(page, "Save story").getByLabel(/The default story/).uncheck();
  await page.getByRole("button", { name: "Save story" }).click();
  await expect(page.locator("#story-isDefault-error")).toContainText("make another story the default");
  await page.goto("/editor/stories");
  await page.getByRole("link", { name: SEED_STORY_TITLE }).click();
  await formWith(page, "Save story").getByLabel(/The default story/).check();
  await page.getByRole("button", { name: "Save story" }).click();
  await expect(page.getByText("Saved (saved).")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(SEED_STORY_TITLE);

  // Renamed: the old address answers 308 to the new one.
  await page.goto(storyUrl);
  await formWith(page, "Save story").getByLabel("Slug").fill(`${slug}-renamed`);
  await page.getByRole("button", { name: "Save story" }).click();
  await expect(page.getByText("Saved (saved).")).toBeVisible();
  const moved = await raw(request, `/stories/${slug}?asof=2024-11-20`);
  expect(moved.status).toBe(308);
  expect(moved.location).toMatch(new RegExp(`/stories/${slug}-renamed\\?asof=2024-11-20$`));
  expect((await raw(request, `/stories/${slug}/feed.xml`)).location).toMatch(new RegExp(`/stories/${slug}-renamed/feed\\.xml$`));

  // The API names every story with its state.
  const stories = (await (await request.get("/api/v1/stories")).json()) as { data: { slug: string; state: string; event_count: number }[] };
  expect(stories.data).toContainEqual(expect.objectContaining({ slug: `${slug}-renamed`, state: "concluded", event_count: 0 }));
  expect(stories.data.map((s) => s.slug)).toContain(DESK_STORY);
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/stories</loc>");
  expect(sitemap).toContain(`/stories/${slug}-renamed</loc>`);
});

test("/stories works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/stories");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: DESK_STORY_TITLE }) });
  await expect(card.getByTestId("story-state")).toHaveText("Developing");
  await expect(card.getByRole("link", { name: DESK_CLAIM_TEXT })).toBeVisible();
  await card.getByRole("link", { name: DESK_STORY_TITLE }).click();
  await expect(page).toHaveURL(new RegExp(`/stories/${DESK_STORY}$`));
  await context.close();
});

test("a published event is withdrawn: off the timeline, feeds and API (410), its permalink says when and why", async ({ page, request }) => {
  await signIn(page);
  const id = await openEvent(page, TO_WITHDRAW.headline);
  // Published events are never unpublished nor deleted: only withdrawn (or retracted).
  await expect(page.getByRole("button", { name: /Unpublish/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete draft" })).toHaveCount(0);
  await page.getByRole("button", { name: "Withdraw event" }).click();
  await expect(page.locator("#withdraw-withdrawalNote-error")).toContainText("public note");
  const note = "Withdrawn at the request of the court (e2e).";
  await page.getByLabel("Public note: why it was withdrawn").fill(note);
  await page.getByRole("button", { name: "Withdraw event" }).click();
  await expect(page.getByText("Saved (withdrawn).")).toBeVisible();
  await expect(page.getByTestId("withdrawn")).toContainText(note);

  for (const key of [TO_WITHDRAW.slug, id]) {
    const res = await page.goto(`/events/${key}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Withdrawn from publication");
    await expect(page.getByTestId("withdrawal-note")).toHaveText(note);
    await expect(page.locator("main")).not.toContainText(TO_WITHDRAW.headline);
    const api = await request.get(`/api/v1/events/${key}`);
    expect(api.status()).toBe(410);
    const body = (await api.json()) as { error: { code: string; message: string; details: { field: string; message: string }[] } };
    expect(body.error.code).toBe("gone");
    expect(body.error.message).toContain(note);
    expect(body.error.details).toContainEqual({ field: "withdrawal_note", message: note });
  }
  await page.goto(`/stories/${DESK_STORY}`);
  await expect(page.locator("main")).not.toContainText(TO_WITHDRAW.headline);
  await expect(page.locator(`#${KEEP.slug}`)).toBeVisible();
  expect(await (await request.get(`/stories/${DESK_STORY}/feed.xml`)).text()).not.toContain(TO_WITHDRAW.headline);
  const list = (await (await request.get(`/api/v1/events?story=${DESK_STORY}`)).json()) as { data: { id: string }[] };
  expect(list.data.map((e) => e.id)).not.toContain(id);
  const mirrors = (await (await request.get(`/api/v1/retractions?story=${DESK_STORY}`)).json()) as { data: Record<string, unknown>[] };
  expect(mirrors.data).toContainEqual(expect.objectContaining({ type: "withdrawn", event_id: id, note }));
  expect(await (await request.get("/sitemap.xml")).text()).not.toContain(`/events/${TO_WITHDRAW.slug}<`);

  // Final: the editor offers no way back to publication.
  await page.goto(`/editor/events/${id}`);
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
});

test("merging a duplicate event keeps every citation on the kept event; the duplicate's slug and id answer 308", async ({ page, request }) => {
  await signIn(page);
  const duplicateId = await openEvent(page, DUPLICATE.headline);
  await page.getByLabel("Event to keep (slug or id)").fill(KEEP.slug);
  await page.getByRole("button", { name: "Merge into the kept event" }).click();
  await expect(page.getByText("Saved (merged).")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(KEEP.headline);
  await expect(page.locator("summary", { hasText: `#2 ${DESK_SOURCES.wire.name}` })).toBeVisible();

  for (const key of [DUPLICATE.slug, duplicateId]) {
    const moved = await raw(request, `/events/${key}?asof=2024-11-20`);
    expect(moved.status).toBe(308);
    expect(moved.location).toMatch(new RegExp(`/events/${KEEP.slug}\\?asof=2024-11-20$`));
    const api = await raw(request, `/api/v1/events/${key}`);
    expect(api.status).toBe(308);
    expect(api.location).toBe(`/api/v1/events/${KEEP.slug}`);
  }
  await page.goto(`/events/${DUPLICATE.slug}`);
  await expect(page).toHaveURL(new RegExp(`/events/${KEEP.slug}$`));
  const citations = page.getByRole("region", { name: "Citations" });
  await expect(citations).toContainText(DESK_SOURCES.daily.name);
  await expect(citations).toContainText(DESK_SOURCES.wire.name);
  // The kept event is first reported when the duplicate was; the timeline shows one of the two.
  await page.goto(`/stories/${DESK_STORY}`);
  await expect(page.locator(`#${KEEP.slug}`)).toBeVisible();
  await expect(page.locator(`#${DUPLICATE.slug}`)).toHaveCount(0);
  const mirrors = (await (await request.get(`/api/v1/retractions?story=${DESK_STORY}`)).json()) as { data: Record<string, unknown>[] };
  expect(mirrors.data.find((d) => d.event_id === duplicateId)).toMatchObject({ type: "withdrawn", merged_into: expect.any(String) });
  await page.goto(`/editor/events/${duplicateId}/history`);
  await expect(page.getByText("merge-away")).toBeVisible();
});

test("merging a duplicate source moves its citations; its old address and feed answer 308", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/editor/sources");
  await page.getByRole("link", { name: DESK_SOURCES.gazetteDuplicate.name }).click();
  await page.getByLabel("Source to keep").selectOption({ label: `${DESK_SOURCES.gazette.name} (${DESK_SOURCES.gazette.slug})` });
  await page.getByRole("button", { name: "Merge into the kept source" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(DESK_SOURCES.gazette.name);

  const moved = await raw(request, `/sources/${DESK_SOURCES.gazetteDuplicate.slug}`);
  expect(moved.status).toBe(308);
  expect(moved.location).toMatch(new RegExp(`/sources/${DESK_SOURCES.gazette.slug}$`));
  expect((await raw(request, `/sources/${DESK_SOURCES.gazetteDuplicate.slug}/feed.atom`)).location).toMatch(
    new RegExp(`/sources/${DESK_SOURCES.gazette.slug}/feed\\.atom$`),
  );
  await page.goto(`/sources/${DESK_SOURCES.gazette.slug}`);
  await expect(page.locator(`#${CITES_DUPLICATE_SOURCE.slug}`)).toBeVisible();
  // A filtered link naming the old slug still filters.
  await page.goto(`/stories/${DESK_STORY}?source=${DESK_SOURCES.gazetteDuplicate.slug}`);
  await expect(page.locator(`#${CITES_DUPLICATE_SOURCE.slug}`)).toBeVisible();
  await expect(page.locator(`#${KEEP.slug}`)).toHaveCount(0);
});

test("a draft is deleted for good, and the revision log keeps it", async ({ page }) => {
  await signIn(page);
  const id = await openEvent(page, DRAFT.headline);
  const remove = form(page, "Delete this draft");
  await remove.getByLabel("Reason (revision log)").fill("Opened by mistake (e2e).");
  await remove.getByRole("button", { name: "Delete draft" }).click();
  await expect(page.getByText("The draft was deleted")).toBeVisible();
  await expect(page.getByRole("link", { name: DRAFT.headline })).toHaveCount(0);
  expect((await page.goto(`/editor/events/${id}`))?.status()).toBe(404);
});
