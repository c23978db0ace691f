import "server-only";
import { databaseKind, getDb } from "../db";
import { searchFormOf } from "../events/derived";

// The q filter's index: SQLite FTS5 (migrations 20241125000000_full_text_search) and, on
// PostgreSQL, a GIN index on the stored tsvector column Event.searchVector (a generated column,
// migrations 20241126000000_ordered_filter_keys: stored so that a scan reads the vector instead of
// recomputing it on every row). This is the only module with raw SQL for search, and every value
// in it is a bound parameter. Words too common for the index to narrow anything are not looked up
// in it (see searchEventIds).
//
// The index narrows; it does not decide. The query layer still requires every word of q to
// appear in the event's search text (timelineWhere's `contains`), so matching stays literal and
// case-insensitive. What the index adds is one rule: each run of letters and digits in a word must
// begin a word of the text ("kurs" finds "Kursk", "ursk" no longer does).

/**
 * Matches above this many events are not listed: a word that common is found quickly by reading
 * the timeline in order. The ids travel as bound parameters, and Prisma allows a SQLite statement
 * 999 of them.
 */
export const SEARCH_ID_LIMIT = 500;

// Letters, digits, marks and private-use characters make tokens, except the stand-ins
// searchFormOf() uses for %, _ and \ (the same rule as the FTS5 tokenizer and the PostgreSQL
// expression in the migrations).
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const STAND_INS = /[\uE000-\uE002]/g;

/** The tokens of a q value, in search form: each must begin a word of a matching event. */
export function searchTokens(q: string): string[] {
  const form = searchFormOf(q).replace(STAND_INS, " ");
  return [...new Set(form.match(TOKEN) ?? [])];
}

/**
 * The ids of the events whose text has every token of q, or null when the index cannot narrow
 * the search (q has no letters or digits, or more than SEARCH_ID_LIMIT events match).
 */
export async function searchEventIds(q: string): Promise<string[] | null> {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return null;
  const db = getDb();
  let rows: { id: string | null }[];
  if (databaseKind() === "postgresql") {
    // 'token':* is a prefix match; the tokens contain letters and digits only.
    const tsquery = tokens.map((t) => `'${t}':*`).join(" & ");
    // Words so common that the probe would list more than SEARCH_ID_LIMIT events anyway are not
    // probed: reading their vectors costs more than the index saves (at 1M events, ≈ 50 ms for
    // "ceasefire", in 13% of events). ANALYZE keeps the most common lexemes of searchVector with
    // their frequencies, and the estimate is the table's rows times the product of the tokens'
    // frequencies, a token's frequency being that of its most common lexeme among those it is a
    // prefix of (a lower bound: the prefix matches at least that lexeme's events). A token with no
    // such lexeme counts as rare, so in doubt the probe runs. One statement: a common q returns a
    // single NULL id, and the table is not read (the condition is evaluated once, first).
    rows = await db.$queryRaw<{ id: string | null }[]>`
      WITH "lexeme" AS (
        SELECT t."token", max(l."freq") AS "freq"
        FROM unnest(string_to_array(${tokens.join(" ")}, ' ')) AS t("token"),
             pg_stats p,
             unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS l("elem", "freq")
        WHERE p.schemaname = current_schema() AND p.tablename = 'Event' AND p.attname = 'searchVector'
          AND starts_with(l."elem", t."token")
        GROUP BY t."token"
      ), "common" AS (
        SELECT count(*) = ${tokens.length}
               AND (SELECT c.reltuples FROM pg_class c WHERE c.oid = '"Event"'::regclass) * exp(sum(ln("freq"))) >= ${2 * SEARCH_ID_LIMIT}
               AS "yes"
        FROM "lexeme"
      )
      SELECT NULL::text AS "id" FROM "common" WHERE "yes"
      UNION ALL
      SELECT "id" FROM "Event"
      WHERE NOT (SELECT "yes" FROM "common")
        AND "searchVector" @@ to_tsquery('simple'::regconfig, ${tsquery})
      LIMIT ${SEARCH_ID_LIMIT + 1}`;
  } else {
    const match = tokens.map((t) => `"${t}"*`).join(" AND ");
    // FTS5 answers a prefix query by merging the doclists of every term with that prefix before
    // the first row (at 1M events, ≈ 30 ms for "missile"*), but a whole-term query streams. Every
    // event with the whole terms also matches the prefixes, so when more than SEARCH_ID_LIMIT
    // events have the whole terms, the prefix query would list too many and is not run.
    const whole = tokens.map((t) => `"${t}"`).join(" AND ");
    const [common] = await db.$queryRaw<{ n: number | bigint }[]>`
      SELECT count(*) AS "n"
      FROM (SELECT "rowid" FROM "EventSearch" WHERE "EventSearch" MATCH ${whole} LIMIT ${SEARCH_ID_LIMIT + 1})`;
    if (Number(common?.n ?? 0) > SEARCH_ID_LIMIT) return null;
    rows = await db.$queryRaw<{ id: string }[]>`
      SELECT k."eventId" AS "id" FROM "EventSearch" s
      JOIN "EventSearchKey" k ON k."rowid" = s."rowid"
      WHERE "EventSearch" MATCH ${match}
      LIMIT ${SEARCH_ID_LIMIT + 1}`;
  }
  if (rows.some((r) => r.id === null)) return null;
  return rows.length > SEARCH_ID_LIMIT ? null : rows.map((r) => r.id!);
}
