import { describe, expect, it } from "vitest";
import { isNewSince } from "./since-visit";

// The page gives whole seconds; the visit is remembered in milliseconds.
const visit = { at: Date.UTC(2024, 10, 18, 9, 36, 10, 400), standings: { seen: "REPORTED" } };
const second = Math.floor(visit.at / 1000);

describe("an event new since the last visit", () => {
  it("is one that went public in a later second, unless the reader was shown it", () => {
    expect(isNewSince(second + 1, "fresh", visit)).toBe(true);
    // Shown by a filtered view, which does not move the visit on.
    expect(isNewSince(second + 1, "seen", visit)).toBe(false);
  });

  it("is not one that went public in an earlier second", () => {
    expect(isNewSince(second - 1, "fresh", visit)).toBe(false);
    expect(isNewSince(second - 1, "seen", visit)).toBe(false);
  });

  it("in the second of the visit, is one the visit did not show", () => {
    // Published 0.5 s after a visit at .400, in the same second: new, though its clock says no later.
    expect(isNewSince(second, "fresh", visit)).toBe(true);
    expect(isNewSince(second, "seen", visit)).toBe(false);
  });

  it("is never one whose time the page does not give", () => {
    expect(isNewSince(Number("NaN"), "fresh", visit)).toBe(false);
  });
});
