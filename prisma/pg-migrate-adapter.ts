import { PrismaPg } from "@prisma/adapter-pg";

// PostgreSQL adapter factory for the Prisma CLI (prisma.config.ts, engine "js"), with three
// workarounds for @prisma/adapter-pg 6.19.3 + the WASM schema engine:
//
// 1. https://github.com/prisma/orm/issues/27403: the schema engine reads catalog columns of type
//    `name` (OID 19) and `"char"` (OID 18), which adapter-pg cannot map, so migrate commands fail with
//    "Column type 'name' could not be deserialized from the database." (deploy, status) and
//    "Column type 'char' could not be deserialized from the database." (migrate dev)
//    -> report them as `text` / `text[]`.
// 2. connectToShadowDb() connects with `{ ...config, database: shadowName }`; with `{ connectionString }`
//    node-postgres lets the connection string's database win, so `migrate dev` replayed migrations into
//    the MAIN database ("ERROR: type "EventStatus" already exists") -> pass discrete fields.
// 3. connectToShadowDb()'s dispose runs DROP DATABASE before closing the shadow pool
//    ("database ... is being accessed by other users") -> close first, then drop.
// 4. executeScript() splits a migration on every ";", which breaks PL/pgSQL function bodies
//    (our status-rule triggers) and comments -> send the script whole. PostgreSQL's simple query
//    protocol runs a multi-statement script as one implicit transaction, so a migration applies
//    entirely or not at all.

// PostgreSQL catalog-only types the schema engine reads, reported to it as text / text[].
const OID_CHAR = 18; // "char" (e.g. pg_class.relkind)
const OID_NAME = 19;
const OID_CHAR_ARRAY = 1002;
const OID_NAME_ARRAY = 1003;
const OID_TEXT = 25;
const OID_TEXT_ARRAY = 1009;
const AS_TEXT = new Set([OID_CHAR, OID_NAME]);
const AS_TEXT_ARRAY = new Set([OID_CHAR_ARRAY, OID_NAME_ARRAY]);

type Field = { dataTypeID: number };
type PerformIO = (this: unknown, query: unknown) => Promise<{ fields?: Field[] } | undefined>;

function patchQueryablePrototype(adapter: object) {
  // adapter is a PrismaPgAdapter; its parent class PgQueryable (also the parent of PgTransaction) owns performIO.
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as {
    performIO: PerformIO;
    __nameOidPatched?: boolean;
  };
  if (proto.__nameOidPatched || typeof proto.performIO !== "function") return;
  const original = proto.performIO;
  proto.performIO = async function (query) {
    const result = await original.call(this, query);
    for (const field of result?.fields ?? []) {
      if (AS_TEXT.has(field.dataTypeID)) field.dataTypeID = OID_TEXT;
      else if (AS_TEXT_ARRAY.has(field.dataTypeID)) field.dataTypeID = OID_TEXT_ARRAY;
    }
    return result;
  };
  proto.__nameOidPatched = true;
}

type ScriptRunner = {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
};

function sendScriptsWhole(adapter: object) {
  const runner = adapter as ScriptRunner;
  runner.executeScript = async (script: string) => {
    try {
      await runner.client.query(script);
    } catch (error) {
      runner.onError(error);
    }
  };
}

function poolConfigFromUrl(connectionString: string) {
  const u = new URL(connectionString);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    // the CLI never ends the pool; without this, `migrate status` waits ~10 s (pool idle timeout) before exiting
    allowExitOnIdle: true,
  };
}

export function pgAdapterForMigrate(connectionString: string): PrismaPg {
  const config = poolConfigFromUrl(connectionString);
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);

  factory.connect = async () => {
    const adapter = await connect();
    patchQueryablePrototype(adapter);
    sendScriptsWhole(adapter);
    return adapter;
  };

  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...config, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow(); // closes the shadow pool first
      await main.executeScript(`DROP DATABASE "${database}"`);
      await main.dispose();
    };
    return shadow;
  };

  return factory;
}
