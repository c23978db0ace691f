import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { caseArb, problem, send } from "./support/fuzz-cases";

// Property-based fuzzing of every public route, feed and API parameter against the real server:
// malformed percent-encodings, NUL and control characters, overlong values, extreme dates, every
// HTTP method, odd headers (generator: e2e/support/fuzz-cases.ts). Whatever arrives, the answer is
// never a 5xx, and every error under /api/ (and from a feed) is in the documented shape
// { error: { code, message, details: [] } }.
//
// A 503 with Retry-After is the server saying it is busy (the admission gates, README "Speed and
// caching"), which six clients at once on a loaded CI machine can meet: that case is sent again
// after the wait, and fails only when it is refused every time.
//
// Seeded and reproducible: the seed is printed; FUZZ_SEED=<seed> repeats a run (FUZZ_SEED=random
// draws a new one), FUZZ_RUNS=<n> changes its size (10,000 by default; CI runs the default on both
// databases).

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
// A fixed seed by default, so that CI is reproducible; FUZZ_SEED=random explores new cases.
const SEED_VALUE =
  process.env.FUZZ_SEED === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 909413115);
const CONCURRENCY = 6;
/** How often a case answered "busy" (503 with Retry-After) is sent again. */
const BUSY_RETRIES = 3;

test("fuzz: no input gives a 5xx, and every API error has the documented shape", async ({ baseURL }) => {
  test.setTimeout(15 * 60_000);
  const cases = fc.sample(caseArb, { seed: SEED_VALUE, numRuns: RUNS });
  console.log(`fuzz: ${cases.length} cases, seed ${SEED_VALUE} (repeat with FUZZ_SEED=${SEED_VALUE})`);
  test.info().annotations.push({ type: "fuzz seed", description: String(SEED_VALUE) });
  const failures: string[] = [];
  const started = Date.now();
  let next = 0;
  let done = 0;
  let busy = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      try {
        let r = await send(baseURL!, c);
        for (let retry = 0; retry < BUSY_RETRIES && r.status === 503 && r.retryAfter !== null; retry++) {
          busy += 1;
          await new Promise((resolve) => setTimeout(resolve, Math.min(r.retryAfter!, 2) * 1_000));
          r = await send(baseURL!, c);
        }
        const p = problem(c, r);
        if (p) failures.push(`${c.method} ${c.path.slice(0, 300)} ${JSON.stringify(c.headers)}: ${p}`);
      } catch (error) {
        failures.push(`${c.method} ${c.path.slice(0, 300)}: request failed: ${(error as Error).message}`);
      }
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.log(`fuzz: ${done} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failures, ${busy} busy answers sent again (seed ${SEED_VALUE})`);
  expect(failures.slice(0, 30), `${failures.length} failures; seed ${SEED_VALUE}`).toEqual([]);
});
