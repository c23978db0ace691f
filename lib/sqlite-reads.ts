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
// to hold up but cached pages. Readers start when needed too: a new one only when every running
// one is busy, up to the limit (SQLITE_READERS).

export type DriverQuery = { sql: string; args: unknown[]; argTypes: unknown[] };
type Result = { columnNames: string[]; columnTypes: unknown[]; rows: unknown[][] };
type Reader = { worker: Worker; busy: number; ids: Set<number> };

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
  /** Statements answered by a reader, and handed back to the caller (for tests and the bench). */
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
    return this.#always || rendersInFlight() > 1 || this.#readers.some((r) => r.busy > 0);
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
      reader.worker.postMessage({ id, query });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const resolve of this.#pending.values()) resolve(null);
    this.#pending.clear();
    const readers = this.#readers;
    this.#readers = [];
    await Promise.all(readers.map((r) => r.worker.terminate()));
  }

  #pick(): Reader | null {
    let least: Reader | null = null;
    for (const r of this.#readers) if (!least || r.busy < least.busy) least = r;
    if (least && (least.busy === 0 || this.#readers.length >= this.#max)) return least;
    return this.#readers.length < this.#max ? this.#start() : least;
  }

  #start(): Reader | null {
    let worker: Worker;
    try {
      worker = new Worker(path.join(process.cwd(), "lib", "sqlite-read-worker.mjs"), { workerData: { url: this.#url, ...this.#options } });
    } catch (error) {
      console.error("Could not start an SQLite reader; reading on the main thread:", error);
      this.#closed = true;
      return null;
    }
    const reader: Reader = { worker, busy: 0, ids: new Set() };
    worker.on("message", (m: { id: number; result?: Result; failed?: boolean }) => {
      if (--reader.busy === 0) worker.unref();
      reader.ids.delete(m.id);
      const resolve = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (m.failed) this.counts.handedBack++;
      else this.counts.answered++;
      resolve?.(m.failed ? null : m.result!);
    });
    worker.on("error", (error) => {
      console.error("An SQLite reader stopped; its reads go to the main thread:", error);
    });
    worker.on("exit", () => {
      // Whatever it still held is read by the callers themselves.
      this.#readers = this.#readers.filter((r) => r !== reader);
      for (const id of reader.ids) {
        this.#pending.get(id)?.(null);
        this.#pending.delete(id);
      }
    });
    worker.unref();
    this.#readers.push(reader);
    return reader;
  }
}
