import { getAuth, isSecureRequest } from "@/lib/auth/auth";
import { errorBodyFor, type ApiErrorCode } from "@/lib/http/errors";

// Better Auth's HTTP endpoints, read-only: the session of the caller (GET /api/auth/get-session).
// Sign-in, sign-out and set-password are server actions (lib/auth/actions.ts) so that they work
// without JavaScript and sign-in passes through the per-account and per-IP limits; no POST is
// exposed here, so sign-up and the other Better Auth endpoints are unreachable.

const READABLE = new Set(["/api/auth/get-session", "/api/auth/ok"]);

export async function GET(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!READABLE.has(pathname)) return Response.json(errorBodyFor("not_found", "There is no such address under /api/auth."), { status: 404 });
  return inErrorShape(await getAuth(isSecureRequest(request.headers)).handler(request));
}

const CODES: Record<number, ApiErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  429: "too_many_requests",
};

/** Better Auth's own errors (its rate limit's 429, say) in the error shape every route shares. */
async function inErrorShape(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  let message = "The request was refused.";
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === "string" && body.message) message = body.message;
  } catch {
    // no JSON body: keep the generic message
  }
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const name of ["retry-after", "x-retry-after"]) {
    const value = response.headers.get(name);
    if (value) headers.set(name, value);
  }
  return Response.json(errorBodyFor(CODES[response.status] ?? "internal_error", message), { status: response.status, headers });
}
