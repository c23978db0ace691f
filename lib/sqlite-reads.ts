import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

// Reads of the embedded SQLite database off the main thread. better-sqlite3 is synchronous: a
// statement that waits on the disk (a story larger than memory, read where no one read before)
// holds every request of the process, renders and refusals alike. Reader threads, each with its
// own connection (lib/sqlite-read-worker.mjs), take the top-level SELECTs; the main thread renders
// meanwhile, and the disk sees several reads at once. Writes, transactions and anything that is
// not a plain SELECT stay on the app's connection. In write-ahead-log mode (lib/db.ts) a reader
// sees every write committed before its statement starts.
//
// Handing a statement to a reader costs a few tenths of a millisecond each way, and each reader's
// page cache is its own: alone, a render reads faster on the main thread (a 1k timeline page
// 5 ms, against 7 to 12 through the readers). So the readers take the SELECTs only while renders
// overlap (more than one admitted by lib/http/admission.ts, whose gates install-request-guard.ts
// publishes on globalThis), and for as long as any reader is still busy. A render alone has no one
// to hold up but cached pages. The readers also take every top-level SELECT while a transaction is
// open on the main connection: the adapter runs top-level statements on that same connection, so
// on the main thread they would read the transaction's writes before it commits (or rolls back).
// Readers start when needed too: a new one only when every running one is busy, up to the limit
// (SQLITE_READERS).

export type DriverQuery = { sql: string; args: unknown[]; argTypes: unknown[] };
type Result = { columnNames: string[]; columnTypes: unknown[]; rows: unknown[][] };
type Reader = { worker: Worker; busy: number; ids: Set<number>; ready: boolean };

/** The reader threads' script: beside this file in the source tree, which `npm start` runs from. */
const WORKER_FILE = path.join(process.cwd(), "lib", "sqlite-read-worker.mjs");

/** Where install-request-guard.ts publishes its admission gates. */
const GATES = Symbol.for("sourceline.admissionGates");

/** Renders the server has admitted and not yet answered (0 outside a server). */
function rendersInFlight(): number {
  return (globalThis as typeof globalThis & { [GATES]?: { renders: { inFlight: number } } })[GATES]?.renders.inFlight ?? 0;
}

/** A top-level statement a reader may take: a SELECT (it cannot write; query_only makes sure). */
export function isPlainRead(sql: string): boolean {
  return /^\s*SELECT\b/i.test(sql);
}

export class SqliteReaders {
  readonly #url: string;
  readonly #max: number;
  readonly #options: { timeout: number; cacheKib: number };
  #readers: Reader[] = [];
  #pending = new Map<number, (r: Result | null) => void>();
  #next = 1;
  #closed = false;
  #always = false;
  #transactions = 0;
  /** Statements answered by a reader, and handed back to the caller (for tests). */
  readonly counts = { answered: 0, handedBack: 0 };

  constructor(url: string, max: number, options: { timeout: number; cacheKib: number }) {
    this.#url = url;
    this.#max = max;
    this.#options = options;
  }

  /** How many reader threads run now. */
  get running(): number {
    return this.#readers.length;
  }

  /** Whether the next SELECT should go to a reader (see above). */
  wanted(): boolean {
    if (this.#closed) return false;
    return this.#always || this.#transactions > 0 || rendersInFlight() > 1 || this.#readers.some((r) => r.busy > 0);
  }

  /** A transaction began on the main connection (lib/db.ts); `ended` once it commits or rolls back. */
  transactionStarted(): { ended(): void } {
    this.#transactions++;
    let open = true;
    return {
      ended: () => {
        if (open) this.#transactions--;
        open = false;
      },
    };
  }

  /** Every SELECT to the readers, renders overlapping or not (tests). */
  offloadAll(): void {
    this.#always = true;
  }

  /** The query's result from a reader, or null: then the caller runs it on its own connection. */
  read(query: DriverQuery): Promise<Result | null> {
    if (this.#closed) return Promise.resolve(null);
    const reader = this.#pick();
    if (!reader) return Promise.resolve(null);
    const id = this.#next++;
    // Busy, a reader keeps the process alive until it answers; idle, it must not (see #start).
    if (reader.busy++ === 0) reader.worker.ref();
    reader.ids.add(id);
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      try {
        reader.worker.postMessage({ id, query });
      } catch {
        // An argument that cannot be copied to a thread: the caller runs the query itself.
        this.#settle(reader, id, null);
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const readers = this.#readers;
    this.#readers = [];
    for (const r of readers) for (const id of [...r.ids]) this.#settle(r, id, null);
    await Promise.all(readers.map((r) => r.worker.terminate()));
  }

  /** Answers read `id` (null: the caller runs it itself) and frees its place; once only. */
  #settle(reader: Reader, id: number, result: Result | null): void {
    if (!reader.ids.delete(id)) return;
    if (--reader.busy === 0) reader.worker.unref();
    const resolve = this.#pending.get(id);
    this.#pending.delete(id);
    if (result) this.counts.answered++;
    else this.counts.handedBack++;
    resolve?.(result);
  }

  /** Reading on the main thread from now on, said once. */
  #giveUp(why: string, error?: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    console.error(`SQLite reader threads are off (${why}); reads run on the main thread.`, error ?? "");
  }

  #pick(): Reader | null {
    let least: Reader | null = null;
    for (const r of this.#readers) if (!least || r.busy < least.busy) least = r;
    if (least && (least.busy === 0 || this.#readers.length >= this.#max)) return least;
    return this.#readers.length < this.#max ? this.#start() : least;
  }

  #start(): Reader | null {
    if (!existsSync(WORKER_FILE)) {
      this.#giveUp(`${WORKER_FILE} is not there`);
      return null;
    }
    let worker: Worker;
    try {
      worker = new Worker(WORKER_FILE, { workerData: { url: this.#url, ...this.#options } });
    } catch (error) {
      this.#giveUp("a reader could not start", error);
      return null;
    }
    const reader: Reader = { worker, busy: 0, ids: new Set(), ready: false };
    worker.on("message", (m: { ready?: true; id?: number; result?: Result; failed?: boolean }) => {
      if (m.ready) reader.ready = true;
      else if (m.id !== undefined) this.#settle(reader, m.id, m.failed ? null : m.result!);
    });
    // A message that could not be read: the reads it could have answered run on the main thread.
    worker.on("messageerror", () => {
      for (const id of [...reader.ids]) this.#settle(reader, id, null);
    });
    worker.on("error", (error) => {
      if (reader.ready) console.error("An SQLite reader stopped; its reads go to the main thread:", error);
      else this.#giveUp("a reader could not open the database", error);
    });
    worker.on("exit", () => {
      // Whatever it still held is read by the callers themselves.
      this.#readers = this.#readers.filter((r) => r !== reader);
      for (const id of [...reader.ids]) this.#settle(reader, id, null);
      if (!reader.ready) this.#giveUp("a reader stopped before it was ready");
    });
    worker.unref();
    this.#readers.push(reader);
    return reader;
  }
}
