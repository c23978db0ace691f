// Names shared by the reader specs (e2e/reader.spec.ts, e2e/live.spec.ts) and their fixtures
// (e2e/setup/seed-reader.ts).

export const LIVE = {
  story: "e2e-live-story",
  title: "Live e2e story",
  claim: "e2e-live-claim",
  claimText: "The river bridge was closed",
  ministry: "E2E Live Ministry",
  spokesperson: "the ministry spokesperson",
  report: "e2e-live-report",
  confirmation: "e2e-live-confirmation",
  confirmationHeadline: "Ministry confirms the river bridge was closed",
  draft: "e2e-live-draft",
  draftHeadline: "E2E Live Daily: the river bridge reopened",
} as const;

/** The second app instance of the multi-instance test (PostgreSQL only). */
export const SECOND_PORT = Number(process.env.E2E_SECOND_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 50);
