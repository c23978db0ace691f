import { getAuth, isSecureRequest } from "@/lib/auth/auth";

// Better Auth's HTTP endpoints, read-only: the session of the caller (GET /api/auth/get-session).
// Sign-in, sign-out and set-password are server actions (lib/auth/actions.ts) so that they work
// without JavaScript and sign-in passes through the per-account and per-IP limits; no POST is
// exposed here, so sign-up and the other Better Auth endpoints are unreachable.

const READABLE = new Set(["/api/auth/get-session", "/api/auth/ok"]);

export async function GET(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!READABLE.has(pathname)) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  return getAuth(isSecureRequest(request.headers)).handler(request);
}
