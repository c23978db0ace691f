import { describe, expect, it } from "vitest";
import {
  checkStatusChange,
  independentSourceCount,
  type CitationForCount,
  type EvidenceCitation,
  type RuleResult,
  type StatusChangeRequest,
} from "./rules";

const KNOWN_AT = new Date("2024-11-20T15:00:00Z");

function evidence(overrides: Partial<EvidenceCitation> = {}): EvidenceCitation {
  return {
    id: "cit-1",
    attribution: "SPOKESPERSON",
    knownFrom: new Date("2024-11-20T14:00:00Z"),
    sourceName: "U.S. Department of State",
    stance: "CONFIRMS",
    ...overrides,
  };
}

function check(overrides: Partial<StatusChangeRequest>): RuleResult {
  return checkStatusChange({
    from: "REPORTED",
    to: "CONFIRMED",
    knownAt: KNOWN_AT,
    reason: "The spokesperson confirmed it on the record.",
    evidence: evidence(),
    independentSources: 1,
    ...overrides,
  });
}

function messageOf(result: RuleResult): string {
  if (result.ok) throw new Error("expected the change to be rejected");
  return result.message;
}

describe("checkStatusChange: officially confirmed and denied", () => {
  it("accepts an on-record citation whose event confirms the claim", () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ evidence: evidence({ attribution: "NAMED_ON_RECORD" }) })).toEqual({ ok: true });
  });

  it("accepts an on-record citation whose event denies the claim", () => {
    expect(check({ to: "DENIED", evidence: evidence({ stance: "DENIES" }) })).toEqual({ ok: true });
  });

  it.each(["CONFIRMED", "DENIED"] as const)("rejects %s with no evidence, asking for an on-record citation", (to) => {
    const message = messageOf(check({ to, evidence: null }));
    expect(message).toMatch(/needs an evidence citation/);
    expect(message).toMatch(/on-record citation \(named or spokesperson\)/);
    expect(message).toContain(to === "CONFIRMED" ? "confirms the claim" : "denies the claim");
  });

  it("rejects anonymous evidence and names the citation and its sourcing", () => {
    const message = messageOf(
      check({ evidence: evidence({ attribution: "ANONYMOUS_OFFICIALS", sourceName: "The New York Times", stance: "ASSERTS" }) }),
    );
    expect(message).toContain("Officially confirmed");
    expect(message).toContain("on-record citation (named or spokesperson)");
    expect(message).toContain("The New York Times citation is attributed to anonymous officials");
  });

  it.each(["ANONYMOUS_OFFICIALS", "UNKNOWN", "DOCUMENT"] as const)(
    "rejects evidence attributed to %s: only a named speaker or a spokesperson makes it official",
    (attribution) => {
      expect(check({ evidence: evidence({ attribution }) }).ok).toBe(false);
      expect(check({ to: "DENIED", evidence: evidence({ attribution, stance: "DENIES" }) }).ok).toBe(false);
    },
  );

  it("rejects on-record evidence whose event takes another stance, naming that stance", () => {
    const declined = messageOf(check({ evidence: evidence({ stance: "DECLINES" }) }));
    expect(declined).toContain('has the stance "declines"');
    expect(declined).toContain("confirms the claim");
    expect(messageOf(check({ to: "DENIED", evidence: evidence({ stance: "CONFIRMS" }) }))).toContain(
      'has the stance "confirms"',
    );
  });

  it("rejects on-record evidence whose event is not linked to the claim", () => {
    expect(messageOf(check({ evidence: evidence({ stance: null }) }))).toContain("is not linked to this claim");
  });
});

describe("checkStatusChange: corroborated", () => {
  it("needs two independent sources", () => {
    const message = messageOf(check({ to: "CORROBORATED", evidence: null, independentSources: 1 }));
    expect(message).toContain("at least two independent sources");
    expect(message).toContain("the claim has 1");
    expect(check({ to: "CORROBORATED", evidence: null, independentSources: 2 })).toEqual({ ok: true });
    expect(check({ to: "CORROBORATED", evidence: null, independentSources: 0 }).ok).toBe(false);
  });
});

describe("checkStatusChange: every change", () => {
  it.each(["", "   ", "\n\t"])("needs a reason (%j is empty)", (reason) => {
    expect(messageOf(check({ to: "REPORTED", from: null, evidence: null, reason }))).toBe("A status change needs a reason.");
  });

  it("rejects a change to the status the claim already has", () => {
    expect(messageOf(check({ from: "REPORTED", to: "REPORTED", evidence: null }))).toContain(
      'already "Media-reported, not confirmed"',
    );
  });

  it("rejects evidence readers could not see yet when the change became known", () => {
    const message = messageOf(check({ evidence: evidence({ knownFrom: new Date(KNOWN_AT.getTime() + 1) }) }));
    expect(message).toContain("before its evidence citation was published");
    expect(check({ evidence: evidence({ knownFrom: KNOWN_AT }) })).toEqual({ ok: true });
  });

  it("lets statuses that need no evidence through with a reason", () => {
    for (const to of ["UNVERIFIED", "REPORTED", "DECLINED", "RETRACTED", "SUPERSEDED"] as const) {
      expect(check({ from: to === "REPORTED" ? null : "REPORTED", to, evidence: null })).toEqual({ ok: true });
    }
  });

  it("claimed by a party needs that party's on-record assertion", () => {
    expect(messageOf(check({ to: "CLAIMED", from: null, evidence: null }))).toContain("needs an evidence citation");
    expect(messageOf(check({ to: "CLAIMED", from: null, evidence: evidence({ attribution: "ANONYMOUS_OFFICIALS", stance: "ASSERTS" }) }))).toContain(
      "attributed to anonymous officials",
    );
    expect(messageOf(check({ to: "CLAIMED", from: null, evidence: evidence({ stance: "DENIES" }) }))).toContain('stance "denies"');
    expect(check({ to: "CLAIMED", from: null, evidence: evidence({ stance: "ASSERTS" }) })).toEqual({ ok: true });
    expect(check({ to: "CLAIMED", from: null, evidence: evidence({ attribution: "PARTY_CLAIM", stance: "ASSERTS" }) })).toEqual({ ok: true });
  });

  it("disputed needs a citation whose event contradicts the claim", () => {
    expect(messageOf(check({ to: "DISPUTED", from: "CLAIMED", evidence: null }))).toContain("needs an evidence citation");
    expect(messageOf(check({ to: "DISPUTED", from: "CLAIMED", evidence: evidence({ stance: "ASSERTS" }) }))).toContain('stance "asserts"');
    expect(check({ to: "DISPUTED", from: "CLAIMED", evidence: evidence({ attribution: "OUTLET_OWN", stance: "DENIES" }) })).toEqual({ ok: true });
  });
});

describe("independentSourceCount", () => {
  const cite = (id: string, sourceId: string, repeatsCitationId: string | null = null): CitationForCount => ({
    id,
    sourceId,
    repeatsCitationId,
    speakerActorId: null,
    originSourceId: null,
    originText: null,
  });

  it("counts wire copy repeated by three outlets as one independent source and three repeats", () => {
    const citations = [
      cite("wire", "ap"),
      cite("a", "outlet-a", "wire"),
      cite("b", "outlet-b", "wire"),
      cite("c", "outlet-c", "wire"),
    ];
    expect(independentSourceCount(citations)).toEqual({ independent: 1, repeats: 3 });
  });

  it("traces a chain of repeats to its original", () => {
    const citations = [cite("wire", "ap"), cite("a", "outlet-a", "wire"), cite("b", "outlet-b", "a"), cite("c", "outlet-c", "b")];
    expect(independentSourceCount(citations)).toEqual({ independent: 1, repeats: 3 });
  });

  it("finds originals that are not among the counted citations", () => {
    const counted = [cite("a", "outlet-a", "wire"), cite("b", "outlet-b", "wire")];
    const all = new Map([...counted, cite("wire", "ap")].map((c) => [c.id, c]));
    expect(independentSourceCount(counted, all)).toEqual({ independent: 1, repeats: 2 });
  });

  it("counts the same outlet twice as one source", () => {
    expect(independentSourceCount([cite("n1", "nyt"), cite("n2", "nyt")])).toEqual({ independent: 1, repeats: 0 });
  });

  it("counts separate outlets reporting on their own as independent", () => {
    expect(independentSourceCount([cite("n", "nyt"), cite("x", "axios"), cite("r", "reuters")])).toEqual({
      independent: 3,
      repeats: 0,
    });
    expect(
      independentSourceCount([cite("n", "nyt"), cite("x", "axios"), cite("r", "outlet-r", "n")]),
    ).toEqual({ independent: 2, repeats: 1 });
  });

  it("counts citations that repeat one another in a circle as one source", () => {
    const cycle = [cite("a", "outlet-a", "b"), cite("b", "outlet-b", "c"), cite("c", "outlet-c", "a")];
    expect(independentSourceCount(cycle)).toEqual({ independent: 1, repeats: 2 });
    // A chain that leads into a circle joins that circle's one source.
    const tail = [...cycle, cite("d", "outlet-d", "b")];
    expect(independentSourceCount(tail)).toEqual({ independent: 1, repeats: 3 });
    expect(independentSourceCount([cite("self", "outlet", "self")])).toEqual({ independent: 1, repeats: 0 });
  });

  it("counts a citation whose original is unknown under its own source", () => {
    expect(independentSourceCount([cite("a", "outlet-a", "gone")])).toEqual({ independent: 1, repeats: 0 });
  });

  it("counts nothing when there are no citations", () => {
    expect(independentSourceCount([])).toEqual({ independent: 0, repeats: 0 });
  });
});
