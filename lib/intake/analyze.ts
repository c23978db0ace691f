import type { AttributionValue, EventKindValue, StanceValue } from "../domain";
import { chronoHits, datePhrases, onOrBeforePublication, parsePublished, publicationDay, yearHintOf, type DatePhrase, type DraftDate, type PublishedDay } from "./dates";
import {
  ACT_VERBS,
  ANONYMITY_MARKERS,
  BRIEFING_WORDS,
  CLAIM_VERBS,
  DOCUMENT_WORDS,
  MILITARY_VOICE,
  PARTY_CLAIM_CONTENT,
  PRESENT_REPORT_VERBS,
  REACTION_WORDS,
  REPORT_VERBS,
  STANCE_WORDS,
  UNVERIFIED_WORDS,
} from "./lexicon";
import { matchExisting } from "./match";
import { mentionsIn, rememberPeople, type Mention, type MentionContext } from "./mentions";
import { keywords, overlap, quotesIn, segment, tidyQuote, type Sentence } from "./text";
import type { ArticleInput, Because, Draft, DraftActor, DraftSourcing, IntakeContext, IntakeResult, StatusClass } from "./types";

// The intake engine: an article in, one draft event per act or statement it reports out. Each
// sentence is read for its clauses (who said, who did what, which outlet reported it), the
// clauses become candidates, and candidates with one voice on one day merge into one draft: a
// spokesperson's several answers at one briefing are one event. Deterministic and offline: the
// same text, publication date and story give the same drafts.

type Clause = {
  type: "statement" | "relay" | "act";
  verb: string;
  at: number;
  /** Who spoke (statement, relay) or acted (act). */
  who: Mention;
  /** The words that named them, when a pronoun or role word stood for someone named before. */
  referredBy: string | null;
  actClass?: keyof typeof ACT_VERBS;
};

type Candidate = {
  sentence: Sentence;
  voiceKey: string;
  kind: EventKindValue;
  actor: Mention | null;
  actorWords: string | null;
  speaker: Mention | null;
  speakerWords: string | null;
  relay: Mention | null;
  listenerOutlet: Mention | null;
  anchor: Clause;
  phrase: DatePhrase | null;
  /** Unnamed sources the sentence cites ("citing two U.S. officials"). */
  anonymous: Mention | null;
  because: { kind: Because[]; actor: Because[] };
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const REPORT_RE = new RegExp(`\\b(?:(?:has|have|had)\\s+)?(${[...REPORT_VERBS].sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`, "g");
const ACT_LIST = (Object.entries(ACT_VERBS) as [keyof typeof ACT_VERBS, readonly string[]][]).flatMap(([cls, verbs]) => verbs.map((v) => ({ v, cls })));
const ACT_RE = new RegExp(`\\b(${ACT_LIST.map((a) => a.v).sort((a, b) => b.length - a.length).map(escape).join("|")})\\b`, "g");
const actClassOf = (verb: string) => ACT_LIST.find((a) => a.v === verb.toLowerCase())!.cls;

/** The words between a subject and its verb that keep them together: an appositive, "has", "on Sunday". */
function joins(gap: string): boolean {
  let g = gap;
  // One appositive between commas: ", a State Department spokesman,".
  g = g.replace(/^\s*,[^,"“”]{1,140},/, " ");
  if (/["“”;:]/.test(g)) return false;
  if (/[.!?]\s/.test(g)) return false;
  const words = g.trim() ? g.trim().split(/\s+/) : [];
  if (words.length > 6) return false;
  return !words.some((w) => /^(?:that|who|which|and|but|when|while|because|if|after|before|to)$/i.test(w));
}

function inQuote(spans: { start: number; end: number }[], at: number): boolean {
  return spans.some((q) => at >= q.start && at < q.end);
}


function clausesOf(sentence: string, mentions: Mention[], quoteSpans: { start: number; end: number }[]): Clause[] {
  const clauses: Clause[] = [];
  const speakerFor = (at: number, end: number, allowInverted: boolean): Mention | null => {
    const before = mentions.filter((m) => m.end <= at && joins(sentence.slice(m.end, at)) && !inQuote(quoteSpans, m.start));
    if (before.length) return before[before.length - 1]!;
    // "Sand visited the terminal and said…": the subject of the first verb speaks too.
    if (/\band\s+$/.test(sentence.slice(0, at))) {
      const clause = sentence.slice(0, at);
      const subject = mentions.find((m) => m.end <= at && (m.type === "person" || m.type === "body" || m.type === "state") && !inQuote(quoteSpans, m.start) && /^\s+[a-z]+(?:ed|ied|ent|ade|et|ew|ok|ave|id)\b/.test(clause.slice(m.end)));
      if (subject && !/[,;]/.test(clause.slice(subject.end))) return subject;
    }
    if (!allowInverted) return null;
    const after = mentions.find((m) => m.start >= end && /^\s*$/.test(sentence.slice(end, m.start)));
    if (after && !(after.type === "pronoun" && after.name === "it")) {
      // "…,” said Miller. / …, said the official.
      const lead = sentence.slice(0, at).trimEnd();
      if (/[,”"’]$/.test(lead) || at === 0) return after;
    }
    return null;
  };
  REPORT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REPORT_RE.exec(sentence))) {
    if (inQuote(quoteSpans, m.index)) continue;
    const verb = m[1]!.toLowerCase();
    const verbAt = m.index + m[0].length - m[1]!.length;
    // "declined to comment", "refused to confirm" are statements; "declined sharply" is not.
    if ((verb === "declined" || verb === "refused" || verb === "declines" || verb === "refuses") && !/^\s+(?:on \w+\s+|again\s+|publicly\s+)?to\b/.test(sentence.slice(verbAt + verb.length))) continue;
    // "has not officially confirmed", "did not say": no statement was made.
    if (/\b(?:not|never|n't)\s+(?:\w+ly\s+)?$/.test(sentence.slice(0, verbAt)) || /n't\s+$/.test(sentence.slice(0, verbAt))) continue;
    // "said to be", "reported to have": not a report by the subject.
    if (/^\s+to\s+(?:be|have)\b/.test(sentence.slice(verbAt + verb.length))) continue;
    if (/\b(?:was|were|is|are|been|be)\s+$/.test(sentence.slice(0, m.index))) continue;
    const who = speakerFor(m.index, m.index + m[0].length, ["said", "says", "added", "wrote", "asked", "told"].includes(verb));
    if (!who) continue;
    // "…, the official told the outlet": the words reached us through that outlet.
    const listener = verb === "told" ? mentions.find((x) => x.start >= verbAt + verb.length && /^\s*$/.test(sentence.slice(verbAt + verb.length, x.start))) : undefined;
    if (listener && listener.type === "role" && /paper|outlet|newspaper|agency/.test(listener.name)) {
      clauses.push({ type: "relay", verb: m[0], at: verbAt, who: listener, referredBy: null });
      continue;
    }
    clauses.push({ type: who.type === "outlet" ? "relay" : "statement", verb: m[0], at: verbAt, who, referredBy: null });
  }
  // "according to X".
  const according = /\baccording to\s+/gi;
  while ((m = according.exec(sentence))) {
    const after = mentions.find((x) => x.start >= m!.index + m![0].length && x.start <= m!.index + m![0].length + 4);
    if (after) clauses.push({ type: after.type === "outlet" ? "relay" : "statement", verb: "according to", at: m.index, who: after, referredBy: null });
  }
  ACT_RE.lastIndex = 0;
  while ((m = ACT_RE.exec(sentence))) {
    if (inQuote(quoteSpans, m.index)) continue;
    const lead = sentence.slice(0, m.index);
    if (/\b(?:to|be|was|were|been|being|is|are)\s+$/i.test(lead)) continue;
    if (/^\s+(?:to|by)\b/.test(sentence.slice(m.index + m[0].length)) && m[0] !== "agreed") continue;
    const who = speakerFor(m.index, m.index + m[0].length, false);
    if (!who || who.type === "outlet" || who.type === "anonymous") continue;
    clauses.push({ type: "act", verb: m[0], at: m.index, who, referredBy: null, actClass: actClassOf(m[0]) });
  }
  return clauses.sort((a, b) => a.at - b.at);
}

type Referents = { person: Mention | null; body: Mention | null; anonymous: Mention | null; outlet: Mention | null };

/** A pronoun or role word stands for the last one named of its kind. */
function resolve(m: Mention, refs: Referents): Mention | null {
  if (m.type === "pronoun") {
    if (m.name === "he" || m.name === "she") return refs.person;
    if (m.name === "they") return refs.anonymous ?? refs.body;
    return null;
  }
  if (m.type !== "role") return m;
  const w = m.name.toLowerCase();
  if (/spokes|secretary|minister|president|general|ambassador|envoy|chancellor|premier/.test(w)) {
    if (/secretary|minister|president/.test(w) && !refs.person) return refs.body;
    return refs.person ?? refs.body;
  }
  if (/officials?|sources?|people/.test(w)) return refs.anonymous ?? { ...m, type: "anonymous" };
  if (/paper|outlet|report|agency/.test(w)) return refs.outlet;
  // "the ministry" stands for the last ministry named, not for any body.
  const head = /(ministry|department|office|administration|government|military|army|council|command)/.exec(w)?.[1];
  if (head && refs.body && refs.body.name.toLowerCase().includes(head)) return refs.body;
  if (/statement/.test(w)) return refs.body;
  return null;
}

function remember(m: Mention, refs: Referents) {
  if (m.type === "person") refs.person = m;
  else if (m.type === "body" || m.type === "state") refs.body = m;
  else if (m.type === "anonymous" || m.type === "group") refs.anonymous = m;
  else if (m.type === "outlet") refs.outlet = m;
}

function voiceKeyOf(m: Mention): string {
  return `${m.type === "state" ? "body" : m.type}:${m.name.toLowerCase().replace(/^the\s+/, "")}`;
}

function actorOf(m: Mention | null): DraftActor | null {
  if (!m) return null;
  const kind = m.type === "person" ? "person" : m.type === "outlet" ? "outlet" : m.type === "anonymous" ? "anonymous" : m.type === "state" ? "state" : "body";
  const name = m.type === "state" ? m.name.replace(/[’']s$/, "") : m.name;
  return { name, title: m.title, actorId: m.actorId, kind };
}

function headlineOf(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= 160) return t;
  const cut = t.slice(0, 157);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

const DATELINE = /^([A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\p{L} .]+)?)(?:,\s*([A-Z][a-z]{2,8}\.?\s+\d{1,2}))?\s*(?:\(([^)]+)\))?\s*[-–—]+\s*/u;

const OFFICIAL_VOICES: readonly AttributionValue[] = ["NAMED_ON_RECORD", "SPOKESPERSON", "DOCUMENT"];

export function statusClassOf(attribution: AttributionValue, stance: StanceValue): StatusClass {
  if (attribution === "PARTY_CLAIM") return "claimed";
  if (OFFICIAL_VOICES.includes(attribution)) return stance === "DENIES" ? "denied" : "official";
  return "reported";
}

/** The stance the wording suggests, and the words that suggest it. */
export function stanceOf(text: string): { stance: StanceValue; words: string | null } {
  for (const stance of ["DECLINES", "DENIES", "CONFIRMS", "QUALIFIES"] as const) {
    const m = STANCE_WORDS[stance].exec(text);
    if (m) return { stance, words: m[0] };
  }
  return { stance: "ASSERTS", words: null };
}

/** The story claim the words speak of, by shared key words. */
export function claimFor(text: string, claims: IntakeContext["claims"]): { claimId: string; text: string; shared: string[] } | null {
  const words = keywords(text);
  let best: { claimId: string; text: string; shared: string[]; score: number } | null = null;
  for (const c of claims) {
    const ck = keywords(`${c.text} ${c.scope ?? ""}`);
    const { shared } = overlap(words, ck);
    const score = ck.size ? shared.length / Math.min(ck.size, 8) : 0;
    if (shared.length >= 2 && score >= 0.34 && (!best || score > best.score)) best = { claimId: c.id, text: c.text, shared, score };
  }
  return best;
}

/** Whether the outlet is a body publishing its own words (a ministry's release), not a news outlet. */
function outletSpeaksForItself(outlet: string, ctx: IntakeContext): boolean {
  const known = ctx.sources.find((s) => s.name.toLowerCase() === outlet.toLowerCase() || s.slug === outlet);
  if (known) return !["NEWSPAPER", "WIRE", "BROADCASTER", "DIGITAL_OUTLET", "SOCIAL_ACCOUNT", "OTHER"].includes(known.kind);
  return /\b(?:Department|Ministry|Office|White House|Kremlin|Pentagon|Government|Embassy|Mission|Council|Presidency|Administration|Command)\b/.test(outlet);
}

/**
 * Reads an article and returns its draft events. Throws a RangeError when the publication date
 * is not a date.
 */
export function analyzeArticle(input: ArticleInput, ctx: IntakeContext): IntakeResult {
  const published = parsePublished(input.published, ctx.zone);
  const notes: string[] = [];
  const seg = segment(input.text);
  if (!published) notes.push("The article has no publication date: dates it gives only as weekdays or relative words (“on Sunday”, “last month”) are unknown.");
  const yearHint = published ? null : yearHintOf(seg.text);
  const ownVoice = outletSpeaksForItself(input.outlet, ctx);

  // A wire dateline ("KYIV, Nov 17 (Reuters) -") names the outlet whose copy this is.
  let wireOrigin: Mention | null = null;
  const first = seg.sentences[0];
  let datelineEnd = 0;
  if (first) {
    const d = DATELINE.exec(first.text);
    if (d) {
      datelineEnd = d[0].length;
      const origin = d[3]?.trim();
      if (origin && origin.toLowerCase().replace(/^the /, "") !== input.outlet.toLowerCase().replace(/^the /, "")) {
        wireOrigin = { start: 0, end: d[0].length, text: d[0].trim(), type: "outlet", name: origin, title: null, spokesperson: false, actorId: null, sourceId: ctx.sources.find((s) => s.name === origin)?.id ?? null, outletKind: "WIRE" };
      }
    }
  }

  const mctx: MentionContext = { actors: ctx.actors, sources: ctx.sources, people: new Map() };
  const hits = chronoHits(seg.text, published, yearHint);
  const refs: Referents = { person: null, body: null, anonymous: null, outlet: null };
  const candidates: Candidate[] = [];
  const continuation: { sentence: Sentence; afterCandidate: number }[] = [];
  const paragraphQuotes = seg.paragraphs.map((p) => quotesIn(p.text).map((q) => ({ ...q, start: q.start + p.start, end: q.end + p.start })));

  for (const s of seg.sentences) {
    const text = s.index === 0 && datelineEnd ? " ".repeat(datelineEnd) + s.text.slice(datelineEnd) : s.text;
    const qs = paragraphQuotes[s.paragraph]!.map((q) => ({ start: q.start - s.start, end: q.end - s.start })).filter((q) => q.end > 0 && q.start < s.text.length);
    const end = s.start + s.text.length;
    const names = seg.names.filter((n) => n.start >= s.start && n.end <= end).map((n) => ({ ...n, start: n.start - s.start, end: n.end - s.start }));
    const mentions = mentionsIn(text, mctx, input.outlet, names);
    const clauses = clausesOf(text, mentions, qs);
    // Resolve pronouns and role words, and remember who was named.
    for (const c of clauses) {
      if (c.who.type === "pronoun" || c.who.type === "role") {
        const r = resolve(c.who, refs);
        if (r) {
          c.referredBy = c.who.text;
          c.who = r;
        }
      }
    }
    rememberPeople(mentions, mctx);
    const usable = clauses.filter((c) => c.who.type !== "pronoun" && c.who.type !== "role");
    for (const m of mentions) if (m.type !== "pronoun" && m.type !== "role" && !inQuote(qs, m.start)) remember(m, refs);

    const sentenceHits = hits.filter((h) => h.index >= s.start && h.index < end).map((h) => ({ index: h.index - s.start, text: h.text, start: h.start }));
    const phrases = datePhrases(text, published, yearHint, sentenceHits).filter((p) => !inQuote(qs, p.index));
    const relay = usable.find((c) => c.type === "relay" && c.who.name !== input.outlet);
    const statement = usable.find((c) => c.type === "statement" || (c.type === "relay" && c.who.name === input.outlet));
    const act = usable.find((c) => c.type === "act" && (!statement || c.who.name !== statement.who.name || true));
    const nearest = (at: number) => {
      const past = phrases.filter((p) => !p.future);
      if (!past.length) return null;
      return past.reduce((a, b) => (Math.abs(b.index - at) < Math.abs(a.index - at) ? b : a));
    };
    const listener = mentions.find((m) => m.type === "outlet" && m.name !== input.outlet && /\b(?:told|to|with|on)\s+$/.test(text.slice(Math.max(0, m.start - 20), m.start))) ?? null;

    let cand: Candidate | null = null;
    if (relay) {
      const reportedAct = usable.find((c) => c.type === "act" && c.at > relay.at) ?? usable.find((c) => c.type === "act");
      // With no act named, whoever the report is about: the first one named before the relay ("Biden's approval…, Axios reported").
      const about = reportedAct ? null : mentions.find((m) => m.end <= relay.at && (m.type === "person" || m.type === "body" || m.type === "state") && !inQuote(qs, m.start));
      const reported = reportedAct ?? (about ? { who: about, verb: "named", at: about.start } : undefined);
      cand = {
        sentence: s,
        voiceKey: voiceKeyOf(relay.who),
        kind: "MEDIA_REPORT",
        actor: reported?.who ?? null,
        actorWords: reported ? reported.who.text : null,
        speaker: statement && statement.who.type !== "outlet" ? statement.who : null,
        speakerWords: statement?.who.text ?? null,
        relay: relay.who,
        listenerOutlet: null,
        anchor: relay,
        phrase: nearest(relay.at),
        anonymous: mentions.find((m) => m.type === "anonymous" && !inQuote(qs, m.start)) ?? null,
        because: {
          kind: [{ words: `${relay.who.text} ${relay.verb}`.trim(), rule: "another outlet reports it: a media report" }],
          actor: reported ? [{ words: reported.who.text, rule: `subject of “${reported.verb}”` }] : [],
        },
      };
    } else if (statement) {
      const speaker = statement.who;
      const reportedAct = act && act.who.name !== speaker.name ? act : null;
      const ownAct = act && act.who.name === speaker.name ? act : null;
      const actNearer = reportedAct && nearest(reportedAct.at) && Math.abs(nearest(reportedAct.at)!.index - reportedAct.at) < Math.abs(nearest(statement.at)!.index - statement.at);
      let kind: EventKindValue = "STATEMENT";
      const kindBecause: Because[] = [];
      const decisive = reportedAct ?? ownAct;
      const bodyVoice = speaker.type === "anonymous" || speaker.type === "body" || speaker.type === "state" || speaker.type === "group";
      if (decisive && (decisive.actClass !== "OTHER" || bodyVoice) && (bodyVoice || ownAct || MILITARY_VOICE.test(speaker.name))) {
        kind = decisive.actClass === "DECISION" ? "DECISION" : decisive.actClass === "MILITARY_ACTION" ? "MILITARY_ACTION" : "OTHER";
        kindBecause.push({ words: decisive.verb, rule: decisive.actClass === "DECISION" ? "a decision verb" : decisive.actClass === "MILITARY_ACTION" ? "a military-action verb" : "an act" });
      } else if (BRIEFING_WORDS.test(text)) {
        kind = "BRIEFING";
        kindBecause.push({ words: BRIEFING_WORDS.exec(text)![0], rule: "words of a briefing" });
      } else if (REACTION_WORDS.test(text)) {
        kind = "REACTION";
        kindBecause.push({ words: REACTION_WORDS.exec(text)![0], rule: "words of a reaction" });
      } else {
        kindBecause.push({ words: statement.verb, rule: "a reporting verb: a statement" });
      }
      const actor = kind === "DECISION" || kind === "MILITARY_ACTION" || kind === "OTHER" ? (decisive!.who) : speaker;
      cand = {
        sentence: s,
        voiceKey: voiceKeyOf(speaker),
        kind,
        actor,
        actorWords: actor === speaker ? (statement.referredBy ?? speaker.text) : decisive!.who.text,
        speaker,
        speakerWords: statement.referredBy ?? speaker.text,
        relay: wireOrigin,
        listenerOutlet: listener,
        anchor: actNearer ? reportedAct! : statement,
        phrase: nearest(actNearer ? reportedAct!.at : statement.at),
        anonymous: null,
        because: {
          kind: kindBecause,
          actor: [
            actor === speaker
              ? { words: statement.referredBy ?? speaker.text, rule: statement.referredBy ? `refers to ${speaker.name}, named before` : `speaker of “${statement.verb}”` }
              : { words: decisive!.who.text, rule: `subject of “${decisive!.verb}”` },
          ],
        },
      };
    } else if (act && !new RegExp(REPORT_RE.source).test(text.slice(0, act.at)) && (act.actClass !== "OTHER" || phrases.some((p) => !p.future))) {
      // An act in the outlet's own voice. Background (an act long before the article) is not news.
      const phrase = nearest(act!.at);
      const old = published && phrase?.date.day && phrase.date.day < shiftBack(published.day, 45);
      if (!old && (phrase || s.index < 4)) {
        cand = {
          sentence: s,
          voiceKey: `act:${act!.who.name.toLowerCase()}:${act!.actClass}`,
          kind: act!.actClass === "DECISION" ? "DECISION" : act!.actClass === "MILITARY_ACTION" ? "MILITARY_ACTION" : "OTHER",
          actor: act!.who,
          actorWords: act!.referredBy ?? act!.who.text,
          speaker: null,
          speakerWords: null,
          relay: wireOrigin,
          listenerOutlet: null,
          anchor: act!,
          phrase,
          anonymous: null,
          because: {
            kind: [{ words: act!.verb, rule: act!.actClass === "DECISION" ? "a decision verb" : act!.actClass === "MILITARY_ACTION" ? "a military-action verb" : "an act" }],
            actor: [{ words: act!.referredBy ?? act!.who.text, rule: act!.referredBy ? `refers to ${act!.who.name}, named before` : `subject of “${act!.verb}”` }],
          },
        };
      }
    }
    if (cand) candidates.push(cand);
    else if (qs.length) continuation.push({ sentence: s, afterCandidate: candidates.length - 1 });
  }

  // Candidates with one voice on one day become one draft: a speaker's several sentences about
  // one thing. A new question ("Asked whether…") or a switch to declining starts another.
  type Group = { cands: Candidate[]; extra: Sentence[]; person: Mention | null };
  const groups: Group[] = [];
  const groupOf = new Map<Candidate, Group>();
  const declines = (c: Candidate) => stanceOf(c.sentence.text).stance === "DECLINES";
  const statementLike = (k: EventKindValue) => k === "STATEMENT" || k === "BRIEFING" || k === "REACTION";
  for (const c of candidates) {
    const day = c.phrase?.date.day ?? null;
    const newQuestion = /^(?:Asked|Pressed|Questioned)\b/.test(c.sentence.text);
    const compatible = (g: Group) => {
      const head = g.cands[0]!;
      // Turning to decline is another answer; a quote after a decline is the same one.
      if (newQuestion || (declines(c) && !declines(head))) return false;
      const headDay = g.cands.find((x) => x.phrase)?.phrase?.date.day ?? null;
      return !day || !headDay || day === headDay;
    };
    let same = [...groups].reverse().find((g) => {
      const head = g.cands[0]!;
      if (head.voiceKey !== c.voiceKey) return false;
      if (head.kind !== c.kind && !(statementLike(head.kind) && statementLike(c.kind)) && !(statementLike(c.kind) && c.voiceKey.startsWith("anonymous"))) return false;
      if ((head.kind === "DECISION" || head.kind === "MILITARY_ACTION") && c.kind === head.kind && head.actor?.name !== c.actor?.name) return false;
      return compatible(g);
    });
    // "The ministry said X. 'Quote,' spokeswoman Lena Kovac said.": the named voice of the body
    // that just spoke, a sentence or two later, is the same statement.
    const last = [...groups].reverse().find((g) => c.sentence.index - g.cands.at(-1)!.sentence.index <= 3 && g.cands[0]!.speaker && (g.cands[0]!.speaker.type === "body" || g.cands[0]!.speaker.type === "state"));
    if (!same && last && c.speaker?.type === "person" && compatible(last)) {
      const head = last.cands[0]!;
      const body = head.speaker && (head.speaker.type === "body" || head.speaker.type === "state") ? head.speaker : null;
      const near = c.sentence.index - last.cands.at(-1)!.sentence.index <= 3;
      const title = (c.speaker.title ?? "").toLowerCase();
      const bodyWords = body ? body.name.toLowerCase().replace(/[’']s\b/g, "").split(/\s+/).filter((w) => w.length > 3) : [];
      const related = c.speaker.spokesperson ? near && c.sentence.index - last.cands.at(-1)!.sentence.index <= 1 : bodyWords.some((w) => title.includes(w.replace(/ry$/, "")));
      if (body && near && related && !last.person) {
        same = last;
        last.person = c.speaker;
      }
    }
    if (same) {
      same.cands.push(c);
      groupOf.set(c, same);
    } else {
      const g: Group = { cands: [c], extra: [], person: null };
      groups.push(g);
      groupOf.set(c, g);
    }
  }
  for (const k of continuation) {
    const c = candidates[k.afterCandidate];
    if (c && k.sentence.paragraph - c.sentence.paragraph <= 1) groupOf.get(c)!.extra.push(k.sentence);
  }

  const drafts: Draft[] = groups.map((g, index) => {
    const head = g.cands[0]!;
    const sentences = [...g.cands.map((c) => c.sentence), ...g.extra].sort((a, b) => a.index - b.index);
    const evidence = sentences.map((s) => (s.index === 0 && datelineEnd ? s.text.slice(datelineEnd) : s.text));
    const allText = evidence.join(" ");

    // Date: the words nearest the clause's verb, else the first the group gives, else the tense.
    const dated = g.cands.find((c) => c.phrase);
    let date: DraftDate;
    const present = PRESENT_REPORT_VERBS.has(head.anchor.verb.toLowerCase());
    const perfect = /^(?:has|have)\s/i.test(head.anchor.verb) || /\b(?:has|have)\s+(?:\w+ly\s+)?\w+ed\b/.test(head.sentence.text);
    if (dated) date = dated.phrase!.date;
    else if (present) date = publicationDay(published, head.anchor.verb, `“${head.anchor.verb}”, in the present tense`);
    else if (ownVoice && head.kind !== "MEDIA_REPORT") date = publicationDay(published, null, `${input.outlet} publishes its own words, and no other day is given`);
    else if (perfect) date = onOrBeforePublication(published, /\b(?:has|have)\s+(?:\w+ly\s+)?\w+ed\b/.exec(head.sentence.text)?.[0] ?? head.anchor.verb, "the present perfect gives no day");
    else date = onOrBeforePublication(published, null, "the article gives no day for it");

    // Quote: the first quoted passage in the group's sentences.
    let quote: string | null = null;
    let quoteWhy: Because[] = [];
    for (const s of sentences) {
      const q = paragraphQuotes[s.paragraph]!.find((x) => x.start >= s.start && x.start < s.start + s.text.length);
      if (q) {
        quote = tidyQuote(q.text);
        quoteWhy = [{ words: quote, rule: "quoted in the article, verbatim" }];
        break;
      }
    }

    // Sourcing.
    const speaker = g.person ?? g.cands.find((c) => c.speaker)?.speaker ?? null;
    const relay = head.relay;
    const listener = g.cands.find((c) => c.listenerOutlet)?.listenerOutlet ?? null;
    const anonymousWords = g.cands.find((c) => c.speaker?.type === "anonymous")?.speaker?.text ?? (ANONYMITY_MARKERS.exec(allText)?.[0] ?? null);
    let attribution: AttributionValue;
    let attributionText: string | null = null;
    const sourcingWhy: Because[] = [];
    if (head.kind === "MEDIA_REPORT") {
      const anon = g.cands.find((c) => c.anonymous)?.anonymous?.text ?? anonymousWords ?? null;
      attribution = anon ? "ANONYMOUS_OFFICIALS" : speaker && speaker.type === "person" ? "NAMED_ON_RECORD" : "UNKNOWN";
      attributionText = anon ?? (speaker?.text ?? null);
      sourcingWhy.push({ words: `${relay!.text} ${head.anchor.verb}`, rule: `a relay: ${relay!.name} is the origin, ${input.outlet} the carrier` });
      if (anon) sourcingWhy.push({ words: anon, rule: "unnamed sources" });
    } else if (!speaker) {
      attribution = "OUTLET_OWN";
      sourcingWhy.push({ words: head.sentence.text.slice(0, 60), rule: `no one is cited: ${wireOrigin ? wireOrigin.name : input.outlet}'s own reporting` });
    } else if (speaker.type === "group") {
      attribution = "OUTLET_OWN";
      attributionText = speaker.text;
      sourcingWhy.push({ words: speaker.text, rule: "people the outlet spoke to, not officials: its own reporting" });
    } else if (speaker.type === "anonymous") {
      attribution = "ANONYMOUS_OFFICIALS";
      attributionText = speaker.text;
      sourcingWhy.push({ words: speaker.text, rule: "unnamed sources" });
    } else if (speaker.type === "person") {
      attribution = speaker.spokesperson ? "SPOKESPERSON" : "NAMED_ON_RECORD";
      attributionText = speaker.title ? `${speaker.title} ${speaker.name}`.trim() : speaker.name;
      if (speaker.title && speaker.title.includes(speaker.name)) attributionText = speaker.title;
      sourcingWhy.push({ words: head.speakerWords ?? speaker.text, rule: speaker.spokesperson ? "a spokesperson, on the record" : "a named person, on the record" });
    } else {
      const doc = DOCUMENT_WORDS.exec(allText);
      attribution = doc ? "DOCUMENT" : "SPOKESPERSON";
      attributionText = speaker.text.replace(/^the\s+/i, "");
      sourcingWhy.push({ words: doc ? doc[0] : speaker.text, rule: doc ? "a written statement or document" : "a body speaking on the record" });
    }
    // A party's own assertion of contested facts: a journalist could not verify it, the verb says
    // "claimed", or a military voice reports combat results.
    const nextSentence = seg.sentences[sentences.at(-1)!.index + 1];
    const unverified = UNVERIFIED_WORDS.exec(allText) ?? (nextSentence && nextSentence.paragraph === sentences.at(-1)!.paragraph ? UNVERIFIED_WORDS.exec(nextSentence.text) : null);
    const claimVerb = CLAIM_VERBS.exec(g.cands.map((c) => c.anchor.verb).join(" "));
    const military = speaker && (speaker.type === "body" || speaker.type === "state" || speaker.type === "person") && MILITARY_VOICE.test(`${speaker.name} ${speaker.title ?? ""}`) && PARTY_CLAIM_CONTENT.exec(allText);
    if (speaker && speaker.type !== "anonymous" && (unverified || claimVerb || military)) {
      attribution = "PARTY_CLAIM";
      attributionText = speaker.type === "person" ? (speaker.title ? `${speaker.title} ${speaker.name}` : speaker.name) : speaker.text.replace(/^the\s+/i, "");
      const w = unverified?.[0] ?? claimVerb?.[0] ?? (military ? military[0] : "");
      sourcingWhy.push({ words: w, rule: unverified ? "could not be verified: a party's claim" : claimVerb ? "“claimed”: a party's claim" : "a military voice reports combat results: a party's claim" });
    }
    const origin = relay ?? (listener && head.kind !== "MEDIA_REPORT" ? listener : null);
    if (listener && !relay) sourcingWhy.push({ words: listener.text, rule: `said to ${listener.name}: the origin; ${input.outlet} the carrier` });
    const sourcing: DraftSourcing = {
      attribution,
      attributionText,
      speaker: actorOf(speaker),
      origin: origin ? { name: origin.name, sourceId: origin.sourceId, kind: origin.outletKind } : null,
    };

    // Stance toward the story's claims.
    const stanceText = g.cands.map((c) => c.sentence.text).join(" ");
    const st = stanceOf(stanceText);
    const claim = claimFor(allText, ctx.claims);
    const stanceWhy: Because[] = [{ words: st.words ?? "", rule: st.words ? `wording of “${st.stance.toLowerCase()}”` : "no wording of a denial, decline, confirmation or limit: it asserts" }];
    if (claim) stanceWhy.push({ words: claim.shared.join(", "), rule: `key words of the claim “${claim.text}”` });

    const headIsSpeaker = head.actor && head.speaker && head.actor === head.speaker;
    const actor = actorOf((g.person && headIsSpeaker ? g.person : head.actor) ?? speaker ?? relay);
    const draft: Draft = {
      index,
      kind: head.kind,
      headline: headlineOf(evidence[0]!),
      summary: evidence.join(" ").slice(0, 1200),
      actor,
      date,
      quote,
      sourcing,
      reportedBy: origin?.name ?? input.outlet,
      status: statusClassOf(attribution, st.stance),
      stance: { stance: st.stance, claimId: claim?.claimId ?? null, claimText: claim?.text ?? null },
      match: { kind: "new", reason: "" },
      evidence,
      why: {
        kind: head.because.kind,
        actor: head.because.actor.length ? head.because.actor : relay ? [{ words: relay.text, rule: "the outlet reported it; no actor named" }] : [],
        date: [{ words: date.words ?? "", rule: date.note }],
        quote: quoteWhy,
        sourcing: sourcingWhy,
        stance: stanceWhy,
        match: [],
      },
    };
    return draft;
  });

  for (const d of drafts) {
    const m = matchExisting(d, ctx.events);
    d.match = m.match;
    d.why.match = m.because;
  }
  return { published, title: input.title ?? null, drafts, notes };
}

function shiftBack(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) - days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

export type { PublishedDay };
