// The SQLite driver adapter (@prisma/adapter-better-sqlite3) prepares every statement anew:
// `client.prepare(sql).bind(args)`, then `run()` or `columns()` and `raw().all()`. Compiling a
// statement cost about a tenth of a timeline page's time (a page runs about ten, the same ten
// every time). This keeps the compiled statements of a connection, by their SQL, and hands the
// adapter a fresh binding of a kept one each time, so that nothing of one call leaks into the next.
// Plain JavaScript (types in sqlite-statements.d.mts): the SQLite reader threads load it as it is
// (lib/sqlite-read-worker.mjs).

/** Statements kept per connection, the least recently used dropped first. */
const MAX_KEPT = 500;
/** Longer SQL (bulk inserts of many rows, one-off) is prepared each time and not kept. */
const MAX_KEPT_SQL = 4_096;

/** What the adapter calls on a bound statement. */
function bound(stmt, args) {
  return {
    reader: stmt.reader,
    columns: () => stmt.columns(),
    run: () => stmt.run(...args),
    raw: (on = true) => ({ all: () => stmt.raw(on).all(...args) }),
    all: () => stmt.raw(false).all(...args),
    get: () => stmt.raw(false).get(...args),
  };
}

/** What the adapter calls on a prepared statement: bind once, or run with its own parameters. */
function kept(stmt) {
  return {
    reader: stmt.reader,
    bind: (...args) => bound(stmt, args.length === 1 && Array.isArray(args[0]) ? args[0] : args),
    columns: () => stmt.columns(),
    run: (...args) => stmt.run(...args),
    all: (...args) => stmt.raw(false).all(...args),
    get: (...args) => stmt.raw(false).get(...args),
  };
}

/**
 * Makes `client.prepare` keep its compiled statements (returns how many it keeps now, for tests).
 * Idempotent per connection.
 */
export function keepPreparedStatements(client) {
  if (client.sourcelineKept) {
    const map = client.sourcelineKept;
    return { size: () => map.size };
  }
  const cache = new Map();
  client.sourcelineKept = cache;
  const prepare = client.prepare.bind(client);
  client.prepare = (sql) => {
    if (sql.length > MAX_KEPT_SQL) return prepare(sql);
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= MAX_KEPT) cache.delete(cache.keys().next().value);
    }
    cache.set(sql, stmt);
    return kept(stmt);
  };
  return { size: () => cache.size };
}
