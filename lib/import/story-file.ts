import { createReadStream, statSync } from "node:fs";
import { JSONParser, TokenType } from "@streamparser/json";
import type { z } from "zod";
import { partSchemasFor, type EventRecord, type RelationRecord, type StoryExport, type StoryHead } from "../export/format";
import { ImportError, type ImportIssue, type Locator } from "./import-story";

// A story file as the importer reads it (lib/import/import-story.ts): its head (story, sources,
// actors, tags, claims) whole, then its events a chunk at a time, as often as the importer reads
// them (once to check, once to write), then its relations. A file already in memory (a CSV turned
// into the export's shape, a test's data) is one; a JSON file on disk is another, read from disk
// on each pass with a streaming parser, so an import's memory does not grow with the file: only
// the head, one chunk of events and the relations (about 150 bytes each) are held at once.

export type EventAt = { index: number; record: EventRecord };

export type StoryFile = {
  head: StoryHead;
  /** The events in file order, `size` at a time. Records that break the format are left out and reported in `issues`. */
  events(size: number): AsyncIterable<EventAt[]>;
  /** The relations; read by the first full pass of events(). */
  relations(): RelationRecord[];
  /** Problems the last full pass of events() found in the file itself. */
  issues(): ImportIssue[];
  locator?: Locator;
};

/** Problems reported at most: a file broken throughout is not listed a million times. */
export const MAX_ISSUES = 1_000;

/** A file already in memory (validated), its events in slices. */
export function storyFileOf(data: StoryExport, locator?: Locator): StoryFile {
  const { events, relations, ...head } = data;
  return {
    head,
    async *events(size) {
      for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size).map((record, j) => ({ index: i + j, record }));
    },
    relations: () => relations,
    issues: () => [],
    locator,
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

/** Each zod issue of one record as an import issue naming that record. */
export function recordIssues(error: z.ZodError, row: string, raw: unknown): ImportIssue[] {
  const slug = (raw as { slug?: unknown } | null)?.slug;
  const name = typeof slug === "string" ? `${row} (${slug})` : row;
  return error.issues.map((issue) => ({ row: name, field: formatPath(issue.path) || "(record)", message: issue.message }));
}

const HEAD_KEYS = ["formatVersion", "story", "sources", "actors", "tags", "claims"] as const;
const READ_BYTES = 256 * 1024;

type Emitted = { value: unknown; key?: string | number; stack: { key?: string | number }[] };

const notJson = (err: unknown) => new ImportError([{ row: "file", field: "(json)", message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }]);

/** What a top-level key of the file holds, as its first token says. */
type Shape = "list" | "object" | "value";

/**
 * Feeds a JSON file to a new parser a block at a time, calling `onValue` for each value at `paths`
 * (no other value is kept) and `onKey` for each top-level key with the shape of its value, and
 * yields after each block: a consumer that stops pulling stops the reading. A syntax error (or a
 * truncated file, or bytes after its end) is an ImportError.
 */
async function* feedJson(path: string, paths: string[], onValue: (e: Emitted) => void, onKey: (key: string, shape: Shape) => void = () => {}): AsyncGenerator<void> {
  const parser = new JSONParser({ paths, keepStack: false });
  let failure: unknown = null;
  parser.onValue = (e) => onValue(e as unknown as Emitted);
  parser.onError = (err) => {
    failure ??= notJson(err);
  };
  // The top-level keys: a string at depth 1 followed by a colon; the next token starts its value.
  let depth = 0;
  let lastString: string | null = null;
  let key: string | null = null;
  parser.onToken = ({ token, value }) => {
    if (key !== null && depth === 1) {
      onKey(key, token === TokenType.LEFT_BRACKET ? "list" : token === TokenType.LEFT_BRACE ? "object" : "value");
      key = null;
    }
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) depth += 1;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) depth -= 1;
    else if (token === TokenType.STRING && depth === 1) lastString = String(value);
    else if (token === TokenType.COLON && depth === 1) key = lastString;
  };
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: READ_BYTES });
    let first = true;
    for await (const block of stream as AsyncIterable<Buffer>) {
      // A byte-order mark is not JSON; the parser would refuse it.
      const bytes = first && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf ? block.subarray(3) : block;
      first = false;
      // Past the end of the document only white space may follow: the parser refuses the rest.
      parser.write(bytes);
      if (failure) throw failure;
      yield;
    }
    if (!parser.isEnded) parser.end();
    if (failure) throw failure;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    if ((err as { code?: unknown } | null)?.code === "ENOENT") throw new ImportError([{ row: "file", field: "(name)", message: `there is no file ${path}` }]);
    throw notJson(err);
  } finally {
    stream?.destroy();
  }
}

/** What identifies a file's bytes between two passes: its size and when it was last written. */
function fingerprint(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "gone";
  }
}

/**
 * A JSON story file on disk, read in passes. Opening it reads its head, stopping at the first
 * event when the head comes first (as in every export), else reading on to the end of the file.
 */
export async function openJsonStoryFile(path: string): Promise<StoryFile> {
  const opened = fingerprint(path);
  const raw: Record<string, unknown> = {};
  let inEvents = false;
  for await (const _ of feedJson(path, [...HEAD_KEYS.map((k) => `$.${k}`), "$.events.*"], (e) => {
    if (e.stack.length === 1 && typeof e.key === "string") raw[e.key] = e.value;
    else inEvents = true;
  })) {
    void _;
    if (inEvents && HEAD_KEYS.every((k) => k in raw)) break;
  }
  const schemas = partSchemasFor(raw.formatVersion);
  const head = schemas.head.safeParse(raw);
  if (!head.success) {
    throw new ImportError(head.error.issues.map((i) => ({ row: "file", field: formatPath(i.path) || "(root)", message: i.message })));
  }

  let relations: RelationRecord[] = [];
  let issues: ImportIssue[] = [];
  return {
    head: head.data,
    async *events(size) {
      const found: ImportIssue[] = [];
      let omitted = 0;
      const issue = (list: ImportIssue[]) => {
        for (const i of list) {
          if (found.length < MAX_ISSUES) found.push(i);
          else omitted += 1;
        }
      };
      const read: RelationRecord[] = [];
      const ready: EventAt[][] = [];
      let chunk: EventAt[] = [];
      let index = 0;
      const onValue = (e: Emitted) => {
        const list = e.stack[1]?.key;
        // Members of an object where a list belongs: reported once, by its shape, below.
        if (typeof e.key !== "number") return;
        if (list === "events") {
          const i = index++;
          const parsed = schemas.event.safeParse(e.value);
          if (!parsed.success) issue(recordIssues(parsed.error, `events[${i}]`, e.value));
          else {
            chunk.push({ index: i, record: parsed.data });
            if (chunk.length >= size) {
              ready.push(chunk);
              chunk = [];
            }
          }
        } else if (list === "relations") {
          const parsed = schemas.relation.safeParse(e.value);
          if (!parsed.success) issue(recordIssues(parsed.error, `relations[${e.key}]`, e.value));
          else read.push(parsed.data);
        }
      };
      // The lists the whole-file schema requires: there, and lists.
      const shapes = new Map<string, Shape>();
      for await (const _ of feedJson(path, ["$.events.*", "$.relations.*"], onValue, (key, shape) => shapes.set(key, shape))) {
        void _;
        while (ready.length) yield ready.shift()!;
      }
      while (ready.length) yield ready.shift()!;
      if (chunk.length) yield chunk;
      for (const list of ["events", "relations"]) {
        const shape = shapes.get(list);
        if (shape === undefined) issue([{ row: "file", field: list, message: "is required" }]);
        else if (shape !== "list") issue([{ row: "file", field: list, message: "must be a list" }]);
      }
      // Both passes must read the same bytes: a file rewritten during the import is refused.
      if (fingerprint(path) !== opened) issue([{ row: "file", field: "(file)", message: "the file changed while it was being imported; import it again" }]);
      if (omitted) found.push({ row: "file", field: "(more)", message: `and ${omitted} more problems` });
      issues = found;
      relations = read;
    },
    relations: () => relations,
    issues: () => issues,
  };
}
