import { randomBytes } from "node:crypto";
import type { Actor, Claim, Source, Story, Tag } from "../generated/prisma-sqlite/client";
import { recordClaimStatusChange, type StatusChangeInput } from "../lib/claims/write";
import { getDb, type Db, type Tx } from "../lib/db";
import type {
  AttributionValue,
  ClaimStatusValue,
  RelationTypeValue,
  SourceKindValue,
} from "../lib/domain";
import { createEvent, type NewCitation, type NewEvent } from "../lib/events/write";

// Test data factories (documenso style): every call builds its own records with unique slugs, so
// a test never depends on another test's leftovers. Writes go through the same domain paths the
// app uses (createEvent, recordClaimStatusChange), so derived fields and rules are real.
//
// Each factory takes an optional client as its last argument: pass a transaction to build data
// inside one, or leave it out to use getDb().

type Client = Db | Tx;

/** A short unique token made of lower-case letters and digits (safe inside slugs). */
export function uniqueToken(): string {
  return randomBytes(6).toString("hex");
}

/** `prefix-<token>`: a unique slug that satisfies the event slug rule. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${uniqueToken()}`;
}

/** A fixed instant in the seed story's week, so tests do not depend on the clock. */
export const TEST_INSTANT = new Date("2024-11-18T15:00:00.000Z");

export type TestStoryInput = {
  slug?: string;
  title?: string;
  description?: string;
  timeZone?: string;
  isDefault?: boolean;
};

export async function createTestStory(input: TestStoryInput = {}, db: Client = getDb()): Promise<Story> {
  const slug = input.slug ?? uniqueSlug("story");
  return db.story.create({
    data: {
      slug,
      title: input.title ?? `Test story ${slug}`,
      description: input.description ?? "A story built by a test factory.",
      timeZone: input.timeZone ?? "UTC",
      isDefault: input.isDefault ?? false,
    },
  });
}

export type TestSourceInput = {
  slug?: string;
  name?: string;
  kind?: SourceKindValue;
  country?: string | null;
  homepage?: string | null;
  description?: string | null;
};

export async function createTestSource(input: TestSourceInput = {}, db: Client = getDb()): Promise<Source> {
  const slug = input.slug ?? uniqueSlug("source");
  return db.source.create({
    data: {
      slug,
      name: input.name ?? `Test Source ${slug}`,
      kind: input.kind ?? "NEWSPAPER",
      country: input.country ?? null,
      homepage: input.homepage ?? null,
      description: input.description ?? null,
    },
  });
}

export type TestActorInput = {
  slug?: string;
  name?: string;
  title?: string | null;
  affiliation?: string | null;
};

export async function createTestActor(input: TestActorInput = {}, db: Client = getDb()): Promise<Actor> {
  const slug = input.slug ?? uniqueSlug("actor");
  return db.actor.create({
    data: {
      slug,
      name: input.name ?? `Test Actor ${slug}`,
      title: input.title ?? null,
      affiliation: input.affiliation ?? null,
    },
  });
}

export async function createTestTag(input: { slug?: string; name?: string } = {}, db: Client = getDb()): Promise<Tag> {
  const slug = input.slug ?? uniqueSlug("tag");
  return db.tag.create({ data: { slug, name: input.name ?? `Tag ${slug}` } });
}

export type TestClaimInput = {
  /** Defaults to a new story. */
  storyId?: string;
  slug?: string;
  text?: string;
  scope?: string | null;
};

/**
 * A claim with no history (status UNVERIFIED). Give it a status with changeClaimStatus, which
 * goes through the same rules as editors do.
 */
export async function createTestClaim(input: TestClaimInput = {}, db: Client = getDb()): Promise<Claim> {
  const storyId = input.storyId ?? (await createTestStory({}, db)).id;
  const slug = input.slug ?? uniqueSlug("claim");
  return db.claim.create({
    data: {
      slug,
      storyId,
      text: input.text ?? `Test claim ${slug}`,
      scope: input.scope ?? null,
    },
  });
}

/** A citation for createTestEvent: every field optional; the source defaults to a new one. */
export type TestCitationInput = Partial<NewCitation> & { attribution?: AttributionValue };

export type TestEventInput = Partial<Omit<NewEvent, "citations">> & {
  /** Defaults to one on-record (NAMED_ON_RECORD) citation from a new source. */
  citations?: readonly TestCitationInput[];
};

export type TestEvent = Awaited<ReturnType<typeof createEvent>> & {
  storyId: string;
  /** Citation ids in position order. */
  citationIds: string[];
  /** Source id of each citation, in position order. */
  sourceIds: string[];
};

/**
 * An event created through createEvent (lib/events/write.ts) in a transaction, so its stored
 * status, day and search text are derived exactly as in the app. Anything not given gets a
 * unique or neutral default: a new story, one on-record citation from a new source, day
 * precision on TEST_INSTANT in UTC.
 */
export async function createTestEvent(input: TestEventInput = {}, tx?: Tx): Promise<TestEvent> {
  const run = async (t: Tx): Promise<TestEvent> => {
    const storyId = input.storyId ?? (await createTestStory({}, t)).id;
    const citations: NewCitation[] = [];
    for (const c of input.citations ?? [{}]) {
      citations.push({
        ...c,
        sourceId: c.sourceId ?? (await createTestSource({}, t)).id,
        attribution: c.attribution ?? "NAMED_ON_RECORD",
      });
    }
    const slug = input.slug ?? uniqueSlug("event");
    const occurredAt = input.occurredAt ?? TEST_INSTANT;
    const row = await createEvent(t, {
      ...input,
      storyId,
      slug,
      kind: input.kind ?? "STATEMENT",
      headline: input.headline ?? `Test event ${slug}`,
      summary: input.summary ?? "An event built by a test factory.",
      occurredAt,
      precision: input.precision ?? "DAY",
      timeZone: input.timeZone ?? "UTC",
      firstReportedAt: input.firstReportedAt ?? occurredAt,
      citations,
    });
    return {
      ...row,
      storyId,
      citationIds: row.citations.map((c) => c.id),
      sourceIds: citations.map((c) => c.sourceId),
    };
  };
  return tx ? run(tx) : getDb().$transaction(run);
}

export type TestStatusChangeInput = Partial<Omit<StatusChangeInput, "claimId" | "to">>;

/**
 * Changes a claim's status through recordClaimStatusChange (lib/claims/write.ts) in a
 * transaction: the domain rules apply and a rejected change writes nothing. `knownAt` defaults to
 * now, which is after any TEST_INSTANT-based evidence.
 */
export async function changeClaimStatus(
  claimId: string,
  to: ClaimStatusValue,
  input: TestStatusChangeInput = {},
  tx?: Tx,
) {
  const change: StatusChangeInput = {
    claimId,
    to,
    knownAt: input.knownAt ?? new Date(),
    reason: input.reason ?? `Test: now ${to.toLowerCase()}.`,
    evidenceCitationId: input.evidenceCitationId ?? null,
    changedBy: input.changedBy ?? "test",
  };
  return tx ? recordClaimStatusChange(tx, change) : getDb().$transaction((t) => recordClaimStatusChange(t, change));
}

export async function createTestRelation(
  input: { fromEventId: string; toEventId: string; type?: RelationTypeValue; note?: string | null },
  db: Client = getDb(),
) {
  return db.eventRelation.create({
    data: {
      fromEventId: input.fromEventId,
      toEventId: input.toEventId,
      type: input.type ?? "RESPONDS_TO",
      note: input.note ?? null,
    },
  });
}
