import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "better-auth/crypto";

// The password hashing every sign-in goes through: Better Auth's scrypt, used by Better Auth itself
// (lib/auth/auth.ts hands it these functions) and by sign-in for accounts that do not exist, so
// that both cases do the same work and take the same time. An object, so a test can count calls.

export const passwordHashing = {
  hash: (password: string): Promise<string> => hashPassword(password),
  verify: (input: { hash: string; password: string }): Promise<boolean> => verifyPassword(input),
};

let decoy: Promise<string> | undefined;

/** Checks `password` against a hash nothing matches: the work of a real check, for a missing account. */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(24).toString("base64url"));
  await passwordHashing.verify({ hash: await decoy, password });
  return false;
}
