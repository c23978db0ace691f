import "server-only";
import { databaseKind, getDb } from "../db";
import { searchFormOf } from "../events/derived";

// The q filter's index: SQLite FTS5 and a PostgreSQL tsvector GIN index (migrations
// 20241125000000_full_text_search). This is the only module with raw SQL for search, and every
// value in it is a bound parameter.
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
  let rows: { id: string }[];
  if (databaseKind() === "postgresql") {
    // 'token':* is a prefix match; the tokens contain letters and digits only.
    const tsquery = tokens.map((t) => `'${t}':*`).join(" & ");
    rows = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Event"
      WHERE to_tsvector('simple'::regconfig, regexp_replace("searchText", '[^[:alnum:]]+', ' ', 'g'))
            @@ to_tsquery('simple'::regconfig, ${tsquery})
      LIMIT ${SEARCH_ID_LIMIT + 1}`;
  } else {
    const match = tokens.map((t) => `"${t}"*`).join(" AND ");
    rows = await db.$queryRaw<{ id: string }[]>`
      SELECT k."eventId" AS "id" FROM "EventSearch" s
      JOIN "EventSearchKey" k ON k."rowid" = s."rowid"
      WHERE "EventSearch" MATCH ${match}
      LIMIT ${SEARCH_ID_LIMIT + 1}`;
  }
  return rows.length > SEARCH_ID_LIMIT ? null : rows.map((r) => r.id);
}
