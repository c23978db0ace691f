import type { ClaimStatusValue, EventStatusValue } from "../domain";

// What a reader must see of the truth-through-time fixture (truth-story.ts) as of the end of
// days 3, 8 and 12 in New York, written out by hand from the labelling rules (DESIGN.md, "What
// the timeline marks"), not computed by the code under test.

export type ExpectedLabel = {
  status: EventStatusValue;
  text: string;
  /** What qualifies the label; omitted where only the status and voice are checked. */
  detail?: string | null;
  /** The voice the label credits (the speaker, not the carrier). */
  voice: string | null;
  verdict: string | null;
  /** The citations a reader could see then. */
  citations: string[];
};

export type ExpectedView = {
  events: Record<string, ExpectedLabel>;
  claims: Record<string, { status: ClaimStatusValue; independent: number; repeats: number }>;
  /** Which events each source's page lists (only the sources whose membership changes). */
  sourcePages: Record<string, string[]>;
};

const ledgerReported = "The Daily Ledger, citing three unnamed officials";
// A named origin is credited; a vague one ("several media outlets") is not, so its relay is.
const relays = "The Daily Ledger (as relayed by State News Agency), citing the American newspaper; Morning Roundup, relaying several media outlets, sourcing not stated";
const harlanConfirmed = "since confirmed on the record by Jon Harlan, 10 Mar 2025";
const declined = (voice: string, citation: string, verdict: string | null): ExpectedLabel => ({
  status: "DECLINED",
  text: "Declined to confirm",
  detail: voice,
  voice,
  verdict,
  citations: [citation],
});
const onRecord = (voice: string, citation: string, verdict: string | null = null): ExpectedLabel => ({
  status: "ON_RECORD",
  text: "On the record",
  detail: voice,
  voice,
  verdict,
  citations: [citation],
});
const reported = (detail: string, voice: string, citations: string[], verdict: string | null = null, confirmed = false): ExpectedLabel => ({
  status: "REPORTED",
  text: confirmed ? "Media-reported" : "Media-reported, not officially confirmed",
  detail,
  voice,
  verdict,
  citations,
});

const day3: ExpectedView = {
  events: {
    "tt-ev-01": reported(`${ledgerReported}; ${relays}`, "The Daily Ledger", ["tt-cit-01-ledger", "tt-cit-01-statenews", "tt-cit-01-roundup"]),
    "tt-ev-02": declined("Mira Kovac, President of Westland", "tt-cit-02", null),
    "tt-ev-03": declined("Sara Lind, Defense Department press secretary", "tt-cit-03", null),
    "tt-ev-04": reported("The Bulletin, a source familiar with the decision", "The Bulletin", ["tt-cit-04"]),
    "tt-ev-28": onRecord("Eastland Ministry of Defence", "tt-cit-28"),
    "tt-ev-05": declined("Ola Berg, Westland foreign ministry spokesperson", "tt-cit-05", null),
    "tt-ev-06": onRecord("Karel Voss, President of Eastland", "tt-cit-06"),
  },
  claims: {
    "tt-president-authorised-strikes": { status: "REPORTED", independent: 1, repeats: 2 },
    "tt-authorisation-border-region-only": { status: "REPORTED", independent: 1, repeats: 0 },
  },
  sourcePages: {
    "tt-daily-ledger": ["tt-ev-01"],
    "tt-state-news-agency": ["tt-ev-01"],
    "tt-global-wire": [],
    "tt-metro-herald": [],
    "tt-coast-times": [],
  },
};

const day8: ExpectedView = {
  events: {
    // The decision now carries the spokesman's on-record confirmation of it.
    "tt-ev-01": {
      status: "CONFIRMED",
      text: "Officially confirmed",
      detail: "by Jon Harlan, White House national security spokesman, 10 Mar 2025, as reported by Global Wire",
      voice: "Jon Harlan, White House national security spokesman",
      verdict: null,
      citations: ["tt-cit-01-ledger", "tt-cit-01-statenews", "tt-cit-01-roundup", "tt-cit-01-globalwire", "tt-cit-01-metro"],
    },
    "tt-ev-02": declined("Mira Kovac, President of Westland", "tt-cit-02", harlanConfirmed),
    "tt-ev-03": declined("Sara Lind, Defense Department press secretary", "tt-cit-03", harlanConfirmed),
    "tt-ev-04": reported("The Bulletin, a source familiar with the decision", "The Bulletin", ["tt-cit-04"]),
    "tt-ev-28": onRecord("Eastland Ministry of Defence", "tt-cit-28"),
    "tt-ev-05": declined("Ola Berg, Westland foreign ministry spokesperson", "tt-cit-05", harlanConfirmed),
    "tt-ev-06": onRecord("Karel Voss, President of Eastland", "tt-cit-06"),
    "tt-ev-07": reported("Conflict Observer, its own analysis of satellite images", "Conflict Observer", ["tt-cit-07"]),
    "tt-ev-08": reported("Conflict Observer, its own reporting", "Conflict Observer", ["tt-cit-08"]),
    "tt-ev-09": reported("Conflict Observer, local accounts", "Conflict Observer", ["tt-cit-09"]),
    "tt-ev-10": {
      status: "DISPUTED",
      text: "Disputed",
      detail: "claimed by the Eastland Ministry of Defence; disputed by Yuri Ihnat, Westland Air Force spokesman, 8 Mar 2025",
      voice: "Ivo Petrov, Eastland defence ministry spokesman",
      verdict: null,
      citations: ["tt-cit-10"],
    },
    "tt-ev-11": {
      status: "DENIED",
      text: "Officially denied",
      detail: "by Yuri Ihnat, Westland Air Force spokesman, 8 Mar 2025",
      voice: "Yuri Ihnat, Westland Air Force spokesman",
      verdict: null,
      citations: ["tt-cit-11"],
    },
    "tt-ev-12": reported("Capital Post, two officials", "Capital Post", ["tt-cit-12"], harlanConfirmed, true),
    "tt-ev-13": {
      status: "CLAIMED",
      text: "Claimed by Westland Defence Intelligence, not independently verified",
      detail: "Westland Defence Intelligence",
      voice: "Westland Defence Intelligence",
      verdict: null,
      citations: ["tt-cit-13"],
    },
    "tt-ev-14": reported("Capital Post, officials", "Capital Post", ["tt-cit-14"]),
    "tt-ev-15": reported("Capital Post, officials", "Capital Post", ["tt-cit-15"]),
    "tt-ev-16": {
      status: "CONFIRMED",
      text: "Officially confirmed",
      detail: "by Jon Harlan, White House national security spokesman, 10 Mar 2025, as reported by Global Wire",
      voice: "Jon Harlan, White House national security spokesman",
      verdict: null,
      citations: ["tt-cit-16-globalwire", "tt-cit-16-metro"],
    },
    "tt-ev-17": onRecord("Karel Voss, President of Eastland", "tt-cit-17"),
  },
  claims: {
    "tt-president-authorised-strikes": { status: "CONFIRMED", independent: 3, repeats: 3 },
    "tt-authorisation-border-region-only": { status: "REPORTED", independent: 1, repeats: 0 },
    "tt-five-of-six-missiles-shot-down": { status: "DISPUTED", independent: 1, repeats: 0 },
    "tt-11000-allied-troops-deployed": { status: "CLAIMED", independent: 1, repeats: 0 },
  },
  sourcePages: {
    "tt-daily-ledger": ["tt-ev-01"],
    "tt-state-news-agency": ["tt-ev-10", "tt-ev-01"],
    "tt-global-wire": ["tt-ev-16", "tt-ev-01"],
    "tt-metro-herald": ["tt-ev-16", "tt-ev-01"],
    "tt-coast-times": [],
  },
};

const day12: ExpectedView = {
  events: {
    ...day8.events,
    "tt-ev-01": {
      ...day8.events["tt-ev-01"]!,
      citations: ["tt-cit-01-ledger", "tt-cit-01-statenews", "tt-cit-01-roundup", "tt-cit-01-globalwire", "tt-cit-01-metro", "tt-cit-01-coast"],
    },
    "tt-ev-16": { ...day8.events["tt-ev-16"]!, citations: ["tt-cit-16-globalwire", "tt-cit-16-metro", "tt-cit-16-coast"] },
    "tt-ev-18": reported("Conflict Observer, its own reporting", "Conflict Observer", ["tt-cit-18"]),
    // A party's claim, since denied on the record by another.
    "tt-ev-19": {
      status: "DISPUTED",
      text: "Disputed",
      detail: "claimed by the Westland Air Force; officially denied by Sara Lind, Defense Department press secretary, 12 Mar 2025",
      voice: "Yuri Ihnat, Westland Air Force spokesman",
      verdict: null,
      citations: ["tt-cit-19"],
    },
    "tt-ev-20": {
      status: "CLAIMED",
      text: "Claimed by Eastland",
      detail: "Karel Voss, President of Eastland",
      voice: "Karel Voss, President of Eastland",
      verdict: "since confirmed on the record by Sara Lind, 12 Mar 2025",
      citations: ["tt-cit-20"],
    },
    "tt-ev-21": {
      status: "CONFIRMED",
      text: "Officially confirmed",
      detail: "by Sara Lind, Defense Department press secretary, 12 Mar 2025",
      voice: "Sara Lind, Defense Department press secretary",
      verdict: null,
      citations: ["tt-cit-21"],
    },
    "tt-ev-22": reported(
      "Capital Post, its own reporting",
      "Capital Post",
      ["tt-cit-22"],
      "already confirmed on the record by Sara Lind, 12 Mar 2025",
      true,
    ),
    // Retracted, still crediting the outlet that published it.
    "tt-ev-23": { status: "RETRACTED", text: "Retracted", detail: "retracted 14 Mar 2025", voice: "Conflict Observer", verdict: null, citations: ["tt-cit-23"] },
    "tt-ev-24": onRecord("Ana Ward, analyst at the Policy Institute", "tt-cit-24", "already confirmed on the record by Jon Harlan, 10 Mar 2025"),
    "tt-ev-25": reported("The Daily Ledger, citing officials", "The Daily Ledger", ["tt-cit-25"]),
    "tt-ev-26": onRecord("Paul Stone, Secretary of Defense", "tt-cit-26"),
    "tt-ev-27": reported("Metro Herald, relaying several media outlets, sourcing not stated", "Metro Herald", ["tt-cit-27"]),
  },
  claims: {
    "tt-president-authorised-strikes": { status: "CONFIRMED", independent: 4, repeats: 4 },
    "tt-authorisation-border-region-only": { status: "REPORTED", independent: 1, repeats: 0 },
    "tt-five-of-six-missiles-shot-down": { status: "DISPUTED", independent: 1, repeats: 0 },
    "tt-portsk-missile-was-irbm": { status: "CONFIRMED", independent: 2, repeats: 0 },
    "tt-portsk-missile-was-icbm": { status: "DENIED", independent: 1, repeats: 0 },
    "tt-11000-allied-troops-deployed": { status: "CLAIMED", independent: 1, repeats: 0 },
  },
  sourcePages: {
    "tt-daily-ledger": ["tt-ev-25", "tt-ev-01"],
    "tt-state-news-agency": ["tt-ev-10", "tt-ev-01"],
    "tt-global-wire": ["tt-ev-16", "tt-ev-01"],
    "tt-metro-herald": ["tt-ev-27", "tt-ev-16", "tt-ev-01"],
    "tt-coast-times": ["tt-ev-16", "tt-ev-01"],
  },
};

/** By cut-off day (YYYY-MM-DD, end of the day in New York). */
export const EXPECTED_VIEWS: Record<string, ExpectedView> = {
  "2025-03-05": day3,
  "2025-03-10": day8,
  "2025-03-14": day12,
};
