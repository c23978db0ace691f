import { databaseKind, type Db } from "../db";

export type TableSnapshot = Record<string, Record<string, unknown>[]>;

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

function sortKey(row: Record<string, unknown>): string {
  return JSON.stringify(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The names of every application table (migration bookkeeping excluded), sorted. */
export async function listTables(db: Db): Promise<string[]> {
  const rows =
    databaseKind() === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT table_name::text AS name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows
    .map((r) => r.name)
    .filter((name) => name !== "_prisma_migrations")
    // The full-text index (FTS5 table, its shadow tables and row keys; lib/search) is derived
    // from Event.searchText, not content.
    .filter((name) => !/^EventSearch($|_|Key$)/.test(name))
    .sort();
}

/**
 * The columns of a table that hold content: on PostgreSQL, generated columns are left out (the
 * full-text vector Event.searchVector is derived from Event.searchText, and Prisma cannot read
 * its type). SQLite has none.
 */
async function contentColumns(db: Db, table: string): Promise<string> {
  if (databaseKind() !== "postgresql") return "*";
  const columns = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT column_name::text AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    table,
  );
  return columns.map((c) => `"${c.name}"`).join(", ");
}

/**
 * Every row of every table, values made plain (dates as ISO strings) and rows sorted, so that two
 * snapshots are deep-equal exactly when the database content is the same. For idempotency checks.
 */
export async function snapshotDatabase(db: Db): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {};
  for (const table of await listTables(db)) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${await contentColumns(db, table)} FROM "${table}"`);
    snapshot[table] = rows
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])))
      .sort((a, b) => {
        const ka = sortKey(a);
        const kb = sortKey(b);
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
  }
  return snapshot;
}
