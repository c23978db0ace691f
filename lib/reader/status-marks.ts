import type { EventStatusValue } from "../domain";

/** Each label's mark: status is never shown by colour alone, always by words and a distinct mark. */
export const STATUS_MARK: Record<EventStatusValue, string> = {
  ON_RECORD: "●",
  CONFIRMED: "✓",
  REPORTED: "◐",
  CLAIMED: "❝",
  DENIED: "✕",
  DECLINED: "–",
  DISPUTED: "⇄",
  RETRACTED: "⊘",
};
