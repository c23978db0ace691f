/** A rule of the model was broken; the message says what was wrong and is safe to show. */
export class DomainError extends Error {
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = "DomainError";
    this.field = field;
  }
}

/**
 * The database stayed busy with another change for longer than a write may wait (on SQLite, whose
 * one connection writes one change at a time: lib/sqlite-writes.ts). Nothing was written; the
 * message is safe to show, and asking again later can succeed.
 */
export class DatabaseBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseBusyError";
  }
}
