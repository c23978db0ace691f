import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "./analyze";
import { contextOf, datesAgree, evaluateCorpus, figuresOf, readCorpus, sameActor, scoreArticle, type CorpusFile } from "./eval";

// The evaluation itself: how gold events and drafts are paired and scored, and the committed
// corpus staying above the figures the README states.

const corpusDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus");

describe("scoring against labelled articles", () => {
  it("treats two names as one actor by surname or distinctive words, not by a shared title", () => {
    expect(sameActor("Matthew Miller", "Miller")).toBe(true);
    expect(sameActor("Eastland Ministry of Defence", "Eastland's Ministry of Defence")).toBe(true);
    expect(sameActor("Lloyd J. Austin III", "Lloyd Austin")).toBe(true);
    expect(sameActor("Westland Ministry of Defence", "Eastland Ministry of Defence")).toBe(false);
    expect(sameActor("Joe Biden", "Matthew Miller")).toBe(false);
  });

  it("pairs each gold event with at most one draft and scores date, verdict, actor, quote and match", () => {
    const file: CorpusFile = {
      article: {
        outlet: "Harbour Wire",
        published: "2024-11-18",
        text: "State Department spokesperson Matthew Miller said on Monday: “I don't have any policy updates to speak to today.”\n\nThe Pentagon declined to comment on Sunday.",
      },
      events: [
        { date: "2024-11-18", date_precision: "day", actor: "Matthew Miller", kind: "briefing", status: "official", quote: "I don't have any policy updates to speak to today.", summary: "Miller has no policy updates", stance: "declines" },
        { date: "2024-11-16", date_precision: "day", actor: "Joe Biden", kind: "decision", status: "reported", quote: null, summary: "Biden decides something else entirely" },
      ],
      existing_events: [],
    };
    const drafts = analyzeArticle(file.article, contextOf(file)).drafts;
    const score = scoreArticle(file, drafts);
    expect(score.pairs).toHaveLength(1);
    expect(score.pairs[0]).toMatchObject({ dateCorrect: true, exactDay: true, status: true, actor: true, quote: true, match: true, stance: true });
    expect(score.unmatchedGold.map((g) => g.actor)).toEqual(["Joe Biden"]);
    expect(score.extraDrafts.map((d) => d.actor?.name)).toEqual(["Pentagon"]);
    const f = figuresOf([{ ...score, ms: 0, words: 30 }]);
    expect(f).toMatchObject({ gold: 2, drafts: 2, matched: 1, recall: 0.5, precision: 0.5 });
  });

  it("lets dates agree within the coarser precision", () => {
    const draft = analyzeArticle({ outlet: "X", published: "2024-11-18", text: "Parliament passed the law last month, the Norland government said on Monday." }, contextOf({ article: { outlet: "X", published: null, text: "x" }, events: [] })).drafts[0]!;
    expect(draft.date.class).toBe("day");
    const gold = (date: string, date_precision: "day" | "month") => ({ date, date_precision, actor: "x", kind: "", status: "official" as const, quote: null, summary: "" });
    expect(datesAgree(gold("2024-11", "month"), draft)).toBe(true);
    expect(datesAgree(gold("2024-11-18", "day"), draft)).toBe(true);
    expect(datesAgree(gold("2024-11-17", "day"), draft)).toBe(false);
  });

  it("refuses a corpus file that is not in the format, naming the field", () => {
    expect(() => readCorpus(path.join(corpusDir, "..", "does-not-exist"))).toThrow();
  });
});

describe("the committed corpus", () => {
  it("has at least 15 labelled articles, and the engine stays above the aims the README states", () => {
    const corpus = readCorpus(corpusDir);
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    const f = figuresOf(evaluateCorpus(corpus));
    expect(f.recall).toBeGreaterThanOrEqual(0.7);
    expect(f.date.right / f.date.of).toBeGreaterThanOrEqual(0.85);
    expect(f.status.right / f.status.of).toBeGreaterThanOrEqual(0.8);
    expect(f.precision).toBeGreaterThanOrEqual(0.7);
  });
});
