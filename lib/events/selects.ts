import type { Prisma } from "../../generated/prisma-sqlite/client";

// Select fragments shared by every query that shows an event in brief: when it happened (with
// precision and zone), and its label history for the "as of" view.

export const eventTimeSelect = {
  occurredAt: true,
  occurredEndAt: true,
  precision: true,
  approximate: true,
  timeZone: true,
} satisfies Prisma.EventSelect;

export const eventBriefSelect = {
  id: true,
  slug: true,
  headline: true,
  ...eventTimeSelect,
  status: true,
  firstReportedAt: true,
  statusPeriods: { select: { status: true, validFrom: true, validTo: true } },
} satisfies Prisma.EventSelect;
