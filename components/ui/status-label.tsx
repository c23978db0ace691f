import type { StatusLabel as Label } from "@/lib/events/labels";
import type { EventStatusValue } from "@/lib/domain";

// Status is never shown by colour alone: every label carries its words and a distinct mark.
const STYLE: Record<EventStatusValue, { mark: string; className: string }> = {
  ON_RECORD: {
    mark: "●",
    className: "border-sky-700 bg-sky-50 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100",
  },
  CONFIRMED: {
    mark: "✓",
    className:
      "border-emerald-700 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-100",
  },
  REPORTED: {
    mark: "◐",
    className: "border-amber-700 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100",
  },
  CLAIMED: {
    mark: "❝",
    className: "border-orange-800 bg-orange-50 text-orange-950 dark:border-orange-300 dark:bg-orange-950 dark:text-orange-100",
  },
  DENIED: {
    mark: "✕",
    className: "border-rose-700 bg-rose-50 text-rose-950 dark:border-rose-400 dark:bg-rose-950 dark:text-rose-100",
  },
  DECLINED: {
    mark: "–",
    className: "border-zinc-600 bg-zinc-100 text-zinc-900 dark:border-zinc-400 dark:bg-zinc-800 dark:text-zinc-100",
  },
  DISPUTED: {
    mark: "⇄",
    className:
      "border-violet-700 bg-violet-50 text-violet-950 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100",
  },
  RETRACTED: {
    mark: "⊘",
    className: "border-red-800 bg-red-50 text-red-950 line-through decoration-1 dark:border-red-400 dark:bg-red-950 dark:text-red-100",
  },
};

/**
 * An item's label as a reader saw it: what it is, the voice it credits, and where its main claim
 * stands by then ("since confirmed on the record …").
 */
export function StatusLabel({ label, className = "" }: { label: Label; className?: string }) {
  const style = STYLE[label.status];
  return (
    <p className={`flex flex-wrap items-baseline gap-x-2 text-sm ${className}`} data-status={label.status}>
      <span className={`inline-flex items-baseline gap-1 rounded border px-2 py-0.5 font-semibold ${style.className}`}>
        <span aria-hidden="true">{style.mark}</span>
        <span className="status-text">{label.text}</span>
      </span>
      {label.detail ? <span className="status-detail text-zinc-700 dark:text-zinc-300">{label.detail}</span> : null}
      {label.verdict ? (
        <span className="status-verdict font-medium text-zinc-900 dark:text-zinc-100" data-verdict={label.verdict.status}>
          · {label.verdict.text}
        </span>
      ) : null}
    </p>
  );
}
