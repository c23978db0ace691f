import {
  changeClaimStatus,
  createTestActor,
  createTestClaim,
  createTestEvent,
  createTestSource,
  createTestStory,
  createTestTag,
  uniqueSlug,
} from "../../prisma/factories";
import { getDb } from "../db";

// A small story for the syndication tests (feeds, API, export): a media report citing anonymous
// officials, an on-record denial a day later, an unpublished draft that must never leak, a claim
// whose status changed, and a public correction. Unique slugs, so tests never collide.

export async function createSyndicationStory() {
  const story = await createTestStory({ title: "Syndication fixture", timeZone: "UTC" });
  const paper = await createTestSource({ name: "The Daily Record", kind: "NEWSPAPER", slug: uniqueSlug("daily-record") });
  const ministry = await createTestSource({ name: "Ministry of Examples", kind: "GOVERNMENT", slug: uniqueSlug("ministry") });
  const minister = await createTestActor({ name: "Minister Example", title: "Minister" });
  const tag = await createTestTag({ name: "Strikes" });
  const claim = await createTestClaim({ storyId: story.id, text: "The strikes were authorized", scope: "Region A only" });

  const report = await createTestEvent({
    storyId: story.id,
    slug: uniqueSlug("paper-reports-strikes"),
    kind: "MEDIA_REPORT",
    headline: "The Daily Record reports the strikes were authorized",
    summary: "Citing two officials, the paper reports the authorization; formula-like =SUM(A1) text stays text.",
    occurredAt: new Date("2024-11-17T00:00:00.000Z"),
    firstReportedAt: new Date("2024-11-17T12:00:00.000Z"),
    tagIds: [tag.id],
    citations: [
      {
        sourceId: paper.id,
        attribution: "ANONYMOUS_OFFICIALS",
        attributionText: "two officials, speaking anonymously",
        url: "https://example.com/daily-record/strikes",
        title: "Strikes authorized, officials say",
        publishedAt: new Date("2024-11-17T12:00:00.000Z"),
        quote: "We were told, \"it's done\", by two officials",
      },
    ],
    claims: [{ claimId: claim.id, stance: "ASSERTS" }],
  });
  await changeClaimStatus(claim.id, "REPORTED", {
    knownAt: new Date("2024-11-17T13:00:00.000Z"),
    evidenceCitationId: report.citationIds[0],
    reason: "The Daily Record reported it, citing anonymous officials.",
  });

  const denial = await createTestEvent({
    storyId: story.id,
    slug: uniqueSlug("ministry-denies-strikes"),
    kind: "STATEMENT",
    headline: "Ministry denies the report",
    summary: "The ministry's spokesperson denied it on the record.",
    occurredAt: new Date("2024-11-18T00:00:00.000Z"),
    firstReportedAt: new Date("2024-11-18T15:00:00.000Z"),
    actors: [{ actorId: minister.id, role: "SPEAKER" }],
    citations: [
      {
        sourceId: ministry.id,
        attribution: "SPOKESPERSON",
        attributionText: "the ministry spokesperson",
        publishedAt: new Date("2024-11-18T15:00:00.000Z"),
        quote: "That is not true.",
      },
    ],
    claims: [{ claimId: claim.id, stance: "DENIES" }],
  });
  await changeClaimStatus(claim.id, "DENIED", {
    knownAt: new Date("2024-11-18T16:00:00.000Z"),
    evidenceCitationId: denial.citationIds[0],
    reason: "The ministry denied it on the record.",
  });

  const draft = await createTestEvent({
    storyId: story.id,
    slug: uniqueSlug("secret-draft"),
    headline: "SECRET DRAFT must never be syndicated",
    published: false,
    occurredAt: new Date("2024-11-19T00:00:00.000Z"),
    citations: [{ sourceId: paper.id, attribution: "UNKNOWN" }],
  });

  const correction = await getDb().correction.create({
    data: {
      eventId: report.id,
      note: "An earlier version misnamed the region.",
      createdAt: new Date("2024-11-18T09:00:00.000Z"),
      createdBy: "test",
    },
  });

  return { story, paper, ministry, minister, tag, claim, report, denial, draft, correction };
}

export type SyndicationStory = Awaited<ReturnType<typeof createSyndicationStory>>;
