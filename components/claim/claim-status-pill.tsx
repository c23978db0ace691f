import { CLAIM_STATUS_LABEL, type ClaimStatusValue } from "@/lib/domain";

const MARK: Record<ClaimStatusValue, string> = {
  UNVERIFIED: "?",
  CLAIMED: "❝",
  REPORTED: "◐",
  CORROBORATED: "◑",
  CONFIRMED: "✓",
  DENIED: "✕",
  DECLINED: "–",
  DISPUTED: "⇄",
  RETRACTED: "⊘",
  SUPERSEDED: "↷",
};

/** A claim's status in words, with a mark; never colour alone. */
export function ClaimStatusPill({ status, className = "" }: { status: ClaimStatusValue; className?: string }) {
  return (
    <p className={className} data-claim-status={status}>
      <span className="inline-flex items-baseline gap-1 rounded border border-zinc-600 bg-zinc-50 px-2 py-0.5 font-semibold text-zinc-950 dark:border-zinc-300 dark:bg-zinc-900 dark:text-zinc-50">
        <span aria-hidden="true">{MARK[status]}</span>
        {CLAIM_STATUS_LABEL[status]}
      </span>
    </p>
  );
}
