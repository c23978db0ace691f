import { createReadStream } from "node:fs";
import { JSONParser } from "@streamparser/json";
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

/**
 * Feeds a JSON file to a new parser a block at a time, calling `onValue` for each value at `paths`
 * (no other value is kept), and yields after each block: a consumer that stops pulling stops the
 * reading. A syntax error (or a truncated file) is an ImportError.
 */
async function* feedJson(path: string, paths: string[], onValue: (e: Emitted) => void): AsyncGenerator<void> {
  const parser = new JSONParser({ paths, keepStack: false });
  let failure: unknown = null;
  parser.onValue = (e) => onValue(e as unknown as Emitted);
  parser.onError = (err) => {
    failure ??= notJson(err);
  };
  const stream = createReadStream(path, { highWaterMark: READ_BYTES });
  try {
    let first = true;
    for await (const block of stream as AsyncIterable<Buffer>) {
      // A byte-order mark is not JSON; the parser would refuse it.
      const bytes = first && block[0] === 0xef && block[1] === 0xbb && block[2] === 0xbf ? block.subarray(3) : block;
      first = false;
      if (!parser.isEnded) parser.write(bytes);
      if (failure) throw failure;
      yield;
    }
    if (!parser.isEnded) parser.end();
    if (failure) throw failure;
  } catch (err) {
    throw err instanceof ImportError ? err : notJson(err);
  } finally {
    stream.destroy();
  }
}

/**
 * A JSON story file on disk, read in passes. Opening it reads its head, stopping at the first
 * event when the head comes first (as in every export), else reading on to the end of the file.
 */
export async function openJsonStoryFile(path: string): Promise<StoryFile> {
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
        if (typeof e.key !== "number") {
          issue([{ row: "file", field: String(list), message: "must be a list" }]);
        } else if (list === "events") {
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
      for await (const _ of feedJson(path, ["$.events.*", "$.relations.*"], onValue)) {
        void _;
        while (ready.length) yield ready.shift()!;
      }
      while (ready.length) yield ready.shift()!;
      if (chunk.length) yield chunk;
      if (omitted) found.push({ row: "file", field: "(more)", message: `and ${omitted} more problems` });
      issues = found;
      relations = read;
    },
    relations: () => relations,
    issues: () => issues,
  };
}
