import "server-only";
import { z } from "zod";
import type { SessionUser } from "../auth/roles";
import { startOfLocalDay } from "../dates";
import { getDb, type Tx } from "../db";
import type { ActorRoleValue, AttributionValue, DateBoundValue, EventKindValue, SourceKindValue, StanceValue } from "../domain";
import { DomainError } from "../errors";
import { diffSnapshots } from "../editor/diff";
import { eventSnapshot, slugify } from "../editor/events";
import { recordRevision } from "../editor/revisions";
import { checkNewCitation, createEvent, refreshEvents, type NewCitation } from "../events/write";
import { analyzeArticle } from "./analyze";
import { loadIntakeContext } from "./context";
import { parsePublished } from "./dates";
import { extractArticle, looksLikeHtml } from "./html";
import { KNOWN_OUTLETS } from "./lexicon";
import type { Draft } from "./types";

// The write paths of article intake. Reading an article stores it with its drafts, all pending;
// nothing reaches readers until an editor decides. Accepting a draft creates the event through
// createEvent (the domain rules) and logs it; merging adds the article as a citation to an
// existing event (with its stance on the claim, when the event has none); discarding records who
// set it aside. Each decision names the draft's version and is refused once another was made.

const TX = { timeout: 20_000 } as const;

export type IntakeInput = {
  storyId: string;
  outlet: string;
  published: string | null;
  url: string | null;
  title: string | null;
  /** Pasted text, or a saved HTML page (format "html", or "auto" and it looks like one). */
  text: string;
  format: "auto" | "text" | "html";
};

export const MAX_ARTICLE_CHARS = 200_000;

/** Reads an article and stores it with its pending drafts. */
export async function takeInArticle(user: SessionUser | null, input: IntakeInput) {
  if (!input.outlet.trim()) throw new DomainError("Name the outlet that published the article.", "outlet");
  if (input.text.length > MAX_ARTICLE_CHARS) throw new DomainError(`The article is longer than ${MAX_ARTICLE_CHARS.toLocaleString("en")} characters.`, "text");
  let text = input.text;
  let title = input.title;
  let published = input.published;
  if (input.format === "html" || (input.format === "auto" && looksLikeHtml(text))) {
    const page = extractArticle(text);
    text = page.text;
    title ??= page.title;
    published ??= page.published;
  }
  if (!text.trim()) throw new DomainError("The article has no text to read.", "text");
  const context = await loadIntakeContext(input.storyId).catch((e: unknown) => {
    throw e instanceof RangeError ? new DomainError(e.message, "storyId") : e;
  });
  let result;
  try {
    result = analyzeArticle({ outlet: input.outlet.trim(), published, url: input.url, title, text }, context);
  } catch (e) {
    if (e instanceof RangeError) throw new DomainError(e.message, "published");
    throw e;
  }
  return getDb().$transaction(async (tx) => {
    const article = await tx.intakeArticle.create({
      data: { storyId: input.storyId, outletName: input.outlet.trim(), url: input.url, title, published, text, createdBy: user?.id ?? null },
    });
    if (result.drafts.length) {
      await tx.intakeDraft.createMany({
        data: result.drafts.map((d) => ({ articleId: article.id, position: d.index, suggestion: JSON.stringify(d) })),
      });
    }
    return { articleId: article.id, drafts: result.drafts.length, notes: result.notes };
  }, TX);
}

/** What the editor may change in a draft before accepting or merging it. */
export const draftEditsSchema = z.object({
  headline: z.string().trim().min(1, "The headline is required.").max(300, "Keep the headline under 300 characters."),
  summary: z.string().trim().min(1, "The summary is required."),
  kind: z.enum(["MEDIA_REPORT", "STATEMENT", "BRIEFING", "DECISION", "MILITARY_ACTION", "REACTION", "OTHER"]),
  occurredDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "Enter the date as YYYY-MM-DD, or leave it empty when unknown."),
  occurredEndDate: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "Enter the date as YYYY-MM-DD."),
  precision: z.enum(["DAY", "MONTH", "YEAR"]),
  dateBound: z.enum(["EXACT", "ON_OR_BEFORE", "ON_OR_AFTER", "BETWEEN", "UNKNOWN"]),
  approximate: z.string().optional().transform((v) => v === "on"),
  timeNote: z.string().trim().optional().transform((v) => v || null),
  actorName: z.string().trim().optional().transform((v) => v || null),
  actorTitle: z.string().trim().optional().transform((v) => v || null),
  speakerName: z.string().trim().optional().transform((v) => v || null),
  quote: z.string().trim().optional().transform((v) => v || null),
  attribution: z.enum(["NAMED_ON_RECORD", "SPOKESPERSON", "ANONYMOUS_OFFICIALS", "DOCUMENT", "OUTLET_OWN", "PARTY_CLAIM", "UNKNOWN"]),
  attributionText: z.string().trim().optional().transform((v) => v || null),
  originName: z.string().trim().optional().transform((v) => v || null),
  claimId: z.string().trim().optional().transform((v) => v || null),
  stance: z.enum(["ASSERTS", "CONFIRMS", "DENIES", "DECLINES", "QUALIFIES"]),
  publish: z.string().optional().transform((v) => v === "on"),
});
export type DraftEdits = z.infer<typeof draftEditsSchema>;

async function pendingDraft(tx: Tx, draftId: string, expectedVersion: number) {
  const draft = await tx.intakeDraft.findUnique({ where: { id: draftId }, include: { article: true } });
  if (!draft) throw new DomainError("That draft does not exist.", "id");
  if (draft.state !== "PENDING") throw new DomainError(`This draft was already ${draft.state.toLowerCase()}.`, "id");
  if (draft.version !== expectedVersion) throw new DomainError("This draft changed since you opened it: reload the page.", "id");
  const story = await tx.story.findUnique({ where: { id: draft.article.storyId }, select: { id: true, timeZone: true } });
  if (!story) throw new DomainError("The draft's story no longer exists.", "id");
  return { draft, story };
}

async function decide(tx: Tx, user: SessionUser, draftId: string, expectedVersion: number, state: "ACCEPTED" | "MERGED" | "DISCARDED", eventId: string | null) {
  const { count } = await tx.intakeDraft.updateMany({
    where: { id: draftId, version: expectedVersion, state: "PENDING" },
    data: { state, eventId, decidedBy: user.id, decidedAt: new Date(), version: { increment: 1 } },
  });
  if (count === 0) throw new DomainError("Another editor decided this draft first: reload the page.", "id");
}

function sourceKindFor(name: string): SourceKindValue {
  const known = KNOWN_OUTLETS.find((o) => [o.name, ...o.aliases].some((a) => a.toLowerCase() === name.toLowerCase()));
  if (known) return known.kind;
  if (/\b(?:President|Presidency|Prime Minister)\b/.test(name)) return "HEAD_OF_STATE_OFFICE";
  if (/\b(?:Department|Ministry|Government|Embassy|Kremlin|White House|Pentagon|Office|Council|Command|Administration)\b/.test(name)) return "GOVERNMENT";
  return "OTHER";
}

/** The source of that name or slug, created (and logged) when the story has none yet. */
async function sourceFor(tx: Tx, user: SessionUser, name: string): Promise<string> {
  const slug = slugify(name);
  if (!slug) throw new DomainError(`“${name}” cannot name a source.`, "outlet");
  const existing = (await tx.source.findFirst({ where: { OR: [{ slug: name }, { slug }, { name }] }, select: { id: true } }));
  if (existing) return existing.id;
  const created = await tx.source.create({ data: { slug, name: name.trim(), kind: sourceKindFor(name) } });
  await recordRevision(tx, {
    entityType: "Source",
    entityId: created.id,
    action: "create",
    userId: user.id,
    diff: diffSnapshots(null, { slug, name: created.name, kind: created.kind }),
    reason: "Created from article intake",
  });
  return created.id;
}

/** The actor of that name, created (and logged) when unknown. */
async function actorFor(tx: Tx, user: SessionUser, name: string, title: string | null): Promise<string> {
  const slug = slugify(name);
  if (!slug) throw new DomainError(`“${name}” cannot name an actor.`, "actorName");
  const existing = await tx.actor.findFirst({ where: { OR: [{ slug }, { name }] }, select: { id: true } });
  if (existing) return existing.id;
  const created = await tx.actor.create({ data: { slug, name: name.trim(), title } });
  await recordRevision(tx, {
    entityType: "Actor",
    entityId: created.id,
    action: "create",
    userId: user.id,
    diff: diffSnapshots(null, { slug, name: created.name, title }),
    reason: "Created from article intake",
  });
  return created.id;
}

const SPEAKING: readonly AttributionValue[] = ["NAMED_ON_RECORD", "SPOKESPERSON", "PARTY_CLAIM", "DOCUMENT"];

async function citationOf(tx: Tx, user: SessionUser, article: { outletName: string; url: string | null; title: string | null; published: string | null }, zone: string, edits: DraftEdits) {
  const published = parsePublished(article.published, zone);
  const sourceId = await sourceFor(tx, user, article.outletName);
  let originSourceId = edits.originName ? await sourceFor(tx, user, edits.originName) : null;
  if (originSourceId === sourceId) originSourceId = null;
  const speakerName = edits.speakerName ?? (SPEAKING.includes(edits.attribution) ? edits.actorName : null);
  const speakerActorId = speakerName && SPEAKING.includes(edits.attribution) ? await actorFor(tx, user, speakerName, speakerName === edits.actorName ? edits.actorTitle : null) : null;
  const url = article.url && /^https?:\/\//i.test(article.url) ? article.url : null;
  const citation: NewCitation = {
    sourceId,
    url,
    title: article.title,
    publishedAt: published?.instant ?? null,
    publishedPrecision: published ? (published.hasTime ? "MINUTE" : "DAY") : null,
    quote: edits.quote,
    attribution: edits.attribution,
    attributionText: edits.attributionText,
    speakerActorId,
    originSourceId,
    note: "From article intake.",
  };
  checkNewCitation(citation);
  return { citation, published, speakerActorId };
}

function roleFor(kind: EventKindValue): ActorRoleValue {
  if (kind === "DECISION") return "DECISION_MAKER";
  if (kind === "STATEMENT" || kind === "BRIEFING" || kind === "REACTION") return "SPEAKER";
  return "SUBJECT";
}

async function uniqueSlug(tx: Tx, headline: string): Promise<string> {
  const base = slugify(headline).slice(0, 70).replace(/-+$/, "") || "event";
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!(await tx.event.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

async function checkClaim(tx: Tx, storyId: string, claimId: string | null) {
  if (!claimId) return;
  const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { storyId: true } });
  if (!claim || claim.storyId !== storyId) throw new DomainError("That claim is not one of the story's claims.", "claimId");
}

/** Accepts a draft as a new event of its story (a draft event unless `publish`). */
export async function acceptDraft(user: SessionUser, draftId: string, expectedVersion: number, edits: DraftEdits) {
  return getDb().$transaction(async (tx) => {
    const { draft, story } = await pendingDraft(tx, draftId, expectedVersion);
    await checkClaim(tx, story.id, edits.claimId);
    const { citation, published, speakerActorId } = await citationOf(tx, user, draft.article, story.timeZone, edits);
    const firstReportedAt = published?.instant ?? draft.article.createdAt;
    const known = edits.occurredDate !== null && edits.dateBound !== "UNKNOWN";
    const dateBound: DateBoundValue = known ? edits.dateBound : "UNKNOWN";
    const actorId = edits.actorName ? await actorFor(tx, user, edits.actorName, edits.actorTitle) : null;
    const actors: { actorId: string; role: ActorRoleValue }[] = [];
    if (actorId) actors.push({ actorId, role: roleFor(edits.kind) });
    if (speakerActorId && speakerActorId !== actorId) actors.push({ actorId: speakerActorId, role: "SPEAKER" });
    const timeNote = edits.timeNote ?? (edits.approximate || !known ? ((JSON.parse(draft.suggestion) as Draft).date.note ?? null) : null);
    const created = await createEvent(tx, {
      storyId: story.id,
      slug: await uniqueSlug(tx, edits.headline),
      kind: edits.kind,
      headline: edits.headline,
      summary: edits.summary,
      occurredAt: known ? startOfLocalDay(edits.occurredDate!, story.timeZone) : firstReportedAt,
      occurredEndAt: known && edits.occurredEndDate ? startOfLocalDay(edits.occurredEndDate, story.timeZone) : null,
      precision: known ? edits.precision : "DAY",
      approximate: known && edits.approximate,
      dateBound,
      timeNote,
      timeZone: story.timeZone,
      firstReportedAt,
      published: edits.publish,
      actors,
      citations: [citation],
      claims: edits.claimId ? [{ claimId: edits.claimId, stance: edits.stance as StanceValue }] : [],
    });
    const after = await eventSnapshot(tx, created.id);
    await recordRevision(tx, {
      entityType: "Event",
      entityId: created.id,
      action: "create",
      userId: user.id,
      diff: diffSnapshots(null, after!.snapshot),
      reason: `Accepted from article intake: ${draft.article.outletName}${draft.article.title ? `, “${draft.article.title}”` : ""}`,
    });
    await decide(tx, user, draftId, expectedVersion, "ACCEPTED", created.id);
    return created;
  }, TX);
}

/** Adds the draft's article as a citation to an existing event of the story, with its stance. */
export async function mergeDraft(user: SessionUser, draftId: string, expectedVersion: number, eventId: string, edits: DraftEdits) {
  return getDb().$transaction(async (tx) => {
    const { draft, story } = await pendingDraft(tx, draftId, expectedVersion);
    const event = await tx.event.findUnique({
      where: { id: eventId },
      select: { id: true, storyId: true, retractedAt: true, _count: { select: { citations: true } }, claims: { select: { claimId: true, position: true } } },
    });
    if (!event || event.storyId !== story.id) throw new DomainError("Choose an event of the same story to merge into.", "mergeEventId");
    if (event.retractedAt) throw new DomainError("That event is retracted: merge into another or accept the draft as a new event.", "mergeEventId");
    await checkClaim(tx, story.id, edits.claimId);
    const { citation } = await citationOf(tx, user, draft.article, story.timeZone, edits);
    const c = await tx.citation.create({
      data: {
        eventId,
        sourceId: citation.sourceId,
        url: citation.url ?? null,
        title: citation.title ?? null,
        publishedAt: citation.publishedAt ?? null,
        publishedPrecision: citation.publishedAt ? (citation.publishedPrecision ?? "DAY") : null,
        quote: citation.quote ?? null,
        attribution: citation.attribution,
        attributionText: citation.attributionText ?? null,
        speakerActorId: citation.speakerActorId ?? null,
        originSourceId: citation.originSourceId ?? null,
        note: citation.note ?? null,
        position: event._count.citations,
      },
      include: { source: { select: { name: true } } },
    });
    const linked = edits.claimId && !event.claims.some((l) => l.claimId === edits.claimId);
    if (linked) {
      await tx.eventClaim.create({
        data: { eventId, claimId: edits.claimId!, stance: edits.stance, position: Math.max(-1, ...event.claims.map((l) => l.position)) + 1 },
      });
    }
    await tx.event.update({ where: { id: eventId }, data: { version: { increment: 1 } } });
    await refreshEvents(tx, [eventId]);
    const reason = `Merged from article intake: ${draft.article.outletName}${draft.article.title ? `, “${draft.article.title}”` : ""}`;
    await recordRevision(tx, {
      entityType: "Event",
      entityId: eventId,
      action: "citation-add",
      userId: user.id,
      diff: Object.fromEntries(
        Object.entries(diffSnapshots(null, { source: c.source.name, url: c.url, title: c.title, quote: c.quote, attribution: c.attribution, attributionText: c.attributionText })).map(([k, v]) => [`citation ${c.id}.${k}`, v]),
      ),
      reason,
    });
    if (linked) {
      const claim = await tx.claim.findUniqueOrThrow({ where: { id: edits.claimId! }, select: { text: true } });
      await recordRevision(tx, { entityType: "Event", entityId: eventId, action: "claim-link", userId: user.id, diff: { [`claim "${claim.text}"`]: { from: null, to: edits.stance } }, reason });
    }
    await decide(tx, user, draftId, expectedVersion, "MERGED", eventId);
    return { eventId, citationId: c.id };
  }, TX);
}

/** Sets a draft aside: it is kept, with who discarded it and when, and never published. */
export async function discardDraft(user: SessionUser, draftId: string, expectedVersion: number) {
  return getDb().$transaction(async (tx) => {
    await pendingDraft(tx, draftId, expectedVersion);
    await decide(tx, user, draftId, expectedVersion, "DISCARDED", null);
  }, TX);
}

export type { Draft };
