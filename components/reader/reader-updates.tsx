// A story page's panel for "since your last visit" and live updates: empty here, and filled in
// the browser by lib/reader/enhance.ts, which reads the story and the render's instant from it.
// Fixed, so that nothing on the page moves when it fills. Its live region is in the page from the
// start, so that screen readers hear what is put in it.

/** `wholeStory`: the page shows the story's newest events, unfiltered; only such a view moves the reader's last visit on. */
export function ReaderUpdates({ storySlug, since, wholeStory }: { storySlug: string; since: string; wholeStory: boolean }) {
  return (
    <div
      className="pointer-events-none fixed inset-x-0 bottom-3 z-10 flex flex-col items-center gap-2 px-3"
      data-reader-updates=""
      data-story={storySlug}
      data-rendered-at={since}
      data-whole-story={wholeStory ? "true" : "false"}
    >
      <div role="status" aria-live="polite" className="contents" data-live="" />
    </div>
  );
}
