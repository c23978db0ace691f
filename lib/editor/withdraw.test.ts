import { describe, expect, it } from "vitest";
import { changeClaimStatus, createTestClaim, createTestEvent, createTestRelation, createTestStory } from "../../prisma/factories";
import { handleApiRequest } from "../api/router";
import { getDb } from "../db";
import { EMPTY_QUERY } from "../events/filters";
import { getEventBySlugOrId, getWithdrawnEvent, listTimeline } from "../events/queries";
import { listSitemapEntries } from "../syndication/sitemap";
import { testEditor } from "../testing/editor-user";
import { ConflictError } from "./conflict";
import { deleteDraftEvent, publishEvent, updateEventFields, withdrawEvent } from "./events";
import { listRevisions } from "./revisions";

async function api(path: string) {
  const url = new URL(`http://localhost${path}`);
  const segments = url.pathname.replace(/^\/api\/v1\/?/, "").split("/").filter(Boolean);
  const res = await handleApiRequest(new Request(url), segments);
  const text = await res.text();
  return { status: res.status, location: res.headers.get("location"), body: text ? (JSON.parse(text) as Record<string, never>) : null };
}

const timelineIds = async (storyId: string) => (await listTimeline({ storyId }, EMPTY_QUERY)).events.map((e) => e.id);

describe("publication is one way", () => {
  it("publishes a draft once it has a citation, and never unpublishes it", async () => {
    const user = await testEditor();
    const draft = await createTestEvent({ published: false });
    await publishEvent(user, draft.id, 1, "Checked.");
    const row = await getDb().event.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row).toMatchObject({ published: true, version: 2 });
    expect(row.publishedAt).not.toBeNull();
    await expect(publishEvent(user, draft.id, 2)).rejects.toThrow(/already published/);
    await expect(publishEvent(user, draft.id, 1)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("withdrawing a published event", () => {
  it("takes it off the timeline, the sitemap and the API (410 with the note), keeps its permalink with when and why, and logs it", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const event = await createTestEvent({ storyId: story.id });
    const other = await createTestEvent({ storyId: story.id });
    await createTestRelation({ fromEventId: other.id, toEventId: event.id });
    const at = new Date("2024-12-02T09:00:00Z");
    await withdrawEvent(user, event.id, 1, "Withdrawn on legal advice.", at);

    const row = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({ published: false, withdrawnAt: at, withdrawalNote: "Withdrawn on legal advice.", version: 2 });
    expect(await timelineIds(story.id)).toEqual([other.id]);
    expect(await getEventBySlugOrId(event.slug)).toBeNull();
    expect((await listSitemapEntries()).map((e) => e.path)).not.toContain(`/events/${event.slug}`);
    // The other event's relation to it is no longer shown.
    expect((await getEventBySlugOrId(other.slug))!.relationsFrom).toEqual([]);

    for (const key of [event.slug, event.id]) {
      expect(await getWithdrawnEvent(key)).toMatchObject({ slug: event.slug, withdrawnAt: at, withdrawalNote: "Withdrawn on legal advice." });
      const r = await api(`/api/v1/events/${key}`);
      expect(r.status).toBe(410);
      expect(r.body).toEqual({
        error: {
          code: "gone",
          message: `The event “${key}” was withdrawn from publication on 2024-12-02: Withdrawn on legal advice.`,
          details: [
            { field: "withdrawn_at", message: at.toISOString() },
            { field: "withdrawal_note", message: "Withdrawn on legal advice." },
          ],
        },
      });
    }
    const mirrors = await api(`/api/v1/retractions`);
    expect(mirrors.body).toMatchObject({
      data: expect.arrayContaining([
        { type: "withdrawn", event_id: event.id, event_slug: null, story: story.slug, at: at.toISOString(), note: "Withdrawn on legal advice.", merged_into: null },
      ]),
    });
    const [log] = await listRevisions("Event", event.id);
    expect(log).toMatchObject({ action: "withdraw", reason: "Withdrawn on legal advice.", isCorrection: true });
    expect(log!.diff.published).toEqual({ from: true, to: false });
  });

  it("needs a public note, is final, and applies to published events only", async () => {
    const user = await testEditor();
    const event = await createTestEvent();
    await expect(withdrawEvent(user, event.id, 1, "  ")).rejects.toThrow(/public note/);
    const draft = await createTestEvent({ published: false });
    await expect(withdrawEvent(user, draft.id, 1, "Why")).rejects.toThrow(/delete it instead/);
    await withdrawEvent(user, event.id, 1, "Duplicate coverage.");
    await expect(withdrawEvent(user, event.id, 2, "Again")).rejects.toThrow(/already withdrawn/);
    await expect(publishEvent(user, event.id, 2)).rejects.toThrow(/stays withdrawn/);
    const row = await getDb().event.findUniqueOrThrow({ where: { id: event.id } });
    await expect(
      updateEventFields(user, event.id, 2, { ...row, slug: "another-slug", actors: [], tagNames: [] }),
    ).rejects.toThrow(/no longer edited/);
    // The database refuses it too, whatever writes.
    await expect(getDb().event.update({ where: { id: event.id }, data: { published: true } })).rejects.toThrow();
  });

  it("also withdraws a retracted event, which then leaves the timeline and is listed as withdrawn", async () => {
    const user = await testEditor();
    const event = await createTestEvent();
    await getDb().event.update({ where: { id: event.id }, data: { retractedAt: new Date("2024-11-20T00:00:00Z"), retractionNote: "Wrong." } });
    await withdrawEvent(user, event.id, 1, "Removed entirely.");
    const listed = ((await api(`/api/v1/retractions`)).body as unknown as { data: { event_id: string; type: string }[] }).data.filter((d) => d.event_id === event.id);
    expect(listed.map((d) => d.type)).toEqual(["withdrawn"]);
  });
});

describe("deleting a draft", () => {
  it("removes a never-published draft for good, with its citations and links, and logs what it was", async () => {
    const user = await testEditor();
    const claim = await createTestClaim();
    const draft = await createTestEvent({ storyId: claim.storyId, published: false, claims: [{ claimId: claim.id, stance: "ASSERTS" }] });
    const other = await createTestEvent({ storyId: claim.storyId, citations: [{ attribution: "ANONYMOUS_OFFICIALS", repeatsCitationId: draft.citationIds[0] }] });
    await deleteDraftEvent(user, draft.id, 1, "Opened by mistake.");
    expect(await getDb().event.findUnique({ where: { id: draft.id } })).toBeNull();
    expect(await getDb().citation.count({ where: { eventId: draft.id } })).toBe(0);
    expect(await getDb().eventClaim.count({ where: { eventId: draft.id } })).toBe(0);
    expect((await getDb().citation.findFirstOrThrow({ where: { eventId: other.id } })).repeatsCitationId).toBeNull();
    const [log] = await listRevisions("Event", draft.id);
    expect(log).toMatchObject({ action: "delete", reason: "Opened by mistake." });
    expect(log!.diff.headline).toEqual({ from: `Test event ${draft.slug}`, to: null });
  });

  it("never deletes a published or withdrawn event, nor one whose citation is a status's evidence", async () => {
    const user = await testEditor();
    const published = await createTestEvent();
    await expect(deleteDraftEvent(user, published.id, 1)).rejects.toThrow(/never deleted/);
    await withdrawEvent(user, published.id, 1, "Gone.");
    await expect(deleteDraftEvent(user, published.id, 2)).rejects.toThrow(/never deleted/);
    expect(await getDb().event.count({ where: { id: published.id } })).toBe(1);

    // Published, used as evidence, then unpublished behind the editor's back (an old database).
    const claim = await createTestClaim();
    const evidence = await createTestEvent({ storyId: claim.storyId, claims: [{ claimId: claim.id, stance: "ASSERTS" }] });
    await changeClaimStatus(claim.id, "REPORTED", { evidenceCitationId: evidence.citationIds[0] });
    await getDb().event.update({ where: { id: evidence.id }, data: { published: false, publishedAt: null } });
    await expect(deleteDraftEvent(user, evidence.id, 1)).rejects.toThrow(/evidence/);
  });
});
