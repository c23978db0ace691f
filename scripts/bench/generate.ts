// Synthetic stories for the benchmarks, written straight to SQLite (better-sqlite3) or PostgreSQL
// (pg) in bulk multi-row INSERTs inside transactions. The derived columns (occurredOn,
// timelineKey, searchText, status, status periods) come from the same functions the app's write
// path uses (lib/events/derived.ts, lib/events/status.ts), so the data are what the app would
// have written itself.
import Database from "better-sqlite3";
import pg from "pg";
import {
  ACTOR_ROLES,
  RELATION_TYPES,
  SOURCE_KINDS,
  type AttributionValue,
  type ClaimStatusValue,
  type EventKindValue,
  type StanceValue,
} from "../../lib/domain";
import { derivedTimeFields, searchTextFor } from "../../lib/events/derived";
import { eventKnownFrom, labelPeriods, type EventFacts } from "../../lib/events/projection";

type StatusHistoryEntry = { toStatus: ClaimStatusValue; knownAt: Date; sequence: number };
import { createRng, createZipf, type Rng } from "./random";

export const GENERATOR_VERSION = 3;

export const SOURCE_COUNT = 400;
const ACTOR_COUNT = 250;
const TAG_COUNT = 120;
/** Events per block: claims, repeats and relations stay inside a block, so memory stays flat. */
const BLOCK = 100;
const CLAIMS_PER_BLOCK = 5;
/** Events buffered before the buffered rows of every table are flushed, in foreign-key order. */
const FLUSH_EVENTS = 2_000;

const ZONES = ["America/New_York", "Europe/Kyiv", "Europe/London", "Europe/Moscow", "UTC", "Asia/Tokyo"] as const;

// A news vocabulary, most frequent first, followed by a long synthetic tail; drawn with a Zipf law
// so that, as in real text, a few words are everywhere and most are rare.
const COMMON = (
  "the officials said that would said ukraine russia missile strike president united states washington " +
  "kyiv moscow defense minister government military report reports forces weapons long range attack " +
  "decision policy administration statement briefing spokesperson confirmed denied declined comment " +
  "sources familiar matter according border region troops northern southern eastern western territory " +
  "ceasefire talks negotiations sanctions allies europe nato pentagon state department kremlin " +
  "counteroffensive drone drones air defense systems launchers battalion brigade artillery shelling " +
  "infrastructure energy grid power plant civilians casualties killed wounded evacuated city village " +
  "oblast kursk kharkiv bryansk belgorod donetsk zaporizhzhia crimea black sea fleet navy aircraft " +
  "jets fighter supply aid package billion congress senate house vote approval approved authorized " +
  "restrictions limits lifted eased permission deeper inside targets facility depot ammunition " +
  "intelligence assessment analysts satellite images footage video social media posts claims " +
  "escalation warning threat nuclear doctrine response retaliation diplomat envoy embassy summit " +
  "meeting phone call leaders prime chancellor foreign secretary national security adviser council " +
  "resolution united nations humanitarian corridor prisoners exchange agreement deal framework " +
  "reuters associated press newspaper broadcaster outlet wire anonymous senior former current " +
  "week monday tuesday wednesday thursday friday saturday sunday morning evening overnight hours"
).split(/\s+/);

function syntheticWords(rng: Rng, n: number): string[] {
  const onsets = ["b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "gr", "sh", "ch"];
  const vowels = ["a", "e", "i", "o", "u", "ia", "ou", "ei"];
  const codas = ["", "n", "r", "s", "k", "sk", "v", "l", "m"];
  const seen = new Set(COMMON);
  const out: string[] = [];
  while (out.length < n) {
    const syllables = rng.int(2, 4);
    let w = "";
    for (let i = 0; i < syllables; i++) w += rng.pick(onsets) + rng.pick(vowels) + (i === syllables - 1 ? rng.pick(codas) : "");
    if (!seen.has(w)) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

export type StorySpec = { slug: string; events: number; isDefault: boolean };

/** What the benchmarks query: slugs and values that exist in every generated database. */
export type Dataset = {
  stories: { id: string; slug: string; events: number }[];
  /** Source slugs by citation rank (0 = most cited). */
  sourceSlugs: string[];
  /** The span of event days (UTC dates) of each story. */
  firstDay: string;
  lastDay: string;
  /** An event slug and id in the middle of the first story (for permalinks). */
  sampleEvent: { slug: string; id: string };
};

type Row = (string | number | boolean | null)[];

type Table = { name: string; columns: string[]; types: string[] };

// Column lists and the PostgreSQL types used to cast the unnest() arrays.
const T = {
  Story: tbl("Story", "id:text slug:text title:text description:text timeZone:text isDefault:boolean version:int4 createdAt:timestamp updatedAt:timestamp"),
  Source: tbl("Source", "id:text slug:text name:text kind:SourceKind country:text homepage:text description:text version:int4 createdAt:timestamp updatedAt:timestamp"),
  Actor: tbl("Actor", "id:text slug:text name:text title:text affiliation:text version:int4 createdAt:timestamp updatedAt:timestamp"),
  Tag: tbl("Tag", "id:text slug:text name:text"),
  Claim: tbl("Claim", "id:text slug:text storyId:text text:text scope:text status:ClaimStatus version:int4 createdAt:timestamp updatedAt:timestamp"),
  Event: tbl(
    "Event",
    "id:text slug:text storyId:text kind:EventKind headline:text summary:text location:text occurredAt:timestamp occurredEndAt:timestamp " +
      "precision:TimePrecision approximate:boolean dateBound:DateBound timeNote:text timeZone:text occurredOn:text spanEndOn:text " +
      "timelineKey:text dayOrder:int4 firstReportedAt:timestamp knownFrom:timestamp status:EventStatus searchText:text " +
      "published:boolean publishedAt:timestamp retractedAt:timestamp retractionNote:text version:int4 createdAt:timestamp updatedAt:timestamp",
  ),
  Citation: tbl(
    "Citation",
    "id:text eventId:text sourceId:text url:text archivedUrl:text title:text publishedAt:timestamp publishedPrecision:TimePrecision " +
      "quote:text attribution:Attribution attributionText:text speakerActorId:text originSourceId:text originText:text " +
      "repeatsCitationId:text note:text position:int4 version:int4 createdAt:timestamp updatedAt:timestamp",
  ),
  EventActor: tbl("EventActor", "eventId:text actorId:text role:ActorRole"),
  EventTag: tbl("EventTag", "eventId:text tagId:text"),
  EventClaim: tbl("EventClaim", "eventId:text claimId:text stance:Stance note:text position:int4"),
  ClaimStatusChange: tbl(
    "ClaimStatusChange",
    "id:text claimId:text fromStatus:ClaimStatus toStatus:ClaimStatus knownAt:timestamp sequence:int4 reason:text evidenceCitationId:text " +
      "changedBy:text createdAt:timestamp",
  ),
  EventRelation: tbl("EventRelation", "id:text fromEventId:text toEventId:text type:RelationType note:text"),
  EventStatusPeriod: tbl("EventStatusPeriod", "id:text eventId:text status:EventStatus validFrom:timestamp validTo:timestamp"),
};
// Foreign keys point backwards in this order.
const FLUSH_ORDER = [
  T.Claim,
  T.Event,
  T.Citation,
  T.EventActor,
  T.EventTag,
  T.EventClaim,
  T.ClaimStatusChange,
  T.EventRelation,
  T.EventStatusPeriod,
];

function tbl(name: string, spec: string): Table {
  const cols = spec.split(/\s+/).map((c) => c.split(":") as [string, string]);
  return { name, columns: cols.map((c) => c[0]), types: cols.map((c) => c[1]) };
}

/** Where rows go: one implementation per database. */
type Sink = {
  insert(table: Table, rows: Row[]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
};

const iso = (d: Date) => d.toISOString();

function sqliteSink(file: string): Sink {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("cache_size = -262144");
  const statements = new Map<string, Database.Statement>();
  const ROWS_PER_STATEMENT = 200;
  // Prisma's SQLite adapter stores DateTime as ISO text with an explicit +00:00 and Boolean as 0/1.
  const toSqlite = (v: Row[number], type: string) =>
    v === null ? null : type === "timestamp" ? String(v).replace("Z", "+00:00") : type === "boolean" ? (v ? 1 : 0) : v;
  const statementFor = (table: Table, n: number) => {
    const key = `${table.name}:${n}`;
    let s = statements.get(key);
    if (!s) {
      const one = `(${table.columns.map(() => "?").join(",")})`;
      s = db.prepare(
        `INSERT INTO "${table.name}" (${table.columns.map((c) => `"${c}"`).join(",")}) VALUES ${Array(n).fill(one).join(",")}`,
      );
      statements.set(key, s);
    }
    return s;
  };
  return {
    async insert(table, rows) {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        for (const r of chunk) r.forEach((v, j) => params.push(toSqlite(v, table.types[j]!)));
        statementFor(table, chunk.length).run(...params);
      }
    },
    async begin() {
      db.exec("BEGIN");
    },
    async commit() {
      db.exec("COMMIT");
    },
    async close() {
      db.pragma("foreign_keys = ON");
      db.exec("ANALYZE");
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET synchronous_commit = off");
  return {
    // One statement per table and flush: each column travels as one array parameter and unnest()
    // turns the arrays back into rows, so there is no limit on rows per statement.
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = table.columns.map((c) => `"${c}"`).join(",");
      const params = table.columns.map((_, j) => rows.map((r) => r[j] ?? null));
      const arrays = table.types.map((t, j) => {
        const base = ["text", "int4", "boolean", "timestamp"].includes(t) ? t : "text";
        return `$${j + 1}::${base}[]`;
      });
      const casts = table.types.map((t, j) => (["text", "int4", "boolean", "timestamp"].includes(t) ? `c${j}` : `c${j}::"${t}"`));
      const names = table.columns.map((_, j) => `c${j}`).join(",");
      await client.query(
        `INSERT INTO "${table.name}" (${cols}) SELECT ${casts.join(",")} FROM unnest(${arrays.join(",")}) AS u(${names})`,
        params,
      );
    },
    async begin() {
      await client.query("BEGIN");
    },
    async commit() {
      await client.query("COMMIT");
    },
    async close() {
      await client.query("ANALYZE");
      await client.end();
    },
  };
}

const KIND_WEIGHTS: readonly (readonly [EventKindValue, number])[] = [
  ["MEDIA_REPORT", 40],
  ["STATEMENT", 18],
  ["BRIEFING", 12],
  ["REACTION", 14],
  ["MILITARY_ACTION", 8],
  ["DECISION", 4],
  ["OTHER", 4],
];
const ATTRIBUTION_WEIGHTS: readonly (readonly [AttributionValue, number])[] = [
  ["ANONYMOUS_OFFICIALS", 30],
  ["NAMED_ON_RECORD", 25],
  ["SPOKESPERSON", 20],
  ["DOCUMENT", 10],
  ["UNKNOWN", 15],
];
const STANCE_WEIGHTS: readonly (readonly [StanceValue, number])[] = [
  ["ASSERTS", 50],
  ["QUALIFIES", 10],
  ["CONFIRMS", 15],
  ["DENIES", 10],
  ["DECLINES", 15],
];
const OFFICIAL: readonly AttributionValue[] = ["NAMED_ON_RECORD", "SPOKESPERSON"];

/**
 * Writes the given stories (and shared sources, actors and tags) into an empty, migrated
 * database. `target` is a SQLite file path or a PostgreSQL URL.
 */
export async function generateDatabase(
  kind: "sqlite" | "postgresql",
  target: string,
  stories: readonly StorySpec[],
  onProgress: (message: string) => void = () => {},
): Promise<Dataset> {
  const rng = createRng(20241117);
  const sink = kind === "sqlite" ? sqliteSink(target) : await postgresSink(target);
  const now = iso(new Date("2024-12-01T00:00:00Z"));
  const vocabulary = [...COMMON, ...syntheticWords(rng, 4_000)];
  const wordRank = createZipf(vocabulary.length, 1.0);
  const words = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(vocabulary[wordRank(rng)]!);
    return out;
  };
  const sentence = (n: number) => {
    const w = words(n);
    w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
    return `${w.join(" ")}.`;
  };

  await sink.begin();
  // Shared entities.
  const sourceIds: string[] = [];
  const sourceSlugs: string[] = [];
  const sourceRows: Row[] = [];
  for (let i = 0; i < SOURCE_COUNT; i++) {
    const id = rng.id();
    const slug = `bench-source-${i + 1}`;
    sourceIds.push(id);
    sourceSlugs.push(slug);
    sourceRows.push([id, slug, `Bench Source ${i + 1}`, rng.pick(SOURCE_KINDS), rng.pick(["US", "UA", "RU", "GB", null]), `https://source-${i + 1}.example`, null, 1, now, now]);
  }
  await sink.insert(T.Source, sourceRows);
  const actorIds: string[] = [];
  const actorRows: Row[] = [];
  for (let i = 0; i < ACTOR_COUNT; i++) {
    const id = rng.id();
    actorIds.push(id);
    actorRows.push([id, `bench-actor-${i + 1}`, `Actor ${i + 1} ${rng.pick(vocabulary)}`, rng.pick(["Spokesperson", "Minister", "President", null]), null, 1, now, now]);
  }
  await sink.insert(T.Actor, actorRows);
  const tagIds: string[] = [];
  const tagRows: Row[] = [];
  for (let i = 0; i < TAG_COUNT; i++) {
    const id = rng.id();
    tagIds.push(id);
    tagRows.push([id, `bench-tag-${i + 1}`, `Tag ${i + 1}`]);
  }
  await sink.insert(T.Tag, tagRows);
  const sourceRank = createZipf(SOURCE_COUNT, 1.1);
  const actorRank = createZipf(ACTOR_COUNT, 1.0);
  const tagRank = createZipf(TAG_COUNT, 1.0);

  const storyIds: string[] = [];
  for (const s of stories) {
    const id = rng.id();
    storyIds.push(id);
    await sink.insert(T.Story, [[id, s.slug, `Benchmark story: ${s.events.toLocaleString("en-US")} events`, `A synthetic story of ${s.events} events for the benchmarks.`, "America/New_York", s.isDefault, 1, now, now]]);
  }
  await sink.commit();

  // Events are spread over about 200 a day, starting 2010-01-01.
  const START = Date.parse("2010-01-01T00:00:00Z");
  let sampleEvent = { slug: "", id: "" };
  let lastDay = "2010-01-01";
  const buffers = new Map<Table, Row[]>(FLUSH_ORDER.map((t) => [t, []]));
  const push = (t: Table, r: Row) => buffers.get(t)!.push(r);
  const flush = async () => {
    await sink.begin();
    for (const t of FLUSH_ORDER) {
      await sink.insert(t, buffers.get(t)!);
      buffers.set(t, []);
    }
    await sink.commit();
  };

  for (let si = 0; si < stories.length; si++) {
    const story = stories[si]!;
    const storyId = storyIds[si]!;
    const spanMs = Math.max(30, Math.ceil(story.events / 200)) * 86_400_000;
    const started = Date.now();
    for (let b0 = 0; b0 < story.events; b0 += BLOCK) {
      const n = Math.min(BLOCK, story.events - b0);
      // The block's claims.
      const claims = Array.from({ length: CLAIMS_PER_BLOCK }, (_, k) => ({
        id: rng.id(),
        slug: `${story.slug}-claim-${b0 / BLOCK}-${k}`,
        text: sentence(rng.int(8, 14)),
        links: [] as { eventIndex: number; stance: StanceValue }[],
        history: [] as (StatusHistoryEntry & { fromStatus: ClaimStatusValue | null; evidence: string | null })[],
      }));
      type Ev = {
        id: string;
        slug: string;
        occurredAt: Date;
        firstReportedAt: Date;
        zone: string;
        kind: EventKindValue;
        headline: string;
        summary: string;
        precision: "MINUTE" | "HOUR" | "DAY";
        citations: {
          id: string;
          attribution: AttributionValue;
          quote: string | null;
          sourceId: string;
          repeats: string | null;
          /** Published with the first report, or later (a follow-up citation). */
          publishedAt: Date | null;
        }[];
        claimLinks: { claim: (typeof claims)[number]; stance: StanceValue }[];
        retractedAt: Date | null;
      };
      const events: Ev[] = [];
      for (let k = 0; k < n; k++) {
        const i = b0 + k;
        const occurredAt = new Date(START + Math.floor(((i + rng.next()) / story.events) * spanMs / 60_000) * 60_000);
        const headlineWords = words(rng.int(6, 12));
        const headline = headlineWords.join(" ").replace(/^./, (c) => c.toUpperCase());
        const citationCount = rng.weighted([
          [1, 40],
          [2, 30],
          [3, 15],
          [4, 10],
          [5, 5],
        ] as const);
        const citations: Ev["citations"] = [];
        for (let c = 0; c < citationCount; c++) {
          const prev = events.length > 0 && rng.chance(0.1) ? rng.pick(events).citations[0]!.id : null;
          citations.push({
            id: rng.id(),
            attribution: rng.weighted(ATTRIBUTION_WEIGHTS),
            quote: rng.chance(0.5) ? sentence(rng.int(10, 20)) : null,
            sourceId: sourceIds[sourceRank(rng)]!,
            repeats: prev,
            publishedAt: null,
          });
        }
        const linkCount = rng.weighted([
          [0, 25],
          [1, 60],
          [2, 15],
        ] as const);
        const claimLinks: Ev["claimLinks"] = [];
        for (let c = 0; c < linkCount; c++) {
          const claim = rng.pick(claims);
          if (claimLinks.some((l) => l.claim === claim)) continue;
          const stance = rng.weighted(STANCE_WEIGHTS);
          claimLinks.push({ claim, stance });
          claim.links.push({ eventIndex: events.length, stance });
        }
        const ev: Ev = {
          id: rng.id(),
          slug: `${story.slug}-${i + 1}-${headlineWords.slice(0, 3).join("-")}`,
          occurredAt,
          firstReportedAt: new Date(occurredAt.getTime() + rng.int(0, 360) * 60_000),
          zone: rng.pick(ZONES),
          kind: rng.weighted(KIND_WEIGHTS),
          headline,
          summary: [sentence(rng.int(12, 20)), sentence(rng.int(10, 18)), sentence(rng.int(6, 12))].join(" "),
          precision: rng.weighted([
            ["MINUTE", 60],
            ["HOUR", 25],
            ["DAY", 15],
          ] as const),
          citations,
          claimLinks,
          retractedAt: null,
        };
        if (rng.chance(0.005)) ev.retractedAt = new Date(ev.firstReportedAt.getTime() + 86_400_000);
        // The first citation comes with the first report; a later one is published within 3 days
        // (so the as-of view's derived data change at citation instants too).
        ev.citations.forEach((c, position) => {
          c.publishedAt =
            position === 0 || rng.chance(0.6) ? ev.firstReportedAt : new Date(ev.firstReportedAt.getTime() + rng.int(1, 72) * 3_600_000);
        });
        events.push(ev);
      }
      // Claim histories: reported after the first linked event, then perhaps corroborated, then
      // confirmed or denied on the record when a linked event's official voice allows it (the
      // database triggers insist on that evidence), or disputed.
      for (const claim of claims) {
        if (claim.links.length === 0) continue;
        const first = events[claim.links[0]!.eventIndex]!;
        let t = first.firstReportedAt.getTime() + 30 * 60_000;
        const add = (to: ClaimStatusValue, evidence: string | null) => {
          claim.history.push({
            toStatus: to,
            knownAt: new Date(t),
            sequence: claim.history.length + 1,
            fromStatus: claim.history.at(-1)?.toStatus ?? null,
            evidence,
          });
          t += rng.int(1, 48) * 3_600_000;
        };
        add("REPORTED", first.citations[0]!.id);
        if (claim.links.length > 2 && rng.chance(0.5)) add("CORROBORATED", null);
        const official = (stance: StanceValue) =>
          claim.links
            .map((l) => ({ l, e: events[l.eventIndex]! }))
            .find(({ l, e }) => l.stance === stance && e.citations.some((c) => OFFICIAL.includes(c.attribution)));
        const confirmer = official("CONFIRMS");
        const denier = official("DENIES");
        // The evidence must be published by the time the change is known (the database checks it).
        if (confirmer && rng.chance(0.6)) {
          const c = confirmer.e.citations.find((x) => OFFICIAL.includes(x.attribution))!;
          t = Math.max(t, (c.publishedAt ?? confirmer.e.firstReportedAt).getTime() + 3_600_000);
          add("CONFIRMED", c.id);
        } else if (denier && rng.chance(0.6)) {
          const c = denier.e.citations.find((x) => OFFICIAL.includes(x.attribution))!;
          t = Math.max(t, (c.publishedAt ?? denier.e.firstReportedAt).getTime() + 3_600_000);
          add("DENIED", c.id);
        } else if (rng.chance(0.1)) {
          add("DISPUTED", null);
        }
      }
      for (const claim of claims) {
        const status = claim.history.at(-1)?.toStatus ?? "UNVERIFIED";
        push(T.Claim, [claim.id, claim.slug, storyId, claim.text, rng.chance(0.2) ? "Kursk Oblast only" : null, status, 1, now, now]);
        for (const h of claim.history) {
          push(T.ClaimStatusChange, [
            rng.id(), claim.id, h.fromStatus, h.toStatus, iso(h.knownAt), h.sequence, "Benchmark history entry.", h.evidence, "bench", now,
          ]);
        }
      }
      for (let k = 0; k < events.length; k++) {
        const e = events[k]!;
        const dayOrder = 0;
        const derived = derivedTimeFields({
          occurredAt: e.occurredAt,
          precision: e.precision,
          timeZone: e.zone,
          firstReportedAt: e.firstReportedAt,
          dayOrder,
        });
        // The label and its periods from the as-of projection, as lib/events/write.ts derives them.
        const facts = {
          firstReportedAt: e.firstReportedAt,
          retractedAt: e.retractedAt,
          citations: e.citations.map((c) => ({ publishedAt: c.publishedAt, attribution: c.attribution })),
          claims: e.claimLinks.map((l, position) => ({ stance: l.stance, position, claim: { id: l.claim.id, history: l.claim.history } })),
        };
        const periods = labelPeriods(facts as unknown as EventFacts);
        const status = periods[periods.length - 1]!.status;
        const knownFrom = eventKnownFrom(facts);
        const searchText = searchTextFor([e.headline, e.summary, ...e.citations.map((c) => c.quote)]);
        if (derived.occurredOn > lastDay) lastDay = derived.occurredOn;
        push(T.Event, [
          e.id, e.slug, storyId, e.kind, e.headline, e.summary, rng.chance(0.2) ? "Kyiv" : null, iso(e.occurredAt), null,
          e.precision, false, "EXACT", null, e.zone, derived.occurredOn, derived.spanEndOn, derived.timelineKey, dayOrder,
          iso(e.firstReportedAt), iso(knownFrom), status, searchText, true, iso(e.firstReportedAt), e.retractedAt ? iso(e.retractedAt) : null,
          e.retractedAt ? "Retracted by the benchmark." : null, 1, now, now,
        ]);
        e.citations.forEach((c, position) => {
          push(T.Citation, [
            c.id, e.id, c.sourceId, `https://example.com/${e.slug}/${position}`, null, `Article ${position + 1} on ${e.slug}`,
            iso(c.publishedAt ?? e.firstReportedAt), "DAY", c.quote, c.attribution,
            c.attribution === "ANONYMOUS_OFFICIALS" ? "citing anonymous officials" : null, null, null, null,
            c.repeats, null, position, 1, now, now,
          ]);
        });
        const actorCount = rng.int(0, 3);
        const seenActors = new Set<string>();
        for (let a = 0; a < actorCount; a++) {
          const actorId = actorIds[actorRank(rng)]!;
          const role = a === 0 ? "SPEAKER" : rng.pick(ACTOR_ROLES);
          const key = `${actorId}|${role}`;
          if (seenActors.has(key)) continue;
          seenActors.add(key);
          push(T.EventActor, [e.id, actorId, role]);
        }
        const tagCount = rng.int(1, 3);
        const seenTags = new Set<string>();
        for (let a = 0; a < tagCount; a++) {
          const tagId = tagIds[tagRank(rng)]!;
          if (seenTags.has(tagId)) continue;
          seenTags.add(tagId);
          push(T.EventTag, [e.id, tagId]);
        }
        e.claimLinks.forEach((l, position) => push(T.EventClaim, [e.id, l.claim.id, l.stance, null, position]));
        if (k > 0 && rng.chance(0.12)) {
          push(T.EventRelation, [rng.id(), e.id, events[rng.int(0, k - 1)]!.id, rng.pick(RELATION_TYPES), null]);
        }
        for (const p of periods) push(T.EventStatusPeriod, [rng.id(), e.id, p.status, iso(p.validFrom), p.validTo ? iso(p.validTo) : null]);
        if (si === 0 && b0 + k === Math.floor(story.events / 2)) sampleEvent = { slug: e.slug, id: e.id };
      }
      if (buffers.get(T.Event)!.length >= FLUSH_EVENTS) await flush();
      if (b0 > 0 && b0 % 100_000 === 0) {
        onProgress(`${story.slug}: ${b0.toLocaleString("en-US")} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
    await flush();
  }
  await sink.close();
  return {
    stories: stories.map((s, i) => ({ id: storyIds[i]!, slug: s.slug, events: s.events })),
    sourceSlugs,
    firstDay: "2010-01-01",
    lastDay,
    sampleEvent,
  };
}

