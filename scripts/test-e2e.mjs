// `npm run test:e2e`: end-to-end tests in real Chromium against a real `next start`.
// Uses Debian's /usr/bin/chromium (installing it when missing and running as root), or a
// browser Playwright already has. The database is a throwaway one (E2E_DATABASE_URL, default
// the SQLite file prisma/e2e.db), never the development database.
import { existsSync } from "node:fs";
import { bin, buildIfNeeded, run } from "./lib/run.mjs";

const CHROMIUM = "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) {
    console.log("Installing Debian's chromium package for the end-to-end tests…");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], { DEBIAN_FRONTEND: "noninteractive" });
    return;
  }
  console.log(`${CHROMIUM} is missing and this is not root: using a browser Playwright has installed, if any.`);
}

try {
  ensureChromium();
  buildIfNeeded();
  run(bin("playwright"), ["test", ...process.argv.slice(2)]);
} catch (err) {
  console.error(`test:e2e: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
