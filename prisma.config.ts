import path from "node:path";
import { defineConfig } from "prisma/config";
import { pgAdapterForMigrate } from "./prisma/pg-migrate-adapter";
import { sqliteAdapterForMigrate } from "./prisma/sqlite-migrate-adapter";

// DATABASE_URL unset (or file:…) selects the embedded SQLite file; postgres:// or postgresql://
// selects PostgreSQL. Each provider has its own schema and migrations folder.
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.db";
const isPostgres = /^postgres(ql)?:\/\//i.test(url);
const dir = isPostgres ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", dir, "schema.prisma"),
  migrations: {
    path: path.join("prisma", dir, "migrations"),
    seed: "tsx --conditions=react-server prisma/seed.ts",
  },
  adapter: async () => (isPostgres ? pgAdapterForMigrate(url) : sqliteAdapterForMigrate(url)),
});
