import { describe, expect, it } from "vitest";
import type { RawSearchParams } from "../url";
import { decodeCursor, encodeCursor, type TimelinePosition } from "./cursor";
import { EMPTY_QUERY, hasFilters, hrefWithout, MAX_QUERY_LENGTH, parseTimelineQuery, toSearchParams } from "./filters";

// The timeline's query string is a public API (README, "URLs are an API"): every parameter is
// parsed the same way for pages, feeds and the API, and a bad value is dropped with a note, never
// an error.

const POSITION: TimelinePosition = { key: "2024-11-17|0001|2024-11-16T22:00:00.000Z", id: "cm3abc123xyz" };
const CURSOR = encodeCursor(POSITION);
const OLDER: TimelinePosition = { key: "2024-11-01|0000|2024-11-01T04:00:00.000Z", id: "cm3older000" };

function parse(params: RawSearchParams) {
  return parseTimelineQuery(params);
}

/** The query string a browser would send, as Next.js hands it to a page. */
function fromQueryString(qs: string): RawSearchParams {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(qs)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

describe("parseTimelineQuery: an empty query", () => {
  it("has no filters, no page and no notes", () => {
    expect(parse({})).toEqual(EMPTY_QUERY);
    expect(hasFilters(parse({}))).toBe(false);
  });

  it("treats empty values (a submitted but blank form field) as absent, without a note", () => {
    const q = parse({ source: "", status: " ", kind: "", actor: "", tag: "", from: "", to: " ", q: "   ", asof: "", before: "" });
    expect(q).toEqual(EMPTY_QUERY);
  });
});

describe("parseTimelineQuery: repeatable slug filters (source, actor, tag)", () => {
  it("keeps one value", () => {
    const q = parse({ source: "new-york-times" });
    expect(q.sources).toEqual(["new-york-times"]);
    expect(q.notes).toEqual([]);
    expect(hasFilters(q)).toBe(true);
  });

  it("keeps several values in order, once each", () => {
    const q = parse(fromQueryString("source=axios&source=new-york-times&source=axios"));
    expect(q.sources).toEqual(["axios", "new-york-times"]);
    expect(q.notes).toEqual([]);
  });

  it("reads slugs case-insensitively and trims them", () => {
    const q = parse({ source: ["Axios", " NEW-YORK-TIMES "], actor: "Joe-Biden", tag: "ATACMS" });
    expect(q.sources).toEqual(["axios", "new-york-times"]);
    expect(q.actors).toEqual(["joe-biden"]);
    expect(q.tags).toEqual(["atacms"]);
    expect(q.notes).toEqual([]);
  });

  it("dedups values that differ only in case", () => {
    expect(parse({ tag: ["atacms", "ATACMS", "Atacms"] }).tags).toEqual(["atacms"]);
  });

  it("drops a malformed slug with a note naming the parameter and the value, keeping the valid ones", () => {
    const q = parse({ source: ["Bad Slug!", "axios"] });
    expect(q.sources).toEqual(["axios"]);
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("source");
    expect(q.notes[0]).toContain("Bad Slug!");
  });

  it.each([
    ["actor", "joe biden"],
    ["tag", "kursk_oblast"],
    ["source", "-axios"],
    ["actor", "a--b"],
    ["tag", "<script>"],
  ])("drops %s=%s with a note", (name, value) => {
    const q = parse({ [name]: value });
    expect(q.actors).toEqual([]);
    expect(q.tags).toEqual([]);
    expect(q.sources).toEqual([]);
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain(name);
    expect(q.notes[0]).toContain(value);
  });

  it("shortens a very long bad value in its note", () => {
    const long = `${"x".repeat(60)} y`;
    const q = parse({ source: long });
    expect(q.sources).toEqual([]);
    expect(q.notes[0]).toContain("x".repeat(40));
    expect(q.notes[0]).not.toContain("x".repeat(41));
  });

  it("keeps at most 20 values, with one note for the rest", () => {
    const values = Array.from({ length: 23 }, (_, i) => `source-${i}`);
    const q = parse({ source: values });
    expect(q.sources).toEqual(values.slice(0, 20));
    expect(q.notes).toEqual(["Ignored source 3 more values: at most 20 values are allowed."]);
  });

  it("gives one note per parameter, however many of its values are dropped", () => {
    const q = parse({
      source: [...Array.from({ length: 100 }, (_, i) => `outlet-${i}`), "Bad Slug!", "also bad!"],
      status: ["bogus", "worse", "worst", "nope", "on-record"],
    });
    expect(q.sources).toHaveLength(20);
    expect(q.statuses).toEqual(["ON_RECORD"]);
    expect(q.notes).toHaveLength(2);
    expect(q.notes[0]).toBe("Ignored source “Bad Slug!”, “also bad!”: not valid source names; and 80 more values: at most 20 values are allowed.");
    expect(q.notes[1]).toMatch(/^Ignored status “bogus”, “worse”, “worst” and 1 more: use one of /);
  });
});

describe("parseTimelineQuery: status and kind", () => {
  it("maps URL slugs to the stored values, case-insensitively, and dedups", () => {
    const q = parse({ status: ["on-record", "REPORTED", "Confirmed", "reported"], kind: ["media-report", "Military-Action"] });
    expect(q.statuses).toEqual(["ON_RECORD", "REPORTED", "CONFIRMED"]);
    expect(q.kinds).toEqual(["MEDIA_REPORT", "MILITARY_ACTION"]);
    expect(q.notes).toEqual([]);
  });

  it("accepts every documented status and kind", () => {
    const statuses = ["on-record", "confirmed", "reported", "denied", "declined", "disputed", "retracted"];
    const kinds = ["media-report", "statement", "briefing", "decision", "military-action", "reaction", "other"];
    const q = parse({ status: statuses, kind: kinds });
    expect(q.statuses).toHaveLength(7);
    expect(q.kinds).toHaveLength(7);
    expect(q.notes).toEqual([]);
  });

  it("drops status=bogus with a note that lists the valid values", () => {
    const q = parse({ status: ["bogus", "denied"] });
    expect(q.statuses).toEqual(["DENIED"]);
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("status");
    expect(q.notes[0]).toContain("bogus");
    expect(q.notes[0]).toContain("on-record");
  });

  it("drops kind=nope with a note", () => {
    const q = parse({ kind: "nope" });
    expect(q.kinds).toEqual([]);
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("kind");
    expect(q.notes[0]).toContain("nope");
    expect(q.notes[0]).toContain("media-report");
  });
});

describe("parseTimelineQuery: from, to and asof", () => {
  it("keeps calendar days", () => {
    const q = parse({ from: "2024-11-17", to: " 2024-11-18 ", asof: "2024-11-19" });
    expect(q).toMatchObject({ from: "2024-11-17", to: "2024-11-18", asof: "2024-11-19", notes: [] });
  });

  it("keeps a one-day range (from equals to)", () => {
    expect(parse({ from: "2024-11-17", to: "2024-11-17" })).toMatchObject({ from: "2024-11-17", to: "2024-11-17", notes: [] });
  });

  it.each([
    ["from", "2024-13-01"],
    ["from", "2024-02-30"],
    ["to", "2023-02-29"],
    ["to", "17/11/2024"],
    ["asof", "yesterday"],
    ["asof", "2024-11-1"],
  ])("drops %s=%s with a note", (name, value) => {
    const q = parse({ [name]: value });
    expect(q.from).toBeNull();
    expect(q.to).toBeNull();
    expect(q.asof).toBeNull();
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain(name);
    expect(q.notes[0]).toContain(value);
  });

  it("accepts 29 February in a leap year", () => {
    expect(parse({ from: "2024-02-29" }).from).toBe("2024-02-29");
  });

  it("drops both dates, with a note, when from is after to", () => {
    const q = parse({ from: "2024-11-19", to: "2024-11-17", source: "axios" });
    expect(q.from).toBeNull();
    expect(q.to).toBeNull();
    expect(q.sources).toEqual(["axios"]);
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("2024-11-19");
    expect(q.notes[0]).toContain("2024-11-17");
  });

  it("uses the first of several dates and says so", () => {
    const q = parse({ from: ["2024-11-17", "2024-11-18"] });
    expect(q.from).toBe("2024-11-17");
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("from");
  });
});

describe("parseTimelineQuery: q", () => {
  it("trims the text and collapses whitespace", () => {
    expect(parse({ q: "  North\tKorean \n  troops " }).q).toBe("North Korean troops");
  });

  it("uses the first non-blank value", () => {
    expect(parse({ q: ["  ", "atacms"] }).q).toBe("atacms");
  });

  it("keeps exactly 200 characters without a note", () => {
    const q = parse({ q: "a".repeat(MAX_QUERY_LENGTH) });
    expect(q.q).toHaveLength(MAX_QUERY_LENGTH);
    expect(q.notes).toEqual([]);
  });

  it("shortens text longer than 200 characters to its first 200, with a note", () => {
    const text = `${"word ".repeat(50)}tail`;
    const q = parse({ q: text });
    expect(q.q).toBe(text.slice(0, MAX_QUERY_LENGTH));
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("200");
  });

  it("counts as a filter", () => {
    expect(hasFilters(parse({ q: "x" }))).toBe(true);
  });
});

describe("parseTimelineQuery: page cursors", () => {
  it("decodes before and after", () => {
    expect(parse({ before: CURSOR }).before).toEqual(POSITION);
    expect(parse({ after: CURSOR }).after).toEqual(POSITION);
    expect(parse({ before: CURSOR }).notes).toEqual([]);
  });

  it("is not a filter", () => {
    expect(hasFilters(parse({ before: CURSOR }))).toBe(false);
    expect(hasFilters(parse({ asof: "2024-11-17" }))).toBe(false);
  });

  it("drops before=garbage with a note and shows the first page", () => {
    const q = parse({ before: "garbage" });
    expect(q.before).toBeNull();
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("before");
  });

  it("drops after=<not base64> with a note", () => {
    const q = parse({ after: "%%%" });
    expect(q.after).toBeNull();
    expect(q.notes[0]).toContain("after");
  });

  it("keeps before and drops after, with a note, when both are given", () => {
    const q = parse({ before: CURSOR, after: encodeCursor(OLDER) });
    expect(q.before).toEqual(POSITION);
    expect(q.after).toBeNull();
    expect(q.notes).toHaveLength(1);
    expect(q.notes[0]).toContain("after");
    expect(q.notes[0]).toContain("before");
  });
});

describe("dates and text the databases cannot hold", () => {
  it.each(["9999-12-31", "9999-01-01", "0001-01-01", "0099-12-31"])("drops asof=%s with a note naming the range", (day) => {
    for (const name of ["asof", "from", "to"]) {
      const q = parse({ [name]: day });
      expect(q[name as "asof" | "from" | "to"]).toBeNull();
      expect(q.notes).toEqual([`Ignored ${name} “${day}”: dates run from 0100-01-01 to 9998-12-31.`]);
    }
  });

  it("keeps the first and last days of the range", () => {
    expect(parse({ from: "0100-01-01", to: "9998-12-31" })).toMatchObject({ from: "0100-01-01", to: "9998-12-31", notes: [] });
  });

  it("takes control characters (NUL among them) out of the search text, with a note", () => {
    expect(parse({ q: "kursk\u0000 strike" })).toMatchObject({ q: "kursk strike", notes: ["Removed control characters from the search text."] });
    expect(parse({ q: "\u0000" })).toMatchObject({ q: null });
    expect(parse({ q: "tab\tand\nnewline" })).toMatchObject({ q: "tab and newline", notes: [] });
  });
});

describe("parseTimelineQuery never throws", () => {
  it.each<[string, RawSearchParams]>([
    ["every parameter malformed at once", {
      source: "Bad Slug!",
      status: "bogus",
      kind: "nope",
      actor: "???",
      tag: "",
      from: "2024-13-01",
      to: "2024-02-30",
      q: "\u0000",
      asof: "x",
      before: "garbage",
      after: "@@",
    }],
    ["unknown parameters", { page: "2", utm_source: "x" }],
    ["a lone surrogate and control characters", { source: "\ud800", q: "\u0007\ud800", before: "\ud800" }],
    ["a huge value", { q: "x".repeat(100_000), source: "y".repeat(100_000), before: "z".repeat(100_000) }],
  ])("%s", (_name, params) => {
    expect(() => parse(params)).not.toThrow();
  });

  it("names every ignored value in its own note", () => {
    const q = parse({ source: "Bad Slug!", status: "bogus", kind: "nope", from: "2024-13-01", before: "garbage" });
    expect(q.notes).toHaveLength(5);
    expect(q.notes.join("\n")).toMatch(/Bad Slug!/);
    expect(q.notes.join("\n")).toMatch(/bogus/);
    expect(q.notes.join("\n")).toMatch(/nope/);
    expect(q.notes.join("\n")).toMatch(/2024-13-01/);
    expect(q.notes.join("\n")).toMatch(/before/);
  });
});

describe("toSearchParams", () => {
  const full = "source=axios&source=new-york-times&status=reported&status=on-record&kind=media-report&actor=joe-biden&tag=atacms&tag=kursk-oblast&from=2024-11-17&to=2024-11-18&q=north+korean&asof=2024-11-18";

  it("round-trips every filter through the URL", () => {
    const q = parse(fromQueryString(full));
    expect(q.notes).toEqual([]);
    const again = parse(fromQueryString(toSearchParams(q).toString()));
    expect(again).toEqual(q);
    expect(toSearchParams(q).toString()).toBe(full);
  });

  it("writes statuses and kinds in their URL form", () => {
    const p = toSearchParams({ ...EMPTY_QUERY, statuses: ["ON_RECORD"], kinds: ["MILITARY_ACTION"] });
    expect(p.getAll("status")).toEqual(["on-record"]);
    expect(p.getAll("kind")).toEqual(["military-action"]);
  });

  it("adds the page cursor only when given, and leaves out the parsed cursor", () => {
    const q = parse({ source: "axios", before: CURSOR });
    expect(toSearchParams(q).has("before")).toBe(false);
    const paged = toSearchParams(q, { before: CURSOR });
    expect(paged.get("before")).toBe(CURSOR);
    expect(parse(fromQueryString(paged.toString())).before).toEqual(POSITION);
    expect(toSearchParams(q, { after: CURSOR }).get("after")).toBe(CURSOR);
  });

  it("keeps text with reserved characters intact", () => {
    const q = parse({ q: "50% & a_b #1 +x" });
    expect(parse(fromQueryString(toSearchParams(q).toString())).q).toBe("50% & a_b #1 +x");
  });

  it("writes nothing for an empty query", () => {
    expect(toSearchParams(EMPTY_QUERY).toString()).toBe("");
  });
});

describe("hrefWithout", () => {
  const q = parse(
    fromQueryString(
      "source=axios&source=new-york-times&status=reported&status=denied&kind=media-report&actor=joe-biden&tag=atacms&from=2024-11-17&to=2024-11-18&q=missiles&asof=2024-11-18",
    ),
  );
  const params = (href: string) => new URL(href, "http://x").searchParams;

  it("removes exactly one source and keeps everything else, including asof", () => {
    const href = hrefWithout("/stories/s", q, { source: "axios" });
    expect(href.startsWith("/stories/s?")).toBe(true);
    const p = params(href);
    expect(p.getAll("source")).toEqual(["new-york-times"]);
    expect(p.getAll("status")).toEqual(["reported", "denied"]);
    expect(p.get("kind")).toBe("media-report");
    expect(p.get("actor")).toBe("joe-biden");
    expect(p.get("tag")).toBe("atacms");
    expect(p.get("from")).toBe("2024-11-17");
    expect(p.get("to")).toBe("2024-11-18");
    expect(p.get("q")).toBe("missiles");
    expect(p.get("asof")).toBe("2024-11-18");
  });

  it.each<[string, Parameters<typeof hrefWithout>[2], string, string[]]>([
    ["a status", { status: "DENIED" }, "status", ["reported"]],
    ["the kind", { kind: "MEDIA_REPORT" }, "kind", []],
    ["the actor", { actor: "joe-biden" }, "actor", []],
    ["the tag", { tag: "atacms" }, "tag", []],
    ["from", { from: true }, "from", []],
    ["to", { to: true }, "to", []],
    ["the search text", { q: true }, "q", []],
  ])("removes %s only", (_what, without, name, left) => {
    const p = params(hrefWithout("/", q, without));
    expect(p.getAll(name)).toEqual(left);
    // Every other parameter is unchanged.
    const before = toSearchParams(q);
    for (const other of ["source", "status", "kind", "actor", "tag", "from", "to", "q", "asof"].filter((n) => n !== name)) {
      expect(p.getAll(other)).toEqual(before.getAll(other));
    }
  });

  it("drops the page position: removing a filter goes back to the first page", () => {
    const paged = parse({ source: ["axios", "new-york-times"], before: CURSOR });
    const p = params(hrefWithout("/", paged, { source: "axios" }));
    expect(p.has("before")).toBe(false);
    expect(p.has("after")).toBe(false);
  });

  it("leaves a bare path when the last filter goes", () => {
    expect(hrefWithout("/", parse({ tag: "atacms" }), { tag: "atacms" })).toBe("/");
  });

  it("keeps asof when the last filter goes", () => {
    expect(hrefWithout("/", parse({ tag: "atacms", asof: "2024-11-18" }), { tag: "atacms" })).toBe("/?asof=2024-11-18");
  });

  it("changes nothing when the value is not set", () => {
    expect(hrefWithout("/", q, { source: "reuters" })).toBe(`/?${toSearchParams(q).toString()}`);
  });
});

describe("page cursors", () => {
  it("round-trip a timeline position", () => {
    expect(decodeCursor(encodeCursor(POSITION))).toEqual(POSITION);
    expect(decodeCursor(encodeCursor(OLDER))).toEqual(OLDER);
  });

  it("are URL-safe", () => {
    expect(CURSOR).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(CURSOR)).toBe(CURSOR);
  });

  it("reject a cursor whose key was tampered with", () => {
    const tampered = Buffer.from(`2024-11-17|1|not-a-date~${POSITION.id}`, "utf8").toString("base64url");
    expect(decodeCursor(tampered)).toBeNull();
    const sqlish = Buffer.from(`${POSITION.key}' OR 1=1 --~${POSITION.id}`, "utf8").toString("base64url");
    expect(decodeCursor(sqlish)).toBeNull();
  });

  it("reject a cursor whose id was tampered with", () => {
    expect(decodeCursor(Buffer.from(`${POSITION.key}~`, "utf8").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(`${POSITION.key}~a b`, "utf8").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(`${POSITION.key}~${"a".repeat(65)}`, "utf8").toString("base64url"))).toBeNull();
  });

  it("reject a cursor with no separator, a truncated one, or a non-base64url alphabet", () => {
    expect(decodeCursor(Buffer.from(POSITION.key, "utf8").toString("base64url"))).toBeNull();
    expect(decodeCursor(CURSOR.slice(4))).toBeNull();
    expect(decodeCursor(`${CURSOR}=`)).toBeNull();
    expect(decodeCursor(`${CURSOR.slice(0, 10)}+/${CURSOR.slice(10)}`)).toBeNull();
    expect(decodeCursor("")).toBeNull();
    expect(decodeCursor("a".repeat(201))).toBeNull();
  });
});
