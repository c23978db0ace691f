import type { StatusLabel as Label } from "@/lib/events/labels";
import { STATUS_MARK } from "@/lib/reader/status-marks";

// The badge's colours are the `.st-<STATUS>` classes of app/globals.css; its mark is lib/reader/status-marks.ts.
export { STATUS_MARK };

/**
 * An item's label as a reader saw it: what it is, the voice it credits, and where its main claim
 * stands by then ("since confirmed on the record …").
 */
export function StatusLabel({ label, className = "" }: { label: Label; className?: string }) {
  return (
    <p className={`flex flex-wrap items-baseline gap-x-2 text-sm ${className}`} data-status={label.status}>
      <span className={`st st-${label.status}`}>
        <span aria-hidden="true">{STATUS_MARK[label.status]}</span>
        <span className="status-text">{label.text}</span>
      </span>
      {label.detail ? <span className="status-detail meta">{label.detail}</span> : null}
      {label.verdict ? (
        <span className="status-verdict em" data-verdict={label.verdict.status}>
          · {label.verdict.text}
        </span>
      ) : null}
    </p>
  );
}
