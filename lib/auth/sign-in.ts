import "server-only";
import { APIError } from "better-auth/api";
import { getDb } from "../db";
import { getAuth, isSecureRequest } from "./auth";
import { checkSignInAllowed, clearAccountFailures, recordSignInFailure, signInKeys } from "./rate-limit";

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string; limited: boolean };

const WRONG = "The email or password is incorrect.";

/** The client's address as the server saw it (Next sets x-forwarded-for on every request). */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return `${m} minute${m === 1 ? "" : "s"}`;
}

/**
 * Signs in with email and password through Better Auth (its own password hashing and session
 * cookie), refusing early when the account or the client IP has too many recent failures.
 * Failures never say whether the account exists.
 */
export async function signInWithPassword(email: string, password: string, headers: Headers): Promise<SignInResult> {
  const keys = signInKeys(email, clientIp(headers));
  const verdict = await checkSignInAllowed(keys);
  if (!verdict.allowed) {
    const who = verdict.scope === "account" ? "for this account" : "from your network address";
    return {
      ok: false,
      limited: true,
      message: `Too many failed sign-in attempts ${who}. Try again in ${minutes(verdict.retryAfterMs)}.`,
    };
  }
  const user = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { disabled: true } });
  if (!user || user.disabled) {
    await recordSignInFailure(keys);
    return { ok: false, limited: false, message: WRONG };
  }
  try {
    const result = await getAuth(isSecureRequest(headers)).api.signInEmail({
      body: { email: email.trim().toLowerCase(), password, rememberMe: true },
      headers,
    });
    await clearAccountFailures(keys);
    return { ok: true, userId: result.user.id };
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    await recordSignInFailure(keys);
    return { ok: false, limited: false, message: WRONG };
  }
}

export async function signOutSession(headers: Headers): Promise<void> {
  await getAuth(isSecureRequest(headers)).api.signOut({ headers });
}
