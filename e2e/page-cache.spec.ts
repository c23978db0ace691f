import { existsSync } from "node:fs";
import { chromium, expect, test, type APIResponse, type Page } from "@playwright/test";
import { BRIEFING_EVENT, BRIEFING_HEADLINE, E2E_ADMIN, EDITOR_STORY, EDITOR_STORY_TITLE } from "./editor-fixtures";
import { checkAndApply, filterForm, openFilterGroup, SEED, waitForEnhancedForm } from "./fixtures";

// The public pages' response cache (lib/cache/page-cache.ts, proxy.ts): readers get a stored
// render as it was rendered (its nonce fixed per render), public with validators so a shared
// cache may keep it; editors always get a fresh, private one; an editor's change reaches readers
// on their next request.

const CACHE = "x-sourceline-cache";
/** What a browser's navigation asks for; only such requests are answered from the cache. */
const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

function nonceOf(response: APIResponse): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `a nonce in ${csp}`).toBeTruthy();
  return nonce!;
}

/** Every nonce attribute in the page must be the response's own. */
async function expectOwnNonce(response: APIResponse): Promise<string> {
  const nonce = nonceOf(response);
  const attributes = [...(await response.text()).matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]);
  expect(attributes.length).toBeGreaterThan(0);
  expect(new Set(attributes)).toEqual(new Set([nonce]));
  return nonce;
}

test("a reader's page is rendered once, then served as rendered, public, with validators", async ({ request }) => {
  // A page this server has not rendered yet: a search no earlier test made.
  const path = `/?q=cache${Date.now().toString(36)}`;
  const first = await request.get(path, { headers: HTML });
  expect(first.status()).toBe(200);
  expect(first.headers()[CACHE]).toBe("miss");
  const second = await request.get(path, { headers: HTML });
  const third = await request.get(path, { headers: HTML });
  expect(second.headers()[CACHE]).toBe("hit");
  expect(third.headers()[CACHE]).toBe("hit");

  // The nonce is fixed per render: every copy of this render names the one it carries.
  const nonces = [await expectOwnNonce(first), await expectOwnNonce(second), await expectOwnNonce(third)];
  expect(new Set(nonces).size).toBe(1);
  expect(await second.text()).toBe(await first.text());
  // Gzipped for a browser that accepts it, as Next gzips; the same bytes for one that does not.
  for (const encoding of ["gzip", "identity"]) {
    const copy = await request.get(path, { headers: { ...HTML, "accept-encoding": encoding } });
    expect(copy.headers()[CACHE]).toBe("hit");
    expect(copy.headers()["content-encoding"]).toBe(encoding === "gzip" ? "gzip" : undefined);
    expect(copy.headers()["vary"]).toMatch(/Accept-Encoding/i);
    expect(await copy.text()).toBe(await first.text());
  }
  expect(second.headers()["x-frame-options"]).toBe("DENY");
  expect(second.headers()["x-content-type-options"]).toBe("nosniff");
  // Any cache may keep it, shared ones for at most what is left of PAGE_CACHE_SECONDS.
  const cacheControl = second.headers()["cache-control"] ?? "";
  expect(cacheControl).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
  expect(Number(/s-maxage=(\d+)/.exec(cacheControl)![1])).toBeLessThanOrEqual(60);
  const etag = second.headers()["etag"]!;
  const lastModified = second.headers()["last-modified"]!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(etag).toBe(first.headers()["etag"]);
  expect(Date.parse(lastModified)).not.toBeNaN();

  // A client holding these bytes gets a 304, without a policy of its own (it keeps its copy's).
  const conditionals: Record<string, string>[] = [{ "if-none-match": etag }, { "if-modified-since": lastModified }];
  for (const conditional of conditionals) {
    const revalidated = await request.get(path, { headers: { ...HTML, ...conditional } });
    expect(revalidated.status()).toBe(304);
    expect(revalidated.headers()["etag"]).toBe(etag);
    expect(revalidated.headers()["content-security-policy"]).toBeUndefined();
    expect(revalidated.headers()["cache-control"]).toContain("public");
    expect(await revalidated.body()).toHaveLength(0);
  }
  const changed = await request.get(path, { headers: { ...HTML, "if-none-match": '"another-render"' } });
  expect(changed.status()).toBe(200);
  expect(await expectOwnNonce(changed)).toBe(nonces[0]);
});

test("signed-in and uncacheable responses stay private", async ({ request }) => {
  const path = `/events/${SEED.nyt}`;
  const signedIn = await request.get(path, { headers: { ...HTML, cookie: "sourceline.session_token=anything" } });
  expect(signedIn.headers()["cache-control"]).toMatch(/private/);
  expect(signedIn.headers()["cache-control"]).toMatch(/no-store/);
  expect(signedIn.headers()["etag"]).toBeUndefined();
  const editor = await request.get("/editor/sign-in", { headers: HTML });
  expect(editor.headers()["cache-control"]).toMatch(/no-store/);
  const missing = await request.get(`/events/no-such-event-${Date.now().toString(36)}`, { headers: HTML });
  expect(missing.status()).toBe(404);
  expect(missing.headers()["cache-control"]).toMatch(/private/);
});

test("the back/forward cache keeps a reader's page", async ({ browserName, baseURL }) => {
  test.skip(browserName !== "chromium", "Chromium's switch is the one removed here");
  // Playwright launches Chromium with the back/forward cache turned off; a reader's browser has it.
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu"],
    ignoreDefaultArgs: ["--disable-back-forward-cache"],
  });
  try {
    const page = await browser.newPage({ baseURL });
    await page.goto("/");
    const first = await page.goto("/");
    expect(first?.headers()["cache-control"]).toContain("public");
    await page.evaluate(() => {
      (window as unknown as { __kept: string }).__kept = "still here";
      window.addEventListener("pageshow", (e) => ((window as unknown as { __restored: boolean }).__restored = e.persisted));
    });
    await page.goto(`/events/${SEED.nyt}`);
    // A restore fires no load event: wait for the address only.
    await page.goBack({ waitUntil: "commit" });
    await expect(page).toHaveURL(/\/$/);
    await page.waitForFunction(() => document.readyState === "complete");
    // Restored from the back/forward cache: the same document, not a new load.
    const why = await page.evaluate(() => JSON.stringify((performance.getEntriesByType("navigation")[0] as unknown as { notRestoredReasons?: unknown })?.notRestoredReasons ?? null));
    expect(await page.evaluate(() => (window as unknown as { __kept?: string }).__kept), `not restored: ${why}`).toBe("still here");
    expect(await page.evaluate(() => (window as unknown as { __restored?: boolean }).__restored)).toBe(true);
  } finally {
    await browser.close();
  }
});

test("editors, Next's client requests and unknown pages are never answered from the cache", async ({ request }) => {
  const path = `/events/${SEED.nyt}`;
  await request.get(path, { headers: HTML });
  expect((await request.get(path, { headers: HTML })).headers()[CACHE]).toBe("hit");
  const signedIn = await request.get(path, { headers: { ...HTML, cookie: "sourceline.session_token=anything" } });
  expect(signedIn.status()).toBe(200);
  expect(signedIn.headers()[CACHE]).toBeUndefined();
  const payload = await request.get(path, { headers: { rsc: "1" } });
  expect(payload.headers()[CACHE]).toBeUndefined();
  expect(payload.headers()["content-type"]).toContain("text/x-component");
  // A 404 is answered (with the reader's nonce) but not kept.
  const missing = `/events/no-such-event-${Date.now().toString(36)}`;
  for (let i = 0; i < 2; i++) {
    const r = await request.get(missing, { headers: HTML });
    expect(r.status()).toBe(404);
    expect(r.headers()[CACHE]).toBe("miss");
    await expectOwnNonce(r);
  }
  // The fill header is a secret of the server process: a guess is ignored.
  const forged = await request.get(path, { headers: { ...HTML, "x-sourceline-page-fill": "guess", "x-sourceline-fill-nonce": "AAAA" } });
  expect(forged.headers()[CACHE]).toBe("hit");
  expect(nonceOf(forged)).not.toBe("AAAA");
});

test("a cached page runs its scripts under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/");
  const cached = await page.goto("/");
  expect(cached?.headers()[CACHE]).toBe("hit");
  // The filter form's script hydrated and took over (it marks the form).
  await waitForEnhancedForm(page);
  // The form loads the filtered view as a document (the timeline travels as HTML: lib/reader/frozen.ts),
  // which the cache serves too, its scripts again under the reader's own nonce.
  await openFilterGroup(page, "Sources");
  const navigation = page.waitForResponse((r) => r.request().isNavigationRequest() && new URL(r.url()).searchParams.get("source") === "axios");
  await checkAndApply(page, filterForm(page).getByRole("checkbox", { name: /Axios/ }), (url) => url.searchParams.get("source") === "axios");
  expect((await navigation).headers()["content-type"]).toContain("text/html");
  await expect(page.locator(`#${SEED.axios}`)).toBeVisible();
  await waitForEnhancedForm(page);
  expect(violations).toEqual([]);
});

/** Console errors, policy violations and uncaught exceptions on `page`, as they come. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

test("a cached reader's page runs no framework, only its own script, which does the page's work", async ({ browser, baseURL, request }) => {
  const path = `/events/${SEED.axios}`;
  for (const at of ["/", path]) {
    await request.get(at, { headers: HTML });
    const cached = await request.get(at, { headers: HTML });
    expect(cached.headers()[CACHE]).toBe("hit");
    const html = await cached.text();
    expect(html).not.toMatch(/<script[^>]*\bsrc="\/_next\//);
    expect(html).not.toMatch(/<link[^>]*as="script"/);
    expect(html).not.toContain("self.__next_f");
    // One script of the page's own, last in the body, under the page's nonce.
    expect(html).toMatch(new RegExp(`<script nonce="${nonceOf(cached)}">\\(function\\b[\\s\\S]*</script></body></html>$`));
    expect(html.match(/<script nonce=/g)).toHaveLength(1);
  }

  const context = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const problems = collectProblems(page);
  await page.goto("/");
  await waitForEnhancedForm(page);
  // The story's panel is live, and the embed code's button appears where it can copy.
  await expect(page.locator("[data-reader-updates]")).toHaveAttribute("data-enhanced", "true");
  await page.getByText("Feeds, data and embedding").click();
  await page.getByRole("button", { name: "Copy embed code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Embed code copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("/embed/");
  // No script file was fetched: not React, not the router.
  const scripts = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /\.js(\?|$)/.test(e.name)).map((e) => e.name));
  expect(scripts).toEqual([]);

  // A permalink's "Copy link" copies the address.
  await page.goto(path);
  await page.getByRole("link", { name: "Copy link to this event" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(new URL(path, baseURL).toString());
  expect(problems).toEqual([]);
  await context.close();
});

test("a signed-in reader's page hydrates as Next renders it, and runs the same enhancements once", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const problems = collectProblems(page);
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();

  const streams: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/live")) streams.push(r.url());
  });
  const response = await page.goto("/");
  expect(response?.headers()[CACHE]).toBeUndefined();
  expect(await response?.text()).toMatch(/<script[^>]*\bsrc="\/_next\/static\//);
  await waitForEnhancedForm(page);
  await expect(page.locator("[data-reader-updates]")).toHaveAttribute("data-enhanced", "true");
  // Enhanced once: one live stream (a second run would open its own at the same moment).
  await expect.poll(() => streams.length).toBeGreaterThan(0);
  await page.waitForTimeout(500);
  expect(streams).toHaveLength(1);
  // The filters still apply at once, and the next page is enhanced in its turn.
  await openFilterGroup(page, "Sources");
  await checkAndApply(page, filterForm(page).getByRole("checkbox", { name: /Axios/ }), (url) => url.searchParams.get("source") === "axios");
  await expect(page.locator(`#${SEED.axios}`)).toBeVisible();
  await waitForEnhancedForm(page);
  expect(problems).toEqual([]);
  await context.close();
});

test("a refused copy says so, and leaves the address or the embed code selected to copy by hand", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  // The browser refuses to write to the clipboard (a permission denied, say).
  await context.addInitScript(() => {
    Object.defineProperty(navigator.clipboard, "writeText", { value: () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError")) });
  });
  const page = await context.newPage();
  const path = `/events/${SEED.axios}`;
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(new URL(r.url()).pathname);
  });
  await page.goto(path);
  await expect(page.getByRole("link", { name: "Copy link to this event" })).toHaveAttribute("data-enhanced", "true");
  await page.getByRole("link", { name: "Copy link to this event" }).click();
  const address = new URL(path, baseURL).toString();
  await expect(page.getByRole("status").filter({ hasText: "Could not copy the link." })).toHaveText(`Could not copy the link. Copy it by hand: ${address}`);
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(address);
  expect(documents).toEqual([path]);

  await page.goto("/");
  await page.getByText("Feeds, data and embedding").click();
  await page.getByRole("button", { name: "Copy embed code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Could not copy" })).toHaveText("Could not copy the embed code. It is selected: copy it by hand.");
  const code = page.getByRole("textbox", { name: "Embed code" });
  await expect(code).toBeFocused();
  expect(await code.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd])).toEqual([0, (await code.inputValue()).length]);
  await context.close();
});

test("a signed-in reader's links into a timeline load it once, as a document, and Back to it loads nothing", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const problems = collectProblems(page);
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();

  // The timeline's events come only with a document (lib/reader/frozen.ts): a client-side
  // navigation into it would have to load it again, once for each of its frozen parts.
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(new URL(r.url()).pathname);
  });
  await page.getByRole("link", { name: "Public site" }).click();
  await waitForEnhancedForm(page);
  await expect(page.locator(`#${SEED.axios}`)).toBeVisible();
  expect(documents).toEqual(["/"]);

  // An event's page (hydrated) leads to its story's timeline the same way.
  await page.goto(`/events/${BRIEFING_EVENT}`);
  documents.length = 0;
  await page.getByRole("main").getByRole("link", { name: EDITOR_STORY_TITLE }).click();
  await waitForEnhancedForm(page);
  expect(documents).toEqual([`/stories/${EDITOR_STORY}`]);

  // Back to a timeline from a client-side navigation: its events are still in this document.
  await page.goto("/");
  await waitForEnhancedForm(page);
  documents.length = 0;
  await page.locator("[data-where-things-stand] li[data-claim] a").first().click();
  await page.waitForURL(/\/claims\//);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goBack();
  await waitForEnhancedForm(page);
  await expect(page.locator(`#${SEED.axios}`)).toBeVisible();
  expect(documents).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test("an editor's change reaches readers on their next request", async ({ browser, request }) => {
  const path = `/events/${BRIEFING_EVENT}`;
  await request.get(path, { headers: HTML });
  expect((await request.get(path, { headers: HTML })).headers()[CACHE]).toBe("hit");

  const token = Date.now().toString(36);
  const summary = `At the daily briefing the spokesperson confirmed the authorisation (${token}).`;
  const editor = await browser.newPage();
  await editor.goto("/editor/sign-in");
  await editor.getByLabel("Email").fill(E2E_ADMIN.email);
  await editor.getByLabel("Password").fill(E2E_ADMIN.password);
  await editor.getByRole("button", { name: "Sign in" }).click();
  await expect(editor.getByRole("heading", { name: "Events" })).toBeVisible();
  await editor.getByRole("link", { name: BRIEFING_HEADLINE }).first().click();
  const eventForm = editor.locator("form").filter({ has: editor.getByRole("button", { name: "Save event" }) });
  await eventForm.getByLabel("Summary").fill(summary);
  await eventForm.getByRole("button", { name: "Save event" }).click();
  await expect(editor.getByText("Saved (saved).")).toBeVisible();
  await editor.close();

  const after = await request.get(path, { headers: HTML });
  expect(after.headers()[CACHE]).toBe("miss");
  expect(await after.text()).toContain(token);
  expect((await request.get(path, { headers: HTML })).headers()[CACHE]).toBe("hit");
});
