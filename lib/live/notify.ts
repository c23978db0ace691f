import pg from "pg";
import { invalidatePublicPages } from "../cache/page-cache";
import { databaseUrl, isPostgresUrl } from "../env";
import { dataChanged } from "./changes";

// Several app instances on one PostgreSQL database: an editor's save on one instance reaches the
// others over LISTEN/NOTIFY. The instance that saved sends a notification after its transaction
// commits (lib/cache/revalidate.ts); every other instance, listening on its own connection,
// empties its page cache and tells its live streams (lib/live/changes.ts). SQLite is one
// process: nothing to carry.

export const CHANGE_CHANNEL = "sourceline_changes";

type Shared = { instance: string; client: pg.Client | null; starting: Promise<void> | null; stopped: boolean };
const KEY = Symbol.for("sourceline.change-notify");

function shared(): Shared {
  const g = globalThis as typeof globalThis & { [KEY]?: Shared };
  g[KEY] ??= { instance: crypto.randomUUID(), client: null, starting: null, stopped: false };
  return g[KEY];
}

/** Heard from another instance: what this one keeps from the data is out of date. */
export function onRemoteChange(payload: string | undefined): void {
  let origin: unknown = null;
  try {
    origin = (JSON.parse(payload ?? "{}") as { origin?: unknown }).origin;
  } catch {
    // a notification from elsewhere on the channel: treat it as a change
  }
  if (origin === shared().instance) return;
  invalidatePublicPages();
  dataChanged("remote");
}

/**
 * Listens for other instances' changes, on PostgreSQL (a no-op on SQLite). Reconnects after a
 * lost connection; a change missed meanwhile still reaches readers within PAGE_CACHE_SECONDS.
 */
export function startChangeListener(url = databaseUrl()): Promise<void> {
  const s = shared();
  if (!isPostgresUrl(url) || s.client || s.starting) return s.starting ?? Promise.resolve();
  s.stopped = false;
  s.starting = (async () => {
    const client = new pg.Client({ connectionString: url });
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      if (s.client === client) s.client = null;
      client.end().catch(() => {});
      if (!s.stopped) setTimeout(() => void startChangeListener(url), 2_000).unref();
    };
    client.on("error", (error) => {
      console.error("Live: the change listener lost its connection; reconnecting.", error.message);
      retry();
    });
    client.on("end", retry);
    client.on("notification", (msg) => {
      if (msg.channel === CHANGE_CHANNEL) onRemoteChange(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      s.client = client;
      // Something may have changed while this instance was not listening.
      invalidatePublicPages();
      dataChanged("remote");
    } catch (error) {
      console.error("Live: could not listen for other instances' changes; retrying.", (error as Error).message);
      retry();
    }
  })().finally(() => {
    s.starting = null;
  });
  return s.starting;
}

export async function stopChangeListener(): Promise<void> {
  const s = shared();
  s.stopped = true;
  const client = s.client;
  s.client = null;
  await client?.end().catch(() => {});
}

/** Tells the other instances (PostgreSQL) that this one changed the data. */
export async function notifyOtherInstances(query: (sql: string, payload: string) => Promise<unknown>): Promise<void> {
  await query(`SELECT pg_notify('${CHANGE_CHANNEL}', $1)`, JSON.stringify({ origin: shared().instance }));
}
