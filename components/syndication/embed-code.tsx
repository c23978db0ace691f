/**
 * The iframe code in a read-only text area anyone can select and copy; with JavaScript
 * (lib/reader/enhance.ts), a button copies it too. The button stays hidden where it cannot work.
 */
export function EmbedCode({ code }: { code: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor="embed-code" className="block text-sm font-semibold">
        Embed code
      </label>
      <textarea
        id="embed-code"
        readOnly
        rows={3}
        value={code}
        className="w-full rounded border border-zinc-400 bg-white p-2 font-mono text-xs text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100"
      />
      <button
        type="button"
        hidden
        data-copy-embed="embed-code"
        className="rounded border border-zinc-500 px-2 py-1 text-sm font-semibold hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        Copy embed code
      </button>
      <span role="status" aria-live="polite" className="ml-2 text-sm text-emerald-800 dark:text-emerald-300" data-copy-status="" />
    </div>
  );
}
