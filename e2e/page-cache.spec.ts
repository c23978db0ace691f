import { expect, test, type APIResponse } from "@playwright/test";
import { BRIEFING_EVENT, BRIEFING_HEADLINE, E2E_ADMIN } from "./editor-fixtures";
import { checkAndApply, filterForm, openFilterGroup, SEED, waitForEnhancedForm } from "./fixtures";

// The public pages' response cache (lib/cache/page-cache.ts, proxy.ts): readers get a stored
// render with their own CSP nonce, editors always get a fresh one, and an editor's change reaches
// readers on their next request.

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

test("a reader's page is rendered once, then served from the cache with the reader's own nonce", async ({ request }) => {
  // A page this server has not rendered yet: a search no earlier test made.
  const path = `/?q=cache${Date.now().toString(36)}`;
  const first = await request.get(path, { headers: HTML });
  expect(first.status()).toBe(200);
  expect(first.headers()[CACHE]).toBe("miss");
  const second = await request.get(path, { headers: HTML });
  const third = await request.get(path, { headers: HTML });
  expect(second.headers()[CACHE]).toBe("hit");
  expect(third.headers()[CACHE]).toBe("hit");

  const nonces = [await expectOwnNonce(first), await expectOwnNonce(second), await expectOwnNonce(third)];
  expect(new Set(nonces).size).toBe(3);
  // The same page apart from the nonce, with the security headers of a fresh response.
  const plain = async (r: APIResponse, n: string) => (await r.text()).replaceAll(n, "NONCE");
  expect(await plain(second, nonces[1]!)).toBe(await plain(first, nonces[0]!));
  expect(second.headers()["x-frame-options"]).toBe("DENY");
  expect(second.headers()["x-content-type-options"]).toBe("nosniff");
  expect(second.headers()["cache-control"]).toContain("no-store");
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
