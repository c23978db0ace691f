import { randomBytes } from "node:crypto";

// Who the client is, decided once per request before Next sees it (lib/http/install-request-guard.ts).
//
// X-Forwarded-For, -Host, -Proto and -Port are only as trustworthy as whoever wrote them. With
// TRUSTED_PROXY_HOPS=0 (no proxy in front) every one of them came from the client: they are
// dropped, and the client's address is the socket's. With N trusted proxies, each appends the
// address it received from to X-Forwarded-For, so the client is the Nth address from the right
// (counting the socket's as the last); anything to its left was written by the client. Host and
// scheme come from the nearest proxy (the last value of each list).
//
// The decided address travels in CLIENT_ADDRESS_HEADER, stamped with a per-process token, so code
// downstream can tell it from a header a client made up (clientAddress() below).

export const CLIENT_ADDRESS_HEADER = "x-sourceline-client-address";
export const GUARD_TOKEN_HEADER = "x-sourceline-guard";

const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"] as const;

type GlobalWithToken = typeof globalThis & { [key: symbol]: string | undefined };
const TOKEN_KEY = Symbol.for("sourceline.requestGuardToken");

/** This process's guard token (shared by every bundle loaded into the process). */
export function guardToken(): string {
  const g = globalThis as GlobalWithToken;
  g[TOKEN_KEY] ??= randomBytes(18).toString("base64url");
  return g[TOKEN_KEY]!;
}

type NodeHeaders = Record<string, string | string[] | undefined>;

function list(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** The client's address: the socket's, or the one the nearest trusted proxy received from. */
export function resolveClientAddress(xForwardedFor: string | string[] | undefined, socketAddress: string, hops: number): string {
  const chain = [...list(xForwardedFor), socketAddress];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}

/**
 * Rewrites a request's forwarded headers in place so that everything downstream (Next's own
 * server-action origin check, the proxy, sign-in limits) sees only what a trusted party wrote.
 */
export function normaliseForwardedHeaders(headers: NodeHeaders, socketAddress: string | undefined, hops: number): void {
  const client = resolveClientAddress(headers["x-forwarded-for"], socketAddress || "unknown", hops);
  for (const name of FORWARDED_HEADERS) {
    const values = list(headers[name]);
    // "forwarded" and "x-real-ip" are not read by anything here; a proxy's own value survives.
    if (hops === 0 || values.length === 0) delete headers[name];
    else headers[name] = values[values.length - 1]!;
  }
  headers["x-forwarded-for"] = client;
  headers[CLIENT_ADDRESS_HEADER] = client;
  headers[GUARD_TOKEN_HEADER] = guardToken();
}

/**
 * The client's address as decided by the request guard, or "unknown" when the request did not
 * pass through it (then every such request shares one sign-in budget: failing closed).
 */
export function clientAddress(headers: Headers): string {
  const token = headers.get(GUARD_TOKEN_HEADER);
  const address = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  return token === guardToken() && address ? address : "unknown";
}

/** Headers as the request guard would pass them on, for tests and scripts. */
export function guardedHeaders(address: string, init: Record<string, string> = {}): Headers {
  const headers: NodeHeaders = { ...init };
  normaliseForwardedHeaders(headers, address, 0);
  return new Headers(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === "string"));
}
