import "server-only";
import { getDb } from "../db";

// Failed sign-ins are counted per account and per client IP in the RateLimit table (shared with
// Better Auth's limiter, under our own "signin:" keys), so the limits hold across requests,
// processes and app instances.

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type SignInKeys = { account: string; ip: string };

export function signInKeys(email: string, ip: string): SignInKeys {
  return { account: `signin:account:${email.trim().toLowerCase()}`, ip: `signin:ip:${ip}` };
}

type Verdict = { allowed: true } | { allowed: false; scope: "account" | "ip"; retryAfterMs: number };

/** Whether another attempt is allowed now, and if not which limit was reached and for how long. */
export async function checkSignInAllowed(keys: SignInKeys, now = Date.now()): Promise<Verdict> {
  const rows = await getDb().rateLimit.findMany({ where: { key: { in: [keys.account, keys.ip] } } });
  for (const [scope, key, max] of [
    ["account", keys.account, MAX_FAILURES_PER_ACCOUNT],
    ["ip", keys.ip, MAX_FAILURES_PER_IP],
  ] as const) {
    const row = rows.find((r) => r.key === key);
    if (!row) continue;
    const since = now - Number(row.lastRequest);
    if (since < SIGN_IN_WINDOW_MS && row.count >= max) {
      return { allowed: false, scope, retryAfterMs: SIGN_IN_WINDOW_MS - since };
    }
  }
  return { allowed: true };
}

async function bump(key: string, now: number): Promise<void> {
  const db = getDb();
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row) {
    try {
      await db.rateLimit.create({ data: { key, count: 1, lastRequest: BigInt(now) } });
      return;
    } catch {
      // a concurrent request created it first: count on it below
    }
  }
  const current = row ?? (await db.rateLimit.findUnique({ where: { key } }));
  if (!current) return;
  const expired = now - Number(current.lastRequest) >= SIGN_IN_WINDOW_MS;
  await db.rateLimit.update({
    where: { key },
    data: expired ? { count: 1, lastRequest: BigInt(now) } : { count: { increment: 1 }, lastRequest: BigInt(now) },
  });
}

export async function recordSignInFailure(keys: SignInKeys, now = Date.now()): Promise<void> {
  await bump(keys.account, now);
  await bump(keys.ip, now);
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function clearAccountFailures(keys: SignInKeys): Promise<void> {
  await getDb().rateLimit.deleteMany({ where: { key: keys.account } });
}
