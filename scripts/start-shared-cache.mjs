// `npm run start:shared-cache`: nginx (Debian's package) with proxy_cache on SHARED_CACHE_PORT
// (default 8080), in front of two app instances (APP_PORTS, default 3001,3002) on one PostgreSQL
// database (DATABASE_URL, required). Migrates, seeds an empty database, builds if needed, then
// runs until stopped (Ctrl-C ends all three). PAGE_CACHE_SECONDS (default 10) is the bound on how
// long any copy of a page, in an app instance or in nginx, is served after it was rendered.
import { bin, buildIfNeeded, isPostgresUrl, run } from "./lib/run.mjs";
import { startSharedCache } from "./lib/shared-cache.mjs";

const databaseUrl = process.env.DATABASE_URL ?? "";
if (!isPostgresUrl(databaseUrl)) {
  console.error("start:shared-cache: set DATABASE_URL to a postgresql:// database (two instances share it).");
  process.exit(1);
}
const port = Number(process.env.SHARED_CACHE_PORT || 8080);
const appPorts = (process.env.APP_PORTS || "3001,3002").split(",").map(Number);
const pageCacheSeconds = Number(process.env.PAGE_CACHE_SECONDS || 10);

try {
  run(bin("prisma"), ["migrate", "deploy"], { DATABASE_URL: databaseUrl });
  run(bin("tsx"), ["--conditions=react-server", "scripts/seed-if-empty.ts"], { DATABASE_URL: databaseUrl });
  buildIfNeeded();
  const shared = await startSharedCache({ databaseUrl, port, appPorts, pageCacheSeconds });
  console.log(`nginx on ${shared.url}, in front of ${appPorts.map((p) => `127.0.0.1:${p}`).join(" and ")} (pages kept at most ${pageCacheSeconds} s).`);
  const stop = async () => {
    await shared.stop();
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => void stop());
} catch (err) {
  console.error(`start:shared-cache: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
