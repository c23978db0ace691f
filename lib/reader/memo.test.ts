import { afterEach, describe, expect, it, vi } from "vitest";
import { dataChanged } from "../live/changes";
import { memo } from "./memo";

// The reader's memo: kept answers, and which outdated answers may be served while the next one is
// computed (facet counts and the main-claims ranking cost seconds at a million events).

let n = 0;
const key = () => `memo-test:${++n}`;
/** A computation that answers its call number, counting its calls. */
function counter() {
  let calls = 0;
  return { compute: async () => ++calls, calls: () => calls };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe("memo", () => {
  it("keeps an answer until it expires, then computes again and makes the caller wait", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const k = key();
    const c = counter();
    expect(await memo(k, c.compute)).toBe(1);
    expect(await memo(k, c.compute)).toBe(1);
    vi.setSystemTime(Date.now() + 61_000);
    expect(await memo(k, c.compute)).toBe(2);
  });

  it('serves an expired answer while the next is computed ("expired"), but never one older than a data change', async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const k = key();
    const c = counter();
    expect(await memo(k, c.compute, { stale: "expired" })).toBe(1);
    vi.setSystemTime(Date.now() + 61_000);
    expect(await memo(k, c.compute, { stale: "expired" })).toBe(1);
    await settle();
    expect(c.calls()).toBe(2);
    expect(await memo(k, c.compute, { stale: "expired" })).toBe(2);
    dataChanged("local");
    expect(await memo(k, c.compute, { stale: "expired" })).toBe(3);
  });

  it("does not keep a failed computation", async () => {
    const k = key();
    await expect(memo(k, () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await memo(k, async () => 7)).toBe(7);
  });
});
