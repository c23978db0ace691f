import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { analyzeArticle } from "./analyze";
import { keywords, overlap } from "./text";
import type { Draft, ExistingEvent, IntakeContext } from "./types";

// Scores the intake engine against labelled articles (README, "Evaluating intake"). One JSON file
// per article: the article, and the events a person found in it. A gold event matches a draft
// when their dates agree within the coarser precision, the actor agrees (the draft's actor, its
// speaker or the outlet it relays), and the quote or the summary's key words overlap; each gold
// event and each draft is matched at most once.

const goldEvent = z.object({
  date: z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/).nullable(),
  date_precision: z.enum(["day", "month", "approximate", "unknown"]),
  actor: z.string().min(1),
  kind: z.string(),
  status: z.enum(["official", "reported", "claimed", "denied"]),
  reported_by: z.string().nullable().optional(),
  quote: z.string().nullable(),
  summary: z.string(),
  // Extensions: the existing event it should be matched to (null: a new event), and its stance.
  match: z.string().nullable().optional(),
  stance: z.enum(["asserts", "confirms", "denies", "declines", "qualifies"]).optional(),
});

export const corpusFileSchema = z.object({
  article: z.object({
    outlet: z.string().min(1),
    published: z.string().nullable(),
    url: z.string().nullable().optional(),
    title: z.string().nullable().optional(),
    text: z.string().min(1),
    /** The story's zone (default UTC). */
    zone: z.string().optional(),
  }),
  events: z.array(goldEvent),
  existing_events: z
    .array(z.object({ id: z.string(), date: z.string().nullable(), actor: z.string(), summary: z.string(), quote: z.string().nullable().optional() }))
    .optional(),
  claims: z.array(z.object({ id: z.string(), text: z.string(), scope: z.string().nullable().optional() })).optional(),
});

export type CorpusFile = z.infer<typeof corpusFileSchema>;
export type GoldEvent = z.infer<typeof goldEvent>;

const GENERIC = new Set(["the", "of", "and", "for", "ministry", "department", "office", "government", "foreign", "defence", "defense", "spokesperson", "spokesman", "spokeswoman", "president", "minister", "secretary", "national", "council", "security", "press", "u", "s", "us", "jr", "iii", "ii"]);

function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/\b(?:russia)n?\b/g, "russia")
    .replace(/\bukrainian\b/g, "ukraine")
    .replace(/\bdefense\b/g, "defence")
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((t) => t && t !== "the" && t !== "jr" && t !== "iii" && t !== "ii");
}

/** Whether two names name the same actor: the same surname, or the same distinctive words. */
export function sameActor(a: string, b: string): boolean {
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (!x.length || !y.length) return false;
  if (x.join(" ") === y.join(" ")) return true;
  const sx = new Set(x);
  const sy = new Set(y);
  const shared = [...sx].filter((t) => sy.has(t));
  const distinctive = shared.filter((t) => !GENERIC.has(t));
  if (!distinctive.length) return false;
  // "Matthew Miller" and "Miller"; "Eastland Ministry of Defence" and "Eastland's defence ministry".
  if (x.at(-1) === y.at(-1) && !GENERIC.has(x.at(-1)!)) return true;
  const smaller = Math.min(sx.size, sy.size);
  return shared.length / smaller >= 0.6 || distinctive.length >= 2;
}

const normQuote = (q: string) => q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

const days = (a: string, b: string) => (Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;

/** Dates agree within the coarser of the two precisions. */
export function datesAgree(g: GoldEvent, d: Draft): boolean {
  if (g.date_precision === "unknown" || !g.date || !d.date.day) return true;
  const dd = d.date;
  if (g.date_precision === "month" || g.date.length === 7) return dd.day!.slice(0, 7) === g.date.slice(0, 7) || (dd.precision === "YEAR" && dd.day!.slice(0, 4) === g.date.slice(0, 4));
  if (dd.precision === "MONTH") return g.date.slice(0, 7) === dd.day!.slice(0, 7);
  if (dd.precision === "YEAR") return g.date.slice(0, 4) === dd.day!.slice(0, 4);
  if (dd.bound === "BETWEEN" && dd.endDay) return g.date >= dd.day! && g.date <= dd.endDay || Math.abs(days(g.date, dd.day!)) <= 7;
  if (dd.bound === "ON_OR_BEFORE") return g.date <= dd.day! && days(dd.day!, g.date) <= 31;
  if (g.date_precision === "approximate") return Math.abs(days(g.date, dd.day!)) <= 7;
  return g.date === dd.day;
}

/** The date is right: the same precision class, and the same value at the gold precision. */
export function dateCorrect(g: GoldEvent, d: Draft): boolean {
  if (d.date.class !== g.date_precision) return false;
  switch (g.date_precision) {
    case "unknown":
      return d.date.day === null;
    case "day":
      return d.date.day === g.date;
    case "month":
      return d.date.day?.slice(0, 7) === g.date?.slice(0, 7);
    case "approximate":
      return !!g.date && !!d.date.day && (Math.abs(days(g.date, d.date.day)) <= 7 || (!!d.date.endDay && g.date >= d.date.day && g.date <= d.date.endDay));
  }
}

function actorAgrees(g: GoldEvent, d: Draft): boolean {
  const names = [d.actor?.name, d.sourcing.speaker?.name, d.sourcing.origin?.name].filter((n): n is string => !!n);
  return names.some((n) => sameActor(g.actor, n));
}

function textOverlap(g: GoldEvent, d: Draft): number {
  if (g.quote && d.quote) {
    const a = normQuote(g.quote);
    const b = normQuote(d.quote);
    if (a && b && (a.includes(b) || b.includes(a))) return 100;
  }
  return overlap(keywords(`${g.summary} ${g.quote ?? ""}`), keywords(`${d.summary} ${d.quote ?? ""}`)).shared.length;
}

export type PairScore = {
  gold: GoldEvent;
  draft: Draft;
  dateCorrect: boolean;
  exactDay: boolean | null;
  precisionClass: boolean;
  status: boolean;
  actor: boolean;
  quote: boolean | null;
  match: boolean | null;
  stance: boolean | null;
};

export type ArticleScore = { file: string; gold: number; drafts: number; pairs: PairScore[]; unmatchedGold: GoldEvent[]; extraDrafts: Draft[]; ms: number; words: number };

export function contextOf(file: CorpusFile): IntakeContext {
  const events: ExistingEvent[] = (file.existing_events ?? []).map((e) => ({
    id: e.id,
    slug: e.id,
    headline: e.summary,
    summary: e.summary,
    occurredOn: e.date ? (e.date.length === 7 ? `${e.date}-01` : e.date) : null,
    spanEndOn: e.date && e.date.length === 7 ? `${e.date}-31` : null,
    actorNames: [e.actor],
    quotes: e.quote ? [e.quote] : [],
  }));
  return { zone: file.article.zone ?? "UTC", actors: [], sources: [], claims: file.claims ?? [], events };
}

/** Pairs gold events with drafts, best text overlap first, each used once. */
export function scoreArticle(file: CorpusFile, drafts: readonly Draft[], name = ""): Omit<ArticleScore, "ms" | "words"> {
  const options: { gi: number; di: number; score: number }[] = [];
  file.events.forEach((g, gi) =>
    drafts.forEach((d, di) => {
      if (!datesAgree(g, d) || !actorAgrees(g, d)) return;
      const score = textOverlap(g, d);
      if (score >= 2) options.push({ gi, di, score });
    }),
  );
  options.sort((a, b) => b.score - a.score || a.gi - b.gi || a.di - b.di);
  const usedG = new Set<number>();
  const usedD = new Set<number>();
  const pairs: PairScore[] = [];
  for (const o of options) {
    if (usedG.has(o.gi) || usedD.has(o.di)) continue;
    usedG.add(o.gi);
    usedD.add(o.di);
    const g = file.events[o.gi]!;
    const d = drafts[o.di]!;
    const hasMatchLabels = file.existing_events !== undefined || g.match !== undefined;
    const expected = g.match ?? null;
    const got = d.match.kind === "existing" ? d.match.eventId : null;
    pairs.push({
      gold: g,
      draft: d,
      dateCorrect: dateCorrect(g, d),
      exactDay: g.date_precision === "day" ? d.date.class === "day" && d.date.day === g.date : null,
      precisionClass: d.date.class === g.date_precision,
      status: d.status === g.status,
      actor: !!d.actor && sameActor(g.actor, d.actor.name),
      quote: g.quote ? !!d.quote && normQuote(d.quote) === normQuote(g.quote) : null,
      match: hasMatchLabels ? got === expected : null,
      stance: g.stance ? d.stance.stance.toLowerCase() === g.stance : null,
    });
  }
  return {
    file: name,
    gold: file.events.length,
    drafts: drafts.length,
    pairs,
    unmatchedGold: file.events.filter((_, i) => !usedG.has(i)),
    extraDrafts: drafts.filter((_, i) => !usedD.has(i)),
  };
}

export type Figures = {
  articles: number;
  gold: number;
  drafts: number;
  matched: number;
  recall: number;
  precision: number;
  date: Ratio;
  exactDay: Ratio;
  precisionClass: Ratio;
  status: Ratio;
  actor: Ratio;
  quote: Ratio;
  match: Ratio;
  stance: Ratio;
};

export type Ratio = { right: number; of: number };

const ratio = (pairs: readonly PairScore[], key: keyof Pick<PairScore, "dateCorrect" | "exactDay" | "precisionClass" | "status" | "actor" | "quote" | "match" | "stance">): Ratio => {
  const counted = pairs.filter((p) => p[key] !== null);
  return { right: counted.filter((p) => p[key] === true).length, of: counted.length };
};

export function figuresOf(scores: readonly ArticleScore[]): Figures {
  const pairs = scores.flatMap((s) => s.pairs);
  const gold = scores.reduce((a, s) => a + s.gold, 0);
  const drafts = scores.reduce((a, s) => a + s.drafts, 0);
  return {
    articles: scores.length,
    gold,
    drafts,
    matched: pairs.length,
    recall: gold ? pairs.length / gold : 0,
    precision: drafts ? pairs.length / drafts : 0,
    date: ratio(pairs, "dateCorrect"),
    exactDay: ratio(pairs, "exactDay"),
    precisionClass: ratio(pairs, "precisionClass"),
    status: ratio(pairs, "status"),
    actor: ratio(pairs, "actor"),
    quote: ratio(pairs, "quote"),
    match: ratio(pairs, "match"),
    stance: ratio(pairs, "stance"),
  };
}

export function readCorpus(dir: string): { name: string; file: CorpusFile }[] {
  const names = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
  if (names.length === 0) throw new Error(`${dir} has no .json corpus files.`);
  return names.map((name) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, name), "utf8"));
    } catch (e) {
      throw new Error(`${name}: not JSON (${e instanceof Error ? e.message : e})`);
    }
    const parsed = corpusFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${name}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
    }
    return { name, file: parsed.data };
  });
}

/** Runs the engine on every article and scores it. */
export function evaluateCorpus(corpus: readonly { name: string; file: CorpusFile }[]): ArticleScore[] {
  return corpus.map(({ name, file }) => {
    const t0 = performance.now();
    const result = analyzeArticle(file.article, contextOf(file));
    const ms = performance.now() - t0;
    return { ...scoreArticle(file, result.drafts, name), ms, words: file.article.text.split(/\s+/).length };
  });
}

export const pct = (r: Ratio | number) => (typeof r === "number" ? `${(r * 100).toFixed(1)}%` : r.of ? `${((r.right / r.of) * 100).toFixed(1)}% (${r.right}/${r.of})` : "n/a (none labelled)");
