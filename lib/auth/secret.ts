import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readEnv } from "../env";

// BETTER_AUTH_SECRET signs session cookies. When it is unset (a first `npm start`, the tests), a
// random one is generated once into .data/auth-secret (git-ignored, mode 0600) and reused by every
// later process, so sessions survive restarts. Several app instances must share one secret: set
// BETTER_AUTH_SECRET for them.

export function authSecretFile(): string {
  return process.env.AUTH_SECRET_FILE || path.join(process.cwd(), ".data", "auth-secret");
}

let cached: string | undefined;

export function authSecret(): string {
  const fromEnv = readEnv().BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (cached) return cached;
  const file = authSecretFile();
  try {
    cached = readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch {
    // not created yet
  }
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  try {
    // "wx": when two processes start at once, only one writes; the other reads the winner's.
    writeFileSync(/*turbopackIgnore: true*/ file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
  }
  cached = readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  return cached;
}
