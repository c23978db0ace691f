import "server-only";
import { requestOrigin } from "../auth/auth";
import { hasRole, type Role, type SessionUser } from "../auth/roles";
import { sessionUserFrom } from "../auth/session";

// For mutating route handlers (server actions get Next's own Origin check). A cross-site request
// (Origin, or failing that Referer, not this site's) is refused before the session is looked at.

export function isSameOrigin(request: Request): boolean {
  const expected = requestOrigin(request.headers);
  const origin = request.headers.get("origin");
  if (origin) return origin === expected;
  const referer = request.headers.get("referer");
  if (referer) {
    try {
      return new URL(referer).origin === expected;
    } catch {
      return false;
    }
  }
  // Browsers send Origin on every cross-site POST; a request without either is not from a page.
  return request.headers.get("sec-fetch-site") === "same-origin";
}

export type Guarded = { ok: true; user: SessionUser } | { ok: false; response: Response };

const json = (status: number, message: string) =>
  Response.json({ error: { code: status === 401 ? "unauthorized" : "forbidden", message } }, { status });

/** Same origin, signed in, with the role: or the 403/401 response to send. */
export async function guardMutation(request: Request, role: Role): Promise<Guarded> {
  if (!isSameOrigin(request)) return { ok: false, response: json(403, "Cross-origin requests are refused.") };
  const user = await sessionUserFrom(request.headers);
  if (!user) return { ok: false, response: json(401, "Sign in first.") };
  if (!hasRole(user.role, role)) return { ok: false, response: json(403, "Your role does not allow this.") };
  return { ok: true, user };
}
