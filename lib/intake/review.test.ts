import { describe, expect, it } from "vitest";
import { createTestClaim, createTestEvent, createTestSource, createTestStory, uniqueToken } from "../../prisma/factories";
import type { SessionUser } from "../auth/roles";
import { getDb } from "../db";
import { listRevisions } from "../editor/revisions";
import { projectEvent } from "../events/event-view";
import { getEventBySlugOrId } from "../events/queries";
import { signedInUser } from "../testing/auth";
import { acceptDraft, discardDraft, draftEditsSchema, mergeDraft, takeInArticle, type DraftEdits } from "./review";
import type { Draft } from "./types";

// Intake on a real database: an article read into pending drafts, then each decision through
// the domain write paths and the revision log, and what readers then see (projectEvent).

async function editor(): Promise<SessionUser> {
  const u = await signedInUser("EDITOR");
  return { id: u.id, email: u.email, name: "Test Editor", role: "EDITOR" };
}

/** The draft's suggestion as the review form sends it back, with the editor's changes. */
function editsOf(d: Draft, changes: Partial<Record<keyof DraftEdits, string>> = {}): DraftEdits {
  return draftEditsSchema.parse({
    headline: d.headline,
    summary: d.summary,
    kind: d.kind,
    occurredDate: d.date.day ?? "",
    occurredEndDate: d.date.endDay ?? "",
    precision: d.date.precision,
    dateBound: d.date.bound,
    approximate: d.date.approximate ? "on" : "",
    timeNote: d.date.approximate ? d.date.note : "",
    actorName: d.actor?.kind === "anonymous" || d.actor?.kind === "outlet" ? "" : (d.actor?.name ?? ""),
    actorTitle: d.actor?.title ?? "",
    speakerName: d.sourcing.speaker?.kind === "anonymous" ? "" : (d.sourcing.speaker?.name ?? ""),
    quote: d.quote ?? "",
    attribution: d.sourcing.attribution,
    attributionText: d.sourcing.attributionText ?? "",
    originName: d.sourcing.origin?.name ?? "",
    claimId: d.stance.claimId ?? "",
    stance: d.stance.stance,
    publish: "on",
    ...changes,
  });
}

async function pendingDrafts(articleId: string) {
  const rows = await getDb().intakeDraft.findMany({ where: { articleId }, orderBy: { position: "asc" } });
  return rows.map((r) => ({ ...r, draft: JSON.parse(r.suggestion) as Draft }));
}

const ARTICLE = [
  "The Capital Times reported on Sunday, citing two officials, that the Westland government had approved the grain corridor.",
  "Transport Minister Ida Sorensen confirmed on Monday that the government had approved the grain corridor. “The first convoy leaves on Friday,” Sorensen told reporters.",
  "The Eastland foreign ministry declined to comment.",
].join("\n\n");

async function storyWithReport() {
  const story = await createTestStory({ timeZone: "UTC" });
  const claim = await createTestClaim({ storyId: story.id, text: "The Westland government approved the grain corridor" });
  const times = await createTestSource({ name: `Capital Times ${uniqueToken()}`, kind: "NEWSPAPER" });
  const report = await createTestEvent({
    storyId: story.id,
    kind: "MEDIA_REPORT",
    headline: "Capital Times reports the Westland government approved the grain corridor",
    summary: "Citing two officials.",
    occurredAt: new Date("2025-03-09T00:00:00Z"),
    firstReportedAt: new Date("2025-03-09T00:00:00Z"),
    timeZone: "UTC",
    citations: [{ sourceId: times.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: "two officials", publishedAt: new Date("2025-03-09T00:00:00Z") }],
    claims: [{ claimId: claim.id, stance: "ASSERTS" }],
  });
  return { story, claim, report };
}

describe("article intake on the database", () => {
  it("stores the article with pending drafts and publishes nothing", async () => {
    const user = await editor();
    const { story } = await storyWithReport();
    const events = await getDb().event.count({ where: { storyId: story.id } });
    const taken = await takeInArticle(user, { storyId: story.id, outlet: "Harbour Wire", published: "2025-03-10", url: "https://harbour.example/a", title: "Corridor approved", text: ARTICLE, format: "auto" });
    expect(taken.drafts).toBe(3);
    const drafts = await pendingDrafts(taken.articleId);
    expect(drafts.map((d) => d.state)).toEqual(["PENDING", "PENDING", "PENDING"]);
    expect(await getDb().event.count({ where: { storyId: story.id } })).toBe(events);
  });

  it("accepts a draft through createEvent and the revision log, with the label projectEvent gives", async () => {
    const user = await editor();
    const { story, claim, report } = await storyWithReport();
    const taken = await takeInArticle(user, { storyId: story.id, outlet: "Harbour Wire", published: "2025-03-10", url: null, title: null, text: ARTICLE, format: "text" });
    const [relay, confirmation, decline] = await pendingDrafts(taken.articleId);
    expect(relay!.draft.match).toMatchObject({ kind: "existing", eventId: report.id });
    expect(confirmation!.draft).toMatchObject({ stance: { stance: "CONFIRMS", claimId: claim.id }, sourcing: { attribution: "NAMED_ON_RECORD" }, date: { day: "2025-03-10" } });

    const created = await acceptDraft(user, confirmation!.id, confirmation!.version, editsOf(confirmation!.draft, { headline: "Westland confirms the grain corridor" }));
    const event = await getEventBySlugOrId(created.id);
    expect(event).toMatchObject({ headline: "Westland confirms the grain corridor", occurredOn: "2025-03-10" });
    expect((await getDb().event.findUniqueOrThrow({ where: { id: created.id } })).published).toBe(true);
    expect(event!.citations[0]).toMatchObject({ quote: "The first convoy leaves on Friday", attribution: "NAMED_ON_RECORD", source: { name: "Harbour Wire" }, speaker: { name: "Ida Sorensen" } });
    expect(projectEvent(event!, null)!.label.text).toBe("Officially confirmed");
    const log = await listRevisions("Event", created.id);
    expect(log[0]).toMatchObject({ action: "create", by: expect.stringContaining(user.email) });
    expect(log[0]!.reason).toContain("Accepted from article intake: Harbour Wire");

    // The decline, edited to unpublished: a draft event, invisible to readers.
    const declined = await acceptDraft(user, decline!.id, decline!.version, editsOf(decline!.draft, { claimId: claim.id, publish: "" }));
    expect((await getDb().event.findUniqueOrThrow({ where: { id: declined.id } })).published).toBe(false);

    // A decision is made once.
    await expect(acceptDraft(user, confirmation!.id, confirmation!.version, editsOf(confirmation!.draft))).rejects.toThrow(/already accepted/);
    expect((await getDb().intakeDraft.findUniqueOrThrow({ where: { id: confirmation!.id } })).decidedBy).toBe(user.id);
  });

  it("merges a draft into the existing event: the article becomes a citation, relaying its origin", async () => {
    const user = await editor();
    const { story, report } = await storyWithReport();
    const taken = await takeInArticle(user, { storyId: story.id, outlet: "Harbour Wire", published: "2025-03-10", url: null, title: "Corridor", text: ARTICLE, format: "text" });
    const [relay] = await pendingDrafts(taken.articleId);
    const before = await getEventBySlugOrId(report.id);
    // The origin names the existing source of the report (it was created with a unique name).
    const origin = before!.citations[0]!.source.name;
    await mergeDraft(user, relay!.id, relay!.version, report.id, editsOf(relay!.draft, { originName: origin }));
    const after = await getEventBySlugOrId(report.id);
    expect(after!.citations).toHaveLength(2);
    expect(after!.citations[1]).toMatchObject({ source: { name: "Harbour Wire" }, origin: { name: origin }, attribution: "ANONYMOUS_OFFICIALS" });
    const view = projectEvent(after!, null)!;
    expect(view.label.status).toBe("REPORTED");
    // A relay of the report's own outlet is the same voice, not a second independent source.
    expect(view.independent.independent).toBe(1);
    expect((await listRevisions("Event", report.id))[0]).toMatchObject({ action: "citation-add" });
    expect((await getDb().intakeDraft.findUniqueOrThrow({ where: { id: relay!.id } })).state).toBe("MERGED");
  });

  it("discards a draft, and refuses bad input with a clear error and no half-write", async () => {
    const user = await editor();
    const { story } = await storyWithReport();
    const other = await createTestStory();
    const otherEvent = await createTestEvent({ storyId: other.id });
    const taken = await takeInArticle(user, { storyId: story.id, outlet: "Harbour Wire", published: "2025-03-10", url: null, title: null, text: ARTICLE, format: "text" });
    const [relay, , decline] = await pendingDrafts(taken.articleId);
    await discardDraft(user, decline!.id, decline!.version);
    expect((await getDb().intakeDraft.findUniqueOrThrow({ where: { id: decline!.id } })).state).toBe("DISCARDED");

    const counts = async () => [await getDb().citation.count(), await getDb().source.count(), await getDb().actor.count(), await getDb().revision.count()];
    const snapshot = await counts();
    await expect(mergeDraft(user, relay!.id, relay!.version, otherEvent.id, editsOf(relay!.draft))).rejects.toThrow(/same story/);
    await expect(acceptDraft(user, relay!.id, relay!.version + 1, editsOf(relay!.draft))).rejects.toThrow(/changed since/);
    await expect(acceptDraft(user, relay!.id, relay!.version, editsOf(relay!.draft, { dateBound: "BETWEEN", occurredDate: "2025-03-09", occurredEndDate: "2025-03-01" }))).rejects.toThrow(/cannot precede its start/);
    expect(await counts()).toEqual(snapshot);

    await expect(takeInArticle(user, { storyId: story.id, outlet: "Harbour Wire", published: "next week", url: null, title: null, text: ARTICLE, format: "text" })).rejects.toThrow(/not an ISO date/);
    await expect(takeInArticle(user, { storyId: "missing", outlet: "Harbour Wire", published: null, url: null, title: null, text: ARTICLE, format: "text" })).rejects.toThrow(/story does not exist/);
    await expect(takeInArticle(user, { storyId: story.id, outlet: "Harbour Wire", published: null, url: null, title: null, text: "<html><body><script>track()</script></body></html>", format: "html" })).rejects.toThrow(/no text/);
  });
});
