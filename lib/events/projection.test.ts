import { describe, expect, it } from "vitest";
import {
  ATTRIBUTIONS,
  CLAIM_STATUSES,
  type AttributionValue,
  type ClaimStatusValue,
  type EventStatusValue,
  type SourceKindValue,
  type StanceValue,
} from "../domain";
import { eventLabel } from "./labels";
import {
  claimStateAt,
  eventKnownFrom,
  independentSourceCount,
  labelPeriods,
  labelStatus,
  periodAt,
  visibleCitations,
  type CitationFacts,
  type CitationForCount,
  type ClaimChangeFacts,
  type EventFacts,
  type StatusPeriod,
} from "./projection";

// The as-of projection, as pure functions: what a reader saw of an event at an instant, from
// what was known then. These are the rules every surface and every stored label follow.

const at = (iso: string) => new Date(iso);
const ZONE = "America/New_York";

let seq = 0;
function citation(input: Partial<CitationFacts> & { attribution?: AttributionValue; kind?: SourceKindValue; name?: string } = {}): CitationFacts {
  seq += 1;
  const { kind, name, ...rest } = input;
  return {
    id: `c${seq}`,
    sourceId: input.sourceId ?? `s${seq}`,
    source: { name: name ?? `Outlet ${seq}`, kind: kind ?? "NEWSPAPER" },
    publishedAt: null,
    publishedPrecision: "DAY",
    attribution: "ANONYMOUS_OFFICIALS",
    attributionText: null,
    repeatsCitationId: null,
    speakerActorId: null,
    speaker: null,
    originSourceId: null,
    origin: null,
    originText: null,
    ...rest,
  };
}

function change(toStatus: ClaimStatusValue, knownAt: string, sequence: number, evidence: CitationFacts | null = null): ClaimChangeFacts {
  return { toStatus, knownAt: at(knownAt), sequence, evidenceCitation: evidence };
}

function event(
  citations: CitationFacts[],
  links: { stance: StanceValue; history?: ClaimChangeFacts[]; position?: number; id?: string }[] = [],
  firstReportedAt = "2024-11-17T14:00:00Z",
  retractedAt: string | null = null,
): EventFacts & { citations: CitationFacts[] } {
  return {
    firstReportedAt: at(firstReportedAt),
    retractedAt: retractedAt ? at(retractedAt) : null,
    citations,
    claims: links.map((l, i) => ({ stance: l.stance, position: l.position ?? i, claim: { id: l.id ?? `claim${i}`, history: l.history ?? [] } })),
  };
}

const label = (e: EventFacts & { citations: CitationFacts[] }, iso: string | null) => eventLabel(e, iso ? at(iso) : null, ZONE, eventKnownFrom(e));

describe("claimStateAt: a claim's status at an instant", () => {
  const history = [change("REPORTED", "2024-11-17T05:00:00Z", 1), change("CORROBORATED", "2024-11-18T12:00:00Z", 2), change("CONFIRMED", "2024-11-20T16:00:00Z", 3)];

  it.each<[string, ClaimStatusValue]>([
    ["2024-11-17T04:59:59.999Z", "UNVERIFIED"],
    ["2024-11-17T05:00:00Z", "REPORTED"],
    ["2024-11-18T12:00:00Z", "CORROBORATED"],
    ["2024-11-20T15:59:59Z", "CORROBORATED"],
    ["2024-11-20T16:00:00Z", "CONFIRMED"],
  ])("at %s is %s, whatever order the rows come in", (instant, expected) => {
    expect(claimStateAt(history, at(instant)).status).toBe(expected);
    expect(claimStateAt([...history].reverse(), at(instant)).status).toBe(expected);
  });

  it("orders two changes known the same instant by their sequence, not by an invented hour", () => {
    const sameDay = [change("DISPUTED", "2024-11-22T05:00:00Z", 2), change("REPORTED", "2024-11-22T05:00:00Z", 1)];
    expect(claimStateAt(sameDay, at("2024-11-22T05:00:00Z")).status).toBe("DISPUTED");
    expect(claimStateAt(sameDay, null).change?.sequence).toBe(2);
  });
});

describe("what is known at an instant", () => {
  const early = citation({ publishedAt: at("2024-11-17T14:00:00Z") });
  const late = citation({ publishedAt: at("2024-11-25T15:00:00Z") });
  const undated = citation({ publishedAt: null });

  it("a citation is known from its publication; an undated one from its event's first report", () => {
    const e = event([early, late, undated]);
    expect(visibleCitations(e, at("2024-11-20T00:00:00Z")).map((c) => c.id)).toEqual([early.id, undated.id]);
    expect(visibleCitations(e, at("2024-11-25T15:00:00Z")).map((c) => c.id)).toEqual([early.id, late.id, undated.id]);
    expect(visibleCitations(e, null)).toHaveLength(3);
  });

  it("an event is known from its first report, or later when no citation is known by then", () => {
    expect(eventKnownFrom(event([early]))).toEqual(at("2024-11-17T14:00:00Z"));
    expect(eventKnownFrom(event([late]))).toEqual(at("2024-11-25T15:00:00Z"));
    expect(eventKnownFrom(event([late, undated]))).toEqual(at("2024-11-17T14:00:00Z"));
    expect(visibleCitations(event([late]), at("2024-11-20T00:00:00Z"))).toEqual([]);
  });
});

function status(attributions: AttributionValue[], main: [StanceValue, ClaimStatusValue] | null = null, retracted = false): EventStatusValue {
  return labelStatus({
    retracted,
    citations: attributions.map((attribution) => ({ attribution, keys: ["actor:speaker"] })),
    main: main ? { stance: main[0], claimStatus: main[1], partyKeys: main[1] === "CLAIMED" || main[1] === "DISPUTED" ? ["actor:speaker"] : [] } : null,
  });
}

describe("labelStatus: the item's own voice and main stance, never a later verdict", () => {
  it("a media report stays a media report whatever becomes of its claim", () => {
    for (const claimStatus of CLAIM_STATUSES.filter((s) => s !== "CLAIMED" && s !== "DISPUTED")) {
      expect(status(["ANONYMOUS_OFFICIALS"], ["ASSERTS", claimStatus])).toBe("REPORTED");
      expect(status(["UNKNOWN"], ["QUALIFIES", claimStatus])).toBe("REPORTED");
    }
  });

  it("declining to give an update is declined, never confirmed or denied, in any voice", () => {
    for (const attribution of ATTRIBUTIONS) for (const s of CLAIM_STATUSES) expect(status([attribution], ["DECLINES", s])).toBe("DECLINED");
  });

  it("only an official voice (named on the record, spokesperson) confirms or denies officially", () => {
    expect(status(["SPOKESPERSON"], ["CONFIRMS", "REPORTED"])).toBe("CONFIRMED");
    expect(status(["NAMED_ON_RECORD"], ["DENIES", "REPORTED"])).toBe("DENIED");
    expect(status(["ANONYMOUS_OFFICIALS"], ["CONFIRMS", "REPORTED"])).toBe("REPORTED");
    expect(status(["DOCUMENT"], ["CONFIRMS", "REPORTED"])).toBe("ON_RECORD");
    expect(status(["PARTY_CLAIM"], ["DENIES", "REPORTED"])).toBe("CLAIMED");
  });

  it("an on-record statement with no claim is on the record; a party's own claim is claimed", () => {
    expect(status(["SPOKESPERSON"])).toBe("ON_RECORD");
    expect(status(["DOCUMENT"])).toBe("ON_RECORD");
    expect(status(["PARTY_CLAIM"])).toBe("CLAIMED");
    expect(status(["OUTLET_OWN"])).toBe("REPORTED");
  });

  it("an on-record assertion of a party's claim is that party's claim, disputed while it is disputed", () => {
    expect(status(["SPOKESPERSON"], ["ASSERTS", "CLAIMED"])).toBe("CLAIMED");
    expect(status(["SPOKESPERSON"], ["ASSERTS", "DISPUTED"])).toBe("DISPUTED");
    expect(status(["PARTY_CLAIM"], ["ASSERTS", "DISPUTED"])).toBe("DISPUTED");
    // Once confirmed, the party's statement is still its claim; the verdict says the rest.
    expect(status(["SPOKESPERSON"], ["ASSERTS", "CONFIRMED"])).toBe("ON_RECORD");
    expect(status(["PARTY_CLAIM"], ["ASSERTS", "CONFIRMED"])).toBe("CLAIMED");
  });

  it("a retraction overrides everything", () => {
    expect(status(["SPOKESPERSON"], ["CONFIRMS", "CONFIRMED"], true)).toBe("RETRACTED");
  });
});

describe("the main claim decides the label; other stances do not", () => {
  const typeA = [change("CONFIRMED", "2024-11-21T16:00:00Z", 1)];
  const typeB = [change("DENIED", "2024-11-21T16:00:00Z", 1)];
  const spokesman = citation({ attribution: "SPOKESPERSON", publishedAt: at("2024-11-21T15:00:00Z") });

  it("confirms type A (main) while denying type B: officially confirmed", () => {
    const e = event([spokesman], [
      { stance: "CONFIRMS", history: typeA },
      { stance: "DENIES", history: typeB },
    ], "2024-11-21T15:00:00Z");
    expect(labelPeriods(e).at(-1)?.status).toBe("CONFIRMED");
  });

  it("the same event with the denial as its main claim: officially denied", () => {
    const e = event([spokesman], [
      { stance: "CONFIRMS", history: typeA, position: 1 },
      { stance: "DENIES", history: typeB, position: 0 },
    ], "2024-11-21T15:00:00Z");
    expect(labelPeriods(e).at(-1)?.status).toBe("DENIED");
  });
});

const period = (s: EventStatusValue, from: string, to: string | null): StatusPeriod => ({ status: s, validFrom: at(from), validTo: to ? at(to) : null });

describe("labelPeriods: the label changes only at instants something became known", () => {
  it("an event confirmed on the record on day 8 by a citation added then: media-reported until day 8", () => {
    const anon = citation({ publishedAt: at("2024-11-17T14:00:00Z") });
    const onRecord = citation({ attribution: "SPOKESPERSON", publishedAt: at("2024-11-25T15:00:00Z") });
    const e = event([anon, onRecord], [{ stance: "CONFIRMS" }]);
    expect(labelPeriods(e)).toEqual([period("REPORTED", "2024-11-17T14:00:00Z", "2024-11-25T15:00:00Z"), period("CONFIRMED", "2024-11-25T15:00:00Z", null)]);
    expect(periodAt(labelPeriods(e), at("2024-11-20T00:00:00Z"))?.status).toBe("REPORTED");
  });

  it("a party's tally: claimed, then disputed when contradicted", () => {
    const mod = citation({ attribution: "SPOKESPERSON", speakerActorId: "petrov", publishedAt: at("2024-11-19T09:00:00Z") });
    const history = [change("CLAIMED", "2024-11-19T09:00:00Z", 1, mod), change("DISPUTED", "2024-11-22T12:00:00Z", 2)];
    const e = event([mod], [{ stance: "ASSERTS", history }], "2024-11-19T09:00:00Z");
    expect(labelPeriods(e)).toEqual([period("CLAIMED", "2024-11-19T09:00:00Z", "2024-11-22T12:00:00Z"), period("DISPUTED", "2024-11-22T12:00:00Z", null)]);
  });

  it("starts when the event became known, and closes at its retraction", () => {
    const e = event([citation({ attribution: "SPOKESPERSON", publishedAt: at("2024-11-18T15:00:00Z") })], [], "2024-11-18T15:00:00Z", "2024-11-19T10:00:00Z");
    expect(labelPeriods(e)).toEqual([period("ON_RECORD", "2024-11-18T15:00:00Z", "2024-11-19T10:00:00Z"), period("RETRACTED", "2024-11-19T10:00:00Z", null)]);
  });
});

describe("the label's words: whose voice, as reported by whom, and the verdict since", () => {
  const kirby = { name: "John Kirby", title: "White House national security spokesman", affiliation: "The White House" };
  const reuters = citation({
    attribution: "SPOKESPERSON",
    name: "Reuters",
    kind: "WIRE",
    speakerActorId: "kirby",
    speaker: kirby,
    publishedAt: at("2024-11-25T15:00:00Z"),
  });

  it("credits the speaker, not the outlet that carried his words", () => {
    const e = event([reuters], [{ stance: "CONFIRMS" }], "2024-11-25T15:00:00Z");
    const l = label(e, null);
    expect(l.text).toBe("Officially confirmed");
    expect(l.detail).toBe("by John Kirby, White House national security spokesman, 25 Nov 2024, as reported by Reuters");
    expect(l.credit).toEqual({ voice: "John Kirby, White House national security spokesman", carrier: "Reuters", origin: null });
  });

  it("names a wire story's origin and its carrier: Reuters via a local paper", () => {
    const carried = citation({ attribution: "SPOKESPERSON", name: "The Local Paper", speakerActorId: "kirby", speaker: kirby, originSourceId: "reuters", origin: { name: "Reuters" } });
    const e = event([carried], [{ stance: "CONFIRMS" }]);
    expect(label(e, null).detail).toMatch(/^by John Kirby, White House national security spokesman, 17 Nov 2024, as reported by Reuters via The Local Paper$/);
  });

  it("a media report adds the verdict only from the date it became known", () => {
    const nyt = citation({ name: "The New York Times", attributionText: "citing anonymous US officials", publishedAt: at("2024-11-17T14:00:00Z") });
    const history = [change("REPORTED", "2024-11-17T15:00:00Z", 1), change("CONFIRMED", "2024-11-25T16:00:00Z", 2, reuters)];
    const e = event([nyt], [{ stance: "ASSERTS", history }]);
    const before = label(e, "2024-11-20T00:00:00Z");
    expect(before.text).toBe("Media-reported, not officially confirmed");
    expect(before.detail).toBe("The New York Times, citing anonymous US officials");
    expect(before.verdict).toBeNull();
    const after = label(e, "2024-11-26T00:00:00Z");
    expect(after.status).toBe("REPORTED");
    expect(after.text).toBe("Media-reported");
    expect(after.verdict?.text).toBe("since confirmed on the record by John Kirby, 25 Nov 2024");
  });

  it("a party's claim names the party and says it is not independently verified", () => {
    const mod = citation({
      attribution: "SPOKESPERSON",
      name: "TASS",
      kind: "WIRE",
      speakerActorId: "konashenkov",
      speaker: { name: "Igor Konashenkov", title: "defence ministry spokesman", affiliation: "the Russian Ministry of Defence" },
    });
    const e = event([mod], [{ stance: "ASSERTS", history: [change("CLAIMED", "2024-11-17T14:00:00Z", 1, mod)] }]);
    const l = label(e, null);
    expect(l.status).toBe("CLAIMED");
    expect(l.text).toBe("Claimed by the Russian Ministry of Defence, not independently verified");
    expect(l.detail).toBe("Igor Konashenkov, defence ministry spokesman, as reported by TASS");
  });

  it("a relay is labelled by what it relays, crediting the origin", () => {
    const tass = citation({ name: "TASS", kind: "WIRE", originSourceId: "nyt", origin: { name: "The New York Times" }, attributionText: "citing anonymous US officials" });
    expect(label(event([tass]), null).detail).toBe("The New York Times (as relayed by TASS), citing anonymous US officials");
  });
});

const forCount = (c: Partial<CitationForCount> & { id: string; sourceId: string }): CitationForCount => ({
  repeatsCitationId: null,
  speakerActorId: null,
  originSourceId: null,
  originText: null,
  ...c,
});

describe("independentSourceCount: relays, round-ups and carriers of one voice count once", () => {
  it("counts distinct outlets' own reports", () => {
    expect(independentSourceCount([forCount({ id: "a", sourceId: "nyt" }), forCount({ id: "b", sourceId: "axios" })])).toEqual({ independent: 2, repeats: 0 });
  });

  it("a relay counts as its origin, which need not be cited", () => {
    const list = [forCount({ id: "a", sourceId: "nyt" }), forCount({ id: "b", sourceId: "tass", originSourceId: "nyt" }), forCount({ id: "c", sourceId: "ria", originSourceId: "wapo" })];
    // NYT's own report, TASS relaying it; RIA relaying the uncited Washington Post.
    expect(independentSourceCount(list)).toEqual({ independent: 2, repeats: 2 });
  });

  it("a round-up of “several media outlets” is no independent source", () => {
    expect(independentSourceCount([forCount({ id: "a", sourceId: "roundup", originText: "several media outlets" })])).toEqual({ independent: 0, repeats: 1 });
  });

  it("two outlets carrying one spokesperson's words are one voice", () => {
    const list = [forCount({ id: "a", sourceId: "reuters", speakerActorId: "kirby" }), forCount({ id: "b", sourceId: "guardian", speakerActorId: "kirby" })];
    expect(independentSourceCount(list)).toEqual({ independent: 1, repeats: 1 });
  });

  it("follows repeat chains (and circles) to their original", () => {
    const list = [forCount({ id: "a", sourceId: "ap" }), forCount({ id: "b", sourceId: "x", repeatsCitationId: "a" }), forCount({ id: "c", sourceId: "y", repeatsCitationId: "b" })];
    expect(independentSourceCount(list)).toEqual({ independent: 1, repeats: 2 });
    const circle = [forCount({ id: "p", sourceId: "s1", repeatsCitationId: "q" }), forCount({ id: "q", sourceId: "s2", repeatsCitationId: "p" })];
    expect(independentSourceCount(circle).independent).toBe(1);
  });
});
