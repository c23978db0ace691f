import { AsyncLocalStorage } from "node:async_hooks";
import { clearLogs as clearPrismaDebugHistory } from "@prisma/debug";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import { PrismaClient as PgClient } from "../generated/prisma-pg/client";
import { databaseUrl, isPostgresUrl, readEnv } from "./env";
import { keepPreparedStatements } from "./sqlite-statements.mjs";
import { isPlainRead, SqliteReaders, type DriverQuery as ReaderQuery } from "./sqlite-reads";
import { type Ending, whenEnded, WriteTurns } from "./sqlite-writes";

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
    const connection: Connection = {};
    const db = new PgClient({ adapter: withDriverTransactions(new PrismaPg({ connectionString: url }), connection), log }) as unknown as Db;
    connectionOf.set(db, connection);
    return db;
  }
  enableWriteAheadLog(url);
  const connection: Connection = {};
  const readerCount = readEnv().SQLITE_READERS;
  // Reader threads (lib/sqlite-reads.ts), each with a quarter of the main connection's page cache:
  // four of them hold as much again, and the operating system's cache holds the rest.
  const readers = readerCount > 0 && !url.includes(":memory:") ? new SqliteReaders(url, readerCount, { timeout: SQLITE_BUSY_TIMEOUT_MS, cacheKib: SQLITE_CACHE_KIB / 4 }) : null;
  connection.readers = readers;
  // Writes take turns on the one connection (lib/sqlite-writes.ts).
  const turns = new WriteTurns();
  const db = new SqliteClient({ adapter: withDriverTransactions(new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }), connection, readers, turns), log });
  const transaction = db.$transaction.bind(db) as (...args: unknown[]) => unknown;
  db.$transaction = ((...args: unknown[]) => {
    const options = args[1] as { maxWait?: number } | undefined;
    return turns.transaction(options?.maxWait, () => transaction(...args));
  }) as unknown as Db["$transaction"];
  connectionOf.set(db, connection);
  // A 64 MB page cache instead of better-sqlite3's 16 MB: a capped count over a large story reads
  // a few thousand scattered pages (scripts/bench/analysis.md), which then stay in memory between
  // requests. The adapter keeps one connection, so setting it once covers every query on the main
  // thread; the reader threads set their own (lib/sqlite-read-worker.mjs).
  db.$executeRawUnsafe(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`).catch((error: unknown) => {
    console.error("Could not set the SQLite page cache size:", error);
  });
  return db;
}

// ------------------------------------------------------------------------------------------------
// Statements sent to the driver inside a Prisma transaction
// ------------------------------------------------------------------------------------------------

/**
 * The driver adapter's side of an open transaction (@prisma/driver-adapter-utils' Transaction):
 * statements run on the transaction's own connection, so they commit or roll back with it.
 */
export type DriverTransaction = {
  executeRaw(query: DriverQuery): Promise<number>;
  queryRaw(query: DriverQuery): Promise<{ columnNames: string[]; rows: unknown[][] }>;
};
export type DriverQuery = { sql: string; args: unknown[]; argTypes: { scalarType: "string" | "int" | "float" | "boolean"; arity: "scalar" }[] };

type AdapterFactory = {
  connect(): Promise<{
    startTransaction(...args: unknown[]): Promise<unknown>;
    queryRaw(query: ReaderQuery): Promise<unknown>;
    executeRaw(query: ReaderQuery): Promise<number>;
    executeScript(sql: string): Promise<void>;
    dispose(): Promise<void>;
  }>;
};

/** The adapter a client connected through: its queries run on the client's own connection(s). */
type Connection = { adapter?: Pick<DriverTransaction, "queryRaw">; readers?: SqliteReaders | null };
const connectionOf = new WeakMap<Db, Connection>();

/** The SQLite client's reader threads (lib/sqlite-reads.ts), if it has any. */
export function sqliteReaders(db: Db): SqliteReaders | null {
  return connectionOf.get(db)?.readers ?? null;
}

/** Where transactionWithDriver waits for the driver transaction its $transaction opens. */
const openingTransaction = new AsyncLocalStorage<{ driver?: DriverTransaction }>();
const driverOf = new WeakMap<object, DriverTransaction>();

/**
 * The adapter factory, its adapters handing every transaction they start to the
 * transactionWithDriver that asked for it (none otherwise: nothing else changes). On SQLite, its
 * top-level SELECTs go to `readers` while they are wanted (lib/sqlite-reads.ts).
 */
function withDriverTransactions<F extends AdapterFactory>(factory: F, connection: Connection, readers: SqliteReaders | null = null, turns: WriteTurns | null = null): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    if (turns) {
      // SQLite: a top-level write waits for the transaction open on the connection, if any
      // (lib/sqlite-writes.ts); a top-level SELECT goes to a reader thread while they are wanted
      // (lib/sqlite-reads.ts), or else runs on the connection at once.
      const query = adapter.queryRaw.bind(adapter);
      adapter.queryRaw = async (q: ReaderQuery) => {
        if (!isPlainRead(q.sql)) return turns.write(() => query(q));
        return (readers?.wanted() && (await readers.read(q))) || query(q);
      };
      const execute = adapter.executeRaw.bind(adapter);
      adapter.executeRaw = async (q: ReaderQuery) => turns.write(() => execute(q));
      const script = adapter.executeScript.bind(adapter);
      adapter.executeScript = async (sql: string) => turns.write(() => script(sql));
    }
    if (readers) {
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await readers.close();
        return dispose();
      };
    }
    // SQLite: keep the connection's compiled statements (lib/sqlite-statements.mjs).
    const client = (adapter as unknown as { client?: { prepare?: unknown; pragma?: unknown } }).client;
    if (typeof client?.prepare === "function" && typeof client.pragma === "function") keepPreparedStatements(client as unknown as Database.Database);
    connection.adapter = adapter as unknown as Pick<DriverTransaction, "queryRaw">;
    const begin = adapter.startTransaction.bind(adapter);
    const start = turns ? (...args: unknown[]) => turns.startTransaction(() => begin(...args) as Promise<Ending>) : begin;
    adapter.startTransaction = async (...args: unknown[]) => {
      const transaction = await start(...args);
      if (readers) {
        // Top-level SELECTs meanwhile read the committed state on a reader (lib/sqlite-reads.ts).
        const open = readers.transactionStarted();
        whenEnded(transaction as Ending, () => open.ended());
      }
      const slot = openingTransaction.getStore();
      if (slot) slot.driver = transaction as DriverTransaction;
      return transaction;
    };
    return adapter;
  };
  return factory;
}

/**
 * db.$transaction, with the driver's side of the transaction known for `driverTransaction(tx)`:
 * statements that Prisma would spend far longer preparing than the database spends running them
 * (large parameters go through Prisma's query compiler byte by byte: about 25 ms per megabyte)
 * can be sent to the driver directly, in the same transaction.
 */
export async function transactionWithDriver<T>(db: Db, fn: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
  const slot: { driver?: DriverTransaction } = {};
  return openingTransaction.run(slot, () =>
    db.$transaction(async (tx) => {
      if (slot.driver) driverOf.set(tx, slot.driver);
      return fn(tx);
    }, options),
  );
}

/** The driver's side of a transaction opened by transactionWithDriver (null for any other). */
export function driverTransaction(tx: Db | Tx): DriverTransaction | null {
  return driverOf.get(tx) ?? null;
}

/**
 * Reads sent straight to the client's driver adapter, outside any transaction: for a page's many
 * small relation reads, where Prisma's query compiler costs more than the database does
 * (lib/events/page-read.ts). The statements go where the client's own top-level queries go (on
 * SQLite its connection, or a reader thread while renders overlap: lib/sqlite-reads.ts), and see
 * what they see. Null for a client not built by createDbClient.
 */
export async function driverReader(db: Db): Promise<Pick<DriverTransaction, "queryRaw"> | null> {
  const connection = connectionOf.get(db);
  if (!connection) return null;
  if (!connection.adapter) await db.$connect();
  const adapter = connection.adapter;
  if (!adapter || driverListeners.length === 0) return adapter ?? null;
  return {
    queryRaw(query) {
      for (const listener of driverListeners) listener({ query: query.sql });
      return adapter.queryRaw(query);
    },
  };
}

const driverListeners: ((e: { query: string }) => void)[] = [];

/**
 * Forgets the parameters of the statements run so far. Prisma's debug module keeps its last 100
 * debug calls for crash reports, debugging on or off, and its driver adapters log every statement
 * with its parameters: the thousands of parameters of a bulk statement then stay in memory until
 * a hundred more statements push them out (some 100 MB of a 10k-event import). The import and
 * the export call this after their big statements.
 */
export function forgetStatementParameters(): void {
  clearPrismaDebugHistory();
}

/** A driver statement's parameter type, from the value (instants already in each database's form). */
export const driverArgType = (v: unknown) =>
  ({ scalarType: typeof v === "number" ? (Number.isInteger(v) ? "int" : "float") : typeof v === "boolean" ? "boolean" : "string", arity: "scalar" }) as const;

export type DriverRow = Record<string, unknown>;

/** An instant as the adapters return it: ISO text (either database), or milliseconds. */
export function driverDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint" || (typeof v === "string" && /^\d+$/.test(v))) return new Date(Number(v));
  return new Date(String(v));
}

/**
 * A reader of rows through driverReader: SQL written with `?` placeholders (numbered `$n` on
 * PostgreSQL, so the SQL must hold no `?` in a literal), text and number parameters, each row an
 * object keyed by column name with the driver's own values (SQLite integers may come back as
 * text, instants as ISO text).
 */
export async function driverRows(db: Db): Promise<(sql: string, args: readonly (string | number)[]) => Promise<DriverRow[]>> {
  const adapter = await driverReader(db);
  if (!adapter) throw new Error("Driver reads need a database client built by createDbClient.");
  const postgres = databaseKind() === "postgresql";
  return async (sql, args) => {
    let i = 0;
    const result = await adapter.queryRaw({ sql: postgres ? sql.replace(/\?/g, () => `$${++i}`) : sql, args: [...args], argTypes: args.map(driverArgType) });
    return result.rows.map((values) => Object.fromEntries(result.columnNames.map((name, j) => [name, values[j]])));
  };
}

/** The SQLite page cache, in KiB. */
export const SQLITE_CACHE_KIB = 65_536;

/**
 * How long a write waits for another process's write to finish (better-sqlite3's busy timeout).
 * Readers never wait: see enableWriteAheadLog.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Puts an SQLite database in write-ahead-log mode (kept in the file, so once is enough). In the
 * default rollback-journal mode a writer that commits, or spills a large transaction (an import)
 * to disk, locks readers out of the whole file, and after the busy timeout they fail (P1008).
 * With a write-ahead log, readers keep reading the last committed state while a writer works.
 * Best effort: a file that does not exist yet, or cannot be written, is left as it is.
 */
export function enableWriteAheadLog(url: string): void {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file === ":memory:" || file === "") return;
  let raw: Database.Database | undefined;
  try {
    raw = new Database(file, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
    if (raw.pragma("journal_mode", { simple: true }) !== "wal") raw.pragma("journal_mode = WAL");
  } catch {
    // Not created yet (migrations make it), read-only, or held by another process: left as it is.
  } finally {
    raw?.close();
  }
}

/**
 * Calls `listener` for every SQL statement of getDb(), when built with SOURCELINE_QUERY_EVENTS=1,
 * and for every statement read through driverReader.
 */
export function onQuery(listener: (e: { query: string }) => void): void {
  driverListeners.push(listener);
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
