import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_LABEL } from "@/lib/auth/roles";

export const metadata: Metadata = { title: { default: "Editor", template: "%s · Editor · Sourceline" }, robots: { index: false } };

// Chrome only: every page checks the session and role itself (a layout is not a security boundary).
export default async function EditorLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <div className="mx-auto max-w-5xl px-4 py-4">
      <header className="mb-6 flex flex-wrap items-center gap-4 border-b border-zinc-300 pb-3 dark:border-zinc-700">
        <Link href="/editor" className="font-serif text-xl font-bold">
          Sourceline editor
        </Link>
        {user ? (
          <nav aria-label="Editor" className="flex flex-wrap gap-3 text-sm">
            <Link href="/editor">Events</Link>
            <Link href="/editor/stories">Stories</Link>
            <Link href="/editor/claims">Claims</Link>
            <Link href="/editor/tags">Tags</Link>
            <Link href="/editor/sources">Sources</Link>
            <Link href="/editor/actors">Actors</Link>
            <Link href="/editor/intake">Intake</Link>
            {user.role === "ADMIN" ? <Link href="/editor/users">Users</Link> : null}
            {/* A document load, not a client-side navigation: the timeline's events come as HTML
                (lib/reader/frozen.ts). */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
            <a href="/">Public site</a>
          </nav>
        ) : null}
        {user ? (
          <form action={signOutAction} className="ml-auto flex items-center gap-2 text-sm">
            <span>
              {user.name} ({ROLE_LABEL[user.role]})
            </span>
            <button type="submit" className="underline">
              Sign out
            </button>
          </form>
        ) : null}
      </header>
      <main id="main">{children}</main>
    </div>
  );
}
