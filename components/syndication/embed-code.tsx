"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * The iframe code in a read-only text area anyone can select and copy; with JavaScript, a button
 * copies it too.
 */
export function EmbedCode({ code }: { code: string }) {
  // False on the server and before hydration: the button appears only where it can work.
  const enhanced = useSyncExternalStore(noSubscription, () => !!navigator.clipboard, () => false);
  const [copied, setCopied] = useState(false);
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
        onFocus={(e) => e.currentTarget.select()}
      />
      {enhanced ? (
        <button
          type="button"
          className="rounded border border-zinc-500 px-2 py-1 text-sm font-semibold hover:bg-zinc-100 dark:hover:bg-zinc-800"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(code);
              setCopied(true);
              window.setTimeout(() => setCopied(false), 2500);
            } catch {
              setCopied(false);
            }
          }}
        >
          Copy embed code
        </button>
      ) : null}
      <span role="status" aria-live="polite" className="ml-2 text-sm text-emerald-800 dark:text-emerald-300">
        {copied ? "Embed code copied" : ""}
      </span>
    </div>
  );
}
