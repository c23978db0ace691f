import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../db";
import { IDLE } from "../editor/form-state";
import { signedInUser } from "../testing/auth";

// The authorization matrix. Every editor page, every server action and every mutating route
// handler is discovered from the file system, must be listed in ACCESS below (so a new one cannot
// be forgotten), and is called as an anonymous visitor and with a role that is too low: each must
// refuse on the server, and nothing may be written.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

type Access = "public" | "EDITOR" | "ADMIN";

/** Pages under app/editor (relative path) and server actions ("file#export"), with who may use them. */
const ACCESS: Record<string, Access> = {
  "app/editor/page.tsx": "EDITOR",
  "app/editor/sign-in/page.tsx": "public",
  "app/editor/set-password/page.tsx": "public",
  "app/editor/events/new/page.tsx": "EDITOR",
  "app/editor/events/[id]/page.tsx": "EDITOR",
  "app/editor/events/[id]/history/page.tsx": "EDITOR",
  "app/editor/claims/page.tsx": "EDITOR",
  "app/editor/claims/[id]/page.tsx": "EDITOR",
  "app/editor/sources/page.tsx": "EDITOR",
  "app/editor/sources/[id]/page.tsx": "EDITOR",
  "app/editor/actors/page.tsx": "EDITOR",
  "app/editor/actors/[id]/page.tsx": "EDITOR",
  "app/editor/stories/page.tsx": "EDITOR",
  "app/editor/stories/[id]/page.tsx": "EDITOR",
  "app/editor/tags/page.tsx": "EDITOR",
  "app/editor/tags/[id]/page.tsx": "EDITOR",
  "app/editor/users/page.tsx": "ADMIN",
  "app/editor/intake/page.tsx": "EDITOR",
  "lib/auth/actions.ts#signInAction": "public",
  "lib/auth/actions.ts#signOutAction": "public",
  "lib/auth/actions.ts#setPasswordAction": "public",
  "lib/auth/actions.ts#inviteUserAction": "ADMIN",
  "lib/auth/actions.ts#newSetPasswordLinkAction": "ADMIN",
  "lib/auth/actions.ts#setUserDisabledAction": "ADMIN",
  "lib/editor/actions/events.ts#createEventAction": "EDITOR",
  "lib/editor/actions/events.ts#updateEventAction": "EDITOR",
  "lib/editor/actions/events.ts#publishEventAction": "EDITOR",
  "lib/editor/actions/events.ts#withdrawEventAction": "EDITOR",
  "lib/editor/actions/events.ts#deleteDraftAction": "EDITOR",
  "lib/editor/actions/events.ts#mergeEventAction": "EDITOR",
  "lib/editor/actions/events.ts#retractEventAction": "EDITOR",
  "lib/editor/actions/events.ts#addCitationAction": "EDITOR",
  "lib/editor/actions/events.ts#updateCitationAction": "EDITOR",
  "lib/editor/actions/events.ts#removeCitationAction": "EDITOR",
  "lib/editor/actions/events.ts#linkClaimAction": "EDITOR",
  "lib/editor/actions/events.ts#unlinkClaimAction": "EDITOR",
  "lib/editor/actions/events.ts#addRelationAction": "EDITOR",
  "lib/editor/actions/events.ts#removeRelationAction": "EDITOR",
  "lib/editor/actions/claims.ts#createClaimAction": "EDITOR",
  "lib/editor/actions/claims.ts#updateClaimAction": "EDITOR",
  "lib/editor/actions/claims.ts#changeClaimStatusAction": "EDITOR",
  "lib/editor/actions/entities.ts#createSourceAction": "EDITOR",
  "lib/editor/actions/entities.ts#updateSourceAction": "EDITOR",
  "lib/editor/actions/entities.ts#createActorAction": "EDITOR",
  "lib/editor/actions/entities.ts#updateActorAction": "EDITOR",
  "lib/editor/actions/intake.ts#takeInArticleAction": "EDITOR",
  "lib/editor/actions/intake.ts#reviewDraftAction": "EDITOR",
  "lib/editor/actions/entities.ts#mergeSourceAction": "EDITOR",
  "lib/editor/actions/entities.ts#createTagAction": "EDITOR",
  "lib/editor/actions/entities.ts#updateTagAction": "EDITOR",
  "lib/editor/actions/stories.ts#createStoryAction": "EDITOR",
  "lib/editor/actions/stories.ts#updateStoryAction": "EDITOR",
  "lib/editor/actions/stories.ts#setMainClaimsAction": "EDITOR",
};

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Route handlers that export a writing method, with the status every caller gets. None changes
 * data: the JSON API is read-only (it answers 405), and Better Auth's POST endpoints are not
 * exposed (sign-in and the rest are server actions, checked above). A route handler that really
 * writes must come with its own checks, and with tests here that anonymous, cross-origin and
 * lower-role callers are refused.
 */
const ROUTE_WRITES: Record<string, number> = {
  "app/api/v1/[[...path]]/route.ts#POST": 405,
  "app/api/v1/[[...path]]/route.ts#PUT": 405,
  "app/api/v1/[[...path]]/route.ts#PATCH": 405,
  "app/api/v1/[[...path]]/route.ts#DELETE": 405,
};
const ROUTE_SAMPLE_PATH: Record<string, string> = { "app/api/v1/[[...path]]/route.ts": "/api/v1/events" };
const ROUTE_SAMPLE_PARAMS: Record<string, Record<string, unknown>> = { "app/api/v1/[[...path]]/route.ts": { path: ["events"] } };

// The request the code under test sees: next/headers is replaced by these headers.
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  headers: async () => requestHeaders,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");
const sourceFiles = ["app", "lib", "components"].flatMap((d) => walk(path.join(root, d))).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
const editorPages = sourceFiles.filter((f) => rel(f).startsWith("app/editor/") && f.endsWith("/page.tsx")).map(rel);
const actionFiles = sourceFiles.filter((f) => /^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(readFileSync(f, "utf8"))).map(rel);
const routeFiles = walk(path.join(root, "app")).filter((f) => /\/route\.tsx?$/.test(f)).map(rel);

async function actionsOf(file: string): Promise<[string, (state: typeof IDLE, data: FormData) => Promise<unknown>][]> {
  const mod = (await import(path.join(root, file))) as Record<string, unknown>;
  return Object.entries(mod)
    .filter((e): e is [string, (state: typeof IDLE, data: FormData) => Promise<unknown>] => typeof e[1] === "function")
    .map(([name, fn]) => [name, fn]);
}

/** What a call threw: Next's redirect / notFound carry a digest. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    const digest = typeof error === "object" && error !== null && "digest" in error ? String((error as { digest: unknown }).digest) : "";
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect:${digest.split(";")[2]}`;
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "not-found";
    return `error:${error instanceof Error ? error.message : String(error)}`;
  }
}

const dummyForm = () => {
  const f = new FormData();
  for (const k of ["id", "eventId", "claimId", "citationId", "relationId", "userId", "storyId", "sourceId", "keep", "keepId", "mainClaim1"]) f.set(k, "x");
  f.set("version", "1");
  f.set("disabled", "true");
  return f;
};

async function writeCount(): Promise<number> {
  const db = getDb();
  const counts = await Promise.all([
    db.revision.count(),
    db.user.count(),
    db.event.count(),
    db.claim.count(),
    db.source.count(),
    db.actor.count(),
    db.verification.count(),
    db.story.count(),
    db.tag.count(),
    db.storyMainClaim.count(),
    db.slugRedirect.count(),
    db.intakeArticle.count(),
    db.intakeDraft.count(),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

let editorCookie = "";
let adminCookie = "";

beforeAll(async () => {
  editorCookie = (await signedInUser("EDITOR")).cookie;
  adminCookie = (await signedInUser("ADMIN")).cookie;
});

const as = (cookie: string | null) => {
  requestHeaders = new Headers({ host: "127.0.0.1:3000", "x-forwarded-for": "10.9.9.9", ...(cookie ? { cookie } : {}) });
};

describe("the authorization matrix", () => {
  it("lists every editor page and server action the file system has, and nothing else", async () => {
    const discovered = [...editorPages];
    for (const file of actionFiles) for (const [name] of await actionsOf(file)) discovered.push(`${file}#${name}`);
    expect(discovered.sort()).toEqual(Object.keys(ACCESS).sort());
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  it.each(editorPages.filter((p) => ACCESS[p] !== "public"))("%s refuses anonymous visitors and lower roles", async (page) => {
    const mod = (await import(path.join(root, page))) as { default: (props: unknown) => Promise<unknown> };
    const props = () => ({ params: Promise.resolve({ id: "missing" }), searchParams: Promise.resolve({}) });
    as(null);
    expect(await outcome(() => mod.default(props()))).toBe("redirect:/editor/sign-in");
    if (ACCESS[page] === "ADMIN") {
      as(editorCookie);
      expect(await outcome(() => mod.default(props()))).toBe("not-found");
      as(adminCookie);
      expect(await outcome(() => mod.default(props()))).toBe("ok");
    }
  });

  it("refuses every non-public server action to anonymous callers and lower roles, writing nothing", async () => {
    const before = await writeCount();
    let checked = 0;
    for (const file of actionFiles) {
      for (const [name, action] of await actionsOf(file)) {
        const access = ACCESS[`${file}#${name}`];
        if (access === "public") continue;
        as(null);
        expect([name, await outcome(() => action(IDLE, dummyForm()))]).toEqual([name, "redirect:/editor/sign-in"]);
        if (access === "ADMIN") {
          as(editorCookie);
          expect([name, await outcome(() => action(IDLE, dummyForm()))]).toEqual([name, "not-found"]);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(await writeCount()).toBe(before);
  });

  it("lists every route handler that answers a writing method, and nothing else", async () => {
    const discovered: string[] = [];
    for (const file of routeFiles) {
      const mod = (await import(path.join(root, file))) as Record<string, unknown>;
      for (const method of WRITE_METHODS) if (typeof mod[method] === "function") discovered.push(`${file}#${method}`);
    }
    expect(discovered.sort()).toEqual(Object.keys(ROUTE_WRITES).sort());
  });

  it.each(Object.entries(ROUTE_WRITES))("%s answers %s to anonymous, cross-origin and signed-in callers alike, writing nothing", async (key, expected) => {
    const [file, method] = key.split("#") as [string, string];
    const mod = (await import(path.join(root, file))) as Record<string, (r: Request, c: unknown) => Promise<Response>>;
    const before = await writeCount();
    const callers: Record<string, string>[] = [
      { origin: "http://127.0.0.1:3000" },
      { origin: "https://evil.example", cookie: editorCookie },
      { origin: "http://127.0.0.1:3000", cookie: editorCookie },
      { origin: "http://127.0.0.1:3000", cookie: adminCookie },
    ];
    for (const headers of callers) {
      // A real endpoint of the route (a wrong path would be refused for the wrong reason).
      const url = `http://127.0.0.1:3000${ROUTE_SAMPLE_PATH[file] ?? "/"}`;
      const request = new Request(url, { method, headers: { host: "127.0.0.1:3000", "content-type": "application/json", ...headers }, body: "{}" });
      const response = await mod[method]!(request, { params: Promise.resolve(ROUTE_SAMPLE_PARAMS[file] ?? {}) });
      expect([key, headers.cookie === adminCookie ? "admin" : headers.cookie ? "editor" : "anonymous", response.status]).toEqual([
        key,
        headers.cookie === adminCookie ? "admin" : headers.cookie ? "editor" : "anonymous",
        expected,
      ]);
    }
    expect(await writeCount()).toBe(before);
  });
});
