import { afterEach, describe, expect, it, vi } from "vitest";
import { uniqueToken } from "../../prisma/factories";
import pg from "pg";
import { databaseKind, disconnectDb, getDb } from "../db";
import { guardedHeaders, normaliseForwardedHeaders } from "../http/forwarded";
import { signedInUser, TEST_PASSWORD } from "../testing/auth";
import { passwordHashing } from "./password";
import {
  MAX_ATTEMPTS_PER_ADDRESS,
  MAX_FAILURES_PER_ACCOUNT,
  PAIR_FREE_FAILURES,
  pairDelayMs,
  reserveSignInAttempt,
  signInKeys,
} from "./rate-limit";
import { sessionUserFrom } from "./session";
import { READ_ONLY_MESSAGE, signInWithPassword } from "./sign-in";
import { createUserWithPassword, findSetPasswordUser, inviteUser, setPasswordWithToken } from "./users";

const email = () => `user-${uniqueToken()}@example.test`;
const ip = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;
/** A request from `address` as the request guard passes it on (no proxy configured). */
const from = (address: string) => guardedHeaders(address);
const WRONG = "wrong password!";

async function editor(): Promise<string> {
  const e = email();
  await createUserWithPassword({ email: e, role: "EDITOR", password: TEST_PASSWORD });
  return e;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("sign-in", () => {
  it("accepts the right password, hashed by Better Auth, and refuses a wrong one without saying which part", async () => {
    const e = await editor();
    const stored = await getDb().account.findFirstOrThrow({ where: { user: { email: e } } });
    expect(stored.password).not.toContain(TEST_PASSWORD);
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: true });
    expect(await signInWithPassword(e, WRONG, from(ip()))).toEqual({ ok: false, limited: false, message: "The email or password is incorrect." });
    expect(await signInWithPassword(email(), TEST_PASSWORD, from(ip()))).toMatchObject({ ok: false, message: "The email or password is incorrect." });
  });

  it("resolves a session cookie to its user and role; a disabled account has no session", async () => {
    const admin = await signedInUser("ADMIN");
    expect(await sessionUserFrom(new Headers({ cookie: admin.cookie }))).toMatchObject({ id: admin.id, role: "ADMIN" });
    expect(await sessionUserFrom(new Headers())).toBeNull();
    await getDb().user.update({ where: { id: admin.id }, data: { disabled: true } });
    expect(await sessionUserFrom(new Headers({ cookie: admin.cookie }))).toBeNull();
  });

  it("invites with a one-time set-password link", async () => {
    const e = email();
    const { token } = await inviteUser({ email: e, name: "New Editor", role: "EDITOR" });
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: false });
    expect(await findSetPasswordUser(token)).toMatchObject({ email: e });
    await setPasswordWithToken(token, TEST_PASSWORD);
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: true });
    await expect(setPasswordWithToken(token, "another password")).rejects.toThrow(/invalid or has expired/);
  });
});

describe("sign-in limits", () => {
  it("pair lockout: guesses from one address lock that address out of the account, not the editor at theirs", async () => {
    const e = await editor();
    const attacker = ip();
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await signInWithPassword(e, WRONG, from(attacker))).toMatchObject({ ok: false, limited: false });
    }
    // The attacker is refused now, even with the right password, and told for how long.
    const locked = await signInWithPassword(e, TEST_PASSWORD, from(attacker));
    expect(locked).toMatchObject({ ok: false, limited: true });
    expect(locked.ok === false && locked.message).toMatch(
      /^Too many failed sign-in attempts for this account from your network address\. Try again in 1 minute\.$/,
    );
    // The rightful editor, at their own address, signs in.
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: true });
  });

  it("pair lockout: the delays grow with each failure after the free ones, up to an hour", async () => {
    expect([0, 1, 4].map(pairDelayMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 11, 50].map(pairDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000]);
    const keys = signInKeys(email(), ip());
    let now = Date.parse("2024-11-18T00:00:00Z");
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await reserveSignInAttempt(keys, now)).toEqual({ allowed: true });
    // After the 5th failure: 1 minute; after the 6th: 2 minutes; after the 7th: 4 minutes.
    for (const delay of [60_000, 120_000, 240_000]) {
      expect(await reserveSignInAttempt(keys, now + delay - 1000)).toMatchObject({ allowed: false, scope: "pair", retryAfterMs: 1000 });
      now += delay;
      expect(await reserveSignInAttempt(keys, now)).toEqual({ allowed: true });
    }
    // A day after the last failure they are forgotten.
    now += 24 * 60 * 60 * 1000;
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await reserveSignInAttempt(keys, now)).toEqual({ allowed: true });
  });

  it("limits one address trying many accounts; other addresses are unaffected", async () => {
    const address = ip();
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) await signInWithPassword(email(), WRONG, from(address));
    const e = await editor();
    const refused = await signInWithPassword(e, TEST_PASSWORD, from(address));
    expect(refused).toMatchObject({ ok: false, limited: true });
    expect(refused.ok === false && refused.message).toMatch(/from your network address\. Try again in 15 minutes\./);
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: true });
  });

  it("limits many addresses guessing one account, except addresses the editor has signed in from", async () => {
    const e = await editor();
    const home = ip();
    expect(await signInWithPassword(e, TEST_PASSWORD, from(home))).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signInWithPassword(e, WRONG, from(ip()));
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: false, limited: true });
    expect(await signInWithPassword(e, TEST_PASSWORD, from(home))).toMatchObject({ ok: true });
  });

  it("XFF limit-bypass: a new X-Forwarded-For on every attempt does not make a new address", async () => {
    const socket = ip();
    const verify = vi.spyOn(passwordHashing, "verify");
    const results = [];
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS + 10; i++) {
      // What arrives at the server: the client's own X-Forwarded-For, from one socket address.
      const raw: Record<string, string | string[] | undefined> = { "x-forwarded-for": ip(), "x-real-ip": ip() };
      normaliseForwardedHeaders(raw, socket, 0);
      results.push(await signInWithPassword(email(), WRONG, new Headers(raw as Record<string, string>)));
    }
    expect(results.filter((r) => !r.ok && r.limited)).toHaveLength(10);
    expect(verify).toHaveBeenCalledTimes(MAX_ATTEMPTS_PER_ADDRESS);
  });

  it("a request that did not pass the request guard gets no address of its own", async () => {
    const spoofed = new Headers({ "x-forwarded-for": ip(), "x-sourceline-client-address": ip(), "x-sourceline-guard": "guess" });
    expect(await signInWithPassword(await editor(), TEST_PASSWORD, spoofed)).toMatchObject({ ok: true });
    const rows = await getDb().rateLimit.findMany({ where: { key: { startsWith: "signin:ip:" } }, select: { key: true } });
    expect(rows.map((r) => r.key)).toContain("signin:ip:unknown");
  });

  it(`sign-in race: 30 parallel wrong passwords are checked at most ${PAIR_FREE_FAILURES} times (${databaseKind()})`, async () => {
    const e = await editor();
    const verify = vi.spyOn(passwordHashing, "verify");
    const address = ip();
    const results = await Promise.all(Array.from({ length: 30 }, () => signInWithPassword(e, WRONG, from(address))));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(PAIR_FREE_FAILURES);
    expect(results.filter((r) => !r.ok && !r.limited)).toHaveLength(verify.mock.calls.length);
    expect(results.filter((r) => !r.ok && r.limited).length).toBeGreaterThanOrEqual(30 - PAIR_FREE_FAILURES);
    const row = await getDb().rateLimit.findUniqueOrThrow({ where: { key: signInKeys(e, address).pair } });
    expect(row.count).toBe(PAIR_FREE_FAILURES);
  });

  it("timing: an unknown email costs the same password check as a wrong password", async () => {
    const e = await editor();
    const verify = vi.spyOn(passwordHashing, "verify");
    const hash = vi.spyOn(passwordHashing, "hash");
    await signInWithPassword(e, WRONG, from(ip()));
    expect([verify.mock.calls.length, hash.mock.calls.length]).toEqual([1, 0]);
    await signInWithPassword(email(), WRONG, from(ip()));
    expect([verify.mock.calls.length, hash.mock.calls.length]).toEqual([2, 0]);
    // Disabled accounts too.
    await getDb().user.update({ where: { email: e }, data: { disabled: true } });
    await signInWithPassword(e, WRONG, from(ip()));
    expect(verify).toHaveBeenCalledTimes(3);
    // Each check really is scrypt on a stored-format hash, not a shortcut.
    for (const [input] of verify.mock.calls) expect(input.hash).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
  });

  it("timing: unknown emails and wrong passwords take comparable time (medians within a factor of 2.5)", async () => {
    const e = await editor();
    const time = async (who: string) => {
      const start = performance.now();
      await signInWithPassword(who, WRONG, from(ip()));
      return performance.now() - start;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    await time(email()); // warm-up: the decoy hash is made on first use
    // Interleaved, so that load on the machine affects both alike; 4 each stays under the pair limit.
    for (let i = 0; i < 4; i++) {
      wrong.push(await time(e));
      unknown.push(await time(email()));
    }
    const ratio = median(unknown) / median(wrong);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, wrong ${median(wrong).toFixed(1)} ms`).toBeGreaterThan(1 / 2.5);
    expect(ratio).toBeLessThan(2.5);
  });
});

/**
 * Makes the test database refuse writes as a read-only one would (a read-only SQLite file gives
 * SQLITE_READONLY; a PostgreSQL replica, 25006). Tests run as root, whom file modes do not stop.
 */
async function setReadOnly(on: boolean): Promise<void> {
  if (databaseKind() === "sqlite") {
    // The adapter keeps one connection: the pragma covers every later query.
    await getDb().$executeRawUnsafe(`PRAGMA query_only = ${on ? "ON" : "OFF"}`);
    return;
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SET default_transaction_read_only = off");
    const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
    const name = rows[0]!.name.replace(/"/g, '""');
    await client.query(on ? `ALTER DATABASE "${name}" SET default_transaction_read_only = on` : `ALTER DATABASE "${name}" RESET default_transaction_read_only`);
  } finally {
    await client.end();
  }
  // New connections pick the setting up.
  await disconnectDb();
}

describe("sign-in on a read-only database", () => {
  it("answers with a clear message instead of an error, and checks no password it cannot count", async () => {
    const e = await editor();
    const verify = vi.spyOn(passwordHashing, "verify");
    await setReadOnly(true);
    try {
      for (const password of [TEST_PASSWORD, WRONG, WRONG]) {
        expect(await signInWithPassword(e, password, from(ip()))).toEqual({ ok: false, limited: true, message: READ_ONLY_MESSAGE });
      }
      expect(verify).not.toHaveBeenCalled();
    } finally {
      await setReadOnly(false);
    }
    expect(await signInWithPassword(e, TEST_PASSWORD, from(ip()))).toMatchObject({ ok: true });
  });
});
