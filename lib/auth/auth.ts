import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { databaseKind, getDb } from "../db";
import { databaseUrl } from "../env";
import { siteUrl } from "../site";
import { passwordHashing } from "./password";
import { authSecret } from "./secret";

// Better Auth, email and password only, on our own tables (prisma/*/schema.prisma: User, Session,
// Account, Verification, RateLimit) through its Prisma adapter.
//
// - No open sign-up: accounts are made by `npm run user:create` or an admin's invitation
//   (lib/auth/users.ts); Better Auth's sign-up endpoint is disabled.
// - Cookies are HttpOnly and SameSite=Lax. They are Secure (and get the __Secure- prefix) when the
//   request came over TLS (x-forwarded-proto: https, or an https SITE_URL); on plain
//   http://localhost they cannot be, since browsers drop Secure cookies set over http.
//   That is why there are two configurations, picked per request by isSecureRequest.
// - Sign-in goes through lib/auth/sign-in.ts, which adds the limits of lib/auth/rate-limit.ts.
// - Forwarded headers reach this code already screened (lib/http/forwarded.ts): x-forwarded-proto
//   and -host are there only when a trusted proxy (TRUSTED_PROXY_HOPS) wrote them.

function buildAuth(secure: boolean) {
  return betterAuth({
    appName: "Sourceline",
    baseURL: siteUrl(),
    secret: authSecret(),
    database: prismaAdapter(getDb(), { provider: databaseKind() }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      // Through lib/auth/password.ts, which sign-in also uses for missing accounts.
      password: { hash: (password) => passwordHashing.hash(password), verify: (input) => passwordHashing.verify(input) },
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "EDITOR", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Better Auth's own limiter for requests through /api/auth, kept in the database so it holds
    // across processes and instances.
    rateLimit: { enabled: true, storage: "database", window: 60, max: 60 },
    // Same-origin requests only (the route handler checks Origin too).
    trustedOrigins: (request) => (request ? [requestOrigin(request.headers)] : []),
    advanced: { useSecureCookies: secure, cookiePrefix: "sourceline" },
    telemetry: { enabled: false },
    logger: { level: "error" },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof buildAuth>;

// One instance per database (tests switch DATABASE_URL per file) and per cookie mode.
const instances = new Map<string, Auth>();

export function getAuth(secure: boolean): Auth {
  const key = `${databaseUrl()}|${secure}`;
  let auth = instances.get(key);
  if (!auth) {
    auth = buildAuth(secure);
    instances.set(key, auth);
  }
  return auth;
}

/** True when the request reached us over TLS (directly or through a proxy that says so). */
export function isSecureRequest(headers: Headers): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (proto) return proto === "https";
  return siteUrl().startsWith("https://");
}

/** The origin the client addressed: scheme from x-forwarded-proto, host from Host. */
export function requestOrigin(headers: Headers): string {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return siteUrl();
  return `${isSecureRequest(headers) ? "https" : "http"}://${host}`;
}
