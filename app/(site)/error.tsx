"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="py-12">
      <h1 className="font-serif text-3xl font-bold">Something went wrong</h1>
      <p className="mt-3 max-w-prose">The page could not be shown. Nothing was changed. Try again in a moment.</p>
      <button type="button" onClick={reset} className="mt-4 rounded border border-zinc-500 px-3 py-1.5 font-semibold">
        Try again
      </button>
    </div>
  );
}
