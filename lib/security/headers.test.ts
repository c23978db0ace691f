import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isFramable, securityHeaders } from "./headers";

describe("security headers", () => {
  it("allow only nonce-carrying scripts and no framing, except for embeds", () => {
    const csp = contentSecurityPolicy("abc", { framable: false, secure: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(Object.fromEntries(securityHeaders("/events/x", "abc", { secure: false }))).toMatchObject({ "X-Frame-Options": "DENY" });
    expect(isFramable("/embed/us-atacms-policy-ukraine")).toBe(true);
    expect(isFramable("/api/oembed")).toBe(true);
    expect(isFramable("/embedded")).toBe(false);
    const embed = Object.fromEntries(securityHeaders("/embed/x", "abc", { secure: false }));
    expect(embed["Content-Security-Policy"]).toContain("frame-ancestors *");
    expect(embed["X-Frame-Options"]).toBeUndefined();
  });

  it("add HSTS only behind TLS", () => {
    expect(Object.fromEntries(securityHeaders("/", "n", { secure: true }))["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(Object.fromEntries(securityHeaders("/", "n", { secure: false }))["Strict-Transport-Security"]).toBeUndefined();
  });
});
