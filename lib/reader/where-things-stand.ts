import "server-only";
import type { IndependentCount } from "../claims/write";
import { formatPublished } from "../dates";
import type { ClaimStatusValue } from "../domain";
import { creditOf } from "../events/labels";
import { listMainClaims, type MainClaim } from "../stories/main-claims";

// "Where things stand": one line per main claim of a story, as a reader saw it at an instant
// (null: now): the verdict in words, since when, whose voice, and the independent-source count.
// The claims, their status as of the instant and their counts come from listMainClaims
// (lib/stories/main-claims.ts, the as-of projection's own functions); this only puts them in words.

/**
 * The story's main claims at `at`, most important first: the claims its editors chose, in their
 * order, or else those with the most published events known by then (lib/stories/main-claims.ts).
 */
export async function mainClaimIds(storyId: string, at: Date | null): Promise<string[]> {
  return (await listMainClaims(storyId, at)).map((c) => c.id);
}

export type Standing = {
  claim: { id: string; slug: string; text: string; scope: string | null };
  status: ClaimStatusValue;
  /** When the claim came to stand where it stands (the first change of the current run). */
  since: Date | null;
  /** The verdict in words: "media-reported since 17 Nov 2024, not officially confirmed". */
  verdict: string;
  /** Whose voice the verdict rests on: "The New York Times, citing anonymous US officials". */
  voice: string | null;
  independent: IndependentCount;
};

function verdictWords(status: ClaimStatusValue, since: string | null, voice: string | null): string {
  const when = since ? ` since ${since}` : "";
  const by = voice ? ` by ${voice}` : "";
  const citing = voice ? ` (${voice})` : "";
  switch (status) {
    case "UNVERIFIED":
      return "unverified: nothing on the record yet";
    case "CLAIMED":
      return `claimed${voice ? ` by ${voice}` : " by a party"}${when}, not independently verified`;
    case "REPORTED":
      return `media-reported${when}${citing}, not officially confirmed`;
    case "CORROBORATED":
      return `corroborated by independent sources${when}, not officially confirmed`;
    case "CONFIRMED":
      return `officially confirmed${when}${by}`;
    case "DENIED":
      return `officially denied${when}${by}`;
    case "DECLINED":
      return `officials declined to confirm${when}${citing}`;
    case "DISPUTED":
      return `disputed${when}${by}`;
    case "RETRACTED":
      return `retracted or shown false${when}`;
    case "SUPERSEDED":
      return `superseded${when}`;
  }
}

/** The voice a change rests on, with whom it cites when the voice is an outlet's. */
function voiceOf(evidence: Parameters<typeof creditOf>[0] | null): string | null {
  if (!evidence) return null;
  const credit = creditOf(evidence);
  const descriptor = evidence.attributionText?.trim();
  if (evidence.speaker || !descriptor || credit.voice.includes(descriptor)) {
    return credit.carrier ? `${credit.voice}, as reported by ${credit.carrier}` : credit.voice;
  }
  return `${credit.voice}, ${descriptor.startsWith("citing") ? descriptor : `citing ${descriptor}`}`;
}

/** The lines for claims as `listMainClaims` gives them (at the same instant): no further reads. */
export function standingsOf(claims: readonly MainClaim[], zone: string): Standing[] {
  return claims.map((c) => {
    const since = c.standingSince ? formatPublished(c.standingSince, "DAY", zone) : null;
    const voice = voiceOf(c.evidence);
    return {
      claim: { id: c.id, slug: c.slug, text: c.text, scope: c.scope },
      status: c.status,
      since: c.standingSince,
      verdict: verdictWords(c.status, since, voice),
      voice,
      independent: c.independent,
    };
  });
}

/** A story's main claims and where each stood at `at`. */
export async function whereThingsStand(storyId: string, at: Date | null, zone: string): Promise<Standing[]> {
  return standingsOf(await listMainClaims(storyId, at), zone);
}
