import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// The shared-cache end-to-end tests (e2e/shared-cache/): nginx with proxy_cache in front of two
// app instances on one PostgreSQL database, all started by scripts/serve-e2e-shared-cache.mjs.
// `E2E_DATABASE_URL=postgresql://…/db npm run test:e2e:shared-cache`.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const NGINX_PORT = PORT + 80;
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e/shared-cache",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: { baseURL: `http://127.0.0.1:${NGINX_PORT}`, trace: "off" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/serve-e2e-shared-cache.mjs",
    url: `http://127.0.0.1:${NGINX_PORT}/robots.txt`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      E2E_PORT: String(PORT),
      ...(process.env.E2E_DATABASE_URL ? { E2E_DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
