// Security headers for every response, set by proxy.ts. Kept free of Next imports so a unit test
// can check the policy.

/** Paths other sites may frame: the embeddable timeline and the oEmbed endpoint. */
export function isFramable(pathname: string): boolean {
  return pathname === "/embed" || pathname.startsWith("/embed/") || pathname === "/api/oembed" || pathname.startsWith("/api/oembed/");
}

export function contentSecurityPolicy(nonce: string, opts: { framable: boolean; secure: boolean; dev?: boolean }): string {
  const directives = [
    "default-src 'self'",
    // Only scripts carrying this response's nonce, and what they load ('strict-dynamic').
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind's stylesheet is a file; React's style attributes need 'unsafe-inline' for styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${opts.framable ? "*" : "'none'"}`,
    ...(opts.secure ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export type HeaderPair = [name: string, value: string];

/**
 * Headers every response carries, static files included: next.config.ts sets them on what Next
 * answers, and the request guard on the stored pages it answers itself (lib/cache/page-cache.test.ts
 * checks the two lists agree).
 */
export const EVERY_RESPONSE_HEADERS: readonly HeaderPair[] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
];

export function securityHeaders(pathname: string, nonce: string, opts: { secure: boolean; dev?: boolean }): HeaderPair[] {
  const framable = isFramable(pathname);
  const headers: HeaderPair[] = [
    ["Content-Security-Policy", contentSecurityPolicy(nonce, { framable, secure: opts.secure, dev: opts.dev })],
  ];
  // X-Content-Type-Options and Referrer-Policy come from next.config.ts (they cover static files too).
  if (!framable) headers.push(["X-Frame-Options", "DENY"]);
  // HSTS only when the request came over TLS: on plain http it is ignored anyway, and sending it
  // from a local http:// server would be misleading.
  if (opts.secure) headers.push(["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]);
  return headers;
}
