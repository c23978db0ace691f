// The shared-cache end-to-end tests' servers: a fresh PostgreSQL database (migrated, seeded, plus
// fixtures), then nginx with proxy_cache on E2E_PORT + 80 in front of two `next start` instances
// on E2E_PORT and E2E_PORT + 50. Pages are kept SHARED_CACHE_PAGE_SECONDS (default 10) at most.
import { bin, isPostgresUrl, run } from "./lib/run.mjs";
import { startSharedCache } from "./lib/shared-cache.mjs";

const databaseUrl = process.env.E2E_DATABASE_URL ?? "";
if (!isPostgresUrl(databaseUrl)) {
  console.error("serve-e2e-shared-cache: two instances share one PostgreSQL database; set E2E_DATABASE_URL to a local postgresql:// one.");
  process.exit(1);
}
const port = Number(process.env.E2E_PORT || 3100);
const env = { DATABASE_URL: databaseUrl };
try {
  run(bin("tsx"), ["e2e/setup/reset-db.ts"], env);
  run(bin("prisma"), ["migrate", "deploy"], env);
  run(bin("tsx"), ["--conditions=react-server", "e2e/setup/seed-e2e.ts"], env);
  const shared = await startSharedCache({
    databaseUrl,
    port: port + 80,
    appPorts: [port, port + 50],
    pageCacheSeconds: Number(process.env.SHARED_CACHE_PAGE_SECONDS || 10),
  });
  console.log(`Shared cache ready on ${shared.url}`);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      void shared.stop().then(() => process.exit(0));
    });
  }
} catch (err) {
  console.error(`serve-e2e-shared-cache: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
