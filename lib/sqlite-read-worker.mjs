// One reader thread of lib/sqlite-reads.ts: its own connection to the SQLite database through the
// same driver adapter as the app's client, so that its answers are the adapter's own, with the same
// kept statements (sqlite-statements.mjs). It only reads (query_only), and answers each
// { id, query } with { id, result } or { id, failed }: the app's own connection then runs the
// query again, and raises the adapter's proper error if there is one.
import { parentPort, workerData } from "node:worker_threads";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { keepPreparedStatements } from "./sqlite-statements.mjs";

const adapter = await new PrismaBetterSQLite3({ url: workerData.url, timeout: workerData.timeout }).connect();
adapter.client.pragma(`cache_size = -${workerData.cacheKib}`);
adapter.client.pragma("query_only = ON");
// Without a write-ahead log a reader's shared lock would hold the main connection's commits (the
// whole process) for up to the busy timeout: such a database is read on the main thread only.
const mode = adapter.client.pragma("journal_mode", { simple: true });
if (mode !== "wal") throw new Error(`the database is in journal mode ${mode}, not wal`);
keepPreparedStatements(adapter.client);

parentPort.on("message", async ({ id, query }) => {
  try {
    parentPort.postMessage({ id, result: await adapter.queryRaw(query) });
  } catch {
    parentPort.postMessage({ id, failed: true });
  }
});
parentPort.postMessage({ ready: true });
