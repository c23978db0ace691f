import type { AttributionValue, EventKindValue, SourceKindValue, StanceValue } from "../domain";
import type { DraftDate, PublishedDay } from "./dates";
import type { KnownActor, KnownSource } from "./mentions";

// What intake reads and what it suggests. Plain data: the engine has no database, so the command
// line, the evaluation and the editor page all run the same function on the same input.

export type ArticleInput = {
  outlet: string;
  /** "2024-11-18", "2024-11-18T10:01" (in the story's zone), an instant with Z or an offset, or null. */
  published: string | null;
  url?: string | null;
  title?: string | null;
  text: string;
};

/** An event of the story a draft may describe. */
export type ExistingEvent = {
  id: string;
  slug: string;
  headline: string;
  summary: string;
  /** The day it is placed on, in its zone, and the last day of its span (month precision…). */
  occurredOn: string | null;
  spanEndOn?: string | null;
  actorNames: readonly string[];
  quotes: readonly string[];
  claimIds?: readonly string[];
};

export type StoryClaim = { id: string; text: string; scope?: string | null };

export type IntakeContext = {
  /** The story's IANA zone: the days of the article are its days. */
  zone: string;
  actors: readonly KnownActor[];
  sources: readonly KnownSource[];
  claims: readonly StoryClaim[];
  events: readonly ExistingEvent[];
};

/** The words a field came from, and the rule that read them. */
export type Because = { words: string; rule: string };

/** The draft's verdict class, as the evaluation format names it. */
export type StatusClass = "official" | "reported" | "claimed" | "denied";

export type DraftActor = { name: string; title: string | null; actorId: string | null; kind: "person" | "body" | "state" | "outlet" | "anonymous" };

export type DraftSourcing = {
  attribution: AttributionValue;
  /** The verbatim descriptor ("two U.S. officials"). */
  attributionText: string | null;
  /** Who spoke, when a person or body did. */
  speaker: DraftActor | null;
  /** The outlet relayed ("The New York Times reported…"): the origin; this article is the carrier. */
  origin: { name: string; sourceId: string | null; kind: SourceKindValue | null } | null;
};

export type DraftStance = { stance: StanceValue; claimId: string | null; claimText: string | null };

export type DraftMatch =
  | { kind: "existing"; eventId: string; slug: string; headline: string; reason: string }
  | { kind: "new"; reason: string };

export type Draft = {
  /** Position in the article's drafts (0, 1, 2…). */
  index: number;
  kind: EventKindValue;
  headline: string;
  summary: string;
  /** Who acted or spoke. */
  actor: DraftActor | null;
  date: DraftDate;
  /** Verbatim from the article, without its quote marks. */
  quote: string | null;
  sourcing: DraftSourcing;
  /** Who reported it: the origin of a relay, else the article's outlet. */
  reportedBy: string;
  status: StatusClass;
  stance: DraftStance;
  match: DraftMatch;
  /** The article's sentences it rests on, verbatim. */
  evidence: string[];
  /** For each field, the words it came from. */
  why: Record<"kind" | "actor" | "date" | "quote" | "sourcing" | "stance" | "match", Because[]>;
};

export type IntakeResult = {
  published: PublishedDay | null;
  title: string | null;
  drafts: Draft[];
  /** What the engine could not do, for the editor to see (an undated article…). */
  notes: string[];
};
