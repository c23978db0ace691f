import { describe, expect, it } from "vitest";
import { EVENT_STATUS_LABEL, type AttributionValue, type ClaimStatusValue } from "../domain";
import { relationText, statusLabel } from "./labels";

// The textual status label every timeline item carries (README, "What the labels mean"): never
// colour alone, and qualified by who a report cites, who spoke, and by whom and when a claim was
// confirmed or denied.

const NY = "America/New_York";

const cite = (attribution: AttributionValue, source: string, attributionText: string | null = null) => ({
  attribution,
  attributionText,
  source: { name: source },
});
const change = (toStatus: ClaimStatusValue, knownAt: string, evidence: string | null = null) => ({
  toStatus,
  knownAt: new Date(knownAt),
  evidenceCitation: evidence ? { source: { name: evidence } } : null,
});

describe("statusLabel: media-reported", () => {
  it("says whom the report cites", () => {
    const label = statusLabel("REPORTED", [cite("ANONYMOUS_OFFICIALS", "The New York Times", "citing anonymous US officials")], [], NY);
    expect(label).toEqual({
      status: "REPORTED",
      text: "Media-reported, not officially confirmed",
      detail: "citing anonymous US officials",
    });
  });

  it("falls back to the kind of sourcing when the citation gives no words", () => {
    expect(statusLabel("REPORTED", [cite("ANONYMOUS_OFFICIALS", "Axios")], [], NY).detail).toBe("citing anonymous officials");
    expect(statusLabel("REPORTED", [cite("UNKNOWN", "Axios")], [], NY).detail).toBe("sourcing not stated");
  });

  it("lists each distinct attribution once, and leaves out on-record citations", () => {
    const label = statusLabel(
      "REPORTED",
      [
        cite("ANONYMOUS_OFFICIALS", "The New York Times", "citing anonymous US officials"),
        cite("ANONYMOUS_OFFICIALS", "Reuters", "citing anonymous US officials"),
        cite("ANONYMOUS_OFFICIALS", "Axios", "citing two US officials and a source familiar"),
        cite("DOCUMENT", "U.S. Department of State", "a State Department cable"),
      ],
      [],
      NY,
    );
    expect(label.detail).toBe("citing anonymous US officials; citing two US officials and a source familiar");
  });

  it("has no detail when every citation is on the record", () => {
    expect(statusLabel("REPORTED", [cite("DOCUMENT", "Ministry")], [], NY).detail).toBeNull();
  });
});

describe("statusLabel: officially confirmed", () => {
  it("names the evidence source and the day the confirmation became known, in the event's zone", () => {
    // 02:00 UTC on 21 Nov is still 20 Nov in New York.
    const label = statusLabel(
      "CONFIRMED",
      [cite("ANONYMOUS_OFFICIALS", "The New York Times", "citing anonymous US officials")],
      [change("REPORTED", "2024-11-17T13:00:00Z", "The New York Times"), change("CONFIRMED", "2024-11-21T02:00:00Z", "U.S. Department of State")],
      NY,
    );
    expect(label.text).toBe("Officially confirmed");
    expect(label.detail).toBe("by U.S. Department of State, as of 20 Nov 2024");
    expect(statusLabel("CONFIRMED", [], [change("CONFIRMED", "2024-11-21T02:00:00Z", "U.S. Department of State")], "UTC").detail).toBe(
      "by U.S. Department of State, as of 21 Nov 2024",
    );
  });

  it("uses the latest confirmation when there were several, whatever order they come in", () => {
    const changes = [
      change("CONFIRMED", "2024-11-25T15:00:00Z", "The White House"),
      change("CONFIRMED", "2024-11-20T15:00:00Z", "U.S. Department of State"),
      change("DISPUTED", "2024-11-22T15:00:00Z"),
    ];
    expect(statusLabel("CONFIRMED", [], changes, NY).detail).toBe("by The White House, as of 25 Nov 2024");
  });

  it("gives only the date when the change names no evidence", () => {
    expect(statusLabel("CONFIRMED", [], [change("CONFIRMED", "2024-11-20T15:00:00Z")], NY).detail).toBe("as of 20 Nov 2024");
  });

  it("names the on-record speaker when no confirmation is recorded (the confirming statement itself)", () => {
    const label = statusLabel("CONFIRMED", [cite("SPOKESPERSON", "U.S. Department of State", "State Department spokesperson Matthew Miller")], [], NY);
    expect(label.detail).toBe("State Department spokesperson Matthew Miller");
  });
});

describe("statusLabel: denied, retracted", () => {
  it("names who denied and when", () => {
    const label = statusLabel(
      "DENIED",
      [cite("ANONYMOUS_OFFICIALS", "Axios")],
      [change("REPORTED", "2024-11-18T13:00:00Z"), change("DENIED", "2024-11-19T16:00:00Z", "The Pentagon")],
      NY,
    );
    expect(label).toEqual({ status: "DENIED", text: "Officially denied", detail: "by The Pentagon, as of 19 Nov 2024" });
  });

  it("dates a retraction", () => {
    expect(statusLabel("RETRACTED", [], [change("RETRACTED", "2024-11-25T09:00:00Z")], NY)).toEqual({
      status: "RETRACTED",
      text: "Retracted",
      detail: "as of 25 Nov 2024",
    });
  });
});

describe("statusLabel: declined and on the record", () => {
  it("declined names the on-record speaker", () => {
    const label = statusLabel(
      "DECLINED",
      [
        cite("SPOKESPERSON", "U.S. Department of State", "State Department spokesperson Matthew Miller"),
        cite("SPOKESPERSON", "U.S. Department of State", "State Department spokesperson Matthew Miller"),
      ],
      [change("REPORTED", "2024-11-17T13:00:00Z")],
      NY,
    );
    expect(label).toEqual({
      status: "DECLINED",
      text: "Declined to confirm",
      detail: "State Department spokesperson Matthew Miller",
    });
  });

  it("declined falls back to the source's name", () => {
    expect(statusLabel("DECLINED", [cite("NAMED_ON_RECORD", "Office of the President of Ukraine")], [], NY).detail).toBe(
      "Office of the President of Ukraine",
    );
  });

  it("on the record names the speakers, not the anonymous ones", () => {
    const label = statusLabel(
      "ON_RECORD",
      [cite("NAMED_ON_RECORD", "The Kremlin", "Kremlin spokesman Dmitry Peskov"), cite("ANONYMOUS_OFFICIALS", "Reuters", "citing a Russian source")],
      [],
      NY,
    );
    expect(label).toEqual({ status: "ON_RECORD", text: "On the record", detail: "Kremlin spokesman Dmitry Peskov" });
  });

  it("has no detail with no on-record citation", () => {
    expect(statusLabel("DECLINED", [cite("UNKNOWN", "Axios")], [], NY).detail).toBeNull();
  });

  it("every status has a text label", () => {
    for (const [status, text] of Object.entries(EVENT_STATUS_LABEL)) {
      expect(statusLabel(status as keyof typeof EVENT_STATUS_LABEL, [], [], NY).text).toBe(text);
      expect(text.length).toBeGreaterThan(0);
    }
  });
});

describe("relationText", () => {
  it("reads from each end", () => {
    expect(relationText("RESPONDS_TO", "outgoing")).toBe("Responds to");
    expect(relationText("RESPONDS_TO", "incoming")).toBe("Responded to by");
  });
});
