// The end-to-end tests' web server: a fresh database (migrated, seeded, plus fixtures), then
// `next start`. Refuses any database that is not on this machine.
import { bin, exec, run, withRequestHold } from "./lib/run.mjs";

const databaseUrl = process.env.E2E_DATABASE_URL || "file:./prisma/e2e.db";
const port = process.env.E2E_PORT || "3100";
const env = { DATABASE_URL: databaseUrl };

try {
  run(bin("tsx"), ["e2e/setup/reset-db.ts"], env);
  run(bin("prisma"), ["migrate", "deploy"], env);
  run(bin("tsx"), ["--conditions=react-server", "e2e/setup/seed-e2e.ts"], env);
} catch (err) {
  console.error(`serve-e2e: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
exec(bin("next"), ["start", "-H", "127.0.0.1", "-p", port], { ...env, NODE_OPTIONS: withRequestHold() });
