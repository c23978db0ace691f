// Admission control for renders (lib/http/install-request-guard.ts puts it in front of Next).
//
// A render is CPU work in one Node process. Letting every request start at once under a spike
// makes all of them slow together, until they time out: 50 readers on uncached pages each waited
// seconds, and some 10 s for nothing. So at most `maxConcurrent` renders run; the next ones wait
// in a bounded queue, in order; a request that would not have its page within `maxWaitMs` (its
// wait for a turn, estimated from the recent render times, plus the render itself; or actually,
// when its wait runs out) is answered with 503 and a Retry-After saying when capacity is expected
// back: after a quarter of a second (`refusalPauseMs`) when it was refused on arrival, so clients
// that ask again at once cannot fill the process with refusals. A request the queue would not
// serve in time spends that pause in line: a place freed within it is its. Counting the render keeps every answer, 200 or 503, near `maxWaitMs`: a request
// let in after waiting the whole budget would answer a render later. A shared cache in front
// serves its stale copy instead (stale-if-error), so readers of cached pages see no error at all.
//
// Both estimates are medians of the last few, so one slow render (the first ones after a start
// read a cold database) does not turn readers away while the other places keep freeing up:
// - a render's time, the median of the last RECENT renders, starting from two assumed ones (so
//   that the first render of a process, which loads its code, does not set it alone);
// - the time between two places freeing up while every place is taken (a queue moves one step
//   per such turn), the median of the last RECENT turns; before any, a render's time shared by
//   the places.
//
// Kept free of Node server and Next imports so the rules are unit-tested directly.

export type AdmissionOptions = {
  /** Renders running at once. */
  maxConcurrent: number;
  /** Requests waiting at most; beyond that they are refused at once. */
  maxQueue: number;
  /**
   * The longest a request may take to be answered: its wait for a turn plus the render it is
   * expected to take (the recent average). It waits at most this less that render time.
   */
  maxWaitMs: number;
  /**
   * How long a refusal takes to be answered (ms; default 250): a client that asks again at once,
   * whatever Retry-After says, then asks a few times a second instead of thousands, and its
   * refusals do not take the renders' CPU (the very thing that made renders slow).
   */
  refusalPauseMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
};

/** A place to render: call release() once the response is finished (or abandoned). */
export type Ticket = { admitted: true; waitedMs: number; release(): void };
/** No place: answer 503 with Retry-After. */
export type Refusal = { admitted: false; retryAfterSeconds: number; reason: "queue-full" | "wait-too-long" };

type Waiter = { enqueuedAt: number; resolve(outcome: Ticket | Refusal): void; timer: { cancel(): void } | null };

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref?.();
  return { cancel: () => clearTimeout(t) };
};

/** How many recent renders (and turns) the estimates are the median of. */
const RECENT = 15;

/** Refusals pausing at once at most; beyond, they are answered without the pause. */
const MAX_PAUSED = 1_000;

/**
 * A render's time assumed before any is measured (ms). The estimate starts from two such
 * renders, pushed out by the first measured ones: the first render after a start loads the
 * route's code and reads a cold database, and would otherwise set the estimate alone, turning away
 * the readers of a spike that arrives just after it.
 */
const FIRST_RENDER_MS = 100;

/** The median of the last RECENT values pushed (the prior values first, overwritten first). */
class RecentMedian {
  private readonly values: number[];
  private next: number;
  constructor(prior: readonly number[] = []) {
    this.values = [...prior];
    this.next = prior.length % RECENT;
  }
  push(value: number): void {
    if (this.values.length < RECENT) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % RECENT;
  }
  get(): number | null {
    if (this.values.length === 0) return null;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }
}

export class AdmissionGate {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private readonly renders = new RecentMedian([FIRST_RENDER_MS, FIRST_RENDER_MS]);
  private readonly turns = new RecentMedian();
  /** When a place last freed up while every place was taken, if every place has been taken since. */
  private lastTurnAt: number | null = null;
  /** Refusals waiting out the refusal pause. */
  private pausing = 0;
  private readonly now: () => number;
  private readonly setTimer: NonNullable<AdmissionOptions["setTimer"]>;
  readonly stats = { admitted: 0, queued: 0, refused: 0 };

  constructor(private readonly options: AdmissionOptions) {
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? defaultTimer;
  }

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** How long a render holds its place (ms): the recent median, FIRST_RENDER_MS before the first. */
  get renderMs(): number {
    return this.renders.get() ?? FIRST_RENDER_MS;
  }

  /**
   * Expected wait (ms) for a request joining the queue now: one turn per request ahead of it. A
   * turn is the recent median, but never longer than a render's time shared by the places: turns
   * are measured only while requests queue, so an estimate left from a slow spell would otherwise
   * refuse every request, and none would queue to measure a faster one.
   */
  expectedWaitMs(): number {
    const shared = this.renderMs / this.options.maxConcurrent;
    return (this.queue.length + 1) * Math.min(this.turns.get() ?? shared, shared);
  }

  private refusal(reason: Refusal["reason"]): Refusal {
    this.stats.refused += 1;
    return { admitted: false, reason, retryAfterSeconds: Math.max(1, Math.ceil(this.expectedWaitMs() / 1000)) };
  }

  /**
   * A refusal of a request that has not waited, answered after the refusal pause; at once when
   * MAX_PAUSED refusals are already pausing (a flood of connections holds no more than that).
   */
  private refusedNow(reason: Refusal["reason"]): { outcome: Promise<Refusal>; abandon(): void } {
    const refusal = this.refusal(reason);
    const pause = this.options.refusalPauseMs ?? 250;
    if (pause <= 0 || this.pausing >= MAX_PAUSED) return { outcome: Promise.resolve(refusal), abandon: () => {} };
    this.pausing += 1;
    let settled = false;
    let settle!: (r: Refusal) => void;
    const outcome = new Promise<Refusal>((resolve) => {
      settle = resolve;
    });
    const done = () => {
      if (settled) return;
      settled = true;
      this.pausing -= 1;
      timer.cancel();
      settle(refusal);
    };
    const timer = this.setTimer(done, pause);
    return { outcome, abandon: done };
  }

  private ticket(enqueuedAt: number): Ticket {
    this.running += 1;
    this.stats.admitted += 1;
    const started = this.now();
    let released = false;
    return {
      admitted: true,
      waitedMs: started - enqueuedAt,
      release: () => {
        if (released) return;
        released = true;
        const now = this.now();
        this.renders.push(Math.max(1, now - started));
        if (this.lastTurnAt !== null) this.turns.push(Math.max(1, now - this.lastTurnAt));
        const wasFull = this.running === this.options.maxConcurrent;
        this.running -= 1;
        this.next();
        this.lastTurnAt = wasFull && this.running === this.options.maxConcurrent ? now : null;
      },
    };
  }

  private next() {
    while (this.running < this.options.maxConcurrent && this.queue.length > 0) {
      const waiter = this.queue.shift()!;
      waiter.timer?.cancel();
      waiter.resolve(this.ticket(waiter.enqueuedAt));
    }
  }

  /**
   * A place now, a place after waiting, or a refusal. `onAbandon` lets the caller withdraw a
   * waiting request (its client went away); it returns the function to call for that.
   */
  admit(): { outcome: Promise<Ticket | Refusal>; abandon(): void } {
    const at = this.now();
    if (this.running < this.options.maxConcurrent && this.queue.length === 0) {
      return { outcome: Promise.resolve(this.ticket(at)), abandon: () => {} };
    }
    if (this.queue.length >= this.options.maxQueue) return this.refusedNow("queue-full");
    // A request the queue would not serve in time is not kept waiting for it: it waits only the
    // refusal pause, in line, and takes a place that frees up within it (else it is refused then).
    // Refused on the spot, it would leave a place freed meanwhile idle until the next arrival.
    let patience = this.options.maxWaitMs - this.renderMs;
    if (this.expectedWaitMs() > patience) {
      const pause = this.options.refusalPauseMs ?? 250;
      if (pause <= 0) return { outcome: Promise.resolve(this.refusal("wait-too-long")), abandon: () => {} };
      patience = pause;
    }
    this.stats.queued += 1;
    let waiter!: Waiter;
    const outcome = new Promise<Ticket | Refusal>((resolve) => {
      waiter = { enqueuedAt: at, resolve, timer: null };
    });
    waiter.timer = this.setTimer(() => {
      const i = this.queue.indexOf(waiter);
      if (i === -1) return;
      this.queue.splice(i, 1);
      waiter.resolve(this.refusal("wait-too-long"));
    }, patience);
    this.queue.push(waiter);
    return {
      outcome,
      abandon: () => {
        const i = this.queue.indexOf(waiter);
        if (i === -1) return;
        this.queue.splice(i, 1);
        waiter.timer?.cancel();
        waiter.resolve({ admitted: false, reason: "wait-too-long", retryAfterSeconds: 1 });
      },
    };
  }
}

/** Reads a whole number from the environment within bounds, or stops with a line saying which. */
export function admissionNumber(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got “${value}”).`);
  return n;
}

/** The gate's settings: RENDER_CONCURRENCY (4), RENDER_QUEUE (64), RENDER_QUEUE_WAIT_MS (1500). */
export function admissionOptionsFrom(env: Record<string, string | undefined>): AdmissionOptions {
  return {
    maxConcurrent: admissionNumber("RENDER_CONCURRENCY", env.RENDER_CONCURRENCY, 4, 1, 256),
    maxQueue: admissionNumber("RENDER_QUEUE", env.RENDER_QUEUE, 64, 0, 10_000),
    maxWaitMs: admissionNumber("RENDER_QUEUE_WAIT_MS", env.RENDER_QUEUE_WAIT_MS, 1_500, 0, 60_000),
  };
}

/**
 * Story downloads' own gate: two stream at once. A third waits its turn in a short queue when the
 * recent downloads were short (a small story's file takes a few tens of milliseconds), so a
 * reader never sees a 503 for asking at the same moment as two others; behind downloads that
 * would keep it waiting past the budget (a large story's file takes minutes) it is told at once.
 */
export const EXPORT_ADMISSION: AdmissionOptions = { maxConcurrent: 2, maxQueue: 8, maxWaitMs: 10_000 };

/** Requests never held by the gate: build assets, and static files Next serves as they are. */
export function isStaticPath(pathname: string): boolean {
  return pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image") || /\.(ico|png|svg|webp|jpg|css|js|woff2?|txt)$/.test(pathname) && !pathname.startsWith("/api/");
}

/**
 * A story's live stream (app/stories/[slug]/live): open for as long as the reader's page is, and
 * cheap once open (the story's hub does the reading). It never takes a render's place, which it
 * would hold for its whole life: four open pages would then shut out every other reader.
 */
export function isLivePath(pathname: string): boolean {
  return /^\/stories\/[^/]+\/live$/.test(pathname);
}

/** Story downloads: long-lived streams with their own small limit, outside the render queue. */
export function isExportPath(pathname: string): boolean {
  return /^\/stories\/[^/]+\/export\.(json|csv)$/.test(pathname);
}
