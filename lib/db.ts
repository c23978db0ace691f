import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import { PrismaClient as PgClient } from "../generated/prisma-pg/client";
import { databaseUrl, isPostgresUrl } from "./env";

// The only place a database client is built. Both generated clients come from identical models
// (checked by lib/schema-parity.test.ts), so the SQLite client's type describes both.
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function databaseKind(): "postgresql" | "sqlite" {
  return isPostgresUrl(databaseUrl()) ? "postgresql" : "sqlite";
}

function createClient(): Db {
  return createDbClient(databaseUrl());
}

/**
 * A client for another database than DATABASE_URL's (export from one, import into another in one
 * process). The caller owns it and must $disconnect() it.
 */
export function createDbClient(url: string): Db {
  // SOURCELINE_QUERY_EVENTS=1 makes the client emit a "query" event per SQL statement, so a test
  // can count the statements behind a page (lib/events/query-count.test.ts). Off otherwise.
  const log = process.env.SOURCELINE_QUERY_EVENTS === "1" ? [{ emit: "event" as const, level: "query" as const }] : undefined;
  if (isPostgresUrl(url)) {
    return new PgClient({ adapter: new PrismaPg({ connectionString: url }), log }) as unknown as Db;
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }), log });
  // A 64 MB page cache instead of better-sqlite3's 16 MB: a capped count over a large story reads
  // a few thousand scattered pages (scripts/bench/analysis.md), which then stay in memory between
  // requests. The adapter keeps one connection, so setting it once covers every query.
  db.$executeRawUnsafe(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`).catch((error: unknown) => {
    console.error("Could not set the SQLite page cache size:", error);
  });
  return db;
}

/** The SQLite page cache, in KiB. */
export const SQLITE_CACHE_KIB = 65_536;

/** Calls `listener` for every SQL statement of getDb(), when built with SOURCELINE_QUERY_EVENTS=1. */
export function onQuery(listener: (e: { query: string }) => void): void {
  (getDb() as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", listener);
}

// Reused across hot reloads in development; a fresh client per process otherwise.
const globalForPrisma = globalThis as unknown as { sourcelinePrisma?: Db };

let client: Db | undefined;

export function getDb(): Db {
  if (process.env.NODE_ENV === "development") {
    globalForPrisma.sourcelinePrisma ??= createClient();
    return globalForPrisma.sourcelinePrisma;
  }
  client ??= createClient();
  return client;
}

export async function disconnectDb(): Promise<void> {
  if (client) {
    await client.$disconnect();
    client = undefined;
  }
  if (globalForPrisma.sourcelinePrisma) {
    await globalForPrisma.sourcelinePrisma.$disconnect();
    globalForPrisma.sourcelinePrisma = undefined;
  }
}
