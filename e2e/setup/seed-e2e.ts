import { disconnectDb, getDb } from "../../lib/db";
import { startOfLocalDay } from "../../lib/dates";
import { recordClaimStatusChange } from "../../lib/claims/write";
import { createEvent } from "../../lib/events/write";
import { atacmsStory } from "../../lib/seed/atacms-story";
import { seedStory } from "../../lib/seed/seed-story";
import { importStory } from "../../lib/import/import-story";
import { truthStory } from "../../lib/testing/truth-story";
import { seedEditorFixtures } from "./seed-editor";
import { seedReaderFixtures } from "./seed-reader";
import { seedIntakeFixtures } from "./seed-intake";
import { seedDeskFixtures } from "./seed-desk";

// The end-to-end database: the seed story, plus a long second story for pagination tests.
export const PAGINATION_STORY = "e2e-pagination-story";
export const PAGINATION_EVENTS = 120;
export const LIFECYCLE_STORY = "e2e-lifecycle-story";

/**
 * A claim's whole life, for the "as of" tests: reported on 1 March (anonymous officials),
 * declined on 2 March, confirmed on the record on 8 March.
 */
async function seedLifecycleStory() {
  await getDb().$transaction(async (tx) => {
    const zone = "UTC";
    const at = (day: string) => startOfLocalDay(day, zone);
    const story = await tx.story.create({
      data: {
        slug: LIFECYCLE_STORY,
        title: "Lifecycle fixture story",
        description: "A claim reported, declined, then confirmed on the record.",
        timeZone: zone,
      },
    });
    const daily = await tx.source.create({ data: { slug: "e2e-daily", name: "E2E Daily", kind: "NEWSPAPER" } });
    const ministry = await tx.source.create({ data: { slug: "e2e-ministry", name: "E2E Ministry", kind: "GOVERNMENT" } });
    const claim = await tx.claim.create({
      data: { slug: "e2e-minister-resigned", storyId: story.id, text: "The minister has resigned" },
    });
    const base = { storyId: story.id, precision: "DAY" as const, timeZone: zone };
    const report = await createEvent(tx, {
      ...base,
      slug: "e2e-daily-reports-resignation",
      kind: "MEDIA_REPORT",
      headline: "E2E Daily reports the minister has resigned",
      summary: "Citing two unnamed officials.",
      occurredAt: at("2024-03-01"),
      firstReportedAt: at("2024-03-01"),
      citations: [{ sourceId: daily.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "citing two unnamed officials" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await recordClaimStatusChange(tx, {
      claimId: claim.id,
      to: "REPORTED",
      knownAt: at("2024-03-01"),
      reason: "E2E Daily reported it, citing unnamed officials.",
      evidenceCitationId: report.citations[0]!.id,
      changedBy: "e2e",
    });
    await createEvent(tx, {
      ...base,
      slug: "e2e-ministry-declines",
      kind: "BRIEFING",
      headline: "Ministry spokesperson: no comment on personnel matters",
      summary: "The spokesperson declined to confirm or deny.",
      occurredAt: at("2024-03-02"),
      firstReportedAt: at("2024-03-02"),
      citations: [{ sourceId: ministry.id, attribution: "SPOKESPERSON", attributionText: "the ministry spokesperson" }],
      claims: [{ claimId: claim.id, stance: "DECLINES" }],
    });
    const confirmation = await createEvent(tx, {
      ...base,
      slug: "e2e-ministry-confirms-resignation",
      kind: "STATEMENT",
      headline: "Ministry confirms the minister's resignation",
      summary: "The ministry's spokesperson confirmed the resignation on the record.",
      occurredAt: at("2024-03-08"),
      firstReportedAt: at("2024-03-08"),
      citations: [{ sourceId: ministry.id, attribution: "SPOKESPERSON", attributionText: "the ministry spokesperson" }],
      claims: [{ claimId: claim.id, stance: "CONFIRMS" }],
    });
    await recordClaimStatusChange(tx, {
      claimId: claim.id,
      to: "CONFIRMED",
      knownAt: at("2024-03-08"),
      reason: "The ministry confirmed it on the record.",
      evidenceCitationId: confirmation.citations[0]!.id,
      changedBy: "e2e",
    });
  });
}

async function main() {
  const db = getDb();
  await seedStory(db, atacmsStory);
  await db.$transaction(
    async (tx) => {
      const story = await tx.story.create({
        data: {
          slug: PAGINATION_STORY,
          title: "Pagination fixture story",
          description: "A long synthetic story used by the end-to-end tests.",
          timeZone: "UTC",
        },
      });
      const wire = await tx.source.create({ data: { slug: "e2e-wire", name: "E2E Wire", kind: "WIRE" } });
      const gazette = await tx.source.create({ data: { slug: "e2e-gazette", name: "E2E Gazette", kind: "NEWSPAPER" } });
      for (let i = 1; i <= PAGINATION_EVENTS; i++) {
        const n = String(i).padStart(3, "0");
        const day = new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        await createEvent(tx, {
          storyId: story.id,
          slug: `fixture-event-${n}`,
          kind: i % 2 ? "MEDIA_REPORT" : "STATEMENT",
          headline: `Fixture event ${n}`,
          summary: `Synthetic event number ${n} of the pagination fixture.`,
          occurredAt: startOfLocalDay(day, "UTC"),
          precision: "DAY",
          timeZone: "UTC",
          firstReportedAt: startOfLocalDay(day, "UTC"),
          citations: [
            i % 2
              ? { sourceId: wire.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "citing unnamed officials" }
              : { sourceId: gazette.id, attribution: "NAMED_ON_RECORD", attributionText: "a named minister" },
          ],
        });
      }
    },
    { timeout: 120_000 },
  );
  await seedEditorFixtures(db);
  await seedIntakeFixtures(db);
  await seedDeskFixtures(db);
  await seedLifecycleStory();
  await seedReaderFixtures(db);
  // The truth-through-time fixture (lib/testing/truth-story.ts), through the importer.
  await importStory(db, truthStory(), { fileName: "truth-story.json" });
  console.log(`E2E database ready: seed story, ${PAGINATION_EVENTS} pagination events, lifecycle story, truth-through-time fixture.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
