import type { Db } from "../../lib/db";
import { createUserWithPassword } from "../../lib/auth/users";
import { createEvent, refreshEvents } from "../../lib/events/write";
import { BRIEFING_EVENT, BRIEFING_HEADLINE, DRAFT_EVENT, DRAFT_HEADLINE, E2E_ADMIN, E2E_LOCKOUT_EDITOR, E2E_SPEAKER, EDITOR_STORY, EDITOR_STORY_TITLE, XSS_CLAIM, XSS_EVENT, XSS_RETRACTED_EVENT, XSS_SOURCE, xss } from "../editor-fixtures";

// Fixtures for e2e/editor.spec.ts: a test admin, events whose every text field carries a
// script-injection payload, and a draft that must stay invisible to the public.

export async function seedEditorFixtures(db: Db): Promise<void> {
  await createUserWithPassword({ ...E2E_ADMIN, name: "E2E Admin", role: "ADMIN" });
  await createUserWithPassword({ ...E2E_LOCKOUT_EDITOR, name: "E2E Lockout Editor", role: "EDITOR" });
  // A story of its own, so these fixtures never show up in the other specs' timelines.
  const story = await db.story.create({
    data: { slug: EDITOR_STORY, title: EDITOR_STORY_TITLE, description: "Fixtures for the editor end-to-end test.", timeZone: "UTC" },
  });
  const ministry = await db.source.create({ data: { slug: "e2e-editor-ministry", name: "E2E Editor Ministry", kind: "GOVERNMENT" } });
  await db.source.create({ data: { slug: "e2e-editor-daily", name: "E2E Editor Daily", kind: "NEWSPAPER" } });
  await db.source.create({ data: { slug: "e2e-editor-wire", name: "E2E Editor Wire", kind: "WIRE" } });
  await db.actor.create({ data: E2E_SPEAKER });
  // The on-record briefing the loop links to its new claim as the confirmation.
  const briefingAt = new Date("2024-11-21T10:00:00Z");
  await db.$transaction((tx) =>
    createEvent(tx, {
      storyId: story.id,
      slug: BRIEFING_EVENT,
      kind: "BRIEFING",
      headline: BRIEFING_HEADLINE,
      summary: "At the daily briefing the spokesperson confirmed the authorisation.",
      occurredAt: briefingAt,
      precision: "DAY",
      timeZone: "UTC",
      firstReportedAt: briefingAt,
      citations: [{ sourceId: ministry.id, attribution: "SPOKESPERSON", attributionText: "the ministry spokesperson", publishedAt: briefingAt, quote: "We can confirm the authorisation." }],
    }),
  );
  const source = await db.source.create({ data: { slug: XSS_SOURCE, name: xss("source name"), kind: "OTHER" } });
  const claim = await db.claim.create({ data: { slug: XSS_CLAIM, storyId: story.id, text: xss("claim text") } });
  const at = new Date("2024-11-19T12:00:00Z");
  await db.$transaction(async (tx) => {
    const e = await createEvent(tx, {
      storyId: story.id,
      slug: XSS_EVENT,
      kind: "MEDIA_REPORT",
      headline: xss("headline"),
      summary: xss("summary"),
      location: xss("location"),
      occurredAt: at,
      precision: "DAY",
      timeZone: "UTC",
      firstReportedAt: at,
      citations: [{ sourceId: source.id, attribution: "ANONYMOUS_OFFICIALS", attributionText: xss("attribution text"), quote: xss("quote") }],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
    await tx.correction.create({ data: { eventId: e.id, note: xss("correction"), createdBy: "E2E" } });
    const r = await createEvent(tx, {
      storyId: story.id,
      slug: XSS_RETRACTED_EVENT,
      kind: "MEDIA_REPORT",
      headline: "An e2e event retracted with an injection payload",
      summary: "Retracted fixture.",
      occurredAt: at,
      precision: "DAY",
      timeZone: "UTC",
      firstReportedAt: at,
      citations: [{ sourceId: source.id, attribution: "ANONYMOUS_OFFICIALS" }],
    });
    await tx.event.update({ where: { id: r.id }, data: { retractedAt: new Date("2024-11-20T12:00:00Z"), retractionNote: xss("retraction note") } });
    const draft = await createEvent(tx, {
      storyId: story.id,
      slug: DRAFT_EVENT,
      kind: "STATEMENT",
      headline: DRAFT_HEADLINE,
      summary: "A draft that the public must never see.",
      occurredAt: at,
      precision: "DAY",
      timeZone: "UTC",
      firstReportedAt: at,
      published: false,
      citations: [{ sourceId: source.id, attribution: "NAMED_ON_RECORD" }],
      claims: [{ claimId: claim.id, stance: "CONFIRMS" }],
    });
    await tx.eventRelation.create({ data: { fromEventId: draft.id, toEventId: e.id, type: "RESPONDS_TO" } });
  });
  const ids = await db.event.findMany({ where: { slug: { in: [XSS_RETRACTED_EVENT] } }, select: { id: true } });
  await refreshEvents(db, ids.map((i) => i.id));
}
