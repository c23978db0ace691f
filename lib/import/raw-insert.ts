import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../db";
import { databaseKind, driverArgType, driverTransaction, forgetStatementParameters } from "../db";

// Multi-row INSERTs for the bulk import, written by hand for both databases: Prisma's createMany
// spends about ten times longer per row than the database does (measured on SQLite: 1,000
// citations in 2.3–3.5 s with createMany, 0.23–0.76 s as one parameterised statement per 250
// rows). Values are always parameters, never spliced into the SQL; each column says its type so
// that PostgreSQL gets explicit casts and SQLite the representation Prisma itself stores (ISO
// instants with "+00:00", booleans as 0/1). Inside transactionWithDriver (lib/db.ts) the
// statements go to the driver itself, in the same transaction: through Prisma, every statement
// and its thousands of parameters pass through the query compiler first, which cost a 10k-event
// import about 4 s of its 11 (the database itself, under 3 s).

export type ColumnType = "text" | "int" | "bool" | "timestamp" | { enum: string };
export type TableSpec = { name: string; columns: Record<string, ColumnType> };

export type Provider = "sqlite" | "postgresql";

/** Random bytes drawn many ids at a time: one randomBytes call per id cost ~20 µs, 0.4 s per 10k events. */
let idBytes = Buffer.alloc(0);
let idOffset = 0;

/** A new row id, as the app makes them: "c" and 24 hex digits (12 random bytes). */
export function newRowId(): string {
  if (idOffset + 12 > idBytes.length) {
    idBytes = randomBytes(12 * 1024);
    idOffset = 0;
  }
  idOffset += 12;
  return `c${idBytes.toString("hex", idOffset - 12, idOffset)}`;
}

/** The provider behind a client (a test may import into a database other than DATABASE_URL's). */
export function providerOf(client: Db | Tx): Provider {
  const p = (client as unknown as { _activeProvider?: string })._activeProvider;
  return p === "postgresql" || p === "sqlite" ? p : databaseKind();
}

/** Prisma's own SQLite form of an instant: 2024-11-17T05:00:00.000+00:00. */
export const sqliteInstant = (d: Date) => d.toISOString().replace("Z", "+00:00");

function value(type: ColumnType, v: unknown, provider: Provider): unknown {
  if (v === null || v === undefined) return null;
  if (type === "timestamp") {
    const d = v instanceof Date ? v : new Date(String(v));
    return provider === "sqlite" ? sqliteInstant(d) : d.toISOString();
  }
  if (type === "bool") return provider === "sqlite" ? (v ? 1 : 0) : Boolean(v);
  return v;
}

function cast(type: ColumnType): string {
  if (type === "text") return "::text";
  if (type === "int") return "::integer";
  if (type === "bool") return "::boolean";
  if (type === "timestamp") return "::timestamp(3)";
  return `::"${type.enum}"`;
}

/**
 * Inserts rows (objects keyed by column) in as few statements as the parameter limits allow. On
 * PostgreSQL the rows go as one JSON parameter per statement, taken apart by the database with
 * the same casts: a statement of 5,000 parameters cost PostgreSQL about as long to parse and bind
 * as to run (2 s of a 10k-event import's 10 s of inserts).
 */
export async function insertRows(tx: Tx, table: TableSpec, rows: readonly Record<string, unknown>[]): Promise<void> {
  await runStatements(tx, insertStatements(providerOf(tx), table, rows));
}

/** A statement ready to run: its SQL and parameters. */
export type Statement = { sql: string; params: unknown[] };

/** The statements insertRows runs, built without running them (to build while others run). */
export function insertStatements(provider: Provider, table: TableSpec, rows: readonly Record<string, unknown>[]): Statement[] {
  const statements: Statement[] = [];
  if (rows.length === 0) return statements;
  const columns = Object.entries(table.columns);
  const head = `INSERT INTO "${table.name}" (${columns.map(([c]) => `"${c}"`).join(", ")}) `;
  if (provider === "postgresql") {
    const sql = `${head}SELECT ${columns.map(([, type], i) => `(r->>${i})${cast(type)}`).join(", ")} FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY n`;
    for (let i = 0; i < rows.length; i += JSON_ROWS_PER_STATEMENT) {
      const slice = rows.slice(i, i + JSON_ROWS_PER_STATEMENT);
      statements.push({ sql, params: [JSON.stringify(slice.map((row) => columns.map(([name, type]) => value(type, row[name], provider))))] });
    }
    return statements;
  }
  const perStatement = Math.max(1, Math.floor(5_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    const tuples = slice.map(() => `(${columns.map(() => "?").join(", ")})`);
    for (const row of slice) for (const [name, type] of columns) params.push(value(type, row[name], provider));
    statements.push({ sql: `${head}VALUES ${tuples.join(", ")}`, params });
  }
  return statements;
}

/** Runs statements one after the other, in order. */
export async function runStatements(tx: Tx, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) await execute(tx, s.sql, s.params);
}

/** Rows per PostgreSQL statement: the JSON of a few thousand rows, a few megabytes at most. */
const JSON_ROWS_PER_STATEMENT = 2_000;

/**
 * Runs a statement of the import: straight through the driver when the transaction was opened by
 * transactionWithDriver (lib/db.ts), through Prisma otherwise. Parameters are text, numbers,
 * booleans or null (raw-insert's value() has already put instants in each database's form).
 */
async function execute(tx: Tx, sql: string, params: unknown[]): Promise<void> {
  const driver = driverTransaction(tx);
  if (!driver) {
    await tx.$executeRawUnsafe(sql, ...params);
    return;
  }
  try {
    await driver.executeRaw({ sql, args: params, argTypes: params.map(argType) });
  } catch (err) {
    throw refusal(err, sql);
  } finally {
    forgetStatementParameters();
  }
}

/**
 * The driver's error in words, as Prisma would have put it: the adapter's own error names only
 * the kind of failure ("UniqueConstraintViolation"), the database's message is in its cause.
 */
function refusal(err: unknown, sql: string): Error {
  const cause = (err as { cause?: { originalCode?: unknown; originalMessage?: unknown } } | null)?.cause;
  if (typeof cause?.originalMessage !== "string") return err instanceof Error ? err : new Error(String(err));
  const statement = /^\s*(INSERT INTO|UPDATE|SELECT .*? FROM) "(\w+)"/s.exec(sql);
  const what = statement ? ` (${statement[1]!.startsWith("INSERT") ? "writing" : statement[1] === "UPDATE" ? "updating" : "reading"} ${statement[2]})` : "";
  return new Error(`The database refused the import${what}: ${cause.originalMessage} [${String(cause.originalCode)}]`, { cause: err });
}

/**
 * The rows of `table` whose `column` is one of the values (several columns: any of them), text
 * columns only: thousands of values per statement, through the driver when it can. Prisma's
 * findMany spends some 25 ms compiling a query over 400 ids; the database, well under 1 ms.
 */
export async function selectWhereIn(
  tx: Tx,
  table: string,
  columns: readonly string[],
  match: Readonly<Record<string, readonly string[]>>,
): Promise<Record<string, string | null>[]> {
  const provider = providerOf(tx);
  const driver = driverTransaction(tx);
  const out: Record<string, string | null>[] = [];
  const wanted = Object.entries(match).map(([column, values]) => [column, [...new Set(values)]] as const);
  const longest = Math.max(0, ...wanted.map(([, values]) => values.length));
  for (let i = 0; i < longest; i += SELECT_SLICE) {
    const params: string[] = [];
    const mark = (v: string) => {
      params.push(v);
      return provider === "postgresql" ? `$${params.length}::text` : "?";
    };
    const where = wanted
      .map(([column, values]) => [column, values.slice(i, i + SELECT_SLICE)] as const)
      .filter(([, values]) => values.length > 0)
      .map(([column, values]) => `"${column}" IN (${values.map(mark).join(", ")})`)
      .join(" OR ");
    const sql = `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE ${where}`;
    const rows = driver
      ? (
          await driver.queryRaw({ sql, args: params, argTypes: params.map(argType) }).catch((err: unknown) => {
            throw refusal(err, sql);
          })
        ).rows
      : (await tx.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params)).map((r) => columns.map((c) => r[c]));
    forgetStatementParameters();
    for (const row of rows) out.push(Object.fromEntries(columns.map((c, j) => [c, row[j] === null || row[j] === undefined ? null : String(row[j])])));
  }
  return out;
}

/** Values per column per SELECT: within both databases' parameter limits, even for two columns. */
const SELECT_SLICE = 5_000;

const argType = driverArgType;

const E = (name: string) => ({ enum: name });

export const EVENT_TABLE: TableSpec = {
  name: "Event",
  columns: {
    id: "text",
    slug: "text",
    storyId: "text",
    kind: E("EventKind"),
    headline: "text",
    summary: "text",
    location: "text",
    occurredAt: "timestamp",
    occurredEndAt: "timestamp",
    precision: E("TimePrecision"),
    approximate: "bool",
    dateBound: E("DateBound"),
    timeNote: "text",
    timeZone: "text",
    dayOrder: "int",
    occurredOn: "text",
    spanEndOn: "text",
    timelineKey: "text",
    firstReportedAt: "timestamp",
    knownFrom: "timestamp",
    status: E("EventStatus"),
    searchText: "text",
    published: "bool",
    publishedAt: "timestamp",
    retractedAt: "timestamp",
    retractionNote: "text",
    version: "int",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  },
};

export const CITATION_TABLE: TableSpec = {
  name: "Citation",
  columns: {
    id: "text",
    eventId: "text",
    sourceId: "text",
    url: "text",
    archivedUrl: "text",
    title: "text",
    publishedAt: "timestamp",
    publishedPrecision: E("TimePrecision"),
    quote: "text",
    attribution: E("Attribution"),
    attributionText: "text",
    speakerActorId: "text",
    originSourceId: "text",
    originText: "text",
    repeatsCitationId: "text",
    note: "text",
    position: "int",
    version: "int",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  },
};

export const EVENT_ACTOR_TABLE: TableSpec = { name: "EventActor", columns: { eventId: "text", actorId: "text", role: E("ActorRole") } };
export const EVENT_TAG_TABLE: TableSpec = { name: "EventTag", columns: { eventId: "text", tagId: "text" } };
export const EVENT_CLAIM_TABLE: TableSpec = {
  name: "EventClaim",
  columns: { eventId: "text", claimId: "text", stance: E("Stance"), note: "text", position: "int" },
};
export const STATUS_PERIOD_TABLE: TableSpec = {
  name: "EventStatusPeriod",
  columns: { id: "text", eventId: "text", status: E("EventStatus"), validFrom: "timestamp", validTo: "timestamp" },
};
export const REVISION_TABLE: TableSpec = {
  name: "Revision",
  columns: {
    id: "text",
    entityType: "text",
    entityId: "text",
    action: "text",
    userId: "text",
    diff: "text",
    reason: "text",
    isCorrection: "bool",
    at: "timestamp",
  },
};
export const RELATION_TABLE: TableSpec = {
  name: "EventRelation",
  columns: { id: "text", fromEventId: "text", toEventId: "text", type: E("RelationType"), note: "text" },
};

export const SOURCE_TABLE: TableSpec = {
  name: "Source",
  columns: {
    id: "text",
    slug: "text",
    name: "text",
    kind: E("SourceKind"),
    country: "text",
    homepage: "text",
    description: "text",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  },
};
export const ACTOR_TABLE: TableSpec = {
  name: "Actor",
  columns: { id: "text", slug: "text", name: "text", title: "text", affiliation: "text", createdAt: "timestamp", updatedAt: "timestamp" },
};
export const TAG_TABLE: TableSpec = { name: "Tag", columns: { id: "text", slug: "text", name: "text" } };
export const CLAIM_TABLE: TableSpec = {
  name: "Claim",
  columns: { id: "text", slug: "text", storyId: "text", text: "text", scope: "text", createdAt: "timestamp", updatedAt: "timestamp" },
};

/**
 * Sets one text column of many rows, by id, in as few statements as the parameter limits allow
 * (a CASE over the ids), instead of one UPDATE per row.
 */
export async function updateTextColumn(tx: Tx, table: string, column: string, values: readonly { id: string; value: string | null }[]): Promise<void> {
  if (values.length === 0) return;
  const provider = providerOf(tx);
  for (let i = 0; i < values.length; i += 5_000) {
    const slice = values.slice(i, i + 5_000);
    const params: unknown[] = [];
    const mark = (v: unknown) => {
      params.push(v);
      return provider === "postgresql" ? `$${params.length}::text` : "?";
    };
    const cases = slice.map((v) => `WHEN ${mark(v.id)} THEN ${mark(v.value)}`).join(" ");
    const ids = slice.map((v) => mark(v.id)).join(", ");
    await execute(tx, `UPDATE "${table}" SET "${column}" = CASE "id" ${cases} END WHERE "id" IN (${ids})`, params);
  }
}
