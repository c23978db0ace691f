import { AsyncLocalStorage } from "node:async_hooks";

// Writes take turns on SQLite's one connection.
//
// @prisma/adapter-better-sqlite3 runs every statement on a single connection. Its transactions
// take turns (a lock held from BEGIN to COMMIT), but a top-level write (a single-statement update,
// a $executeRaw) runs on that connection at once. While another request's transaction is open it
// therefore ran *inside* that transaction: committed with it, or silently lost when it rolled
// back (an editor's save refused half-way took a sign-in's or another editor's write with it).
//
// WriteTurns gives every write a turn, in arrival order: a transaction holds it from its start to
// its commit or rollback, a top-level write for its one statement. A top-level write issued from
// the body of the open transaction itself (code that used the app's client instead of `tx`) runs
// at once, in that transaction, as it always has: making it wait for the transaction that waits
// for it would hold both until the transaction's time-out. PostgreSQL needs none of this: each
// statement outside a transaction takes a pooled connection of its own.

type Scope = { open: boolean };
export type Ending = { commit(): Promise<void>; rollback(): Promise<void> };

/** Calls `ended` once the driver transaction has committed or rolled back (or failed to). */
export function whenEnded(transaction: Ending, ended: () => void): void {
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

type Waiter = { go(): void; timer: ReturnType<typeof setTimeout> | null };

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
   * Runs `open` (a client's $transaction call) in a scope of its own, so that a top-level write
   * from its body is known as the transaction's own.
   */
  transaction<T>(open: () => T): T {
    return this.#scope.run({ open: false }, open);
  }

  /** The adapter's startTransaction: waits for the turn, and holds it until commit or rollback. */
  async startTransaction<T extends Ending>(start: () => Promise<T>): Promise<T> {
    const release = await this.#turn();
    let transaction: T;
    try {
      transaction = await start();
    } catch (error) {
      release();
      throw error;
    }
    const scope = this.#scope.getStore();
    if (scope) scope.open = true;
    whenEnded(transaction, () => {
      if (scope) scope.open = false;
      release();
    });
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

  /**
   * Waits for the turn (at most `waitMs`, when given); the function returned gives it to the next
   * in line (once).
   */
  async #turn(waitMs?: number): Promise<() => void> {
    if (this.#held) {
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { go: resolve, timer: null };
        if (waitMs !== undefined) {
          waiter.timer = setTimeout(() => {
            this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
            reject(new Error(`The database is busy with another change (waited ${waitMs / 1000} s for it). Please try again.`));
          }, waitMs);
        }
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
