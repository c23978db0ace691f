import type { Db } from "../../lib/db";
import { recordClaimStatusChange } from "../../lib/claims/write";
import { createEvent } from "../../lib/events/write";
import { INTAKE_CLAIM, INTAKE_REPORT_EVENT, INTAKE_STORY, INTAKE_STORY_TITLE } from "../intake-fixtures";

// Fixtures for e2e/intake.spec.ts: a story of its own (so its events never show in the other
// specs' timelines) with one claim, reported by the Capital Times; the intake article relays that
// report, so its draft is merged into this event.

export async function seedIntakeFixtures(db: Db): Promise<void> {
  const story = await db.story.create({
    data: { slug: INTAKE_STORY, title: INTAKE_STORY_TITLE, description: "Fixtures for the article intake end-to-end test.", timeZone: "UTC" },
  });
  const times = await db.source.create({ data: { slug: "e2e-capital-times", name: "Capital Times", kind: "NEWSPAPER" } });
  const claim = await db.claim.create({ data: { slug: INTAKE_CLAIM, storyId: story.id, text: "The Westland government approved the grain corridor" } });
  const at = new Date("2025-03-09T00:00:00Z");
  await db.$transaction(async (tx) => {
    const report = await createEvent(tx, {
      storyId: story.id,
      slug: INTAKE_REPORT_EVENT,
      kind: "MEDIA_REPORT",
      headline: "Capital Times reports the Westland government approved the grain corridor",
      summary: "The Capital Times reported the approval, citing two officials.",
      occurredAt: at,
      precision: "DAY",
      timeZone: "UTC",
      firstReportedAt: at,
      citations: [{ sourceId: times.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "two officials", publishedAt: at }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await recordClaimStatusChange(tx, {
      claimId: claim.id,
      to: "REPORTED",
      knownAt: at,
      reason: "The Capital Times reported it, citing two officials.",
      evidenceCitationId: report.citations[0]!.id,
      changedBy: "e2e",
    });
  });
}
