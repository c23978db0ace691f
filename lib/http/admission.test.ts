import { describe, expect, it } from "vitest";
import { AdmissionGate, EXPORT_ADMISSION, admissionOptionsFrom, isExportPath, isLivePath, isStaticPath, type Refusal, type Ticket } from "./admission";

/** A gate on a hand-moved clock whose timers fire only when the test says so. */
function gateAt(options: { maxConcurrent: number; maxQueue: number; maxWaitMs: number; refusalPauseMs?: number }) {
  const clock = { now: 0 };
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const gate = new AdmissionGate({
    refusalPauseMs: 0,
    ...options,
    now: () => clock.now,
    setTimer: (fn, ms) => {
      const t = { at: clock.now + ms, fn, cancelled: false };
      timers.push(t);
      return { cancel: () => (t.cancelled = true) };
    },
  });
  const advance = (ms: number) => {
    clock.now += ms;
    for (const t of timers) if (!t.cancelled && t.at <= clock.now) {
      t.cancelled = true;
      t.fn();
    }
  };
  return { gate, clock, advance };
}

/** Lets `count` renders of `ms` each through the gate, one after another, to set its estimate. */
async function renderEach(gate: AdmissionGate, advance: (ms: number) => void, count: number, ms: number) {
  for (let i = 0; i < count; i++) {
    const t = (await gate.admit().outcome) as Ticket;
    advance(ms);
    t.release();
  }
}

/** Lets every settled promise's continuation run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("AdmissionGate", () => {
  it("runs a few renders at once, then queues the next ones in order", async () => {
    const { gate } = gateAt({ maxConcurrent: 2, maxQueue: 10, maxWaitMs: 10_000 });
    const a = (await gate.admit().outcome) as Ticket;
    const b = (await gate.admit().outcome) as Ticket;
    expect(a.admitted && b.admitted).toBe(true);
    expect(gate.inFlight).toBe(2);
    const order: string[] = [];
    const c = gate.admit().outcome.then((o) => (order.push("c"), o));
    const d = gate.admit().outcome.then((o) => (order.push("d"), o));
    expect(gate.waiting).toBe(2);
    a.release();
    a.release(); // a second release gives nothing back twice
    const third = (await c) as Ticket;
    expect(third.admitted).toBe(true);
    expect(gate.inFlight).toBe(2);
    expect(gate.waiting).toBe(1);
    b.release();
    expect(((await d) as Ticket).admitted).toBe(true);
    expect(order).toEqual(["c", "d"]);
  });

  it("refuses at once when the queue is full, with a Retry-After of at least a second", async () => {
    const { gate } = gateAt({ maxConcurrent: 1, maxQueue: 1, maxWaitMs: 60_000 });
    await gate.admit().outcome;
    void gate.admit().outcome; // waits
    const refused = (await gate.admit().outcome) as Refusal;
    expect(refused.admitted).toBe(false);
    expect(refused.reason).toBe("queue-full");
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(gate.stats).toEqual({ admitted: 1, queued: 1, refused: 1 });
  });

  it("refuses a waiting request whose wait runs out, and one that could not be served in time", async () => {
    const { gate, advance } = gateAt({ maxConcurrent: 1, maxQueue: 100, maxWaitMs: 1_000 });
    const first = (await gate.admit().outcome) as Ticket;
    const waiting = gate.admit().outcome;
    // It waits what is left of the second once its render (100 ms, the gate's first estimate) is
    // counted: let in any later, it would be answered after the second.
    advance(899);
    expect(gate.waiting).toBe(1);
    advance(1);
    expect(((await waiting) as Refusal).reason).toBe("wait-too-long");
    expect(gate.waiting).toBe(0);
    // Renders that take 400 ms each: the second in line would have its page after 800 ms and
    // waits; the third, after 1.2 s, so it is told now.
    const { gate: slow, advance: tick } = gateAt({ maxConcurrent: 1, maxQueue: 100, maxWaitMs: 1_000 });
    await renderEach(slow, tick, 20, 400);
    await slow.admit().outcome;
    void slow.admit().outcome;
    expect(slow.waiting).toBe(1);
    const late = (await slow.admit().outcome) as Refusal;
    expect(late.admitted).toBe(false);
    expect(late.reason).toBe("wait-too-long");
    expect(late.retryAfterSeconds).toBe(1);
    // Renders slower than the whole budget: nobody waits, a free place is still taken at once.
    const { gate: slowest, advance: crawl } = gateAt({ maxConcurrent: 1, maxQueue: 100, maxWaitMs: 1_000 });
    await renderEach(slowest, crawl, 20, 1_500);
    const only = (await slowest.admit().outcome) as Ticket;
    expect(only.admitted).toBe(true);
    expect(((await slowest.admit().outcome) as Refusal).reason).toBe("wait-too-long");
    first.release();
  });

  it("does not let the first render after a start, slow, set the estimate alone", async () => {
    const { gate, advance } = gateAt({ maxConcurrent: 1, maxQueue: 100, maxWaitMs: 1_000 });
    // The first render loads the route and reads a cold database: 1.5 s, longer than the budget.
    const first = (await gate.admit().outcome) as Ticket;
    advance(1_500);
    first.release();
    expect(gate.renderMs).toBe(100);
    // A spike just after it: the next in line waits for a place rather than being turned away.
    const running = (await gate.admit().outcome) as Ticket;
    const waiting = gate.admit().outcome;
    await flush();
    expect(gate.waiting).toBe(1);
    advance(300);
    running.release();
    const second = (await waiting) as Ticket;
    expect(second.admitted).toBe(true);
    // Renders that stay slow do set it: from the second measured one, the median is theirs.
    expect(gate.renderMs).toBe(300);
    second.release();
  });

  it("does not turn readers away for one slow render while the other places keep freeing up", async () => {
    // Four places; renders of 100 ms, freeing a place every 25 ms (the first four are cut short
    // to set them apart), but the 20th takes 3 s (a cold read); a reader asks again as soon as it
    // has an answer, so five wait whenever they can (a spike of ten readers). The other
    // three places still free up every 33 ms, so a queue of five moves in under 200 ms: nobody
    // has a reason to be refused, before, during or after the slow render.
    const { gate, clock, advance } = gateAt({ maxConcurrent: 4, maxQueue: 64, maxWaitMs: 1_500 });
    const running: { ticket: Ticket; endsAt: number }[] = [];
    let admitted = 0;
    let refused = 0;
    const ask = () =>
      void gate.admit().outcome.then((outcome) => {
        if (!outcome.admitted) {
          refused += 1;
          return;
        }
        admitted += 1;
        running.push({ ticket: outcome, endsAt: clock.now + (admitted <= 4 ? 25 * admitted : admitted === 20 ? 3_000 : 100) });
      });
    for (let i = 0; i < 9; i++) ask();
    await flush();
    while (clock.now < 5_000) {
      advance(1);
      for (const r of running.filter((r) => r.endsAt <= clock.now)) {
        running.splice(running.indexOf(r), 1);
        r.ticket.release();
      }
      await flush();
      while (gate.waiting < 5 && refused === 0) {
        ask();
        await flush();
      }
    }
    expect(refused).toBe(0);
    expect(admitted).toBeGreaterThan(150);
  });

  it("answers a refusal after a pause, so that a client asking again at once asks a few times a second", async () => {
    const { gate, advance } = gateAt({ maxConcurrent: 1, maxQueue: 0, maxWaitMs: 1_000, refusalPauseMs: 250 });
    const first = (await gate.admit().outcome) as Ticket;
    let refusal: Refusal | null = null;
    void gate.admit().outcome.then((o) => (refusal = o as Refusal));
    advance(249);
    await flush();
    expect(refusal).toBeNull();
    advance(1);
    await flush();
    expect(refusal).toMatchObject({ admitted: false, reason: "queue-full", retryAfterSeconds: 1 });
    // A client gone during the pause is let go at once.
    const gone = gate.admit();
    gone.abandon();
    expect(((await gone.outcome) as Refusal).admitted).toBe(false);
    // A flood: a thousand refusals pause at once at most; the next is answered without the pause.
    const paused = Array.from({ length: 1_000 }, () => gate.admit());
    let flooded: Refusal | null = null;
    void gate.admit().outcome.then((o) => (flooded = o as Refusal));
    await flush();
    expect(flooded).toMatchObject({ admitted: false, reason: "queue-full" });
    advance(250);
    expect((await Promise.all(paused.map((p) => p.outcome))).every((o) => !o.admitted)).toBe(true);
    first.release();
    expect(gate.stats).toEqual({ admitted: 1, queued: 0, refused: 1_003 });
  });

  it("lets a request the queue cannot serve in time wait the refusal pause in line, and take a place freed within it", async () => {
    const { gate, advance } = gateAt({ maxConcurrent: 1, maxQueue: 10, maxWaitMs: 1_000, refusalPauseMs: 250 });
    // Renders of 1.5 s: longer than the whole budget, so nobody can wait for one.
    for (let i = 0; i < 15; i++) {
      const t = (await gate.admit().outcome) as Ticket;
      advance(1_500);
      t.release();
    }
    const running = (await gate.admit().outcome) as Ticket;
    let lucky: Ticket | Refusal | null = null;
    void gate.admit().outcome.then((o) => (lucky = o));
    advance(200);
    running.release();
    await flush();
    expect(lucky).toMatchObject({ admitted: true, waitedMs: 200 });
    let late: Ticket | Refusal | null = null;
    void gate.admit().outcome.then((o) => (late = o));
    advance(249);
    await flush();
    expect(late).toBeNull();
    advance(1);
    await flush();
    expect(late).toMatchObject({ admitted: false, reason: "wait-too-long" });
    (lucky as unknown as Ticket).release();
  });

  it("gives the place of a reader who went away to the next one", async () => {
    const { gate } = gateAt({ maxConcurrent: 1, maxQueue: 10, maxWaitMs: 10_000 });
    const first = (await gate.admit().outcome) as Ticket;
    const gone = gate.admit();
    const next = gate.admit().outcome;
    gone.abandon();
    expect(((await gone.outcome) as Refusal).admitted).toBe(false);
    first.release();
    expect(((await next) as Ticket).admitted).toBe(true);
    expect(gate.waiting).toBe(0);
  });
});

describe("what the gate holds", () => {
  it("lets build assets through and sets downloads apart", () => {
    expect(isStaticPath("/_next/static/chunks/app.js")).toBe(true);
    expect(isStaticPath("/favicon.ico")).toBe(true);
    expect(isStaticPath("/stories/x")).toBe(false);
    expect(isStaticPath("/api/v1/events")).toBe(false);
    expect(isExportPath("/stories/x/export.csv")).toBe(true);
    expect(isExportPath("/stories/x/export.json")).toBe(true);
    expect(isExportPath("/stories/x/feed.json")).toBe(false);
    expect(isLivePath("/stories/x/live")).toBe(true);
    expect(isLivePath("/stories/x/live/more")).toBe(false);
    expect(isLivePath("/stories/x")).toBe(false);
  });

  it("lets a third download wait its turn behind two short ones, and tells it at once behind two long ones", async () => {
    const { gate, advance } = gateAt(EXPORT_ADMISSION);
    const a = (await gate.admit().outcome) as Ticket;
    const b = (await gate.admit().outcome) as Ticket;
    const third = gate.admit().outcome;
    await flush();
    expect(gate.waiting).toBe(1);
    advance(40);
    a.release();
    expect(((await third) as Ticket).admitted).toBe(true);
    b.release();
    // Downloads of a large story, a minute each: waiting for one would outlast the budget.
    await renderEach(gate, advance, 20, 60_000);
    await gate.admit().outcome;
    await gate.admit().outcome;
    const late = (await gate.admit().outcome) as Refusal;
    expect(late.admitted).toBe(false);
    expect(late.reason).toBe("wait-too-long");
  });

  it("reads its settings strictly", () => {
    expect(admissionOptionsFrom({})).toEqual({ maxConcurrent: 4, maxQueue: 64, maxWaitMs: 1_500 });
    expect(admissionOptionsFrom({ RENDER_CONCURRENCY: "2", RENDER_QUEUE: "0", RENDER_QUEUE_WAIT_MS: "500" })).toEqual({ maxConcurrent: 2, maxQueue: 0, maxWaitMs: 500 });
    expect(() => admissionOptionsFrom({ RENDER_CONCURRENCY: "0" })).toThrow(/RENDER_CONCURRENCY must be a whole number from 1 to 256 \(got “0”\)/);
    expect(() => admissionOptionsFrom({ RENDER_QUEUE: "lots" })).toThrow(/RENDER_QUEUE/);
  });
});
