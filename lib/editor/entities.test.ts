import { describe, expect, it } from "vitest";
import { createTestActor, createTestEvent, createTestStory, TEST_INSTANT, uniqueSlug } from "../../prisma/factories";
import { getDb } from "../db";
import { EMPTY_QUERY } from "../events/filters";
import { resolveFilterSlugs } from "../events/queries";
import { findRedirect, redirectedPath } from "../redirects";
import { testEditor } from "../testing/editor-user";
import { createClaim, updateClaim } from "./claims";
import { ConflictError } from "./conflict";
import { createDraftEvent, updateEventFields, type EventFieldsInput } from "./events";
import { createTag, updateTag } from "./entities";
import { listRevisions } from "./revisions";

const later = (ms: number) => new Date(TEST_INSTANT.getTime() + ms);

describe("tags in the editor", () => {
  it("creates and edits a tag against its version, logged, its old slug still filtering", async () => {
    const user = await testEditor();
    const tag = await createTag(user, { slug: uniqueSlug("tag"), name: "Long-range strikes" });
    const renamed = uniqueSlug("strikes");
    await updateTag(user, tag.id, 1, { slug: renamed, name: "Strikes" });
    await expect(updateTag(user, tag.id, 1, { slug: renamed, name: "Stale" })).rejects.toBeInstanceOf(ConflictError);
    expect(await getDb().tag.findUniqueOrThrow({ where: { id: tag.id } })).toMatchObject({ slug: renamed, name: "Strikes", version: 2 });
    expect((await listRevisions("Tag", tag.id)).map((r) => r.action)).toEqual(["update", "create"]);
    const resolved = await resolveFilterSlugs({ ...EMPTY_QUERY, tags: [tag.slug] });
    expect(resolved).toMatchObject({ tagIds: [tag.id], notes: [] });
    await expect(createTag(user, { slug: tag.slug, name: "Other" })).rejects.toThrow(/old address/);
    await expect(createTag(user, { slug: renamed, name: "Other" })).rejects.toThrow(/already uses/);
  });

  it("logs a tag created by naming it on an event", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const name = `Tag ${uniqueSlug("x")}`;
    const event = await createDraftEvent(user, story.id, {
      slug: uniqueSlug("event"), kind: "STATEMENT", headline: "Headline", summary: "Summary.", location: null,
      occurredAt: TEST_INSTANT, occurredEndAt: null, precision: "DAY", approximate: false, dateBound: "EXACT", timeNote: null,
      timeZone: "UTC", dayOrder: 0, firstReportedAt: TEST_INSTANT, actors: [], tagNames: [name],
    });
    const tag = await getDb().tag.findFirstOrThrow({ where: { events: { some: { eventId: event.id } } } });
    expect(tag.name).toBe(name);
    expect((await listRevisions("Tag", tag.id)).map((r) => r.action)).toEqual(["create"]);
  });
});

describe("claims in the editor", () => {
  it("creates a claim with its first status, through the status rules", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const report = await createTestEvent({ storyId: story.id, citations: [{ attribution: "ANONYMOUS_OFFICIALS" }] });
    const claim = await createClaim(
      user,
      story.id,
      { slug: uniqueSlug("claim"), text: "The strikes were authorised", scope: null },
      { to: "REPORTED", knownAt: later(1000), reason: "First reported.", evidenceCitationId: report.citationIds[0]!, evidenceStance: "ASSERTS" },
    );
    expect(await getDb().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({ status: "REPORTED" });
    // The evidence's event now asserts the claim (and its label follows it).
    expect(await getDb().eventClaim.findUniqueOrThrow({ where: { eventId_claimId: { eventId: report.id, claimId: claim.id } } })).toMatchObject({ stance: "ASSERTS" });
    expect((await listRevisions("Claim", claim.id)).map((r) => r.action).sort()).toEqual(["create", "status-change"]);
    expect((await listRevisions("Event", report.id))[0]).toMatchObject({ action: "claim-link" });
  });

  it("confirms on creation only with an on-record citation whose event confirms it; otherwise nothing is written", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const speaker = await createTestActor();
    const briefing = await createTestEvent({ storyId: story.id, citations: [{ attribution: "SPOKESPERSON", speakerActorId: speaker.id, publishedAt: TEST_INSTANT }] });
    const anonymous = await createTestEvent({ storyId: story.id, citations: [{ attribution: "ANONYMOUS_OFFICIALS" }] });
    const slug = uniqueSlug("claim");
    const base = { to: "CONFIRMED" as const, knownAt: later(1000), reason: "Confirmed at the briefing." };
    await expect(
      createClaim(user, story.id, { slug, text: "Confirmed thing", scope: null }, { ...base, evidenceCitationId: anonymous.citationIds[0]!, evidenceStance: "CONFIRMS" }),
    ).rejects.toThrow(/on-record citation/);
    await expect(
      createClaim(user, story.id, { slug, text: "Confirmed thing", scope: null }, { ...base, evidenceCitationId: briefing.citationIds[0]!, evidenceStance: null }),
    ).rejects.toThrow(/not linked to this claim/);
    expect(await getDb().claim.count({ where: { slug } })).toBe(0);
    expect(await getDb().eventClaim.count({ where: { eventId: anonymous.id } })).toBe(0);
    const elsewhere = await createTestEvent({ citations: [{ attribution: "SPOKESPERSON" }] });
    await expect(
      createClaim(user, story.id, { slug, text: "Confirmed thing", scope: null }, { ...base, evidenceCitationId: elsewhere.citationIds[0]!, evidenceStance: "CONFIRMS" }),
    ).rejects.toThrow(/story's events/);

    const claim = await createClaim(user, story.id, { slug, text: "Confirmed thing", scope: null }, { ...base, evidenceCitationId: briefing.citationIds[0]!, evidenceStance: "CONFIRMS" });
    expect((await getDb().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("CONFIRMED");
    expect((await getDb().event.findUniqueOrThrow({ where: { id: briefing.id } })).status).toBe("CONFIRMED");
  });

  it("keeps a renamed claim's old slug leading to it", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const claim = await createClaim(user, story.id, { slug: uniqueSlug("claim"), text: "A claim", scope: null });
    const renamed = uniqueSlug("renamed");
    await updateClaim(user, claim.id, 1, { slug: renamed, text: "A claim", scope: "Kursk only" }, null);
    expect(await findRedirect("Claim", claim.slug)).toEqual({ id: claim.id, slug: renamed });
  });
});

describe("renaming an event", () => {
  it("keeps a published event's old slug leading to it (a draft's slug was never public)", async () => {
    const user = await testEditor();
    const event = await createTestEvent();
    const row = await getDb().event.findUniqueOrThrow({ where: { id: event.id }, include: { actors: true, tags: { include: { tag: true } } } });
    const fields: EventFieldsInput = {
      slug: uniqueSlug("renamed"), kind: row.kind, headline: row.headline, summary: row.summary, location: row.location,
      occurredAt: row.occurredAt, occurredEndAt: row.occurredEndAt, precision: row.precision, approximate: row.approximate,
      dateBound: row.dateBound, timeNote: row.timeNote, timeZone: row.timeZone, dayOrder: row.dayOrder,
      firstReportedAt: row.firstReportedAt, actors: [], tagNames: [],
    };
    await updateEventFields(user, event.id, 1, fields);
    expect(await findRedirect("Event", event.slug)).toEqual({ id: event.id, slug: fields.slug });
    expect(await findRedirect("Event", fields.slug)).toBeNull();

    const draft = await createTestEvent({ published: false });
    const draftRow = await getDb().event.findUniqueOrThrow({ where: { id: draft.id } });
    await updateEventFields(user, draft.id, 1, { ...fields, slug: uniqueSlug("draft"), timeZone: draftRow.timeZone });
    expect(await findRedirect("Event", draft.slug)).toBeNull();
  });

  it("rewrites only the retired segment of an address, keeping its query", () => {
    expect(redirectedPath(new URL("http://x/sources/old-slug/feed.xml?asof=2024-11-20"), "old-slug", "new-slug")).toBe("/sources/new-slug/feed.xml?asof=2024-11-20");
    expect(redirectedPath(new URL("http://x/stories/a/changes.atom"), "a", "b")).toBe("/stories/b/changes.atom");
  });
});
