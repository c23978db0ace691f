// Small helpers shared by the start and test scripts (plain Node, no build step).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

// Quiet and offline: no telemetry, no update checks.
export const quietEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

export function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...quietEnv, ...env },
  });
  if (result.status !== 0) {
    const why = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed (${why})`);
  }
}

/** Runs a long-lived process in the foreground, forwarding signals, and exits with it. */
export function exec(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...quietEnv, ...env } });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "generated",
  "next.config.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function hashTree(hash, p) {
  if (!existsSync(p)) return;
  const s = statSync(p);
  if (s.isDirectory()) {
    for (const name of readdirSync(p).sort()) {
      if (name === "node_modules" || name.endsWith(".test.ts")) continue;
      hashTree(hash, path.join(p, name));
    }
  } else {
    hash.update(path.relative(root, p));
    hash.update(readFileSync(p));
  }
}

/** Builds the app when its sources changed since the last build (or it was never built). */
export function buildIfNeeded() {
  const hash = createHash("sha256");
  for (const p of BUILD_INPUTS) hashTree(hash, path.join(root, p));
  const digest = hash.digest("hex");
  const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
  const stamp = path.join(distDir, "sourceline-build-hash");
  const built = existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stamp);
  if (built && readFileSync(stamp, "utf8") === digest) {
    console.log("Build is up to date.");
    return;
  }
  console.log("Building the app…");
  // The build must never read the database (every page is rendered per request): point it at an
  // empty throwaway file so a page that touches data at build time fails here, not in CI.
  const guard = path.join(os.tmpdir(), `sourceline-build-${process.pid}.db`);
  try {
    run(bin("next"), ["build"], { DATABASE_URL: `file:${guard}` });
  } finally {
    rmSync(guard, { force: true });
  }
  writeFileSync(stamp, digest);
}

/**
 * NODE_OPTIONS for `next start` that preload scripts/lib/hold-requests.mjs, so that no request
 * reaches Next before the app's request guard is installed (see that file).
 */
export function withRequestHold(current = process.env.NODE_OPTIONS ?? "") {
  const option = `--import=${path.join(root, "scripts", "lib", "hold-requests.mjs")}`;
  return current.includes(option) ? current : `${current} ${option}`.trim();
}

export function isPostgresUrl(url) {
  return /^postgres(ql)?:\/\//i.test(url);
}
