import { expect, test, type Page } from "@playwright/test";
import {
  BRIEFING_HEADLINE,
  DRAFT_EVENT,
  DRAFT_HEADLINE,
  E2E_ADMIN,
  EDITOR_STORY,
  XSS_CLAIM,
  XSS_EVENT,
  XSS_RETRACTED_EVENT,
  XSS_SOURCE,
  xss,
} from "./editor-fixtures";

// The editor's whole loop in a real browser against `next start`, plus what "secure by default"
// promises: inert injection payloads, invisible drafts, the security headers and sign-in limits.

async function signIn(page: Page, email = E2E_ADMIN.email, password = E2E_ADMIN.password) {
  await page.goto("/editor/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const form = (page: Page, name: string) => page.getByRole("form", { name });

test("an editor signs in, publishes a cited event, confirms its claim, corrects and retracts it", async ({ page, context }) => {
  test.setTimeout(120_000);
  const token = Math.random().toString(36).slice(2, 8);
  const slug = `e2e-loop-${token}`;
  const headline = `Daily reports the strike authorisation ${token}`;
  const claimText = `The strike authorisation was given ${token}`;

  await signIn(page);
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
  const session = (await context.cookies()).find((c) => c.name.includes("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // A draft media report.
  await page.goto("/editor/events/new");
  await page.getByLabel("Story").selectOption({ label: "Editor e2e story" });
  await page.getByLabel("Headline").fill(headline);
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Kind").selectOption("MEDIA_REPORT");
  await page.getByLabel("Summary").fill("Officials told the paper the authorisation had been given.");
  await page.getByLabel("Location").fill("Washington");
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByLabel("Happened on").fill("2024-11-19");
  await page.getByLabel("Precision").selectOption("DAY");
  await page.getByLabel("First reported on").fill("2024-11-19");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("Saved (created).")).toBeVisible();
  const editUrl = page.url().split("?")[0]!;

  // Two citations, the second repeating the first.
  const add = form(page, "Add a citation");
  await add.getByLabel("Source").selectOption({ label: "E2E Editor Daily" });
  await add.getByLabel("Attribution").selectOption("ANONYMOUS_OFFICIALS");
  await add.getByLabel("Verbatim descriptor").fill("two officials familiar with the decision");
  await add.getByLabel("Quote").fill("The authorisation has been given.");
  await add.getByLabel("Published on").fill("2024-11-19");
  await add.getByRole("button", { name: "Add citation" }).click();
  await expect(page.getByText("Saved (citation added).")).toBeVisible();
  const add2 = form(page, "Add a citation");
  await add2.getByLabel("Source").selectOption({ label: "E2E Editor Wire" });
  await add2.getByLabel("Attribution").selectOption("ANONYMOUS_OFFICIALS");
  await add2.getByLabel("Verbatim descriptor").fill("as first reported by E2E Editor Daily");
  await add2.getByLabel("Published on").fill("2024-11-19");
  await add2.getByLabel("Repeats citation").selectOption({ label: "#1 E2E Editor Daily" });
  await add2.getByRole("button", { name: "Add citation" }).click();
  await expect(page.getByText("Saved (citation added).")).toBeVisible();
  await expect(page.locator("summary", { hasText: "#2 E2E Editor Wire" })).toBeVisible();

  // A claim, reported first.
  await page.goto("/editor/claims");
  const newClaim = form(page, "New claim");
  await newClaim.getByLabel("Story").selectOption({ label: "Editor e2e story" });
  await newClaim.getByLabel("Claim", { exact: true }).fill(claimText);
  await newClaim.getByLabel("Slug").fill(`e2e-claim-${token}`);
  await newClaim.getByRole("button", { name: "Create claim" }).click();
  await expect(page.getByText("Saved (created).")).toBeVisible();
  const claimUrl = page.url().split("?")[0]!;
  await page.getByLabel("New status").selectOption("REPORTED");
  await page.getByLabel("Became known on").fill("2024-11-19");
  await page.getByLabel("At (time)").fill("12:00");
  await page.getByLabel("Reason", { exact: true }).fill("First reported by E2E Editor Daily.");
  await page.getByRole("button", { name: "Record status change" }).click();
  await expect(page.getByTestId("claim-status")).toHaveText("Media-reported, not confirmed");

  // The report asserts the claim; publish it.
  await page.goto(editUrl);
  const link = form(page, "Link a claim");
  await link.getByLabel("Claim").selectOption({ label: claimText });
  await link.getByLabel("Stance").selectOption("ASSERTS");
  await link.getByRole("button", { name: "Link claim" }).click();
  await expect(page.getByText("Saved (claim linked).")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Saved (published).")).toBeVisible();

  // The ministry's briefing confirms it.
  await page.goto("/editor");
  await page.getByRole("link", { name: BRIEFING_HEADLINE }).click();
  await page.waitForURL(/\/editor\/events\/[^/]+$/);
  const confirmLink = form(page, "Link a claim");
  await confirmLink.getByLabel("Claim").selectOption({ label: claimText });
  await confirmLink.getByLabel("Stance").selectOption("CONFIRMS");
  await confirmLink.getByRole("button", { name: "Link claim" }).click();
  await expect(page.getByText("Saved (claim linked).")).toBeVisible();

  // Reported → confirmed: refused without evidence (the rule's message shows by the field), then with it.
  await page.goto(claimUrl);
  await page.getByLabel("New status").selectOption("CONFIRMED");
  await page.getByLabel("Became known on").fill("2024-11-21");
  await page.getByLabel("At (time)").fill("12:00");
  await page.getByLabel("Reason", { exact: true }).fill("Confirmed on the record at the briefing.");
  await page.getByRole("button", { name: "Record status change" }).click();
  await expect(page.locator("#status-to-error")).toContainText("needs an evidence citation");
  await expect(page.getByLabel("Reason", { exact: true })).toHaveValue("Confirmed on the record at the briefing.");
  await expect(page.getByLabel("New status")).toHaveValue("CONFIRMED");
  await page
    .getByLabel("Evidence citation")
    .selectOption({ label: `${BRIEFING_HEADLINE} (confirms) · E2E Editor Ministry · Spokesperson, on the record: the ministry spokesperson` });
  await page.getByRole("button", { name: "Record status change" }).click();
  await expect(page.getByTestId("claim-status")).toHaveText("Officially confirmed");

  // The public timeline, today and as of a day before the confirmation.
  // The report stays a media report, and says it has since been confirmed on the record.
  await page.goto(`/stories/${EDITOR_STORY}`);
  await expect(page.locator(`#${slug} [data-status]`)).toContainText("Media-reported");
  await expect(page.locator(`#${slug} .status-verdict`)).toContainText("since confirmed on the record");
  await page.goto(`/stories/${EDITOR_STORY}?asof=2024-11-20`);
  await expect(page.locator(`#${slug}`)).toBeVisible();
  await expect(page.locator(`#${slug}`)).not.toContainText("since confirmed");
  await expect(page.locator(`#${slug}`)).toContainText("Media-reported, not officially confirmed");

  // A correction: a dated public note on the permalink.
  await page.goto(editUrl);
  const eventForm = form(page, "Event").or(page.locator("form").filter({ has: page.getByRole("button", { name: "Save event" }) }));
  await eventForm.getByLabel("Summary").fill("Officials told the paper on Tuesday the authorisation had been given.");
  await eventForm.getByLabel("This change corrects an error readers saw").check();
  await eventForm.getByLabel("Public correction note").fill(`An earlier version omitted the day of the briefing ${token}.`);
  await eventForm.getByRole("button", { name: "Save event" }).click();
  await expect(page.getByText("Saved (saved).")).toBeVisible();
  await page.goto(`/events/${slug}`);
  await expect(page.getByRole("heading", { name: "Corrections" })).toBeVisible();
  await expect(page.getByText(`An earlier version omitted the day of the briefing ${token}.`)).toBeVisible();

  // The history page shows who changed what and why.
  await page.goto(`${editUrl}/history`);
  await expect(page.getByText("public correction").first()).toBeVisible();
  await expect(page.getByText("E2E Admin").first()).toBeVisible();

  // Retraction: the label becomes "Retracted" and the public reason is shown.
  await page.goto(editUrl);
  await page.getByLabel("Public reason for the retraction").fill(`The ministry withdrew the statement ${token}.`);
  await page.getByRole("button", { name: "Retract event" }).click();
  await expect(page.getByText("Saved (retracted).")).toBeVisible();
  await page.goto(`/events/${slug}`);
  await expect(page.getByText("Retracted").first()).toBeVisible();
  await expect(page.getByText(`The ministry withdrew the statement ${token}.`)).toBeVisible();

  // Sign out.
  await page.goto("/editor");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.goto("/editor");
  await expect(page).toHaveURL(/\/editor\/sign-in/);
});

test("a save over a newer version is refused, keeps what was typed and shows both versions", async ({ browser }) => {
  const a = await browser.newPage();
  const b = await browser.newPage();
  for (const p of [a, b]) {
    await signIn(p);
    await expect(p.getByRole("heading", { name: "Events" })).toBeVisible();
  }
  await a.goto(`/editor`);
  await a.getByRole("link", { name: "An e2e event retracted with an injection payload" }).click();
  await a.waitForURL(/\/editor\/events\/[^/]+$/);
  const url = a.url();
  await b.goto(url);
  await a.getByLabel("Summary").first().fill("Saved first by tab A.");
  await a.getByRole("button", { name: "Save event" }).click();
  await expect(a.getByText("Saved (saved).")).toBeVisible();
  await b.getByLabel("Summary").first().fill("Typed in tab B, must not be lost.");
  await b.getByRole("button", { name: "Save event" }).click();
  await expect(b.getByText(/changed by someone else while you were editing/)).toBeVisible();
  await expect(b.getByLabel("Summary").first()).toHaveValue("Typed in tab B, must not be lost.");
  const conflict = b.getByRole("region", { name: "Conflicting versions" });
  await expect(conflict).toContainText("Saved first by tab A.");
  await expect(conflict).toContainText("Typed in tab B, must not be lost.");
});

test("script-injection payloads in every text field are shown as inert text", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const visits: [string, string[]][] = [
    [`/events/${XSS_EVENT}`, ["headline", "summary", "location", "quote", "attribution text", "correction", "source name", "claim text"]],
    [`/events/${XSS_RETRACTED_EVENT}`, ["retraction note"]],
    [`/stories/${EDITOR_STORY}`, ["headline", "summary"]],
    [`/sources/${XSS_SOURCE}`, ["source name", "headline"]],
    [`/claims/${XSS_CLAIM}`, ["claim text", "headline"]],
    [`/stories/${EDITOR_STORY}?q=${encodeURIComponent("alert")}`, ["headline"]],
  ];
  for (const [url, fields] of visits) {
    await page.goto(url);
    for (const field of fields) await expect(page.getByText(xss(field), { exact: false }).first()).toBeVisible();
    expect(await page.locator("img[src='x']").count()).toBe(0);
  }
  expect(dialogs).toEqual([]);
});

test("a draft is invisible to the public everywhere", async ({ page, request }) => {
  expect((await request.get(`/events/${DRAFT_EVENT}`)).status()).toBe(404);
  for (const url of [`/stories/${EDITOR_STORY}`, `/stories/${EDITOR_STORY}?q=secret`, `/claims/${XSS_CLAIM}`, `/events/${XSS_EVENT}`, `/sources/${XSS_SOURCE}`]) {
    await page.goto(url);
    await expect(page.getByText(DRAFT_HEADLINE)).toHaveCount(0);
  }
});

test("security headers: a nonce CSP, no framing except embeds, HSTS behind TLS", async ({ request }) => {
  const home = await request.get("/");
  const csp = home.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(home.headers()["x-frame-options"]).toBe("DENY");
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
  expect(home.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(home.headers()["strict-transport-security"]).toBeUndefined();
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
  const embed = await request.get("/embed/us-atacms-policy-ukraine");
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  // With no trusted proxy configured (TRUSTED_PROXY_HOPS=0), a client's own x-forwarded-proto is
  // not believed; behind a trusted proxy it is (e2e/hardening-proxy.spec.ts).
  const spoofed = await request.get("/", { headers: { "x-forwarded-proto": "https" } });
  expect(spoofed.headers()["strict-transport-security"]).toBeUndefined();
});

test("pages still run their scripts under the CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/editor/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Client-side validation result rendered by React (hydrated) or the server: either way a message.
  await expect(page.locator("#sign-in-email-error")).toContainText("Enter your email address.");
  expect(violations).toEqual([]);
});

test("sign-in is limited per account and address with a clear message, across requests", async ({ page }) => {
  const email = `nobody-${Math.random().toString(36).slice(2, 8)}@example.test`;
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, "wrong password 123");
    await expect(page.locator("#sign-in-password-error")).toContainText("The email or password is incorrect.");
  }
  await signIn(page, email, "wrong password 123");
  await expect(page.locator("#sign-in-password-error")).toContainText(
    /Too many failed sign-in attempts for this account from your network address\. Try again in \d+ minutes?\./,
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in and editor forms work with plain form posts", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, "");
    await expect(page.locator("#sign-in-password-error")).toContainText("Enter your password.");
    await expect(page.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
    await signIn(page);
    await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
    await page.goto("/editor/sources");
    const f = form(page, "New source");
    await f.getByLabel("Name").fill("No-JS Gazette");
    await f.getByLabel("Slug").fill("Not A Slug");
    await f.getByRole("button", { name: "Create source" }).click();
    await expect(page.locator("#new-source-slug-error")).toContainText("lower-case words");
    await expect(form(page, "New source").getByLabel("Name")).toHaveValue("No-JS Gazette");
  });
});

test("no secret reaches the browser bundle", async () => {
  const { readFileSync, readdirSync, statSync, existsSync } = await import("node:fs");
  const path = await import("node:path");
  const dir = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "static");
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  expect(files.length).toBeGreaterThan(0);
  const secretFile = path.join(process.cwd(), ".data", "auth-secret");
  const secrets = [
    process.env.BETTER_AUTH_SECRET,
    existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : undefined,
    process.env.E2E_DATABASE_URL,
    "file:./prisma/",
    "BETTER_AUTH_SECRET",
  ].filter((s): s is string => !!s);
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const secret of secrets) expect([file, text.includes(secret)]).toEqual([file, false]);
  }
});
