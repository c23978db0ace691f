import { afterAll } from "vitest";
import { disconnectDb } from "../db";
import { createTemporaryDatabase } from "./temp-database";

// Vitest setup file, run before every test file: each file gets its own real, migrated database
// (SQLite by default; PostgreSQL when TEST_DATABASE_URL is a postgres URL), so no test depends on
// another file's leftovers. lib/env.ts reads DATABASE_URL on every call and lib/db.ts opens its
// client lazily, so setting the variable here, before any test code runs, is enough.

const database = await createTemporaryDatabase(process.env.TEST_DATABASE_URL);
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await disconnectDb();
  await database.drop();
});
