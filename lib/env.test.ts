import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

const env = (vars: Record<string, string>) => readEnv({ NODE_ENV: "test", ...vars });

describe("readEnv", () => {
  it("defaults to the embedded SQLite file and a 60-second page cache", () => {
    const e = env({});
    expect(e.DATABASE_URL).toBe("file:./prisma/dev.db");
    expect(e.PAGE_CACHE_SECONDS).toBe(60);
  });

  it("takes PAGE_CACHE_SECONDS, 0 turning the cache off", () => {
    expect(env({ PAGE_CACHE_SECONDS: "0" }).PAGE_CACHE_SECONDS).toBe(0);
    expect(env({ PAGE_CACHE_SECONDS: "300" }).PAGE_CACHE_SECONDS).toBe(300);
  });

  it("names the variable and the rule when a value is wrong", () => {
    expect(() => env({ PAGE_CACHE_SECONDS: "soon" })).toThrow(
      "Invalid environment: PAGE_CACHE_SECONDS: PAGE_CACHE_SECONDS must be a whole number of seconds from 0 to 86400 (got “soon”).",
    );
    expect(() => env({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: DATABASE_URL must start with file:/);
  });
});
