import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "../db";
import { getAuth, isSecureRequest } from "./auth";
import { hasRole, ROLES, type Role, type SessionUser } from "./roles";

/** The signed-in editor or admin behind a request's cookies, or null (disabled accounts are none). */
export async function sessionUserFrom(requestHeaders: Headers): Promise<SessionUser | null> {
  const session = await getAuth(isSecureRequest(requestHeaders)).api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // Role and status are read from the database, never from a cached cookie.
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user || user.disabled || !ROLES.includes(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The signed-in user of the current request (one lookup per render). */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => sessionUserFrom(await headers()));

export const SIGN_IN_PATH = "/editor/sign-in";

/**
 * The guard every editor page and server action starts with. Anonymous: redirected to sign-in.
 * Signed in without the role: refused with a 404, which does not reveal what exists.
 */
export async function requireRole(role: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(SIGN_IN_PATH);
  if (!hasRole(user.role, role)) notFound();
  return user;
}

export const requireEditor = () => requireRole("EDITOR");
export const requireAdmin = () => requireRole("ADMIN");
