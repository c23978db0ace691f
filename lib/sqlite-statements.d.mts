import type Database from "better-sqlite3";

/**
 * Makes `client.prepare` keep its compiled statements (returns how many it keeps now, for tests).
 * Idempotent per connection.
 */
export function keepPreparedStatements(client: Database.Database): { size(): number };
