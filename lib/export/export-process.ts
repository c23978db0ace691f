import "server-only";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { admissionNumber } from "../http/admission";

// A large story's download is written by a process of its own: `scripts/export-story.ts`, the
// script behind `npm run export`, with its V8 heap capped, its output piped to the reader. The
// server's memory then does not grow with the story (its own heap already holds the page cache
// and the render state), and on SQLite, whose driver is synchronous, the thousands of reads of
// a million-event export never hold the server's event loop while readers wait. Small stories
// are cheaper to write in the server than a process is to start (about a second).

/**
 * Stories with more published events than this download through an export process:
 * EXPORT_IN_PROCESS_MAX_EVENTS, 5,000 unless set (a setting that is not a whole number is logged
 * and the default used).
 */
export function inProcessMaxEvents(env: Record<string, string | undefined> = process.env): number {
  try {
    return admissionNumber("EXPORT_IN_PROCESS_MAX_EVENTS", env.EXPORT_IN_PROCESS_MAX_EVENTS, 5_000, 0, 1_000_000_000);
  } catch (err) {
    console.error(`${(err as Error).message} Using 5,000.`);
    return 5_000;
  }
}

/**
 * Node's options in package.json's `export` script (`node <options> scripts/export-story.ts`):
 * the export process runs as `npm run export` does, its heap cap set in one place.
 */
export function exportNodeOptions(root: string = process.cwd()): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const m = /^node (.*) scripts\/export-story\.ts$/.exec(pkg.scripts?.export ?? "");
  if (!m) throw new Error(`package.json's export script is not "node <options> scripts/export-story.ts"`);
  return m[1]!.split(/\s+/);
}

/** The export script, when this installation has it and tsx to run it. */
function exportScript(): string | null {
  const root = process.cwd();
  const script = path.join(root, "scripts", "export-story.ts");
  return existsSync(script) && existsSync(path.join(root, "node_modules", "tsx")) ? script : null;
}

/** Whether a story of `publishedEvents` downloads through an export process here. */
export function exportsInProcess(publishedEvents: number): boolean {
  return publishedEvents <= inProcessMaxEvents() || exportScript() === null;
}

/** What the export process wrote to stderr, its last few KB: for the server's log. */
const STDERR_KEPT = 4_096;

/**
 * The story's published events as `npm run export` writes them, read from the export process's
 * output as the reader takes it (the pipe's back-pressure paces the process). Ending early (the
 * reader went away) kills the process; a process that fails ends the stream with an error, so the
 * reader sees a cut-off download, never a false end.
 */
export async function* exportProcessChunks(slug: string, format: "json" | "csv"): AsyncGenerator<Uint8Array> {
  const script = exportScript();
  if (!script) throw new Error("The export script is not installed here.");
  const child = spawn(process.execPath, [...exportNodeOptions(), script, "--story", slug, "--format", format], {
    cwd: process.cwd(),
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d: string) => (stderr = (stderr + d).slice(-STDERR_KEPT)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve(code));
  });
  exited.catch(() => undefined); // read below; never left unhandled when the reader goes early

  let done = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exited;
    if (code !== 0) throw new Error(`The export process for “${slug}” (${format}) ended with code ${code}: ${stderr.trim()}`);
    done = true;
  } finally {
    if (!done && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
