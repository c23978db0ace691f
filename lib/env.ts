import { z } from "zod";
import { pageCacheSeconds } from "./cache/page-cache";

const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

/** Reader threads for SQLite when SQLITE_READERS is unset: enough for the disk to see several reads at once. */
export const DEFAULT_SQLITE_READERS = 4;

/** An optional setting that must be a whole number from 0 to `max` (at most two digits). */
function wholeNumber(name: string, fallback: number, max: number) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      if (!/^\d{1,2}$/.test(v.trim()) || Number(v) > max) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number from 0 to ${max} (got “${v}”).` });
        return z.NEVER;
      }
      return Number(v);
    });
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/i.test(v), {
      message: "DATABASE_URL must start with file:, postgres:// or postgresql://",
    })
    .default(DEFAULT_DATABASE_URL),
  SITE_URL: z.url().optional(),
  // Signs session cookies and tokens. Unset: lib/auth/secret.ts generates one into .data/auth-secret.
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
  // The readers' page cache window (lib/cache/page-cache.ts); read there, checked here so that a
  // bad value stops `npm start` instead of failing every page.
  PAGE_CACHE_SECONDS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return pageCacheSeconds(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  // How many reverse proxies in front of the app append to X-Forwarded-For (lib/http/forwarded.ts).
  // 0 (the default): none, so the socket's address is the client's and forwarded headers from
  // clients are dropped.
  TRUSTED_PROXY_HOPS: wholeNumber("TRUSTED_PROXY_HOPS", 0, 10),
  // Threads that read the embedded SQLite database beside the main one (lib/sqlite-reads.ts).
  // 0 reads on the main thread only.
  SQLITE_READERS: wholeNumber("SQLITE_READERS", DEFAULT_SQLITE_READERS, 16),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    SITE_URL: source.SITE_URL || undefined,
    BETTER_AUTH_SECRET: source.BETTER_AUTH_SECRET || undefined,
    PAGE_CACHE_SECONDS: source.PAGE_CACHE_SECONDS || undefined,
    TRUSTED_PROXY_HOPS: source.TRUSTED_PROXY_HOPS || undefined,
    SQLITE_READERS: source.SQLITE_READERS || undefined,
  });
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  return parsed.data;
}

// Read on every call: tests point DATABASE_URL at a temporary database before first use.
export function databaseUrl(): string {
  return readEnv().DATABASE_URL;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
