// Checks DATABASE_URL before `prisma migrate deploy` touches it, so that a wrong value ends
// `npm start` with one line naming the kind of URL, the file or server, and the cause, instead of
// Prisma's "Error: External error id#0" and schema-engine stack frames.
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const SQLITE_HEADER = "SQLite format 3\0";
/** Files up to this size get a full quick_check; larger ones only have their schema read. */
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

function describeScheme(url) {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return m ? `a ${m[1].toLowerCase()}: URL` : "not a URL";
}

/** The SQLite file a `file:` URL names, resolved as the app and Prisma resolve it (from `cwd`). */
export function sqliteFileOf(url, cwd = process.cwd()) {
  return path.resolve(cwd, url.slice("file:".length).replace(/\?.*$/, ""));
}

function readHeader(file) {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    return { size, header: header.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

function checkSqliteFile(file) {
  const dir = path.dirname(file);
  if (!existsSync(dir)) return `the directory ${dir} does not exist`;
  if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
  if (!existsSync(file)) return null; // migrations create it
  if (statSync(file).isDirectory()) return "it is a directory, not a file";
  let size;
  let header;
  try {
    ({ size, header } = readHeader(file));
  } catch (error) {
    return `it cannot be read (${error.code ?? error.message})`;
  }
  if (size === 0) return null; // an empty file is an empty database
  if (header.length < 100 || header.subarray(0, 16).toString("latin1") !== SQLITE_HEADER) {
    const start = header.subarray(0, 16).toString("latin1").replace(/[^\x20-\x7e]/g, "?");
    return `it is not an SQLite database (it starts with "${start}")`;
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `it is not a valid SQLite database (page size ${rawPageSize})`;
  // The page count in the header is valid when the change counter matches "version-valid-for".
  const pages = header.readUInt32BE(28);
  const headerValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  const wal = existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0;
  if (size % pageSize !== 0 || (headerValid && !wal && pages * pageSize > size)) {
    const expected = headerValid ? `${pages} pages of ${pageSize} bytes` : `whole pages of ${pageSize} bytes`;
    return `it is truncated (its header promises ${expected}; the file has ${size} bytes)`;
  }
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    if (size <= QUICK_CHECK_MAX_BYTES) {
      const result = db.pragma("quick_check", { simple: true });
      if (result !== "ok") return `it is corrupt (quick_check: ${String(result).split("\n")[0]})`;
    }
  } catch (error) {
    return `it cannot be opened as an SQLite database (${error.code ?? "error"}: ${error.message})`;
  } finally {
    db?.close();
  }
  return null;
}

async function checkPostgres(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return `cannot connect (${error.code ? `${error.code}: ` : ""}${error.message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

function postgresTarget(url) {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "an unreadable address";
  }
}

/**
 * Null when DATABASE_URL names a database `npm start` can migrate, else one line saying what is
 * wrong (without the password).
 */
export async function checkDatabaseUrl(url, cwd = process.cwd()) {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const cause = await checkPostgres(url);
    return cause ? `DATABASE_URL (PostgreSQL database ${postgresTarget(url)}): ${cause}` : null;
  }
  if (/^file:/i.test(url)) {
    const file = sqliteFileOf(url, cwd);
    const cause = checkSqliteFile(file);
    return cause ? `DATABASE_URL (SQLite file ${file}): ${cause}` : null;
  }
  return `DATABASE_URL is ${describeScheme(url)}; Sourceline runs on SQLite (file:path/to/file.db) or PostgreSQL (postgres:// or postgresql://)`;
}
