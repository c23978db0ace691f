import winkNLP, { type ItemToken } from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { STOP_WORDS } from "./lexicon";

// An article's text cut into paragraphs and sentences, each with its offset in the text, so that
// every field of a draft can point at the words it came from and a quote is always verbatim.

export type Sentence = {
  index: number;
  paragraph: number;
  /** Offset of the sentence in the article's text. */
  start: number;
  text: string;
};

/** Tidies pasted text without changing its words: line ends, runs of spaces, non-breaking spaces. */
export function normalizeText(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u200b\u200e\u200f\ufeff]/g, "")
    .replace(/[ \t]+/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export type NameSpan = { start: number; end: number; text: string };

export type Segmented = {
  text: string;
  paragraphs: { start: number; text: string }[];
  sentences: Sentence[];
  /** Runs of proper nouns (wink-nlp's part-of-speech tags), with their offsets in the text. */
  names: NameSpan[];
};

// wink-nlp with its small English model: sentences and parts of speech in one fast pass. Loaded
// once per process, on first use.
let nlp: ReturnType<typeof winkNLP> | null = null;
function getNlp() {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Paragraphs (one a line, or separated by blank lines), their sentences and proper names, with offsets. */
export function segment(raw: string): Segmented {
  const text = normalizeText(raw);
  const paragraphs: { start: number; text: string }[] = [];
  let cursor = 0;
  for (const line of text.split("\n")) {
    const start = text.indexOf(line, cursor);
    cursor = start + line.length;
    if (line.trim()) paragraphs.push({ start, text: line });
  }
  const w = getNlp();
  const its = w.its;
  const sentences: Sentence[] = [];
  const names: NameSpan[] = [];
  paragraphs.forEach((p, pi) => {
    const doc = w.readDoc(p.text);
    let from = 0;
    for (const s of doc.sentences().out() as string[]) {
      let at = p.text.indexOf(s, from);
      if (at < 0) at = p.text.indexOf(s.trim(), from);
      if (at < 0) continue;
      sentences.push({ index: sentences.length, paragraph: pi, start: p.start + at, text: s.trim() });
      from = at + s.length;
    }
    // Token offsets, found in order in the paragraph's own text.
    let tokenAt = 0;
    let run: NameSpan | null = null;
    doc.tokens().each((t: ItemToken) => {
      const word = t.out();
      const at = p.text.indexOf(word, tokenAt);
      if (at < 0) return;
      tokenAt = at + word.length;
      const proper = t.out(its.pos) === "PROPN" || (/^[A-Z]\.$/.test(word) && run !== null);
      if (proper) {
        if (run && p.start + at - run.end <= 1) {
          run.end = p.start + at + word.length;
          run.text = text.slice(run.start, run.end);
        } else {
          if (run) names.push(run);
          run = { start: p.start + at, end: p.start + at + word.length, text: word };
        }
      } else if (run) {
        names.push(run);
        run = null;
      }
    });
    if (run) names.push(run);
  });
  return { text, paragraphs, sentences, names };
}

export type QuoteSpan = { start: number; end: number; text: string };

const QUOTE_PAIRS: readonly [string, string][] = [
  ["“", "”"],
  ['"', '"'],
  ["«", "»"],
];

/** Quoted passages of a text (without their quote marks), with offsets. */
export function quotesIn(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    let i = 0;
    while (i < text.length) {
      const a = text.indexOf(open, i);
      if (a < 0) break;
      const b = text.indexOf(close, a + 1);
      if (b < 0) break;
      const inner = text.slice(a + 1, b).trim();
      // Scare quotes around a word or two are not a quote of what was said.
      if (inner.split(/\s+/).length >= 3) spans.push({ start: a + 1, end: b, text: inner });
      i = b + 1;
    }
  }
  return spans.sort((x, y) => x.start - y.start);
}

/** Strips a trailing comma or quote mark a quote picks up at its end ("…today," he said). */
export function tidyQuote(q: string): string {
  return q.replace(/^[\s‘'"“]+/, "").replace(/[\s,;:’'"”]+$/, "").trim();
}

/** A crude English stem, enough to let "authorized", "authorizes" and "authorization" meet. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/[’']s$/, "");
  w = w.replace(/isation|ization/, "ize").replace(/ise(d|s)?$/, "ize");
  for (const suffix of ["ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "ly"]) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

/** The content words of a text, stemmed. */
export function keywords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []) {
    const w = raw.replace(/[.'’-]+$/, "");
    if (w.length < 3 || STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
    out.add(stem(w));
  }
  return out;
}

/** Words two texts share (stemmed), and the share of the smaller set they make. */
export function overlap(a: Set<string>, b: Set<string>): { shared: string[]; score: number } {
  const shared = [...a].filter((w) => b.has(w));
  const smaller = Math.min(a.size, b.size);
  return { shared, score: smaller === 0 ? 0 : shared.length / smaller };
}
