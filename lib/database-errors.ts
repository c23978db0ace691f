// Database errors matched by the database's own code (never by message text). The two driver
// adapters surface it differently: better-sqlite3 on the Prisma error's code or on
// meta.driverAdapterError.cause.originalCode; pg on cause.originalCode.

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/** The code the database gave (SQLite extended result code name or PostgreSQL SQLSTATE), if any. */
export function databaseErrorCode(error: unknown): string | undefined {
  const candidates = [
    field(field(error, "cause"), "originalCode"),
    field(field(field(field(error, "meta"), "driverAdapterError"), "cause"), "originalCode"),
    field(error, "code"),
  ];
  return candidates.find((c): c is string => typeof c === "string" && !/^P\d{4}$/.test(c));
}

/** The database refused a write because it is read-only (a read-only SQLite file, a PostgreSQL replica). */
export function isReadOnlyDatabaseError(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && (code.startsWith("SQLITE_READONLY") || code === "25006");
}
