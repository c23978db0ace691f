import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "../db";
import { DomainError } from "../errors";
import { passwordHashing } from "./password";
import type { Role } from "./roles";

// Accounts are created here, never by open sign-up: the first admin by `npm run user:create`,
// everyone else by an admin's invitation, which issues a one-time set-password link.

export const MIN_PASSWORD_LENGTH = 10;
const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const SET_PASSWORD = "set-password:";

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, "password");
  }
  if (password.length > 256) throw new DomainError("The password is too long (256 characters at most).", "password");
}

function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) throw new DomainError("Enter a valid email address.", "email");
  return e;
}

async function setCredential(userId: string, password: string): Promise<void> {
  checkPassword(password);
  const hash = await passwordHashing.hash(password);
  const db = getDb();
  const existing = await db.account.findFirst({ where: { userId, providerId: "credential" }, select: { id: true } });
  if (existing) await db.account.update({ where: { id: existing.id }, data: { password: hash } });
  else await db.account.create({ data: { userId, providerId: "credential", accountId: userId, password: hash } });
}

/** Creates an account with a password (the CLI's path). */
export async function createUserWithPassword(input: { email: string; name?: string; role: Role; password: string }) {
  const email = normaliseEmail(input.email);
  checkPassword(input.password);
  const db = getDb();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new DomainError(`An account for ${email} already exists.`, "email");
  }
  const user = await db.user.create({
    data: { email, name: input.name?.trim() || email.split("@")[0]!, role: input.role, emailVerified: true },
  });
  await setCredential(user.id, input.password);
  return user;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A fresh one-time set-password token for the user; earlier ones stop working. */
export async function issueSetPasswordToken(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const db = getDb();
  await db.verification.deleteMany({ where: { identifier: SET_PASSWORD + userId } });
  await db.verification.create({
    data: { identifier: SET_PASSWORD + userId, value: hashToken(token), expiresAt: new Date(Date.now() + INVITE_TTL_MS) },
  });
  return token;
}

/** Invites an editor or admin: an account without a password, and a one-time link to set one. */
export async function inviteUser(input: { email: string; name: string; role: Role }) {
  const email = normaliseEmail(input.email);
  const db = getDb();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new DomainError(`An account for ${email} already exists.`, "email");
  }
  if (!input.name.trim()) throw new DomainError("The name is required.", "name");
  const user = await db.user.create({ data: { email, name: input.name.trim(), role: input.role } });
  return { user, token: await issueSetPasswordToken(user.id) };
}

/** The account a set-password token opens, if the token is valid and unexpired. */
export async function findSetPasswordUser(token: string) {
  if (!token) return null;
  const row = await getDb().verification.findFirst({
    where: { value: hashToken(token), identifier: { startsWith: SET_PASSWORD }, expiresAt: { gt: new Date() } },
  });
  if (!row) return null;
  return getDb().user.findUnique({
    where: { id: row.identifier.slice(SET_PASSWORD.length) },
    select: { id: true, email: true, name: true, disabled: true },
  });
}

/** Uses a one-time token: sets the password and burns the token. */
export async function setPasswordWithToken(token: string, password: string): Promise<{ email: string }> {
  const user = await findSetPasswordUser(token);
  if (!user || user.disabled) throw new DomainError("This link is invalid or has expired. Ask an admin for a new one.", "token");
  await setCredential(user.id, password);
  await getDb().verification.deleteMany({ where: { identifier: SET_PASSWORD + user.id } });
  // Any session opened with the old password ends.
  await getDb().session.deleteMany({ where: { userId: user.id } });
  return { email: user.email };
}

export async function listUsers() {
  return getDb().user.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabled: true,
      createdAt: true,
      accounts: { where: { providerId: "credential" }, select: { id: true } },
    },
  });
}

export async function setUserDisabled(userId: string, disabled: boolean, actingUserId: string): Promise<void> {
  if (userId === actingUserId) throw new DomainError("You cannot disable your own account.", "userId");
  const db = getDb();
  await db.user.update({ where: { id: userId }, data: { disabled } });
  if (disabled) await db.session.deleteMany({ where: { userId } });
}
