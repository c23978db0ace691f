/** The not-found page's content; each not-found file supplies the chrome around it once. */
export function NotFoundMessage() {
  return (
    <div className="py-12">
      <h1 className="font-serif text-3xl font-bold">Not found</h1>
      <p className="mt-3 max-w-prose">
        There is no published page at this address. The event may never have existed here, or it may not be published.
      </p>
      <p className="mt-3">
        {/* A document load, not a client-side navigation: the timeline's events come as HTML
            (lib/reader/frozen.ts). */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
        <a href="/" className="underline underline-offset-2">
          Go to the timeline
        </a>
      </p>
    </div>
  );
}
