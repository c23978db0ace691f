/** The site's header, main landmark and footer; embeds use their own, lighter chrome. */
export function SiteChrome({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
      >
        Skip to content
      </a>
      <header className="border-b border-zinc-200 dark:border-zinc-800">
        <div className="mx-auto flex max-w-4xl items-baseline justify-between gap-4 px-4 py-2">
          {/* A document load, not a client-side navigation: the timeline's events come as HTML
              (lib/reader/frozen.ts). */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
          <a href="/" className="font-serif text-xl font-bold tracking-tight">
            Sourceline
          </a>
          <p className="hidden text-sm text-zinc-600 sm:block dark:text-zinc-400">
            A timeline of record: who said what, when, and how solid it is
          </p>
          <nav aria-label="Site" className="text-sm">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a document load, as above */}
            <a href="/stories" className="underline underline-offset-2">
              All stories
            </a>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 pt-3 pb-6 sm:pt-4">
        {children}
      </main>
      <footer className="mx-auto max-w-4xl border-t border-zinc-200 px-4 py-6 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
        <p>
          Status labels follow the record: <strong>on the record</strong>, <strong>officially confirmed</strong>,{" "}
          <strong>media-reported, not officially confirmed</strong>, <strong>denied</strong>,{" "}
          <strong>declined to confirm</strong>, <strong>disputed</strong>, <strong>retracted</strong>.
        </p>
      </footer>
    </>
  );
}
