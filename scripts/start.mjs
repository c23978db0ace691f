// `npm start`: migrate, seed if empty, build if needed, and serve on $PORT (default 3000).
// DATABASE_URL selects the database: unset or file:… is the embedded SQLite file,
// postgres://… or postgresql://… is PostgreSQL with its own migrations.
import { bin, buildIfNeeded, exec, run } from "./lib/run.mjs";

const databaseUrl = process.env.DATABASE_URL || "file:./prisma/dev.db";
const port = process.env.PORT || "3000";
const env = { DATABASE_URL: databaseUrl };

try {
  run(bin("prisma"), ["migrate", "deploy"], env);
  run(bin("tsx"), ["--conditions=react-server", "scripts/seed-if-empty.ts"], env);
  buildIfNeeded();
} catch (err) {
  console.error(`npm start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
console.log(`Serving Sourceline on http://localhost:${port}`);
exec(bin("next"), ["start", "-p", port], env);
