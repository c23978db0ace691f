import { describe, expect, it } from "vitest";
import { readEnv } from "../env";
import { clientAddress, CLIENT_ADDRESS_HEADER, GUARD_TOKEN_HEADER, guardToken, normaliseForwardedHeaders, resolveClientAddress } from "./forwarded";

type H = Record<string, string | string[] | undefined>;

describe("forwarded headers", () => {
  it("with no trusted proxy, the client is the socket's address and forwarded headers are dropped", () => {
    const headers: H = {
      host: "timeline.example",
      "x-forwarded-for": "203.0.113.9, 198.51.100.1",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-real-ip": "203.0.113.10",
    };
    normaliseForwardedHeaders(headers, "192.0.2.7", 0);
    expect(headers).toEqual({
      host: "timeline.example",
      "x-forwarded-for": "192.0.2.7",
      [CLIENT_ADDRESS_HEADER]: "192.0.2.7",
      [GUARD_TOKEN_HEADER]: guardToken(),
    });
  });

  it("with N trusted proxies, the client is the Nth address from the right; the nearest proxy's host and scheme count", () => {
    // client 203.0.113.5 → proxy A (adds 203.0.113.5) → proxy B (adds A's address) → app.
    expect(resolveClientAddress("1.1.1.1, 203.0.113.5, 10.0.0.2", "10.0.0.3", 2)).toBe("203.0.113.5");
    expect(resolveClientAddress("203.0.113.5", "10.0.0.3", 1)).toBe("203.0.113.5");
    // A client that writes its own X-Forwarded-For only adds to the left of what proxies add.
    expect(resolveClientAddress(["6.6.6.6", "203.0.113.5"], "10.0.0.3", 1)).toBe("203.0.113.5");
    // Fewer addresses than hops: the leftmost one is the best there is.
    expect(resolveClientAddress(undefined, "10.0.0.3", 3)).toBe("10.0.0.3");
    const headers: H = { "x-forwarded-for": "6.6.6.6, 203.0.113.5", "x-forwarded-host": "evil.example, timeline.example", "x-forwarded-proto": "https" };
    normaliseForwardedHeaders(headers, "10.0.0.3", 1);
    expect(headers).toMatchObject({ "x-forwarded-for": "203.0.113.5", "x-forwarded-host": "timeline.example", "x-forwarded-proto": "https" });
  });

  it("downstream code believes the address only with this process's guard token", () => {
    const headers: H = { "x-forwarded-for": "6.6.6.6" };
    normaliseForwardedHeaders(headers, "192.0.2.7", 0);
    expect(clientAddress(new Headers(headers as Record<string, string>))).toBe("192.0.2.7");
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "6.6.6.6", [GUARD_TOKEN_HEADER]: "guessed" }))).toBe("unknown");
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBe("unknown");
  });

  it("TRUSTED_PROXY_HOPS is a whole number from 0 to 10, 0 by default", () => {
    expect(readEnv({ NODE_ENV: "test" }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(readEnv({ NODE_ENV: "test", TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => readEnv({ NODE_ENV: "test", TRUSTED_PROXY_HOPS: "yes" })).toThrow(/TRUSTED_PROXY_HOPS must be a whole number from 0 to 10/);
    expect(() => readEnv({ NODE_ENV: "test", TRUSTED_PROXY_HOPS: "11" })).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
