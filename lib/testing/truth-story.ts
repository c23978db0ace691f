import { endOfLocalDay, startOfLocalDay } from "../dates";
import type { ClaimStatusValue, EventKindValue, PrecisionValue, SourceKindValue, StanceValue, AttributionValue, DateBoundValue } from "../domain";
import { FORMAT_VERSION, type CitationRecord, type EventRecord, type StoryExport } from "../export/format";

// The truth-through-time fixture: a fictional developing story, about 30 events over twelve days,
// written for the tests as an import file (format version 2). It has each shape the labels got
// wrong on a real story:
// - a decision reported by anonymous officials on day 1, relayed by state media and by an
//   undated round-up, declined by two spokespeople, and confirmed on the record on day 8 in a wire
//   story carried by two outlets (one on day 8, one on day 9);
// - a report that narrows the claim (qualifies it);
// - a party's intercept tally, contradicted two days later;
// - a missile-type dispute that ends in an on-record confirmation of one type and a denial of
//   the other (two changes known the same day, told apart by their sequence);
// - a month-precision troop deployment, an "on or before" date, a range, a date unknown, a
//   retraction, a third party's gloss.
// The file is in the exporter's canonical order, so importing it and exporting again gives the
// same bytes. Expected labels, written out by hand, are in truth-story-expected.ts.

export const TRUTH_STORY_SLUG = "fixture-long-range-strikes";
export const TRUTH_ZONE = "America/New_York";

/** Day n of the story (day 1 is Monday 3 March 2025), as YYYY-MM-DD. */
export function storyDay(n: number): string {
  return new Date(Date.UTC(2025, 2, 2 + n)).toISOString().slice(0, 10);
}

/** The instant "day n at HH:MM" in New York. */
function at(n: number, time = "00:00"): string {
  const [h, m] = time.split(":").map(Number);
  const start = startOfLocalDay(storyDay(n), TRUTH_ZONE);
  return new Date(start.getTime() + (h! * 60 + m!) * 60_000).toISOString();
}

/** The "as of" cut-offs the tests read the story at: the end of days 3, 8 and 12 in New York. */
export const CUTOFF_DAYS = [storyDay(3), storyDay(8), storyDay(12)] as const;
export const cutoffOf = (day: string) => endOfLocalDay(day, TRUTH_ZONE);

type Src = { id: string; slug: string; name: string; kind: SourceKindValue };
const SOURCES: Src[] = [
  { id: "tt-src-ledger", slug: "tt-daily-ledger", name: "The Daily Ledger", kind: "NEWSPAPER" },
  { id: "tt-src-statenews", slug: "tt-state-news-agency", name: "State News Agency", kind: "WIRE" },
  { id: "tt-src-roundup", slug: "tt-morning-roundup", name: "Morning Roundup", kind: "DIGITAL_OUTLET" },
  { id: "tt-src-globalwire", slug: "tt-global-wire", name: "Global Wire", kind: "WIRE" },
  { id: "tt-src-metro", slug: "tt-metro-herald", name: "Metro Herald", kind: "NEWSPAPER" },
  { id: "tt-src-coast", slug: "tt-coast-times", name: "Coast Times", kind: "NEWSPAPER" },
  { id: "tt-src-capital", slug: "tt-capital-post", name: "Capital Post", kind: "NEWSPAPER" },
  { id: "tt-src-bulletin", slug: "tt-the-bulletin", name: "The Bulletin", kind: "DIGITAL_OUTLET" },
  { id: "tt-src-observer", slug: "tt-conflict-observer", name: "Conflict Observer", kind: "DIGITAL_OUTLET" },
  { id: "tt-src-defense", slug: "tt-defense-department", name: "Defense Department", kind: "GOVERNMENT" },
  { id: "tt-src-whitehouse", slug: "tt-white-house", name: "The White House", kind: "GOVERNMENT" },
  { id: "tt-src-westfm", slug: "tt-westland-foreign-ministry", name: "Westland Foreign Ministry", kind: "GOVERNMENT" },
  { id: "tt-src-westpres", slug: "tt-westland-presidency", name: "Westland Presidency", kind: "HEAD_OF_STATE_OFFICE" },
  { id: "tt-src-westaf", slug: "tt-westland-air-force", name: "Westland Air Force", kind: "GOVERNMENT" },
  { id: "tt-src-westintel", slug: "tt-westland-defence-intelligence", name: "Westland Defence Intelligence", kind: "GOVERNMENT" },
  { id: "tt-src-eastmod", slug: "tt-eastland-ministry-of-defence", name: "Eastland Ministry of Defence", kind: "GOVERNMENT" },
  { id: "tt-src-eastpres", slug: "tt-eastland-presidency", name: "Eastland Presidency", kind: "HEAD_OF_STATE_OFFICE" },
  { id: "tt-src-institute", slug: "tt-policy-institute", name: "Policy Institute", kind: "OTHER" },
];

const ACTORS = [
  { id: "tt-act-harlan", slug: "tt-jon-harlan", name: "Jon Harlan", title: "White House national security spokesman", affiliation: "The White House" },
  { id: "tt-act-lind", slug: "tt-sara-lind", name: "Sara Lind", title: "Defense Department press secretary", affiliation: "Defense Department" },
  { id: "tt-act-berg", slug: "tt-ola-berg", name: "Ola Berg", title: "Westland foreign ministry spokesperson", affiliation: "Westland Foreign Ministry" },
  { id: "tt-act-kovac", slug: "tt-mira-kovac", name: "Mira Kovac", title: "President of Westland", affiliation: "Westland" },
  { id: "tt-act-petrov", slug: "tt-ivo-petrov", name: "Ivo Petrov", title: "Eastland defence ministry spokesman", affiliation: "the Eastland Ministry of Defence" },
  { id: "tt-act-ihnat", slug: "tt-yuri-ihnat", name: "Yuri Ihnat", title: "Westland Air Force spokesman", affiliation: "the Westland Air Force" },
  { id: "tt-act-voss", slug: "tt-karel-voss", name: "Karel Voss", title: "President of Eastland", affiliation: "Eastland" },
  { id: "tt-act-ward", slug: "tt-ana-ward", name: "Ana Ward", title: "analyst at the Policy Institute", affiliation: "Policy Institute" },
  { id: "tt-act-stone", slug: "tt-paul-stone", name: "Paul Stone", title: "Secretary of Defense", affiliation: "Defense Department" },
];

const TAGS = [
  { id: "tt-tag-strikes", slug: "tt-long-range-strikes", name: "Long-range strikes" },
  { id: "tt-tag-air-defence", slug: "tt-air-defence", name: "Air defence" },
  { id: "tt-tag-missile-type", slug: "tt-missile-type", name: "Missile type" },
];

/** The claims, by key. */
export const CLAIMS = {
  decision: { id: "tt-claim-decision", slug: "tt-president-authorised-strikes", text: "The President authorised Westland to strike inside Eastland with long-range missiles" },
  border: { id: "tt-claim-border", slug: "tt-authorisation-border-region-only", text: "The authorisation covers only the border region" },
  tally: { id: "tt-claim-tally", slug: "tt-five-of-six-missiles-shot-down", text: "Eastland's air defences shot down five of the six missiles" },
  irbm: { id: "tt-claim-irbm", slug: "tt-portsk-missile-was-irbm", text: "The missile that struck Portsk was an intermediate-range ballistic missile" },
  icbm: { id: "tt-claim-icbm", slug: "tt-portsk-missile-was-icbm", text: "The missile that struck Portsk was an intercontinental ballistic missile" },
  troops: { id: "tt-claim-troops", slug: "tt-11000-allied-troops-deployed", text: "About 11,000 allied troops were deployed to Eastland's border region" },
} as const;

type Cite = {
  id: string;
  source: string;
  published: string | null;
  precision?: PrecisionValue | null;
  attribution: AttributionValue;
  text?: string;
  speaker?: string;
  origin?: string;
  originText?: string;
  quote?: string;
  url?: string;
};

type Ev = {
  id: string;
  slug: string;
  kind: EventKindValue;
  headline: string;
  summary: string;
  occurredAt: string;
  occurredEndAt?: string;
  precision?: PrecisionValue;
  dateBound?: DateBoundValue;
  approximate?: boolean;
  timeNote?: string;
  dayOrder?: number;
  firstReportedAt: string;
  retractedAt?: string;
  retractionNote?: string;
  tags?: string[];
  actors?: { actorId: string; role: "SPEAKER" | "DECISION_MAKER" | "SUBJECT" }[];
  claims?: { claim: keyof typeof CLAIMS; stance: StanceValue; note?: string }[];
  citations: Cite[];
};


const EVENTS: Ev[] = [
  {
    id: "tt-ev-01",
    slug: "tt-president-authorises-long-range-strikes",
    kind: "DECISION",
    headline: "The President authorises Westland to strike inside Eastland with long-range missiles",
    summary: "Reported on day 1 by The Daily Ledger, citing three unnamed officials; confirmed on the record by the White House on day 8.",
    occurredAt: at(1),
    firstReportedAt: at(1, "09:00"),
    tags: ["tt-tag-strikes"],
    claims: [{ claim: "decision", stance: "ASSERTS" }],
    citations: [
      { id: "tt-cit-01-ledger", source: "tt-src-ledger", published: at(1, "09:00"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "citing three unnamed officials", url: "https://ledger.example/authorised" },
      { id: "tt-cit-01-statenews", source: "tt-src-statenews", published: at(1, "20:00"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "citing the American newspaper", origin: "tt-src-ledger" },
      { id: "tt-cit-01-roundup", source: "tt-src-roundup", published: null, attribution: "UNKNOWN", originText: "several media outlets" },
      { id: "tt-cit-01-globalwire", source: "tt-src-globalwire", published: at(8, "11:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-harlan", quote: "The President has authorised it." },
      { id: "tt-cit-01-metro", source: "tt-src-metro", published: at(8, "14:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-harlan", origin: "tt-src-globalwire" },
      { id: "tt-cit-01-coast", source: "tt-src-coast", published: at(9, "06:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-harlan", origin: "tt-src-globalwire" },
    ],
  },
  {
    id: "tt-ev-02",
    slug: "tt-kovac-missiles-will-speak",
    kind: "STATEMENT",
    headline: "Kovac: strikes are not announced, the missiles will speak for themselves",
    summary: "Westland's president neither confirms nor denies the report.",
    occurredAt: at(1),
    dayOrder: 1,
    firstReportedAt: at(1, "12:00"),
    claims: [{ claim: "decision", stance: "DECLINES" }],
    citations: [{ id: "tt-cit-02", source: "tt-src-westpres", published: at(1, "12:00"), precision: "MINUTE", attribution: "NAMED_ON_RECORD", speaker: "tt-act-kovac", quote: "The missiles will speak for themselves." }],
  },
  {
    id: "tt-ev-03",
    slug: "tt-defense-declines-to-confirm",
    kind: "BRIEFING",
    headline: "Defense Department: “no policy updates to announce”",
    summary: "Asked about the report, the Pentagon press secretary declined to confirm it.",
    occurredAt: at(2),
    firstReportedAt: at(2, "14:00"),
    claims: [{ claim: "decision", stance: "DECLINES" }],
    citations: [{ id: "tt-cit-03", source: "tt-src-defense", published: at(2, "14:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-lind", quote: "I have no policy updates to announce." }],
  },
  {
    id: "tt-ev-04",
    slug: "tt-bulletin-border-region-only",
    kind: "MEDIA_REPORT",
    headline: "The Bulletin: the authorisation covers only the border region",
    summary: "Citing a source familiar with the decision, The Bulletin reports a narrower scope.",
    occurredAt: at(2),
    dayOrder: 1,
    firstReportedAt: at(2, "18:00"),
    claims: [
      { claim: "border", stance: "ASSERTS" },
      { claim: "decision", stance: "QUALIFIES", note: "Border region only." },
    ],
    citations: [{ id: "tt-cit-04", source: "tt-src-bulletin", published: at(2, "18:00"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "a source familiar with the decision" }],
  },
  {
    id: "tt-ev-05",
    slug: "tt-westland-foreign-ministry-declines",
    kind: "BRIEFING",
    headline: "Westland's foreign ministry declines to comment on the report",
    summary: "The ministry's spokesperson would not confirm or deny it.",
    occurredAt: at(3),
    firstReportedAt: at(3, "10:00"),
    claims: [{ claim: "decision", stance: "DECLINES" }],
    citations: [{ id: "tt-cit-05", source: "tt-src-westfm", published: at(3, "10:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-berg" }],
  },
  {
    id: "tt-ev-06",
    slug: "tt-voss-calls-it-escalation",
    kind: "REACTION",
    headline: "Voss calls the reported authorisation an escalation",
    summary: "Eastland's president warns of a response.",
    occurredAt: at(3),
    dayOrder: 1,
    firstReportedAt: at(3, "15:00"),
    citations: [{ id: "tt-cit-06", source: "tt-src-eastpres", published: at(3, "15:00"), precision: "MINUTE", attribution: "NAMED_ON_RECORD", speaker: "tt-act-voss" }],
  },
  {
    id: "tt-ev-07",
    slug: "tt-observer-launchers-moved",
    kind: "MEDIA_REPORT",
    headline: "Conflict Observer: launchers moved toward the border",
    summary: "Satellite images analysed by the outlet show launchers moving.",
    occurredAt: at(4),
    firstReportedAt: at(4, "09:00"),
    citations: [{ id: "tt-cit-07", source: "tt-src-observer", published: at(4, "09:00"), precision: "MINUTE", attribution: "OUTLET_OWN", text: "its own analysis of satellite images" }],
  },
  {
    id: "tt-ev-08",
    slug: "tt-eastland-air-defence-moved",
    kind: "MILITARY_ACTION",
    headline: "Eastland moves air-defence units to the border",
    summary: "No source dates the move; it is placed by its first report.",
    occurredAt: at(4, "11:00"),
    dateBound: "UNKNOWN",
    firstReportedAt: at(4, "11:00"),
    tags: ["tt-tag-air-defence"],
    citations: [{ id: "tt-cit-08", source: "tt-src-observer", published: at(4, "11:00"), precision: "MINUTE", attribution: "OUTLET_OWN" }],
  },
  {
    id: "tt-ev-09",
    slug: "tt-first-strike-near-border",
    kind: "MILITARY_ACTION",
    headline: "First long-range strike hits a depot near the border",
    summary: "Reported by the Conflict Observer from local accounts.",
    occurredAt: at(5, "03:00"),
    precision: "HOUR",
    firstReportedAt: at(5, "07:00"),
    tags: ["tt-tag-strikes"],
    citations: [{ id: "tt-cit-09", source: "tt-src-observer", published: at(5, "07:00"), precision: "MINUTE", attribution: "OUTLET_OWN", text: "local accounts" }],
  },
  {
    id: "tt-ev-10",
    slug: "tt-eastland-claims-five-of-six-shot-down",
    kind: "STATEMENT",
    headline: "Eastland's defence ministry says five of six missiles were shot down",
    summary: "The ministry's spokesman gave the tally; it could not be checked independently.",
    occurredAt: at(5),
    dayOrder: 1,
    firstReportedAt: at(5, "10:00"),
    tags: ["tt-tag-air-defence"],
    claims: [{ claim: "tally", stance: "ASSERTS" }],
    citations: [{ id: "tt-cit-10", source: "tt-src-statenews", published: at(5, "10:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-petrov" }],
  },
  {
    id: "tt-ev-11",
    slug: "tt-westland-air-force-contradicts-tally",
    kind: "STATEMENT",
    headline: "Westland's air force: the Eastland tally is false",
    summary: "The air force spokesman says most of the missiles reached their target.",
    occurredAt: at(6),
    firstReportedAt: at(6, "09:00"),
    tags: ["tt-tag-air-defence"],
    claims: [{ claim: "tally", stance: "DENIES" }],
    citations: [{ id: "tt-cit-11", source: "tt-src-westaf", published: at(6, "09:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-ihnat" }],
  },
  {
    id: "tt-ev-12",
    slug: "tt-capital-post-confirms-authorisation-anonymously",
    kind: "MEDIA_REPORT",
    headline: "Capital Post: officials say the strikes were authorised weeks ago",
    summary: "A second outlet, with its own anonymous sources.",
    occurredAt: at(6),
    dayOrder: 1,
    firstReportedAt: at(6, "12:00"),
    claims: [{ claim: "decision", stance: "ASSERTS" }],
    citations: [{ id: "tt-cit-12", source: "tt-src-capital", published: at(6, "12:00"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "two officials" }],
  },
  {
    id: "tt-ev-13",
    slug: "tt-allied-troops-deployed",
    kind: "MILITARY_ACTION",
    headline: "About 11,000 allied troops deployed to Eastland's border region",
    summary: "Westland's defence intelligence says the deployment took place in February.",
    occurredAt: at(-29),
    precision: "MONTH",
    firstReportedAt: at(7, "08:00"),
    claims: [{ claim: "troops", stance: "ASSERTS" }],
    citations: [{ id: "tt-cit-13", source: "tt-src-westintel", published: at(7, "08:00"), precision: "MINUTE", attribution: "PARTY_CLAIM", text: "according to Westland's defence intelligence" }],
  },
  {
    id: "tt-ev-14",
    slug: "tt-first-missiles-delivered",
    kind: "OTHER",
    headline: "The first long-range missiles reach Westland",
    summary: "Officials say the missiles had arrived by the day of the first report.",
    occurredAt: at(1),
    dateBound: "ON_OR_BEFORE",
    dayOrder: 2,
    firstReportedAt: at(7, "10:00"),
    citations: [{ id: "tt-cit-14", source: "tt-src-capital", published: at(7, "10:00"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "officials" }],
  },
  {
    id: "tt-ev-15",
    slug: "tt-launch-crews-trained",
    kind: "OTHER",
    headline: "Launch crews finished their training",
    summary: "Officials give a range of dates.",
    occurredAt: at(-6),
    occurredEndAt: at(-3),
    dateBound: "BETWEEN",
    firstReportedAt: at(7, "10:30"),
    citations: [{ id: "tt-cit-15", source: "tt-src-capital", published: at(7, "10:30"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "officials" }],
  },
  {
    id: "tt-ev-16",
    slug: "tt-white-house-confirms-authorisation",
    kind: "STATEMENT",
    headline: "White House confirms the President authorised the strikes",
    summary: "The national security spokesman confirmed it on the record, in a wire story carried by other outlets.",
    occurredAt: at(8),
    firstReportedAt: at(8, "11:00"),
    claims: [{ claim: "decision", stance: "CONFIRMS" }],
    citations: [
      { id: "tt-cit-16-globalwire", source: "tt-src-globalwire", published: at(8, "11:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-harlan", quote: "The President has authorised it." },
      { id: "tt-cit-16-metro", source: "tt-src-metro", published: at(8, "14:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-harlan", origin: "tt-src-globalwire" },
      { id: "tt-cit-16-coast", source: "tt-src-coast", published: at(9, "06:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-harlan", origin: "tt-src-globalwire" },
    ],
  },
  {
    id: "tt-ev-17",
    slug: "tt-voss-responds-to-confirmation",
    kind: "REACTION",
    headline: "Voss responds to the White House confirmation",
    summary: "Eastland's president repeats his warning.",
    occurredAt: at(8),
    dayOrder: 1,
    firstReportedAt: at(8, "16:00"),
    citations: [{ id: "tt-cit-17", source: "tt-src-eastpres", published: at(8, "16:00"), precision: "MINUTE", attribution: "NAMED_ON_RECORD", speaker: "tt-act-voss" }],
  },
  {
    id: "tt-ev-18",
    slug: "tt-portsk-struck",
    kind: "MILITARY_ACTION",
    headline: "A ballistic missile strikes Portsk",
    summary: "Reported by the Conflict Observer from local accounts.",
    occurredAt: at(9, "05:00"),
    precision: "HOUR",
    firstReportedAt: at(9, "07:00"),
    tags: ["tt-tag-missile-type"],
    citations: [{ id: "tt-cit-18", source: "tt-src-observer", published: at(9, "07:00"), precision: "MINUTE", attribution: "OUTLET_OWN" }],
  },
  {
    id: "tt-ev-19",
    slug: "tt-westland-air-force-says-icbm",
    kind: "STATEMENT",
    headline: "Westland's air force says the missile was an intercontinental ballistic missile",
    summary: "The first assessment, given the same morning.",
    occurredAt: at(9),
    dayOrder: 1,
    firstReportedAt: at(9),
    tags: ["tt-tag-missile-type"],
    claims: [{ claim: "icbm", stance: "ASSERTS" }],
    citations: [{ id: "tt-cit-19", source: "tt-src-westaf", published: at(9), precision: "DAY", attribution: "SPOKESPERSON", speaker: "tt-act-ihnat" }],
  },
  {
    id: "tt-ev-20",
    slug: "tt-voss-says-new-intermediate-range-missile",
    kind: "STATEMENT",
    headline: "Voss: it was a new intermediate-range missile, not an ICBM",
    summary: "Eastland's president names the missile in a televised address.",
    occurredAt: at(9),
    dayOrder: 2,
    firstReportedAt: at(9),
    tags: ["tt-tag-missile-type"],
    claims: [
      { claim: "irbm", stance: "ASSERTS" },
      { claim: "icbm", stance: "DENIES" },
    ],
    citations: [{ id: "tt-cit-20", source: "tt-src-eastpres", published: at(9), precision: "DAY", attribution: "NAMED_ON_RECORD", speaker: "tt-act-voss" }],
  },
  {
    id: "tt-ev-21",
    slug: "tt-pentagon-experimental-irbm",
    kind: "BRIEFING",
    headline: "Pentagon: an experimental intermediate-range missile, not an ICBM",
    summary: "The press secretary confirms the type on the record and rules out the other.",
    occurredAt: at(10),
    firstReportedAt: at(10, "13:00"),
    tags: ["tt-tag-missile-type"],
    claims: [
      { claim: "irbm", stance: "CONFIRMS" },
      { claim: "icbm", stance: "DENIES" },
    ],
    citations: [{ id: "tt-cit-21", source: "tt-src-defense", published: at(10, "13:00"), precision: "MINUTE", attribution: "SPOKESPERSON", speaker: "tt-act-lind", quote: "It was an experimental intermediate-range ballistic missile." }],
  },
  {
    id: "tt-ev-22",
    slug: "tt-capital-post-experts-on-missile",
    kind: "MEDIA_REPORT",
    headline: "Capital Post: experts say the missile's range was at the low end",
    summary: "The outlet's own analysis of the debris.",
    occurredAt: at(10),
    dayOrder: 1,
    firstReportedAt: at(10, "18:00"),
    claims: [{ claim: "irbm", stance: "QUALIFIES" }],
    citations: [{ id: "tt-cit-22", source: "tt-src-capital", published: at(10, "18:00"), precision: "MINUTE", attribution: "OUTLET_OWN" }],
  },
  {
    id: "tt-ev-23",
    slug: "tt-observer-second-strike-report",
    kind: "MEDIA_REPORT",
    headline: "Conflict Observer reports a second strike on Portsk",
    summary: "Retracted the next day: the footage was from the first strike.",
    occurredAt: at(11),
    firstReportedAt: at(11, "08:00"),
    retractedAt: at(12, "09:00"),
    retractionNote: "The footage showed the first strike; there was no second one.",
    citations: [{ id: "tt-cit-23", source: "tt-src-observer", published: at(11, "08:00"), precision: "MINUTE", attribution: "OUTLET_OWN" }],
  },
  {
    id: "tt-ev-24",
    slug: "tt-analyst-says-authorisation-changes-little",
    kind: "REACTION",
    headline: "Analyst: the authorisation changes little on the ground",
    summary: "A think-tank analyst's gloss on the confirmed decision.",
    occurredAt: at(11),
    dayOrder: 1,
    firstReportedAt: at(11, "12:00"),
    claims: [{ claim: "decision", stance: "ASSERTS" }],
    citations: [{ id: "tt-cit-24", source: "tt-src-institute", published: at(11, "12:00"), precision: "MINUTE", attribution: "NAMED_ON_RECORD", speaker: "tt-act-ward" }],
  },
  {
    id: "tt-ev-25",
    slug: "tt-ledger-more-strikes-authorised",
    kind: "MEDIA_REPORT",
    headline: "The Daily Ledger: more strikes have been authorised",
    summary: "Citing the same officials as on day 1.",
    occurredAt: at(12),
    firstReportedAt: at(12, "09:00"),
    citations: [{ id: "tt-cit-25", source: "tt-src-ledger", published: at(12, "09:00"), precision: "MINUTE", attribution: "ANONYMOUS_OFFICIALS", text: "citing officials" }],
  },
  {
    id: "tt-ev-26",
    slug: "tt-stone-on-the-strikes",
    kind: "STATEMENT",
    headline: "Secretary Stone: the strikes were within the authorisation",
    summary: "The defense secretary speaks on the record.",
    occurredAt: at(12),
    dayOrder: 1,
    firstReportedAt: at(12, "15:00"),
    citations: [{ id: "tt-cit-26", source: "tt-src-defense", published: at(12, "15:00"), precision: "MINUTE", attribution: "NAMED_ON_RECORD", speaker: "tt-act-stone" }],
  },
  {
    id: "tt-ev-27",
    slug: "tt-metro-recaps-week",
    kind: "MEDIA_REPORT",
    headline: "Metro Herald recaps the week's strikes",
    summary: "A recap relaying other outlets; the recap's date is not recorded.",
    occurredAt: at(12),
    dayOrder: 2,
    firstReportedAt: at(12, "18:00"),
    citations: [{ id: "tt-cit-27", source: "tt-src-metro", published: null, attribution: "UNKNOWN", originText: "several media outlets" }],
  },
  {
    id: "tt-ev-28",
    slug: "tt-eastland-mod-warns-of-response",
    kind: "STATEMENT",
    headline: "Eastland's defence ministry warns of a response",
    summary: "Published in a ministry document.",
    occurredAt: at(2),
    dayOrder: 2,
    firstReportedAt: at(2, "20:00"),
    citations: [{ id: "tt-cit-28", source: "tt-src-eastmod", published: at(2, "20:00"), precision: "MINUTE", attribution: "DOCUMENT" }],
  },
];

type Change = { claim: keyof typeof CLAIMS; to: ClaimStatusValue; knownAt: string; sequence: number; reason: string; evidence: string | null };
const HISTORY: Change[] = [
  { claim: "decision", to: "REPORTED", knownAt: at(1, "09:00"), sequence: 1, reason: "The Daily Ledger reported it, citing unnamed officials.", evidence: "tt-cit-01-ledger" },
  { claim: "decision", to: "CONFIRMED", knownAt: at(8, "11:00"), sequence: 2, reason: "The White House spokesman confirmed it on the record.", evidence: "tt-cit-16-globalwire" },
  { claim: "border", to: "REPORTED", knownAt: at(2, "18:00"), sequence: 1, reason: "The Bulletin reported the narrower scope.", evidence: "tt-cit-04" },
  { claim: "tally", to: "CLAIMED", knownAt: at(5, "10:00"), sequence: 1, reason: "Eastland's defence ministry gave the tally; it cannot be checked.", evidence: "tt-cit-10" },
  { claim: "tally", to: "DISPUTED", knownAt: at(6, "09:00"), sequence: 2, reason: "Westland's air force contradicted it.", evidence: "tt-cit-11" },
  { claim: "icbm", to: "CLAIMED", knownAt: at(9), sequence: 1, reason: "Westland's air force said so.", evidence: "tt-cit-19" },
  { claim: "icbm", to: "DISPUTED", knownAt: at(9), sequence: 2, reason: "Eastland's president contradicted it the same day.", evidence: "tt-cit-20" },
  { claim: "irbm", to: "CLAIMED", knownAt: at(9), sequence: 1, reason: "Eastland's president said so.", evidence: "tt-cit-20" },
  { claim: "irbm", to: "CONFIRMED", knownAt: at(10, "13:00"), sequence: 2, reason: "The Pentagon confirmed the type on the record.", evidence: "tt-cit-21" },
  { claim: "icbm", to: "DENIED", knownAt: at(10, "13:00"), sequence: 3, reason: "The Pentagon ruled it out on the record.", evidence: "tt-cit-21" },
  { claim: "troops", to: "CLAIMED", knownAt: at(7, "08:00"), sequence: 1, reason: "Westland's defence intelligence gave the number.", evidence: "tt-cit-13" },
];

const RELATIONS = [
  { id: "tt-rel-01", fromEventId: "tt-ev-02", toEventId: "tt-ev-01", type: "RESPONDS_TO" as const, note: null },
  { id: "tt-rel-02", fromEventId: "tt-ev-16", toEventId: "tt-ev-01", type: "CONFIRMS" as const, note: null },
  { id: "tt-rel-03", fromEventId: "tt-ev-17", toEventId: "tt-ev-16", type: "RESPONDS_TO" as const, note: null },
  { id: "tt-rel-04", fromEventId: "tt-ev-11", toEventId: "tt-ev-10", type: "DENIES" as const, note: null },
  { id: "tt-rel-05", fromEventId: "tt-ev-21", toEventId: "tt-ev-19", type: "DENIES" as const, note: null },
];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => cmp(a.id, b.id));

function citationRecord(c: Cite): CitationRecord {
  return {
    id: c.id,
    sourceId: c.source,
    url: c.url ?? null,
    archivedUrl: null,
    title: null,
    publishedAt: c.published,
    publishedPrecision: c.published ? (c.precision === undefined ? "DAY" : c.precision) : null,
    quote: c.quote ?? null,
    attribution: c.attribution,
    attributionText: c.text ?? null,
    speakerActorId: c.speaker ?? null,
    originSourceId: c.origin ?? null,
    originText: c.originText ?? null,
    repeatsCitationId: null,
    note: null,
  };
}

function eventRecord(e: Ev): EventRecord {
  return {
    id: e.id,
    slug: e.slug,
    kind: e.kind,
    headline: e.headline,
    summary: e.summary,
    location: null,
    occurredAt: e.occurredAt,
    occurredEndAt: e.occurredEndAt ?? null,
    precision: e.precision ?? "DAY",
    approximate: e.approximate ?? false,
    dateBound: e.dateBound ?? "EXACT",
    version: 1,
    timeNote: e.timeNote ?? null,
    timeZone: TRUTH_ZONE,
    dayOrder: e.dayOrder ?? 0,
    firstReportedAt: e.firstReportedAt,
    published: true,
    retractedAt: e.retractedAt ?? null,
    retractionNote: e.retractionNote ?? null,
    actors: [...(e.actors ?? [])].sort((a, b) => cmp(a.actorId, b.actorId) || cmp(a.role, b.role)),
    tagIds: [...(e.tags ?? [])].sort(cmp),
    claims: (e.claims ?? []).map((c) => ({ claimId: CLAIMS[c.claim].id, stance: c.stance, note: c.note ?? null })),
    citations: e.citations.map(citationRecord),
    corrections: [],
  };
}

/** The fixture as an import file, in the exporter's canonical order. */
export function truthStory(): StoryExport {
  const events = EVENTS.map(eventRecord).sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.dayOrder - b.dayOrder || cmp(a.id, b.id),
  );
  const citations = events.flatMap((e) => e.citations);
  const sourceIds = new Set(citations.flatMap((c) => [c.sourceId, ...(c.originSourceId ? [c.originSourceId] : [])]));
  const actorIds = new Set(citations.flatMap((c) => (c.speakerActorId ? [c.speakerActorId] : [])));
  const tagIds = new Set(events.flatMap((e) => e.tagIds));
  return {
    formatVersion: FORMAT_VERSION,
    story: {
      id: "tt-story",
      slug: TRUTH_STORY_SLUG,
      title: "Long-range strikes (truth-through-time fixture)",
      description: "A fictional developing story written for the tests: reported, relayed, declined, claimed, disputed and confirmed over twelve days.",
      timeZone: TRUTH_ZONE,
      isDefault: false,
    },
    sources: byId(SOURCES.filter((s) => sourceIds.has(s.id))).map((s) => ({ ...s, country: null, homepage: null, description: null })),
    actors: byId(ACTORS.filter((a) => actorIds.has(a.id))),
    tags: byId(TAGS.filter((t) => tagIds.has(t.id))),
    claims: byId(Object.values(CLAIMS).map((c) => ({ ...c }))).map((c) => ({
      id: c.id,
      slug: c.slug,
      text: c.text,
      scope: null,
      history: HISTORY.filter((h) => CLAIMS[h.claim].id === c.id)
        .sort((a, b) => Date.parse(a.knownAt) - Date.parse(b.knownAt) || a.sequence - b.sequence)
        .map((h) => ({ toStatus: h.to, knownAt: h.knownAt, sequence: h.sequence, reason: h.reason, evidenceCitationId: h.evidence, changedBy: "fixture" })),
    })),
    events,
    relations: byId(RELATIONS),
  };
}

