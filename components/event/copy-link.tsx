/**
 * A plain link to the permalink; with JavaScript (lib/reader/enhance.ts) it also copies the
 * address. Without it, the link is there to copy by hand or open.
 */
export function CopyLink({ href }: { href: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <a href={href} className="underline underline-offset-2" data-copy-link="">
        Copy link to this event
      </a>
      <span role="status" aria-live="polite" className="text-sm text-emerald-800 dark:text-emerald-300" data-copy-status="" />
    </span>
  );
}
