import "server-only";
import { randomBytes } from "node:crypto";
import { databaseKind, getDb } from "../db";

// Sign-in attempts are counted in the RateLimit table (shared with Better Auth's limiter, under our
// own "signin:" keys), so the limits hold across requests, processes and app instances.
//
// - Per account and address pair: 5 failures free, then a delay that doubles with each further
//   failure (1 minute, 2, 4… up to an hour). An attacker guessing from one address locks only that
//   address out of that account; the editor signing in from their own address is not affected.
// - Per address: 20 attempts in 15 minutes, whatever the accounts (one address spraying many).
// - Per account, from addresses that have never signed in to it: 20 failures in 15 minutes (many
//   addresses guessing one account). An address that signed in successfully is exempt.
//
// An attempt is counted before its password is checked, in one statement per limit that both
// tests and increments (INSERT … ON CONFLICT DO UPDATE … WHERE), all in one transaction: however
// many attempts race, no more passwords are checked than the limits allow. A successful sign-in
// gives its attempt back.

export const PAIR_FREE_FAILURES = 5;
const PAIR_FIRST_DELAY_MS = 60 * 1000;
export const PAIR_MAX_DELAY_MS = 60 * 60 * 1000;
/** A pair's failures are forgotten a day after the last one. */
const PAIR_FORGET_MS = 24 * 60 * 60 * 1000;

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_ATTEMPTS_PER_ADDRESS = 20;
export const MAX_FAILURES_PER_ACCOUNT = 20;
/** How long a successful sign-in makes an address known to an account. */
const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;

export type SignInKeys = { pair: string; address: string; account: string; known: string };

export function signInKeys(email: string, address: string): SignInKeys {
  const account = email.trim().toLowerCase();
  return {
    pair: `signin:pair:${address}:${account}`,
    address: `signin:ip:${address}`,
    account: `signin:account:${account}`,
    known: `signin:known:${address}:${account}`,
  };
}

/** The delay after `failures` consecutive failures of one pair: 0, then 1 minute doubling to an hour. */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  return Math.min(PAIR_FIRST_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_MS);
}

export type Scope = "pair" | "address" | "account";
export type Verdict = { allowed: true } | { allowed: false; scope: Scope; retryAfterMs: number };

type Rule =
  | { type: "window"; max: number; windowMs: number }
  | { type: "backoff" };

const RULES: Record<Scope, Rule> = {
  pair: { type: "backoff" },
  address: { type: "window", max: MAX_ATTEMPTS_PER_ADDRESS, windowMs: SIGN_IN_WINDOW_MS },
  account: { type: "window", max: MAX_FAILURES_PER_ACCOUNT, windowMs: SIGN_IN_WINDOW_MS },
};

/** SQL for the delay a row's count calls for (integers only: the constants above). */
function delaySql(count: string): string {
  const steps: string[] = [];
  for (let n = PAIR_FREE_FAILURES; pairDelayMs(n) < PAIR_MAX_DELAY_MS; n++) steps.push(`WHEN ${count} = ${n} THEN ${pairDelayMs(n)}`);
  return `CASE WHEN ${count} < ${PAIR_FREE_FAILURES} THEN 0 ${steps.join(" ")} ELSE ${PAIR_MAX_DELAY_MS} END`;
}

class Placeholders {
  readonly values: unknown[] = [];
  constructor(private readonly pg: boolean) {}
  /** A placeholder for `value`: "?" on SQLite (each used once), "$n" on PostgreSQL. */
  add(value: unknown): string {
    this.values.push(value);
    return this.pg ? `$${this.values.length}` : "?";
  }
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

/** Counts one attempt against `key` if `rule` allows it now; false (and nothing written) if not. */
async function take(tx: Tx, key: string, rule: Rule, now: number): Promise<boolean> {
  const p = new Placeholders(databaseKind() === "postgresql");
  const row = '"RateLimit"';
  const id = p.add(`rl_${randomBytes(12).toString("hex")}`);
  const k = p.add(key);
  const nowInsert = p.add(BigInt(now));
  const resetAfter = rule.type === "window" ? rule.windowMs : PAIR_FORGET_MS;
  const since = () => `(${p.add(BigInt(now))} - ${row}."lastRequest")`;
  const expiredForCount = `${since()} >= ${resetAfter}`;
  const nowUpdate = p.add(BigInt(now));
  const allowed =
    rule.type === "window"
      ? `${since()} >= ${rule.windowMs} OR ${row}."count" < ${rule.max}`
      : `${since()} >= ${PAIR_FORGET_MS} OR ${since()} >= ${delaySql(`${row}."count"`)}`;
  const sql =
    `INSERT INTO ${row} ("id", "key", "count", "lastRequest") VALUES (${id}, ${k}, 1, ${nowInsert}) ` +
    `ON CONFLICT ("key") DO UPDATE SET "count" = CASE WHEN ${expiredForCount} THEN 1 ELSE ${row}."count" + 1 END, "lastRequest" = ${nowUpdate} ` +
    `WHERE ${allowed} RETURNING "count"`;
  const rows = await tx.$queryRawUnsafe<{ count: number | bigint }[]>(sql, ...p.values);
  return rows.length > 0;
}

class Refused extends Error {
  constructor(readonly scope: Scope) {
    super(`sign-in refused by the ${scope} limit`);
  }
}

async function retryAfter(scope: Scope, key: string, now: number): Promise<number> {
  const row = await getDb().rateLimit.findUnique({ where: { key } });
  if (!row) return 1000;
  const since = now - Number(row.lastRequest);
  const rule = RULES[scope];
  const wait = rule.type === "window" ? rule.windowMs - since : pairDelayMs(row.count) - since;
  return Math.max(1000, wait);
}

/** Many attempts at once queue for SQLite's single writer (lib/sqlite-writes.ts): let them wait their turn. */
const SIGN_IN_TRANSACTION = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Counts a sign-in attempt against every limit, or none if any limit is reached (then says which
 * and for how long). Throws the database's error when it cannot write (a read-only database).
 */
export async function reserveSignInAttempt(keys: SignInKeys, now = Date.now()): Promise<Verdict> {
  const db = getDb();
  try {
    await db.$transaction(
      async (tx) => {
        if (!(await take(tx, keys.pair, RULES.pair, now))) throw new Refused("pair");
        if (!(await take(tx, keys.address, RULES.address, now))) throw new Refused("address");
        const known = await tx.rateLimit.findUnique({ where: { key: keys.known }, select: { lastRequest: true } });
        const isKnown = known !== null && now - Number(known.lastRequest) < KNOWN_ADDRESS_MS;
        if (!isKnown && !(await take(tx, keys.account, RULES.account, now))) throw new Refused("account");
      },
      SIGN_IN_TRANSACTION,
    );
    return { allowed: true };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const key = error.scope === "pair" ? keys.pair : error.scope === "address" ? keys.address : keys.account;
    return { allowed: false, scope: error.scope, retryAfterMs: await retryAfter(error.scope, key, now) };
  }
}

/**
 * After a successful sign-in: the pair's failures are cleared, the address and account budgets
 * get this attempt back, and the address becomes known to the account.
 */
export async function recordSignInSuccess(keys: SignInKeys, now = Date.now()): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    await tx.rateLimit.deleteMany({ where: { key: keys.pair } });
    await tx.rateLimit.updateMany({ where: { key: { in: [keys.address, keys.account] }, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
    await tx.rateLimit.upsert({
      where: { key: keys.known },
      create: { key: keys.known, count: 1, lastRequest: BigInt(now) },
      update: { lastRequest: BigInt(now) },
    });
  }, SIGN_IN_TRANSACTION);
}
