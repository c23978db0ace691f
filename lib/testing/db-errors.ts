// The database's own error code behind a rejected Prisma call, so tests can match rejections by
// code rather than by message text. The two driver adapters surface a rejection differently:
// - better-sqlite3: PrismaClientKnownRequestError (a trigger's RAISE(ABORT) arrives as P2003) with
//   meta.driverAdapterError.cause.originalCode, e.g. "SQLITE_CONSTRAINT_TRIGGER";
// - pg: codes Prisma does not map (e.g. 23514 check_violation, which the triggers raise) arrive as
//   a bare DriverAdapterError with cause.originalCode.

import { databaseErrorCode } from "../database-errors";

export { databaseErrorCode };

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The Prisma error code (P2002, P2003, P2025…) of a PrismaClientKnownRequestError, if any. */
export function prismaErrorCode(error: unknown): string | undefined {
  const code = field(error, "code");
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** The code a status-rule trigger or check constraint rejects a write with, per database. */
export const RULE_VIOLATION_CODE = {
  sqlite: "SQLITE_CONSTRAINT_TRIGGER",
  postgresql: "23514", // check_violation
} as const;

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the operation to be rejected, but it succeeded.");
}
