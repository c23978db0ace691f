// Names shared by e2e/desk.spec.ts and its database fixtures (e2e/setup/seed-desk.ts).

export const DESK_STORY = "e2e-desk-story";
export const DESK_STORY_TITLE = "Desk e2e story";
export const DESK_CLAIM_TEXT = "The desk fixture's claim holds";

export const TO_WITHDRAW = { slug: "e2e-desk-to-withdraw", headline: "Desk event to withdraw" };
export const KEEP = { slug: "e2e-desk-keep", headline: "Desk report kept after the merge" };
export const DUPLICATE = { slug: "e2e-desk-duplicate", headline: "Desk report entered twice" };
export const DRAFT = { slug: "e2e-desk-draft", headline: "Desk draft to delete" };
/** Withdrawn by the fixtures, for the accessibility check of a withdrawn permalink. */
export const WITHDRAWN = { slug: "e2e-desk-withdrawn", note: "Withdrawn by the fixtures for legal reasons." };
export const CITES_DUPLICATE_SOURCE = { slug: "e2e-desk-cites-gazette-duplicate", headline: "Desk event citing the duplicate gazette" };

export const DESK_SOURCES = {
  daily: { slug: "e2e-desk-daily", name: "E2E Desk Daily" },
  wire: { slug: "e2e-desk-wire", name: "E2E Desk Wire" },
  gazette: { slug: "e2e-desk-gazette", name: "E2E Desk Gazette" },
  gazetteDuplicate: { slug: "e2e-desk-gazette-dup", name: "E2E Desk Gazette (entered twice)" },
} as const;
