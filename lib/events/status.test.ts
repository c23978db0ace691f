import { describe, expect, it } from "vitest";
import {
  ATTRIBUTIONS,
  CLAIM_STATUSES,
  STANCES,
  type AttributionValue,
  type ClaimStatusValue,
  type EventStatusValue,
  type StanceValue,
} from "../domain";
import { deriveEventStatus } from "./status";

const ON_RECORD: AttributionValue[] = ["NAMED_ON_RECORD", "SPOKESPERSON", "DOCUMENT"];
const NOT_ON_RECORD: AttributionValue[] = ["ANONYMOUS_OFFICIALS", "UNKNOWN"];

function status(
  attributions: AttributionValue[],
  links: [StanceValue, ClaimStatusValue][] = [],
  retracted = false,
): EventStatusValue {
  return deriveEventStatus({
    retracted,
    attributions,
    claimLinks: links.map(([stance, claimStatus]) => ({ stance, claimStatus })),
  });
}

describe("deriveEventStatus: the editorial cases", () => {
  it("labels an anonymous-sourced media report of a reported claim as media-reported", () => {
    expect(status(["ANONYMOUS_OFFICIALS"], [["ASSERTS", "REPORTED"]])).toBe("REPORTED");
  });

  it("labels an on-record decline as declined, never confirmed or denied", () => {
    for (const attribution of ON_RECORD) {
      for (const claimStatus of CLAIM_STATUSES) {
        expect(status([attribution], [["DECLINES", claimStatus]])).toBe("DECLINED");
      }
    }
  });

  it("treats an anonymous confirmation as more reporting", () => {
    expect(status(["ANONYMOUS_OFFICIALS"], [["CONFIRMS", "REPORTED"]])).toBe("REPORTED");
    expect(status(["UNKNOWN"], [["CONFIRMS", "CORROBORATED"]])).toBe("REPORTED");
  });

  it("labels an on-record confirmation as officially confirmed", () => {
    expect(status(["SPOKESPERSON"], [["CONFIRMS", "REPORTED"]])).toBe("CONFIRMED");
    expect(status(["NAMED_ON_RECORD"], [["CONFIRMS", "CONFIRMED"]])).toBe("CONFIRMED");
  });

  it("labels a retracted event as retracted whatever else it says", () => {
    expect(status(["SPOKESPERSON"], [["CONFIRMS", "CONFIRMED"]], true)).toBe("RETRACTED");
    expect(status(["ANONYMOUS_OFFICIALS"], [], true)).toBe("RETRACTED");
  });

  it("labels a spokesperson's statement with no claims as on the record", () => {
    expect(status(["SPOKESPERSON"])).toBe("ON_RECORD");
    expect(status(["NAMED_ON_RECORD"])).toBe("ON_RECORD");
  });

  it("labels an event with no on-record citation and no claims as media-reported", () => {
    expect(status(["ANONYMOUS_OFFICIALS"])).toBe("REPORTED");
    expect(status([])).toBe("REPORTED");
  });

  it("lets one on-record citation among anonymous ones put the event on the record", () => {
    expect(status(["ANONYMOUS_OFFICIALS", "SPOKESPERSON"], [["CONFIRMS", "REPORTED"]])).toBe("CONFIRMED");
  });
});

describe("deriveEventStatus: denials", () => {
  it("labels an on-record denial as denied, an anonymous one as media-reported", () => {
    expect(status(["SPOKESPERSON"], [["DENIES", "REPORTED"]])).toBe("DENIED");
    expect(status(["ANONYMOUS_OFFICIALS"], [["DENIES", "REPORTED"]])).toBe("REPORTED");
  });
});

describe("deriveEventStatus: asserting or qualifying a claim follows the claim's status", () => {
  const followed: [ClaimStatusValue, EventStatusValue][] = [
    ["CONFIRMED", "CONFIRMED"],
    ["DENIED", "DENIED"],
    ["DISPUTED", "DISPUTED"],
    ["RETRACTED", "RETRACTED"],
  ];
  const unsettled: ClaimStatusValue[] = ["UNVERIFIED", "REPORTED", "CORROBORATED", "DECLINED", "SUPERSEDED"];

  for (const stance of ["ASSERTS", "QUALIFIES"] as const) {
    it.each(followed)(`${stance} a %s claim → %s, however it is sourced`, (claimStatus, expected) => {
      for (const attribution of ATTRIBUTIONS) {
        expect(status([attribution], [[stance, claimStatus]])).toBe(expected);
      }
    });

    it.each(unsettled)(`${stance} a %s claim → on the record or media-reported by its sourcing`, (claimStatus) => {
      for (const attribution of ON_RECORD) expect(status([attribution], [[stance, claimStatus]])).toBe("ON_RECORD");
      for (const attribution of NOT_ON_RECORD) expect(status([attribution], [[stance, claimStatus]])).toBe("REPORTED");
    });
  }

  it("the NYT report becomes officially confirmed once its claim is confirmed", () => {
    expect(status(["ANONYMOUS_OFFICIALS"], [["ASSERTS", "REPORTED"]])).toBe("REPORTED");
    expect(status(["ANONYMOUS_OFFICIALS"], [["ASSERTS", "CONFIRMED"]])).toBe("CONFIRMED");
  });
});

describe("deriveEventStatus: several claims", () => {
  it("shows the most consequential label", () => {
    expect(status(["SPOKESPERSON"], [["DECLINES", "REPORTED"], ["ASSERTS", "REPORTED"]])).toBe("DECLINED");
    expect(status(["SPOKESPERSON"], [["DECLINES", "REPORTED"], ["CONFIRMS", "REPORTED"]])).toBe("CONFIRMED");
    expect(status(["SPOKESPERSON"], [["CONFIRMS", "REPORTED"], ["DENIES", "REPORTED"]])).toBe("DENIED");
    expect(status(["UNKNOWN"], [["QUALIFIES", "REPORTED"], ["ASSERTS", "DISPUTED"]])).toBe("DISPUTED");
    expect(status(["UNKNOWN"], [["QUALIFIES", "RETRACTED"], ["ASSERTS", "CONFIRMED"]])).toBe("RETRACTED");
  });

  it("always returns one of the timeline labels, for every stance, claim status and sourcing", () => {
    const labels = new Set<EventStatusValue>();
    for (const stance of STANCES) {
      for (const claimStatus of CLAIM_STATUSES) {
        for (const attribution of ATTRIBUTIONS) {
          labels.add(status([attribution], [[stance, claimStatus]]));
        }
      }
    }
    expect([...labels].sort()).toEqual(["CONFIRMED", "DECLINED", "DENIED", "DISPUTED", "ON_RECORD", "REPORTED", "RETRACTED"]);
  });
});
