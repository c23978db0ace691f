// `npm start`: migrate, seed if empty, build if needed, and serve on $PORT (default 3000).
// DATABASE_URL selects the database: unset or file:… is the embedded SQLite file,
// postgres://… or postgresql://… is PostgreSQL with its own migrations.
import { checkDatabaseUrl } from "./lib/check-database.mjs";
import { bin, buildIfNeeded, exec, run, root, withRequestHold } from "./lib/run.mjs";

const databaseUrl = process.env.DATABASE_URL || "file:./prisma/dev.db";
const port = process.env.PORT || "3000";
const env = { DATABASE_URL: databaseUrl };

// A wrong DATABASE_URL (another database, a missing folder, a file that is not SQLite or is cut
// short) is named in one line here, before Prisma's migration engine fails on it less clearly.
const problem = await checkDatabaseUrl(databaseUrl, root);
if (problem) {
  console.error(`npm start: ${problem}`);
  process.exit(1);
}

try {
  run(bin("prisma"), ["migrate", "deploy"], env);
  run(bin("tsx"), ["--conditions=react-server", "scripts/seed-if-empty.ts"], env);
  buildIfNeeded();
} catch (err) {
  console.error(`npm start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
console.log(`Serving Sourceline on http://localhost:${port}`);
exec(bin("next"), ["start", "-p", port], { ...env, NODE_OPTIONS: withRequestHold() });
