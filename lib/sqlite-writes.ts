import { AsyncLocalStorage } from "node:async_hooks";
import { DatabaseBusyError } from "./errors";

// Writes take turns on SQLite's one connection.
//
// @prisma/adapter-better-sqlite3 runs every statement on a single connection. Its transactions
// take turns (a lock held from BEGIN to COMMIT), but a top-level write (a single-statement update,
// a $executeRaw) runs on that connection at once. While another request's transaction is open it
// therefore ran *inside* that transaction: committed with it, or silently lost when it rolled
// back (an editor's save refused half-way took a sign-in's or another editor's write with it).
//
// WriteTurns gives every write a turn, in arrival order: a transaction holds it from its start to
// its commit or rollback, a top-level write for its one statement. Nobody waits without end: a
// transaction waits at most its maxWait (Prisma's own option, which Prisma checks only once the
// adapter has started the transaction), a top-level write at most WRITE_TURN_WAIT_MS; then it is
// refused with an error saying the database is busy.
//
// Code in a transaction's body that writes through the app's client instead of `tx`:
// - a single statement runs at once, in that transaction, as it always has: making it wait for the
//   transaction that waits for it would hold both until the transaction's time-out;
// - a write Prisma runs as a transaction of its own (updateMany, nested writes), or a nested
//   $transaction, cannot run inside the open one, and is refused at once (it used to wait for the
//   outer transaction until that timed out).
//
// PostgreSQL needs none of this: each statement outside a transaction takes a pooled connection
// of its own.

/** A $transaction call: whether its transaction is open, how long it may wait, and the call it is inside. */
type Scope = { open: boolean; maxWaitMs: number; within: Scope | undefined };

/** The driver's side of a transaction (@prisma/driver-adapter-utils' Transaction), as used here. */
export type Ending = {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  executeRaw(query: { sql: string; args: unknown[]; argTypes: unknown[] }): Promise<number>;
};

/** Calls `ended` once the driver transaction has committed or rolled back (or failed to). */
export function whenEnded(transaction: Pick<Ending, "commit" | "rollback">, ended: () => void): void {
  for (const end of ["commit", "rollback"] as const) {
    const original = transaction[end].bind(transaction);
    transaction[end] = async () => {
      try {
        return await original();
      } finally {
        ended();
      }
    };
  }
}

/**
 * How long a top-level write waits for its turn (ms): as long as the sign-in limiter waits to open
 * its transaction. A long import holds the turn for minutes; a write behind it is then refused
 * with a clear error instead of holding its request for as long.
 */
export const WRITE_TURN_WAIT_MS = 15_000;

/** Prisma's default maxWait for a transaction (ms), for a $transaction call that sets none. */
export const PRISMA_DEFAULT_MAX_WAIT_MS = 2_000;

type Waiter = { go(): void; timer: ReturnType<typeof setTimeout> | null };

const busy = (waitedMs: number) => new DatabaseBusyError(`The database is busy with another change (waited ${waitedMs / 1000} s for it). Please try again.`);

export class WriteTurns {
  #held = false;
  readonly #waiting: Waiter[] = [];
  readonly #scope = new AsyncLocalStorage<Scope>();

  constructor(private readonly writeWaitMs: number = WRITE_TURN_WAIT_MS) {}

  /** Writes waiting for their turn (for tests). */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Runs `open` (a client's $transaction call, with its options' maxWait) in a scope of its own,
   * so that a top-level write from its body is known as the transaction's own.
   */
  transaction<T>(maxWaitMs: number | undefined, open: () => T): T {
    return this.#scope.run({ open: false, maxWaitMs: maxWaitMs ?? PRISMA_DEFAULT_MAX_WAIT_MS, within: this.#scope.getStore() }, open);
  }

  /** The adapter's startTransaction: waits for the turn, and holds it until commit or rollback. */
  async startTransaction<T extends Ending>(start: () => Promise<T>): Promise<T> {
    const scope = this.#scope.getStore();
    for (let s = scope; s; s = s.within) {
      if (s.open) throw new Error("A transaction was started from inside another one's body through the app's client; the body must use its own transaction client (tx).");
    }
    const release = await this.#turn(scope?.maxWaitMs ?? this.writeWaitMs);
    let transaction: T;
    try {
      transaction = await start();
    } catch (error) {
      release();
      throw error;
    }
    if (scope) scope.open = true;
    whenEnded(transaction, () => {
      if (scope) scope.open = false;
      release();
    });
    // Prisma ends a transaction with a COMMIT (or ROLLBACK) statement, then calls commit() (or
    // rollback()), but not when that statement fails: a deferred constraint broken at COMMIT, a
    // full disk, or SQLite having rolled back already after an I/O error. The transaction is
    // then rolled back here and ended, so that it does not keep the connection and the turn.
    const execute = transaction.executeRaw.bind(transaction);
    transaction.executeRaw = async (query) => {
      try {
        return await execute(query);
      } catch (error) {
        if (query.sql === "COMMIT" || query.sql === "ROLLBACK") {
          await execute({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
          await transaction.rollback();
        }
        throw error;
      }
    };
    return transaction;
  }

  /** A top-level write: after the transactions and writes ahead of it, or at once from a transaction's own body. */
  async write<T>(run: () => Promise<T>): Promise<T> {
    if (this.#scope.getStore()?.open) return run();
    const release = await this.#turn(this.writeWaitMs);
    try {
      return await run();
    } finally {
      release();
    }
  }

  /** Waits for the turn, at most waitMs; the function returned gives it to the next in line (once). */
  async #turn(waitMs: number): Promise<() => void> {
    if (this.#held) {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { go: resolve, timer: null };
        waiter.timer = setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          reject(busy(waitMs));
        }, waitMs);
        this.#waiting.push(waiter);
      });
    }
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // Handed straight to the next in line, so nobody arriving meanwhile can jump the queue.
      if (next) {
        if (next.timer) clearTimeout(next.timer);
        next.go();
      } else this.#held = false;
    };
  }
}
