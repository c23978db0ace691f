import type { Db } from "../../lib/db";
import { createEvent } from "../../lib/events/write";
import {
  CITES_DUPLICATE_SOURCE,
  DESK_CLAIM_TEXT,
  DESK_SOURCES,
  DESK_STORY,
  DESK_STORY_TITLE,
  DRAFT,
  DUPLICATE,
  KEEP,
  TO_WITHDRAW,
  WITHDRAWN,
} from "../desk-fixtures";

// Fixtures for e2e/desk.spec.ts: a story of its own with an event to withdraw, two duplicate
// reports to merge, two entries for one outlet, a draft to delete and an event already withdrawn.

export async function seedDeskFixtures(db: Db): Promise<void> {
  const story = await db.story.create({
    data: { slug: DESK_STORY, title: DESK_STORY_TITLE, description: "Fixtures for the desk end-to-end test.", timeZone: "UTC" },
  });
  const create = (s: { slug: string; name: string }) => db.source.create({ data: { ...s, kind: "NEWSPAPER" } });
  const source = {
    daily: await create(DESK_SOURCES.daily),
    wire: await create(DESK_SOURCES.wire),
    gazette: await create(DESK_SOURCES.gazette),
    gazetteDuplicate: await create(DESK_SOURCES.gazetteDuplicate),
  };
  const claim = await db.claim.create({ data: { slug: "e2e-desk-claim", storyId: story.id, text: DESK_CLAIM_TEXT } });
  const at = (day: number) => new Date(Date.UTC(2024, 10, day, 12));
  await db.$transaction(async (tx) => {
    const event = (e: { slug: string; headline: string }, day: number, sourceId: string, extra: { published?: boolean; asserts?: boolean } = {}) =>
      createEvent(tx, {
        storyId: story.id,
        slug: e.slug,
        kind: "MEDIA_REPORT",
        headline: e.headline,
        summary: `${e.headline}: a desk fixture.`,
        occurredAt: at(day),
        precision: "DAY",
        timeZone: "UTC",
        firstReportedAt: at(day),
        published: extra.published ?? true,
        citations: [{ sourceId, attribution: "ANONYMOUS_OFFICIALS", attributionText: "citing officials" }],
        claims: extra.asserts ? [{ claimId: claim.id, stance: "ASSERTS" }] : [],
      });
    await event(TO_WITHDRAW, 2, source.daily.id);
    await event(KEEP, 4, source.daily.id, { asserts: true });
    await event(DUPLICATE, 3, source.wire.id, { asserts: true });
    await event(DRAFT, 5, source.daily.id, { published: false });
    await event(CITES_DUPLICATE_SOURCE, 6, source.gazetteDuplicate.id);
    const withdrawn = await event({ slug: WITHDRAWN.slug, headline: "Desk event withdrawn by the fixtures" }, 1, source.daily.id);
    await tx.event.update({ where: { id: withdrawn.id }, data: { published: false, withdrawnAt: at(7), withdrawalNote: WITHDRAWN.note } });
  });
}
