import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./editor-fixtures";
import { expectClearOfDayHeadings, expectNoAxeViolations } from "./fixtures";
import { LIVE, SECOND_PORT } from "./reader-fixtures";

// Live updates and "since your last visit", with two browser contexts: a reader with the story
// open, an editor who publishes an event and confirms a claim. The reader's page announces both
// without reloading, changes nothing until asked, and shows them on "Show". On PostgreSQL a second
// app instance on the same database announces them too (LISTEN/NOTIFY). Then the reader's next
// visit marks what is new and what changed, until they clear it.

const STORY_PATH = `/stories/${LIVE.story}`;
const isPostgres = /^postgres(ql)?:\/\//.test(process.env.E2E_DATABASE_URL ?? "");

async function openReader(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const connected = page.waitForResponse((r) => r.url().includes(`${STORY_PATH}/live`) && r.status() === 200);
  await page.goto(STORY_PATH);
  await connected;
  return { context, page };
}

async function startSecondInstance(): Promise<ChildProcess> {
  const root = process.cwd();
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(SECOND_PORT)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: `--import=${path.join(root, "scripts", "lib", "hold-requests.mjs")}`,
    },
    stdio: "ignore",
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${SECOND_PORT}${STORY_PATH}`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("The second app instance did not start within 60 s.");
    await new Promise((r) => setTimeout(r, 300));
  }
}

const announcement = (page: Page) => page.locator("[data-live-announcement]");

test("an editor's publish and verdict change are announced live, shown on request, and marked on the next visit", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const second = isPostgres ? await startSecondInstance() : null;
  try {
    const reader = await openReader(browser, baseURL!);
    const other = second ? await openReader(browser, `http://127.0.0.1:${SECOND_PORT}`) : null;
    const before = await reader.page.locator("main article[data-event-id]").evaluateAll((els) => els.map((e) => e.id));
    expect(before).not.toContain(LIVE.draft);

    // The editor, in another browser context.
    const editorContext = await browser.newContext({ baseURL });
    const editor = await editorContext.newPage();
    await editor.goto("/editor/sign-in");
    await editor.getByLabel("Email").fill(E2E_ADMIN.email);
    await editor.getByLabel("Password").fill(E2E_ADMIN.password);
    await editor.getByRole("button", { name: "Sign in" }).click();
    await expect(editor.getByRole("heading", { name: "Events" })).toBeVisible();

    // 1. Publish the draft.
    await editor.getByRole("link", { name: LIVE.draftHeadline }).click();
    await editor.getByRole("button", { name: "Publish" }).click();
    await expect(editor.getByText(/Saved \(published\)/)).toBeVisible();
    await expect(announcement(reader.page)).toHaveText(/^1 new event — Show$/, { timeout: 5_000 });

    // 2. Confirm the claim on the record.
    await editor.goto("/editor/claims");
    await editor.getByRole("link", { name: LIVE.claimText }).click();
    await editor.getByLabel("New status").selectOption("CONFIRMED");
    await editor.getByLabel("Became known on").fill("2024-06-03");
    await editor.getByLabel("At (time)").fill("12:00");
    await editor.getByLabel("Reason", { exact: true }).fill("Confirmed on the record by the ministry.");
    await editor
      .getByLabel("Evidence citation")
      .selectOption({ label: `${LIVE.confirmationHeadline} (confirms) · ${LIVE.ministry} · Spokesperson, on the record: ${LIVE.spokesperson}` });
    await editor.getByRole("button", { name: "Record status change" }).click();
    await expect(editor.getByText(/Saved/)).toBeVisible();
    await expect(announcement(reader.page)).toHaveText("1 new event · 1 verdict changed — Show", { timeout: 5_000 });
    if (other) await expect(announcement(other.page)).toHaveText("1 new event · 1 verdict changed — Show", { timeout: 5_000 });

    // Nothing moved on the reader's page until asked.
    expect(await reader.page.locator("main article[data-event-id]").evaluateAll((els) => els.map((e) => e.id))).toEqual(before);
    await expectNoAxeViolations(reader.page, "the story with a live announcement");

    // "Show" brings them in, marked.
    await announcement(reader.page).getByRole("button", { name: "Show" }).click();
    await expect(reader.page.locator(`article#${LIVE.draft}`)).toBeVisible();
    await expect(reader.page.locator(`article#${LIVE.draft} [data-since="new"]`)).toHaveText("New");
    await expect(reader.page.locator(`article#${LIVE.report} [data-since="changed"]`)).toHaveText("Verdict changed: media-reported → confirmed");
    await expect(reader.page.locator(`[data-where-things-stand] li[data-claim="${LIVE.claim}"]`)).toHaveAttribute("data-claim-status", "CONFIRMED");
    if (other) {
      await announcement(other.page).getByRole("button", { name: "Show" }).click();
      await expect(other.page.locator(`article#${LIVE.draft}`)).toBeVisible();
    }
    await editorContext.close();
    await other?.context.close();

    // The next visit remembers this one: nothing is new any more…
    await reader.page.reload();
    const since = reader.page.getByRole("region", { name: "Since your last visit" });
    await expect(since).toContainText("nothing new on this page");
    await expect(reader.page.locator("main [data-since]")).toHaveCount(0);
    // …and "Clear" forgets it: nothing kept in the browser, no panel.
    await since.getByRole("button", { name: "Clear" }).click();
    await expect(since).toHaveCount(0);
    expect(await reader.page.evaluate((key) => window.localStorage.getItem(key), `sourceline:last-visit:${LIVE.story}`)).toBeNull();
    await reader.context.close();
  } finally {
    if (second?.pid) {
      try {
        process.kill(-second.pid, "SIGTERM");
      } catch {
        second.kill("SIGTERM");
      }
    }
  }
});

test("since the last visit: new events and changed verdicts are marked from localStorage, with a jump link, until cleared", async ({ page }) => {
  // A remembered visit from before the story's events were published, when the report stood as
  // denied: the cached page itself is the same for every reader.
  await page.goto(STORY_PATH);
  const key = `sourceline:last-visit:${LIVE.story}`;
  // The page remembers this visit once hydrated: replace that record, not have it replace ours.
  await page.waitForFunction((k) => window.localStorage.getItem(k) !== null, key);
  await page.evaluate(
    ({ key, report }) => window.localStorage.setItem(key, JSON.stringify({ at: Date.parse("2020-01-01T00:00:00Z"), standings: { [report]: "Denied" } })),
    { key, report: (await page.locator(`article#${LIVE.report}`).getAttribute("data-event-id"))! },
  );
  await page.reload();
  const since = page.getByRole("region", { name: "Since your last visit" });
  await expect(since).toContainText(/\d+ new events/);
  await expect(page.locator("main [data-since='new']").first()).toHaveText("New");
  const first = await page.locator("main article[data-event-id]").first().getAttribute("id");
  await expect(since.getByRole("link", { name: "Jump to the first" })).toHaveAttribute("href", `#${first}`);
  await expectNoAxeViolations(page, "the story with since-last-visit marks");
  await since.getByRole("button", { name: "Clear" }).click();
  await expect(page.locator("main [data-since]")).toHaveCount(0);
  await expect(since).toHaveCount(0);
});

test("on a phone, the panel hides neither the end of the page nor the event it jumps to", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  // A remembered visit from before the story's events were published: they are all new.
  await page.goto(STORY_PATH);
  const key = `sourceline:last-visit:${LIVE.story}`;
  await page.waitForFunction((k) => window.localStorage.getItem(k) !== null, key);
  await page.evaluate((k) => window.localStorage.setItem(k, JSON.stringify({ at: Date.parse("2020-01-01T00:00:00Z"), standings: {} })), key);
  await page.reload();
  const since = page.getByRole("region", { name: "Since your last visit" });
  await expect(since).toBeVisible();

  // "Jump to the first" lands below the day's sticky heading.
  await since.getByRole("link", { name: "Jump to the first" }).click();
  const first = page.locator("main article:target");
  await expect(first).toBeInViewport();
  await expectClearOfDayHeadings(first);

  // Scrolled to the end, the footer is above the panel, not under it.
  const footer = page.getByRole("contentinfo");
  await expect
    .poll(async () => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const [f, p] = [(await footer.boundingBox())!, (await since.boundingBox())!];
      return f.y + f.height <= p.y + 1;
    })
    .toBe(true);
  await context.close();
});

test("the live stream answers in Server-Sent Events, resumes from Last-Event-ID, beats, and refuses bad input clearly", async ({ request, baseURL }) => {
  const bad = await request.get(`${STORY_PATH}/live?since=yesterday`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details[0].parameter).toBe("since");
  expect((await request.get("/stories/no-such-story/live")).status()).toBe(404);

  // A stream opened with a Last-Event-ID from before the story's changes catches up at once.
  const controller = new AbortController();
  const response = await fetch(`${baseURL}${STORY_PATH}/live`, { headers: { "Last-Event-ID": String(Date.now() - 3_600_000) }, signal: controller.signal });
  expect(response.headers.get("content-type")).toContain("text/event-stream");
  const reader = response.body!.getReader();
  let text = "";
  const decoder = new TextDecoder();
  while (!/event: change\ndata: .+\n\n/.test(text) || !text.includes("event: heartbeat")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  controller.abort();
  expect(text).toMatch(/^retry: \d+/);
  expect(text).toMatch(/id: \d+\nevent: change\ndata: \[.*"kind":"(event|verdict)".*\]/);
  expect(text).toContain("event: heartbeat");
});

test("open live streams never hold the places pages are rendered in", async ({ baseURL }) => {
  // More streams than renders may run at once (RENDER_CONCURRENCY, 4): each stays open, and pages
  // no one has asked for before still render.
  const controllers = Array.from({ length: 8 }, () => new AbortController());
  try {
    const streams = await Promise.all(controllers.map((c) => fetch(`${baseURL}${STORY_PATH}/live`, { signal: c.signal })));
    expect(streams.map((r) => r.status)).toEqual(Array(8).fill(200));
    const page = await fetch(`${baseURL}${STORY_PATH}?q=streams-${Date.now()}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    await page.arrayBuffer();
  } finally {
    for (const c of controllers) c.abort();
  }
});
