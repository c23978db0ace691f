import type { Db } from "../../lib/db";
import { startOfLocalDay } from "../../lib/dates";
import { recordClaimStatusChange } from "../../lib/claims/write";
import { createEvent } from "../../lib/events/write";
import { LIVE } from "../reader-fixtures";

// The live-updates story (e2e/live.spec.ts): a claim media-reported on 1 June, an on-record
// confirmation event the editor can cite to confirm it, and a draft the editor publishes.
export async function seedReaderFixtures(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    const zone = "UTC";
    const at = (day: string) => startOfLocalDay(day, zone);
    const story = await tx.story.create({
      data: { slug: LIVE.story, title: LIVE.title, description: "A story an editor changes while readers watch it.", timeZone: zone },
    });
    const daily = await tx.source.create({ data: { slug: "e2e-live-daily", name: "E2E Live Daily", kind: "NEWSPAPER" } });
    const ministry = await tx.source.create({ data: { slug: "e2e-live-ministry", name: LIVE.ministry, kind: "GOVERNMENT" } });
    const claim = await tx.claim.create({ data: { slug: LIVE.claim, storyId: story.id, text: LIVE.claimText } });
    const base = { storyId: story.id, precision: "DAY" as const, timeZone: zone };
    const report = await createEvent(tx, {
      ...base,
      slug: LIVE.report,
      kind: "MEDIA_REPORT",
      headline: "E2E Live Daily reports the bridge was closed",
      summary: "Citing two officials.",
      occurredAt: at("2024-06-01"),
      firstReportedAt: at("2024-06-01"),
      citations: [{ sourceId: daily.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "two officials", publishedAt: at("2024-06-01") }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await recordClaimStatusChange(tx, {
      claimId: claim.id,
      to: "REPORTED",
      knownAt: at("2024-06-01"),
      reason: "E2E Live Daily reported it.",
      evidenceCitationId: report.citations[0]!.id,
      changedBy: "e2e",
    });
    await createEvent(tx, {
      ...base,
      slug: LIVE.confirmation,
      kind: "STATEMENT",
      headline: LIVE.confirmationHeadline,
      summary: "The ministry's spokesperson confirmed the closure.",
      occurredAt: at("2024-06-03"),
      firstReportedAt: at("2024-06-03"),
      citations: [{ sourceId: ministry.id, attribution: "SPOKESPERSON", attributionText: LIVE.spokesperson, publishedAt: at("2024-06-03") }],
      claims: [{ claimId: claim.id, stance: "CONFIRMS" }],
    });
    await createEvent(tx, {
      ...base,
      slug: LIVE.draft,
      kind: "MEDIA_REPORT",
      headline: LIVE.draftHeadline,
      summary: "Traffic is moving again, the paper says.",
      occurredAt: at("2024-06-04"),
      firstReportedAt: at("2024-06-04"),
      published: false,
      citations: [{ sourceId: daily.id, attribution: "OUTLET_OWN", publishedAt: at("2024-06-04") }],
    });
  });
}
