import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { postSignIn, rawRequest, signInFormFields } from "./support/http";

// Behind a trusted proxy (TRUSTED_PROXY_HOPS=1): a second `next start` of the same build and
// database. The client is the address the proxy appended to X-Forwarded-For (whatever the client
// wrote to its left), and host and scheme are the proxy's.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 50;
const base = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(PORT)], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL || "file:./prisma/e2e.db",
      TRUSTED_PROXY_HOPS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // As npm start runs it (scripts/lib/run.mjs, withRequestHold).
      NODE_OPTIONS: `--import=${path.resolve("scripts", "lib", "hold-requests.mjs")}`,
    },
    stdio: "ignore",
  });
  // The very first request the server answers is a TRACE: it is screened too, although Next loads
  // the request guard only after it starts listening.
  for (let i = 0; i < 400; i++) {
    try {
      firstAnswer = (await rawRequest(`${base}/`, { method: "TRACE" })).status;
      return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`The proxied server on ${base} did not start.`);
});

let firstAnswer = 0;

test("the first request after start-up is screened like any other", () => {
  expect(firstAnswer).toBe(405);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("HSTS and secure cookies follow the proxy's X-Forwarded-Proto", async () => {
  const tls = await rawRequest(`${base}/`, { headers: { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.1" } });
  expect(tls.headers["strict-transport-security"]).toContain("max-age=");
  const plain = await rawRequest(`${base}/`, { headers: { "x-forwarded-proto": "http", "x-forwarded-for": "203.0.113.1" } });
  expect(plain.headers["strict-transport-security"]).toBeUndefined();
});

test("the client is the address the proxy appended: what a client writes to its left changes nothing", async () => {
  test.setTimeout(90_000);
  const fields = await signInFormFields(base);
  const attempt = (xff: string, i: number) =>
    postSignIn(base, fields, `proxied-${i}@example.test`, "wrong password 1", { headers: { "x-forwarded-for": xff, origin: base } });
  const messages: string[] = [];
  for (let i = 0; i < 21; i++) messages.push((await attempt(`198.51.100.${i + 1}, 203.0.113.20`, i)).message);
  expect(messages.slice(0, 20).every((m) => m === "The email or password is incorrect.")).toBe(true);
  expect(messages[20]).toMatch(/^Too many failed sign-in attempts from your network address/);
  // Another client behind the same proxy is not affected.
  expect((await attempt("203.0.113.21", 99)).message).toBe("The email or password is incorrect.");
});

test("a server action's Origin is checked against the proxy's X-Forwarded-Host", async () => {
  const fields = await signInFormFields(base);
  const post = (headers: Record<string, string>) =>
    postSignIn(base, fields, "nobody@example.test", "wrong password 1", { headers: { "x-forwarded-for": "203.0.113.30", ...headers } });
  const ok = await post({ origin: "https://timeline.example", "x-forwarded-host": "timeline.example", "x-forwarded-proto": "https" });
  expect(ok).toMatchObject({ status: 200, message: "The email or password is incorrect." });
  // A client's own X-Forwarded-Host sits left of the proxy's, which is the one believed.
  const forged = await post({ origin: "https://evil.example", "x-forwarded-host": "evil.example, timeline.example", "x-forwarded-proto": "https" });
  expect(forged.status).toBe(403);
});
