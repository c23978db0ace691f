import { expect, test, type APIResponse, type Browser } from "@playwright/test";
import { BRIEFING_EVENT, BRIEFING_HEADLINE, E2E_ADMIN } from "../editor-fixtures";
import { SEED, waitForEnhancedForm } from "../fixtures";

// nginx (Debian's package) with proxy_cache in front of two app instances on one PostgreSQL
// database (scripts/serve-e2e-shared-cache.mjs). Readers' pages are kept by nginx for what is left
// of PAGE_CACHE_SECONDS; signed-in responses are never stored; an editor's save, made through
// either instance, reaches every reader through nginx within that bound.

const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const STATUS = "x-cache-status";
/** PAGE_CACHE_SECONDS of the two instances (scripts/serve-e2e-shared-cache.mjs). */
const BOUND_SECONDS = Number(process.env.SHARED_CACHE_PAGE_SECONDS || 10);
const PORT = Number(process.env.E2E_PORT ?? 3100);
const INSTANCES = [PORT, PORT + 50].map((p) => `http://127.0.0.1:${p}`);

// A first render on a cold instance can take longer than the bound on a loaded machine; warm both.
test.beforeAll(async ({ request }) => {
  for (const origin of INSTANCES) await request.get(`${origin}/`, { headers: HTML });
});

async function expectPolicyMatchesPage(response: APIResponse) {
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const attributes = [...(await response.text()).matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]);
  expect(attributes.length).toBeGreaterThan(0);
  expect(new Set(attributes)).toEqual(new Set([nonce]));
}

async function signIn(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
  return { context, page };
}

test("nginx keeps a reader's page and serves it with the policy that names its nonce", async ({ request }) => {
  const path = `/?q=nginx${Date.now().toString(36)}`;
  const first = await request.get(path, { headers: HTML });
  expect(first.status()).toBe(200);
  expect(first.headers()[STATUS]).toBe("MISS");
  const second = await request.get(path, { headers: HTML });
  expect(second.headers()[STATUS]).toBe("HIT");
  expect(await second.text()).toBe(await first.text());
  expect(second.headers()["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+/);
  await expectPolicyMatchesPage(second);
  // A client holding the page revalidates it for nothing.
  const etag = second.headers()["etag"]!;
  const revalidated = await request.get(path, { headers: { ...HTML, "if-none-match": etag } });
  expect(revalidated.status()).toBe(304);
});

test("a page nginx serves from its cache runs its scripts under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const path = `/?q=csp${Date.now().toString(36)}`;
  await page.goto(path);
  const cached = await page.goto(path);
  expect(cached?.headers()[STATUS]).toBe("HIT");
  // The filter form's script hydrated and took over (it marks the form).
  await waitForEnhancedForm(page);
  expect(violations).toEqual([]);
});

test("signed-in pages are never stored", async ({ browser, request }) => {
  const { context, page } = await signIn(browser);
  try {
    // A page no one has asked for yet, first asked for by the signed-in editor.
    const path = `/events/${SEED.nyt}?q=signed-in-${Date.now().toString(36)}`;
    for (let i = 0; i < 2; i++) {
      const signedIn = await page.goto(path);
      expect(signedIn?.headers()[STATUS]).toBe("BYPASS");
      expect(signedIn?.headers()["cache-control"]).toMatch(/private/);
    }
    for (const editorPath of ["/editor", `/editor/events`]) {
      const r = await page.goto(editorPath);
      expect(r?.headers()[STATUS]).toBe("BYPASS");
      expect(r?.headers()["cache-control"]).toMatch(/no-store/);
    }
    // A reader asking for the same address finds nothing stored by the editor's visits.
    const reader = await request.get(path, { headers: HTML });
    expect(reader.headers()[STATUS]).toBe("MISS");
  } finally {
    await context.close();
  }
});

test(`an editor's save reaches readers through nginx within PAGE_CACHE_SECONDS (${BOUND_SECONDS} s)`, async ({ browser, request }) => {
  test.setTimeout(120_000);
  const path = `/events/${BRIEFING_EVENT}`;
  await request.get(path, { headers: HTML });
  const cached = await request.get(path, { headers: HTML });
  expect(cached.headers()[STATUS]).toBe("HIT");
  // Both instances hold their own render of the page as well.
  for (const origin of INSTANCES) await request.get(`${origin}${path}`, { headers: HTML });

  const token = Date.now().toString(36);
  const { context, page } = await signIn(browser);
  try {
    await page.getByRole("link", { name: BRIEFING_HEADLINE }).first().click();
    const eventForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Save event" }) });
    await eventForm.getByLabel("Summary").fill(`At the daily briefing the spokesperson confirmed the authorisation (${token}).`);
    await eventForm.getByRole("button", { name: "Save event" }).click();
    await expect(page.getByText("Saved (saved).")).toBeVisible();
  } finally {
    await context.close();
  }
  const savedBy = Date.now();

  // The stated bound: no copy of a page (nginx's or an instance's) is served once it is older
  // than PAGE_CACHE_SECONDS, counted from when its render began. Allowance: one render.
  const seen = async (url: string) => (await (await request.get(url, { headers: HTML })).text()).includes(token);
  await expect.poll(() => seen(path), { timeout: (BOUND_SECONDS + 5) * 1000, intervals: [250] }).toBe(true);
  // Once the bound has passed since the save, every copy anywhere is newer than it: nginx's,
  // whichever instance it asks, and each instance's own.
  await new Promise((r) => setTimeout(r, Math.max(0, savedBy + BOUND_SECONDS * 1000 + 500 - Date.now())));
  for (let i = 0; i < 4; i++) expect(await seen(path)).toBe(true);
  for (const origin of INSTANCES) expect(await seen(`${origin}${path}`)).toBe(true);
});
