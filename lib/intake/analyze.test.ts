import { describe, expect, it } from "vitest";
import { analyzeArticle } from "./analyze";
import { extractArticle, looksLikeHtml } from "./html";
import type { Draft, IntakeContext } from "./types";

// The intake engine on short articles written for each rule: who spoke, how it is sourced, the
// stance the wording suggests, the existing event it matches, and the words each field came from.

const empty: IntakeContext = { zone: "UTC", actors: [], sources: [], claims: [], events: [] };
const read = (text: string, options: { outlet?: string; published?: string | null; ctx?: Partial<IntakeContext> } = {}) =>
  analyzeArticle({ outlet: options.outlet ?? "Harbour Wire", published: options.published === undefined ? "2024-11-18" : options.published, text }, { ...empty, ...options.ctx }).drafts;
const by = (drafts: Draft[], actor: string) => {
  const d = drafts.find((x) => x.actor?.name.includes(actor));
  expect(d, `a draft whose actor is ${actor}; got ${drafts.map((x) => x.actor?.name).join(", ")}`).toBeDefined();
  return d!;
};

describe("sourcing", () => {
  it("cites the relayed outlet as the origin and this outlet as the carrier", () => {
    const [d] = read("U.S. President Joe Biden has allowed Ukraine to strike Russia with ATACMS missiles, The New York Times reported on Sunday, citing two U.S. officials.");
    expect(d).toMatchObject({ kind: "MEDIA_REPORT", status: "reported", reportedBy: "The New York Times" });
    expect(d!.sourcing).toMatchObject({ attribution: "ANONYMOUS_OFFICIALS", attributionText: "two U.S. officials", origin: { name: "The New York Times" } });
    expect(d!.actor?.name).toBe("Joe Biden");
    expect(d!.date).toMatchObject({ day: "2024-11-17", class: "day" });
    expect(d!.why.sourcing[0]!.words).toContain("The New York Times reported");
  });

  it("tells a spokesperson from a named official, a written statement and unnamed officials", () => {
    const drafts = read(
      [
        "State Department spokesperson Matthew Miller said on Monday: “I don't have any policy updates to speak to today.”",
        "Defence Minister Karl Brandt told reporters on Monday that the talks would continue.",
        "The Eastland Foreign Ministry said in a statement on Monday that it had recalled its ambassador.",
        "Two officials familiar with the decision said on Sunday that the approval had been given.",
      ].join("\n\n"),
    );
    expect(by(drafts, "Miller").sourcing).toMatchObject({ attribution: "SPOKESPERSON", attributionText: "State Department spokesperson Matthew Miller" });
    expect(by(drafts, "Brandt").sourcing.attribution).toBe("NAMED_ON_RECORD");
    expect(by(drafts, "Eastland Foreign Ministry").sourcing.attribution).toBe("DOCUMENT");
    const anonymous = drafts.find((d) => d.sourcing.attribution === "ANONYMOUS_OFFICIALS")!;
    expect(anonymous).toMatchObject({ status: "reported", sourcing: { attributionText: "Two officials familiar with the decision" } });
  });

  it("marks a party's claim of combat results, and what could not be verified", () => {
    const drafts = read("Russia's Defence Ministry said on Monday its air defences shot down eight ATACMS missiles. The claim could not be independently verified.");
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ status: "claimed", kind: "MILITARY_ACTION", sourcing: { attribution: "PARTY_CLAIM" } });
    expect(drafts[0]!.why.sourcing.map((b) => b.words)).toContain("could not be independently verified");
  });

  it("reads an unattributed act as the outlet's own reporting", () => {
    const [d] = read("Ukraine fired ATACMS missiles at an ammunition depot in the Bryansk region on Tuesday.", { published: "2024-11-20" });
    expect(d).toMatchObject({ kind: "MILITARY_ACTION", status: "reported", sourcing: { attribution: "OUTLET_OWN" }, actor: { name: "Ukraine" }, date: { day: "2024-11-19" } });
  });

  it("credits a wire dateline as the origin of the copy", () => {
    const [d] = read("KYIV, Nov 18 (Reuters) - Ukraine's foreign minister, Andrii Sybiha, said on Monday that Kyiv would respond.", { outlet: "Valley Herald" });
    expect(d!.sourcing.origin?.name).toBe("Reuters");
    expect(d!.actor?.name).toBe("Andrii Sybiha");
  });
});

describe("stance", () => {
  const claims = [{ id: "atacms", text: "Biden authorized Ukraine to use ATACMS for strikes inside Russia" }];
  const stanceOf = (text: string) => read(text, { ctx: { claims } })[0]!.stance;

  it("suggests declines, denies, confirms and qualifies from the wording, and names the claim", () => {
    expect(stanceOf("The Pentagon declined to comment on whether Biden authorized ATACMS strikes inside Russia.")).toMatchObject({ stance: "DECLINES", claimId: "atacms" });
    expect(stanceOf("Spokesman Tomas Veld said on Monday: “I have no policy updates on ATACMS.”").stance).toBe("DECLINES");
    expect(stanceOf("The White House denied on Monday that Biden authorized ATACMS strikes inside Russia.").stance).toBe("DENIES");
    expect(stanceOf("National security spokesman John Kirby confirmed on Monday that Biden authorized Ukraine to use ATACMS inside Russia.").stance).toBe("CONFIRMS");
    expect(stanceOf("Axios reported on Monday that Biden authorized ATACMS strikes only in Russia's Kursk region.").stance).toBe("QUALIFIES");
    expect(stanceOf("Defence Minister Karl Brandt said on Monday the army would hold its positions.")).toMatchObject({ stance: "ASSERTS", claimId: null });
  });

  it("gives a denial on the record the denied verdict", () => {
    const [d] = read("“No such plans exist,” Defence Minister Karl Brandt said on Monday, denying the report.");
    expect(d).toMatchObject({ status: "denied", stance: { stance: "DENIES" }, quote: "No such plans exist" });
  });
});

describe("drafts", () => {
  it("makes one draft of a speaker's several sentences, and another when they turn to decline", () => {
    const drafts = read(
      [
        "Matthew Miller, the State Department spokesperson, said on Monday that the sanctions targeted settler groups.",
        "“There is no justification for extremist violence,” he said.",
        "Asked about Ukraine, Miller declined to confirm any change of policy.",
      ].join("\n\n"),
    );
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({ quote: "There is no justification for extremist violence", stance: { stance: "ASSERTS" } });
    expect(drafts[0]!.evidence).toHaveLength(2);
    expect(drafts[1]).toMatchObject({ stance: { stance: "DECLINES" }, actor: { name: "Matthew Miller" } });
  });

  it("keeps quotes verbatim and says where every field came from", () => {
    const text = "Kremlin spokesman Dmitry Peskov said on Monday: “This is a qualitatively new round of tension.”";
    const [d] = read(text);
    expect(text).toContain(d!.quote!);
    for (const field of ["kind", "actor", "date", "quote", "sourcing", "stance", "match"] as const) expect(d!.why[field].length, field).toBeGreaterThan(0);
    expect(d!.why.date[0]).toMatchObject({ words: "on Monday" });
    expect(d!.why.actor[0]!.words).toContain("Dmitry Peskov");
  });

  it("says when an undated article leaves a weekday's date unknown", () => {
    const result = analyzeArticle({ outlet: "Harbour Wire", published: null, text: "Eastland recalled its ambassador on Tuesday, the Eastland Foreign Ministry said." }, empty);
    expect(result.notes.join(" ")).toContain("no publication date");
    expect(result.drafts[0]!.date).toMatchObject({ day: null, class: "unknown" });
  });

  it("gives the same drafts for the same input", () => {
    const text = "Ukraine's General Staff said on Sunday its forces struck a fuel depot. Russia's Defence Ministry said on Sunday it downed 12 drones.";
    expect(JSON.stringify(read(text))).toBe(JSON.stringify(read(text)));
  });

  it("refuses a publication date that is not one", () => {
    expect(() => read("Anything.", { published: "yesterday" })).toThrow(RangeError);
  });
});

describe("matching the story's events", () => {
  const events: IntakeContext["events"] = [
    { id: "e1", slug: "nyt-report", headline: "The New York Times reports Biden has allowed Ukraine to strike Russia with ATACMS missiles", summary: "Citing anonymous officials.", occurredOn: "2024-11-17", actorNames: ["Joe Biden"], quotes: [] },
    { id: "e2", slug: "zelenskyy", headline: "Zelenskyy: the missiles will speak for themselves", summary: "Long-range strikes are not announced.", occurredOn: "2024-11-17", actorNames: ["Volodymyr Zelenskyy"], quotes: ["will speak for themselves"] },
  ];

  it("suggests adding the article as a citation to the event it describes, with the reason", () => {
    const [d] = read("President Joe Biden has allowed Ukraine to strike Russia with ATACMS missiles, The New York Times reported on Sunday.", { ctx: { events } });
    expect(d!.match).toMatchObject({ kind: "existing", eventId: "e1" });
    if (d!.match.kind === "existing") expect(d!.match.reason).toMatch(/same day \(17 Nov 2024\); same actor \(Joe Biden\)/);
  });

  it("matches the same quoted words, and proposes a new event when nothing agrees", () => {
    const drafts = read(
      ["Ukrainian President Volodymyr Zelenskyy said on Sunday that the missiles “will speak for themselves.”", "Kremlin spokesman Dmitry Peskov said on Monday that Moscow would respond."].join("\n\n"),
      { ctx: { events } },
    );
    expect(drafts[0]!.match).toMatchObject({ kind: "existing", eventId: "e2" });
    expect(drafts[1]!.match.kind).toBe("new");
    expect(drafts[1]!.match.reason).toContain("18 Nov 2024");
  });
});

describe("extracting a saved web page", () => {
  it("keeps the article's paragraphs and leaves navigation, scripts and asides out", () => {
    const html = `<!doctype html><html><head><title>Envoy recalled | Harbour Wire</title>
      <meta property="article:published_time" content="2025-02-03T10:00:00Z"></head><body>
      <nav><a href="/">Home</a> <a href="/world">World news</a></nav>
      <article><h1>Envoy recalled</h1>
      <p>Eastland recalled its ambassador from Westland on Monday, the Eastland Foreign Ministry said in a statement after a border guard was wounded.</p>
      <p>“Our officers followed every rule,” Westland's interior minister Petra Volkova told a news conference on Monday, adding that the guard had crossed the border.</p>
      <p>The two countries have argued over the crossing for years, and relations have worsened since the spring of last year.</p>
      <script>track("secret")</script></article><aside>Most read: ten recipes</aside><footer>All rights reserved</footer></body></html>`;
    expect(looksLikeHtml(html)).toBe(true);
    expect(looksLikeHtml("Eastland recalled its ambassador <b>today</b>.")).toBe(false);
    const page = extractArticle(html);
    expect(page.published).toBe("2025-02-03T10:00:00Z");
    expect(page.text.split("\n\n")).toHaveLength(3);
    expect(page.text).toContain("Our officers followed every rule");
    for (const noise of ["World news", "track(", "ten recipes", "All rights reserved"]) expect(page.text).not.toContain(noise);
    const drafts = analyzeArticle({ outlet: "Harbour Wire", published: page.published, text: page.text }, empty).drafts;
    expect(drafts.map((d) => d.actor?.name)).toEqual(expect.arrayContaining(["Petra Volkova"]));
  });
});
