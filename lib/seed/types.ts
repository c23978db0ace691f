import type {
  ActorRoleValue,
  AttributionValue,
  ClaimStatusValue,
  EventKindValue,
  PrecisionValue,
  RelationTypeValue,
  SourceKindValue,
  StanceValue,
} from "../domain";

// A story as seed data: everything refers to everything else by slug, so the file reads like
// the article it comes from and seeding can be repeated without creating duplicates.

export type SeedCitation = {
  source: string;
  url?: string;
  title?: string;
  /** Calendar day of publication (YYYY-MM-DD) in the event's zone. */
  publishedOn?: string;
  publishedPrecision?: PrecisionValue;
  quote?: string;
  attribution: AttributionValue;
  attributionText?: string;
  /** Actor slug: whose words these are (the source is the outlet that carried them). */
  speaker?: string;
  /** Source slug of the outlet this citation relays. */
  origin?: string;
  originText?: string;
  note?: string;
};

export type SeedEvent = {
  slug: string;
  kind: EventKindValue;
  headline: string;
  summary: string;
  location?: string;
  /** Calendar day (YYYY-MM-DD) in timeZone; the first day of the month or year for coarser precision. */
  occurredOn: string;
  precision: PrecisionValue;
  approximate?: boolean;
  timeNote?: string;
  timeZone: string;
  dayOrder?: number;
  /** Calendar day (YYYY-MM-DD) in the story's zone. */
  firstReportedOn: string;
  actors?: { actor: string; role: ActorRoleValue }[];
  tags?: string[];
  citations: SeedCitation[];
  claims?: { claim: string; stance: StanceValue; note?: string }[];
};

export type SeedStatusChange = {
  to: ClaimStatusValue;
  /** Calendar day (YYYY-MM-DD) in the story's zone. */
  knownOn: string;
  reason: string;
  evidence?: { event: string; citation: number };
};

export type SeedStory = {
  story: { slug: string; title: string; description: string; timeZone: string; isDefault: boolean };
  sources: {
    slug: string;
    name: string;
    kind: SourceKindValue;
    country?: string;
    homepage?: string;
    description?: string;
  }[];
  actors: { slug: string; name: string; title?: string; affiliation?: string }[];
  tags: { slug: string; name: string }[];
  claims: { slug: string; text: string; scope?: string; history: SeedStatusChange[] }[];
  events: SeedEvent[];
  relations: { from: string; to: string; type: RelationTypeValue; note?: string }[];
};
