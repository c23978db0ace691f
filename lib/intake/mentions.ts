import type { SourceKindValue } from "../domain";
import {
  GROUP_WORDS,
  OUTLET_TAIL,
  ANONYMOUS_WORDS,
  BARE_BODIES,
  BODY_HEADS,
  KNOWN_OUTLETS,
  NOT_NAMES,
  OUTLET_NOUNS,
  SPOKESPERSON_WORDS,
  STATE_NAMES,
  TITLE_WORDS,
} from "./lexicon";
import type { NameSpan } from "./text";

// Who is named in a sentence: people, bodies, states, news outlets, unnamed sources, pronouns and
// role words ("the spokesman") that stand for someone named before. Each mention keeps its span,
// so the draft can say which words named its speaker.

export type MentionType = "person" | "body" | "state" | "outlet" | "anonymous" | "group" | "pronoun" | "role";

export type Mention = {
  start: number;
  end: number;
  /** The words of the sentence. */
  text: string;
  type: MentionType;
  /** The name the draft uses: "Matthew Miller", "Russian Defence Ministry", "The New York Times". */
  name: string;
  title: string | null;
  spokesperson: boolean;
  /** A known actor or source it names. */
  actorId: string | null;
  sourceId: string | null;
  outletKind: SourceKindValue | null;
};

export type KnownActor = { id: string; name: string; title: string | null; affiliation: string | null };
export type KnownSource = { id: string; name: string; slug?: string; kind: SourceKindValue };

export type MentionContext = {
  actors: readonly KnownActor[];
  sources: readonly KnownSource[];
  /** Patterns compiled once per article (compilePatterns). */
  patterns?: Patterns;
  /** People named earlier in the article: "Peskov" later means "Dmitry Peskov". */
  people: Map<string, { name: string; title: string | null; actorId: string | null }>;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A name's last word, its surname: "Lloyd J. Austin III" → "Austin". */
const lastToken = (name: string) => name.trim().split(/\s+/).filter((t) => !/^(?:[A-Z]\.|Jr\.?|Sr\.?|II|III|IV)$/.test(t)).at(-1) ?? name;

function mention(sentence: string, start: number, end: number, type: MentionType, name: string, extra: Partial<Mention> = {}): Mention {
  return {
    start,
    end,
    text: sentence.slice(start, end),
    type,
    name,
    title: null,
    spokesperson: false,
    actorId: null,
    sourceId: null,
    outletKind: null,
    ...extra,
  };
}

const TITLE_RE: string = TITLE_WORDS.slice()
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");

// Lower-case words that belong to a title before a name ("national security spokesman John Kirby").
const TITLE_LOWER = new Set([
  "spokesman", "spokeswoman", "spokesperson", "press", "secretary", "national", "security", "adviser", "advisor",
  "deputy", "foreign", "defense", "defence", "minister", "chief", "senior", "top", "former", "acting", "interim",
  "president", "prime", "general", "lieutenant", "commander", "ambassador", "envoy", "of", "state", "affairs",
  "intelligence", "military", "aide", "director", "head", "leader", "official", "communications", "and", "for",
]);

/** The title words right before a name: "State Department spokesperson", "Ukrainian President". */
function titleBefore(sentence: string, nameStart: number): { title: string | null; start: number } {
  // "the ministry's spokesman, Pavel Dorn,": a title set off by a comma.
  const comma = /((?:[A-Z][\p{L}'’.-]*|[a-z]+)(?:\s+(?:[A-Z][\p{L}'’.-]*|[a-z]+)){0,5}\s+(?:spokes(?:man|woman|person)|minister|secretary|adviser|advisor|ambassador|envoy|governor|chief|commander|director|president|leader)),\s*$/u.exec(sentence.slice(0, nameStart));
  if (comma) {
    const words = comma[1]!.split(/\s+/);
    const from = words.findIndex((w) => /^[A-Z]/.test(w) && !NOT_NAMES.has(w));
    const title = words.slice(from >= 0 ? from : words.length - 1).join(" ");
    return { title, start: nameStart - comma[0].length + comma[1]!.length - title.length };
  }
  const before = sentence.slice(0, nameStart);
  const tokens = before.match(/[^\s]+\s*$/g) ? before.split(/(\s+)/) : [];
  let start = nameStart;
  const words: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const tok = tokens[i]!;
    if (/^\s+$/.test(tok) || tok === "") {
      continue;
    }
    const bare = tok.replace(/[’']s$/, "");
    const ok = (/^[A-Z][\p{L}.'’-]*$/u.test(bare) && !NOT_NAMES.has(bare) && !/,$/.test(tok)) || TITLE_LOWER.has(tok.toLowerCase()) || /^[A-Z][\p{L}'’]*[’']s$/u.test(tok);
    if (!ok || /[,;:"“”]$/.test(tok)) break;
    words.unshift(tok);
    start = before.lastIndexOf(tok, start - 1);
    if (words.length >= 7) break;
  }
  // A title does not end with "of" or "and", nor begin with them.
  while (words.length && /^(?:of|and|for)$/i.test(words[0]!)) {
    words.shift();
  }
  if (words.length === 0) return { title: null, start: nameStart };
  const title = words.join(" ");
  return { title, start: sentence.lastIndexOf(title, nameStart) >= 0 ? sentence.lastIndexOf(title, nameStart) : start };
}

/** ", a State Department spokesman," after a name. */
function titleAfter(sentence: string, nameEnd: number): { title: string | null; end: number } {
  const m = /^,\s+((?:the|a|an)\s+)?([^,"“”]{3,90}?),/.exec(sentence.slice(nameEnd));
  if (!m) return { title: null, end: nameEnd };
  const t = m[2]!.trim();
  // An appositive with a title word; not a clause ("…, who said").
  if (!new RegExp(`\\b(?:${TITLE_RE}|spokes\\w+|minister|secretary|official|chief|head|director|adviser|advisor|envoy|leader|commander|president|governor)\\b`, "i").test(t)) return { title: null, end: nameEnd };
  if (/^(?:who|which|that|said|says)\b/i.test(t)) return { title: null, end: nameEnd };
  return { title: t, end: nameEnd + m[0].length - 1 };
}

function personFrom(sentence: string, start: number, end: number, name: string, ctx: MentionContext): Mention {
  const known = ctx.actors.find((a) => a.name === name || lastToken(a.name) === lastToken(name) && name.split(/\s+/).length === 1);
  const seen = ctx.people.get(lastToken(name));
  const before = titleBefore(sentence, start);
  const after = titleAfter(sentence, end);
  const title = before.title ?? after.title ?? seen?.title ?? known?.title ?? null;
  const fullName = known?.name ?? (name.split(/\s+/).length === 1 && seen ? seen.name : name);
  return mention(sentence, before.title ? before.start : start, end, "person", fullName, {
    title,
    spokesperson: SPOKESPERSON_WORDS.test(title ?? ""),
    actorId: known?.id ?? seen?.actorId ?? null,
  });
}


/** Every mention in a sentence; overlapping ones keep the most specific (person, outlet, …). */
export function mentionsIn(sentence: string, ctx: MentionContext, articleOutlet: string, names: readonly NameSpan[] = []): Mention[] {
  const all: Mention[] = [];

  const pat = (ctx.patterns ??= compilePatterns(ctx));

  // News outlets: known ones, the story's sources that are media, and "the X newspaper".
  for (const m of sentence.matchAll(pat.outlets)) {
    const alias = m[1]!;
    const o = pat.outletByAlias.get(alias)!;
    const bare = alias.replace(/^The /, "");
    // Short aliases ("AP", "the Times") count only before reporting words or after "told".
    if (bare.length <= 3 || alias === "the Times" || alias === "the Journal") {
      const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 30);
      const before = sentence.slice(Math.max(0, m.index - 12), m.index);
      if (!/^\s*(?:reported|said|reports|first|,|newspaper|news agency)/.test(after) && !/\b(?:told|to|by|with)\s*$/.test(before)) continue;
    }
    all.push(mention(sentence, m.index, m.index + m[0].length, "outlet", o.name, { outletKind: o.kind, sourceId: o.sourceId }));
  }
  for (const m of sentence.matchAll(pat.outletNoun)) {
    const name = m[1]!.trim();
    if (NOT_NAMES.has(name.split(/\s+/)[0]!)) continue;
    all.push(mention(sentence, m.index, m.index + m[0].length, "outlet", name, { outletKind: /agency|wire/i.test(m[2]!) ? "WIRE" : /television|tv|radio|broadcaster/i.test(m[2]!) ? "BROADCASTER" : "NEWSPAPER" }));
  }

  for (const m of sentence.matchAll(OUTLET_TAIL)) {
    const name = m[1]!.trim();
    if (NOT_NAMES.has(name.split(/\s+/)[0]!)) continue;
    all.push(mention(sentence, m.index, m.index + m[0].length, "outlet", name, { outletKind: "NEWSPAPER" }));
  }
  for (const m of sentence.matchAll(/\b(?:[Tt]he\s+)?(?:newspaper|news agency|daily|broadcaster|news site|website|magazine)\s+((?:[A-Z][\p{L}'’.-]*)(?:\s+[A-Z][\p{L}'’.-]*){0,3})/gu)) {
    all.push(mention(sentence, m.index, m.index + m[0].length, "outlet", m[1]!.trim(), { outletKind: "NEWSPAPER" }));
  }
  for (const m of sentence.matchAll(GROUP_WORDS)) {
    all.push(mention(sentence, m.index, m.index + m[0].length, "group", m[0].replace(/^[A-Z]/, (c) => c.toLowerCase())));
  }

  // People: known actors, proper-name runs that look like a person's name, title + name, and
  // last names seen before.
  if (pat.actors) {
    for (const m of sentence.matchAll(pat.actors)) {
      const a = pat.actorByForm.get(m[0])!;
      all.push(personFrom(sentence, m.index, m.index + m[0].length, a.name, ctx));
    }
  }
  for (const n of names) {
    const person = personTail(n.text);
    if (!person) continue;
    const start = n.start + n.text.length - person.length;
    all.push(personFrom(sentence, start, start + person.length, person, ctx));
  }
  for (const m of sentence.matchAll(pat.titled)) {
    const name = m[1]!.replace(/\s+[A-Z]\.$/, "");
    if (NOT_NAMES.has(name.split(/\s+/)[0]!) || STATE_NAMES.includes(name) || !personTail(name)) continue;
    const start = m.index + m[0].length - m[1]!.length;
    all.push(personFrom(sentence, start, start + name.length, name, ctx));
  }
  for (const [last, p] of ctx.people) {
    let i = sentence.indexOf(last);
    while (i >= 0) {
      const before = i === 0 ? " " : sentence[i - 1]!;
      const after = sentence[i + last.length] ?? " ";
      if (!/[\p{L}]/u.test(before) && !/[\p{L}]/u.test(after)) all.push(personFrom(sentence, i, i + last.length, p.name, ctx));
      i = sentence.indexOf(last, i + last.length);
    }
  }

  // Unnamed sources: "two U.S. officials", "a source familiar with the decision".
  {
    for (const m of sentence.matchAll(pat.anonymous)) {
      if (!m[0].trim()) continue;
      // "the officials" refers back; "people" alone is too vague unless "familiar with".
      const text = m[0].replace(/\s+$/, "");
      if (/^(?:people|person|individuals?)$/i.test(text)) continue;
      const role = /^(?:the|these|those)\s/i.test(sentence.slice(Math.max(0, m.index - 6), m.index + 1).trim() + " ");
      all.push(mention(sentence, m.index, m.index + text.length, role ? "role" : "anonymous", text));
    }
  }

  // Bodies: "the Russian Defence Ministry", "Ukraine's General Staff", "the State Department".
  {
    for (const m of sentence.matchAll(pat.bodies)) {
      let mods = m[1]!.trim();
      // "A Pentagon spokesperson": the article is not part of the name.
      while (mods && NOT_NAMES.has(mods.split(/\s+/)[0]!)) mods = mods.split(/\s+/).slice(1).join(" ");
      const of = m[3]!.trim();
      const head = m[2]!;
      const capitalHead = /^[A-Z]/.test(head);
      if (!mods && !of && !capitalHead) continue;
      if (!mods && !of && !["Kremlin", "White House", "Pentagon", "Duma", "Rada", "Bundestag", "Congress", "Senate"].includes(head)) {
        // "the Ministry" alone refers back to a named body.
        all.push(mention(sentence, m.index, m.index + m[0].length, "role", head));
        continue;
      }
      const startsLower = mods && /^(?:of|for|and)\b/.test(mods);
      if (startsLower) continue;
      if (!/[A-Z]/.test(mods) && !of && !capitalHead) {
        // "the defence ministry": a body named only by what it does refers back.
        all.push(mention(sentence, m.index, m.index + m[0].length, "role", `${mods} ${head}`.trim()));
        continue;
      }
      const name = `${mods ? `${mods} ` : ""}${head}${of ? ` ${of}` : ""}`.replace(/\s+/g, " ").trim();
      all.push(mention(sentence, m.index, m.index + m[0].length, "body", name.replace(/[’']s\b/g, "'s")));
    }
    for (const m of sentence.matchAll(pat.bareBodies)) {
      if (!/[A-Z]/.test(m[0])) continue;
      all.push(mention(sentence, m.index, m.index + m[0].length, "body", m[0].replace(/^the /i, "")));
    }
  }
  for (const m of sentence.matchAll(pat.states)) all.push(mention(sentence, m.index, m.index + m[0].length, "state", m[1]!.replace(/^the /, "")));
  // Sources of the story that speak for themselves (a ministry, an office).
  if (pat.selfSources) {
    for (const m of sentence.matchAll(pat.selfSources)) {
      const src = pat.selfSourceByName.get(m[1]!.toLowerCase())!;
      all.push(mention(sentence, m.index, m.index + m[0].length, "body", src.name, { sourceId: src.id }));
    }
  }

  // "a spokesperson for the National Security Council": the body, through a spokesperson.
  {
    for (const m of sentence.matchAll(SPOKESPERSON_FOR)) {
      // "Yuri Ihnat, a spokesman for the Air Force,": the appositive of a named person.
      if (/[\p{L}'’-]+,\s*$/u.test(sentence.slice(0, m.index)) && /^[Aa]n?$/.test(m[0].split(/\s+/)[0]!)) continue;
      const body = m[2]!.replace(/\s+(?:of|for|and)$/, "");
      all.push(mention(sentence, m.index, m.index + m[0].length - (m[2]!.length - body.length), "person", `${body} ${m[1]}`.trim(), { title: `${m[1]} for ${body}`, spokesperson: true }));
    }
  }
  // Pronouns and role words that refer back.
  {
    const re = /\b(he|she|they|He|She|They)\b/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) all.push(mention(sentence, m.index, m.index + m[0].length, "pronoun", m[0].toLowerCase()));
    const roles = /\b(?:the|The)\s+((?:[a-z]+\s+)?(?:spokes(?:man|woman|person)|minister|president|official|officials|ministry|department|agency|office|secretary|general|ambassador|envoy|chancellor|premier|prime minister|paper|newspaper|outlet|report|administration|government|military|army|statement|sources|source|people))\b/g;
    while ((m = roles.exec(sentence))) all.push(mention(sentence, m.index, m.index + m[0].length, "role", m[1]!.toLowerCase()));
  }

  // The article's own outlet is not a relay of itself.
  const own = articleOutlet.replace(/^The /, "").toLowerCase();
  for (const m of all) if (m.type === "outlet" && m.name.replace(/^The /, "").toLowerCase() === own) m.name = articleOutlet;

  return pickNonOverlapping(all);
}

const PRIORITY: Record<MentionType, number> = { person: 0, outlet: 1, anonymous: 2, body: 3, group: 4, role: 5, state: 6, pronoun: 7 };

function pickNonOverlapping(all: Mention[]): Mention[] {
  const sorted = [...all].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Mention[] = [];
  for (const m of sorted) {
    const clash = kept.find((k) => m.start < k.end && m.end > k.start);
    if (clash) {
      // A body named in a person's title ("State Department spokesperson Matthew Miller") is not a second mention.
      continue;
    }
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Remembers the people a sentence named, for the last names later sentences use. */
export function rememberPeople(mentions: readonly Mention[], ctx: MentionContext): void {
  for (const m of mentions) {
    if (m.type !== "person" || m.name.split(/\s+/).length < 2) continue;
    const last = lastToken(m.name);
    if (!ctx.people.has(last) || m.title) ctx.people.set(last, { name: m.name, title: m.title ?? ctx.people.get(last)?.title ?? null, actorId: m.actorId });
  }
}

const SPOKESPERSON_FOR = /\b(?:[Aa]n?|[Tt]he)\s+((?:senior\s+|deputy\s+)?(?:spokes(?:man|woman|person)|representative|press officer|press secretary))\s+(?:for|of|at)\s+(?:the\s+)?((?:[A-Z][\p{L}.'’-]*)(?:\s+(?:[A-Z][\p{L}.'’-]*|of|for|and)){0,6})/gu;

export type Patterns = {
  outlets: RegExp;
  outletByAlias: Map<string, { name: string; kind: SourceKindValue; sourceId: string | null }>;
  outletNoun: RegExp;
  actors: RegExp | null;
  actorByForm: Map<string, KnownActor>;
  titled: RegExp;
  anonymous: RegExp;
  bodies: RegExp;
  bareBodies: RegExp;
  states: RegExp;
  selfSources: RegExp | null;
  selfSourceByName: Map<string, KnownSource>;
};

const alternation = (items: readonly string[]) => [...new Set(items)].sort((a, b) => b.length - a.length).map(escape).join("|");
const MEDIA_KINDS: readonly SourceKindValue[] = ["NEWSPAPER", "WIRE", "BROADCASTER", "DIGITAL_OUTLET"];

const compiled = new Map<string, Patterns>();

/** The patterns of a story's context, compiled once and kept for the next article of the same story. */
export function compilePatterns(ctx: Pick<MentionContext, "actors" | "sources">): Patterns {
  const key = `${ctx.actors.map((a) => `${a.id}:${a.name}`).join("|")}#${ctx.sources.map((s) => `${s.id}:${s.name}:${s.kind}`).join("|")}`;
  let p = compiled.get(key);
  if (!p) {
    p = buildPatterns(ctx);
    // A few stories' worth: the oldest goes first.
    if (compiled.size >= 8) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, p);
  }
  return p;
}

function buildPatterns(ctx: Pick<MentionContext, "actors" | "sources">): Patterns {
  const outletByAlias = new Map<string, { name: string; kind: SourceKindValue; sourceId: string | null }>();
  for (const o of KNOWN_OUTLETS) {
    const known = ctx.sources.find((s) => s.name.replace(/^The /, "") === o.name.replace(/^The /, ""));
    for (const alias of [o.name, ...o.aliases]) outletByAlias.set(alias, { name: known?.name ?? o.name, kind: o.kind, sourceId: known?.id ?? null });
  }
  for (const s of ctx.sources) if (MEDIA_KINDS.includes(s.kind)) outletByAlias.set(s.name, { name: s.name, kind: s.kind, sourceId: s.id });
  // "The New York Times" and "New York Times" both name it; the article is matched with the alias.
  const aliases = [...outletByAlias.keys()];
  for (const a of aliases) if (a.startsWith("The ") && a.split(/\s+/).length >= 4) outletByAlias.set(a.slice(4), outletByAlias.get(a)!);
  const outlets = new RegExp(`(?:\\b[Tt]he\\s+)?\\b(${alternation([...outletByAlias.keys()])})\\b`, "g");

  const actorByForm = new Map<string, KnownActor>();
  for (const a of ctx.actors) {
    actorByForm.set(a.name, a);
    const last = lastToken(a.name);
    if (last.length >= 4 && /^[A-Z][a-z]/.test(last) && !actorByForm.has(last)) actorByForm.set(last, a);
  }
  const heads = alternation(BODY_HEADS);
  const selfSources = ctx.sources.filter((s) => !MEDIA_KINDS.includes(s.kind));
  return {
    outlets,
    outletByAlias,
    outletNoun: new RegExp(`\\b(?:the\\s+)?((?:[A-Z][\\p{L}'’.-]*\\s+){1,4})(${OUTLET_NOUNS.source.replace(/^\\b|\\b$/g, "")})\\b`, "gu"),
    actors: actorByForm.size ? new RegExp(`\\b(?:${alternation([...actorByForm.keys()])})\\b`, "g") : null,
    actorByForm,
    titled: new RegExp(`\\b(?:${TITLE_RE})\\s+((?:[A-Z][\\p{L}'’-]+|[A-Z]\\.)(?:\\s+(?:[A-Z][\\p{L}'’-]+|[A-Z]\\.)){0,3})`, "gu"),
    anonymous: new RegExp(ANONYMOUS_WORDS.source, "gi"),
    bodies: new RegExp(
      `\\b(?:(?:[Tt]he|[Ii]ts|[Tt]heir)\\s+)?((?:(?:[A-Z][\\p{L}.'’-]*|of|for|and|defen[cs]e|foreign|interior|emergencies|energy|health|finance|justice|economy|transport|regional|military|presidential|general)\\s+){0,5})(${heads})\\b((?:\\s+of\\s+(?:the\\s+)?[A-Z][\\p{L}'’-]*(?:\\s+(?:[A-Z][\\p{L}'’-]*|and))*)?)`,
      "gu",
    ),
    bareBodies: new RegExp(`\\b(?:${alternation(BARE_BODIES)})\\b`, "gi"),
    states: new RegExp(`(?<![\\p{L}])(${alternation(STATE_NAMES)})(?:[’']s)?(?![\\p{L}])`, "gu"),
    selfSources: selfSources.length ? new RegExp(`\\b(?:the\\s+)?(${alternation(selfSources.map((s) => s.name.replace(/^the /i, "")))})\\b`, "gi") : null,
    selfSourceByName: new Map(selfSources.map((s) => [s.name.replace(/^the /i, "").toLowerCase(), s])),
  };
}

// Words that are not part of a person's name at the end of a run of proper nouns: titles, heads
// of bodies, places, days, and the last words of organisations and outlets.
const NOT_PERSON_WORDS = new Set(
  [
    ...TITLE_WORDS.flatMap((t) => t.split(/\s+/)),
    ...BODY_HEADS.flatMap((t) => t.split(/\s+/)),
    ...STATE_NAMES.flatMap((t) => t.replace(/^the /, "").split(/\s+/)),
    ...KNOWN_OUTLETS.flatMap((o) => [o.name, ...o.aliases].flatMap((a) => a.split(/\s+/))),
    "U.S.", "US", "UK", "EU", "UN", "NATO", "Foreign", "Defence", "Defense", "Interior", "Affairs", "State", "Security",
    "National", "Deputy", "Wire", "Times", "Post", "News", "Herald", "Courier", "Dispatch", "Ledger", "Journal", "Today",
    "Agency", "Forum", "Initiative", "Group", "Valley", "Region", "Oblast", "Strait", "Sea", "Street", "Square",
    "Airport", "Port", "Plant", "Crossing", "University", "Institute", "Foundation", "Center", "Centre", "Party",
    "Bank", "Fund", "Company", "Chemicals", "Corp", "Inc", "Telegram", "Twitter", "Facebook", "X", "Court",
    "Constitutional", "Emergencies", "General", "Staff", "Force", "Air", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Kremlin", "Pentagon", "White", "House", "Europe", "European",
    "Western", "Eastern", "Northern", "Southern", "Republic", "Kingdom", "Federation", "Union", "Council",
  ].map((w) => w.toLowerCase()),
);

/**
 * The person's name at the end of a run of proper nouns, or null: "Eastland Foreign Minister
 * Anton Reyes" → "Anton Reyes"; "Lloyd J. Austin III" stays whole; "Harbour Wire" is no person.
 */
export function personTail(run: string): string | null {
  const tokens = run.trim().split(/\s+/);
  const kept: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!.replace(/[’']s$/, "");
    const initial = /^[A-Z]\.$/.test(t);
    const suffix = /^(?:Jr\.?|Sr\.?|II|III|IV)$/.test(t);
    if (!initial && !suffix && (!/^[A-Z][\p{L}'’-]+$/u.test(t) || NOT_PERSON_WORDS.has(t.toLowerCase()) || /(?:ian|ean|ese|ish)$/.test(t))) break;
    kept.unshift(tokens[i]!.replace(/[’']s$/, ""));
  }
  while (kept.length && /^[A-Z]\.$/.test(kept[0]!)) kept.shift();
  const words = kept.filter((t) => !/^(?:[A-Z]\.|Jr\.?|Sr\.?|II|III|IV)$/.test(t));
  if (words.length < 2 || words.length > 4) return null;
  return kept.join(" ");
}
