"use client";

import { useState } from "react";

/**
 * A plain link to the permalink; with JavaScript it also copies the address. Without it, the
 * link is there to copy by hand or open.
 */
export function CopyLink({ href }: { href: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <a
        href={href}
        className="underline underline-offset-2"
        onClick={async (e) => {
          if (!navigator.clipboard) return;
          e.preventDefault();
          const url = new URL(href, window.location.href).toString();
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
            window.setTimeout(() => setCopied(false), 2500);
          } catch {
            window.location.href = url;
          }
        }}
      >
        Copy link to this event
      </a>
      <span role="status" aria-live="polite" className="text-sm text-emerald-800 dark:text-emerald-300">
        {copied ? "Link copied" : ""}
      </span>
    </span>
  );
}
