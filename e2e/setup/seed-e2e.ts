import { disconnectDb, getDb } from "../../lib/db";
import { startOfLocalDay } from "../../lib/dates";
import { createEvent } from "../../lib/events/write";
import { atacmsStory } from "../../lib/seed/atacms-story";
import { seedStory } from "../../lib/seed/seed-story";

// The end-to-end database: the seed story, plus a long second story for pagination tests.
export const PAGINATION_STORY = "e2e-pagination-story";
export const PAGINATION_EVENTS = 120;

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
  console.log(`E2E database ready: seed story and ${PAGINATION_EVENTS} pagination events.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
