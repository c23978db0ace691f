import "server-only";
import { APIError } from "better-auth/api";
import { isReadOnlyDatabaseError } from "../database-errors";
import { getDb } from "../db";
import { DatabaseBusyError } from "../errors";
import { clientAddress } from "../http/forwarded";
import { getAuth, isSecureRequest } from "./auth";
import { verifyAgainstDecoy } from "./password";
import { recordSignInSuccess, reserveSignInAttempt, signInKeys, type Scope } from "./rate-limit";

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string; limited: boolean };

const WRONG = "The email or password is incorrect.";

export const READ_ONLY_MESSAGE =
  "Sign-in is unavailable right now: the database is read-only, so attempts cannot be counted. No password was checked. Try again later.";

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return `${m} minute${m === 1 ? "" : "s"}`;
}

const LIMITED: Record<Scope, string> = {
  pair: "for this account from your network address",
  address: "from your network address",
  account: "for this account",
};

/**
 * Signs in with email and password through Better Auth (its own password hashing and session
 * cookie). Each attempt is counted before its password is checked (lib/auth/rate-limit.ts), and
 * refused without a check once a limit is reached. Failures never say whether the account exists,
 * and take as long either way: a missing account's password is checked against a decoy hash.
 * When attempts cannot be counted (a read-only database), no password is checked at all.
 */
export async function signInWithPassword(email: string, password: string, headers: Headers): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const keys = signInKeys(normalised, clientAddress(headers));
  let verdict;
  try {
    verdict = await reserveSignInAttempt(keys);
  } catch (error) {
    if (isReadOnlyDatabaseError(error)) return { ok: false, limited: true, message: READ_ONLY_MESSAGE };
    // Nothing counted and no password checked: the reader is told to try again.
    if (error instanceof DatabaseBusyError) return { ok: false, limited: true, message: error.message };
    throw error;
  }
  if (!verdict.allowed) {
    return {
      ok: false,
      limited: true,
      message: `Too many failed sign-in attempts ${LIMITED[verdict.scope]}. Try again in ${minutes(verdict.retryAfterMs)}.`,
    };
  }
  const user = await getDb().user.findUnique({ where: { email: normalised }, select: { disabled: true } });
  if (!user || user.disabled) {
    await verifyAgainstDecoy(password);
    return { ok: false, limited: false, message: WRONG };
  }
  try {
    const result = await getAuth(isSecureRequest(headers)).api.signInEmail({
      body: { email: normalised, password, rememberMe: true },
      headers,
    });
    await recordSignInSuccess(keys);
    return { ok: true, userId: result.user.id };
  } catch (error) {
    if (isReadOnlyDatabaseError(error)) return { ok: false, limited: true, message: READ_ONLY_MESSAGE };
    if (error instanceof DatabaseBusyError) return { ok: false, limited: true, message: error.message };
    if (!(error instanceof APIError)) throw error;
    return { ok: false, limited: false, message: WRONG };
  }
}

export async function signOutSession(headers: Headers): Promise<void> {
  await getAuth(isSecureRequest(headers)).api.signOut({ headers });
}
