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

export class WriteTurns {
  #held = false;
  readonly #waiting: (() => void)[] = [];
  readonly #scope = new AsyncLocalStorage<Scope>();

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
    const release = await this.#turn();
    try {
      return await run();
    } finally {
      release();
    }
  }

  /** Waits for the turn; the function returned gives it to the next in line (once). */
  async #turn(): Promise<() => void> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // Handed straight to the next in line, so nobody arriving meanwhile can jump the queue.
      if (next) next();
      else this.#held = false;
    };
  }
}
