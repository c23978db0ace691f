import "server-only";
import { countIndependentSourcesForClaims, type IndependentCount } from "../claims/write";
import { formatPublished } from "../dates";
import { getDb } from "../db";
import type { ClaimStatusValue } from "../domain";
import { creditOf } from "../events/labels";
import { historyKnownAt } from "../events/projection";
import { claimChangeSelect } from "../events/selects";
import { listMainClaims } from "../stories/main-claims";

// "Where things stand": one line per main claim of a story, as a reader saw it at an instant
// (null: now): the verdict in words, since when, whose voice, and the independent-source count.
// Everything comes from the as-of projection's own functions (historyKnownAt, creditOf,
// countIndependentSourcesForClaims), so the line never shows later knowledge.

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

/** Where the given claims stood at `at` (null: now), in the order given. */
export async function listStandings(claimIds: readonly string[], at: Date | null, zone: string): Promise<Standing[]> {
  if (claimIds.length === 0) return [];
  const db = getDb();
  const [claims, counts] = await Promise.all([
    db.claim.findMany({
      where: { id: { in: [...claimIds] } },
      select: {
        id: true,
        slug: true,
        text: true,
        scope: true,
        history: { orderBy: [{ knownAt: "asc" }, { sequence: "asc" }], select: claimChangeSelect },
      },
    }),
    countIndependentSourcesForClaims(db, claimIds, at ?? new Date()),
  ]);
  const byId = new Map(claims.map((c) => [c.id, c]));
  return claimIds.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    const known = historyKnownAt(c.history, at);
    const current = known.at(-1) ?? null;
    const status = current?.toStatus ?? "UNVERIFIED";
    // The first change of the run that brought the claim to its current status.
    let start = current;
    for (let i = known.length - 2; i >= 0 && known[i]!.toStatus === status; i--) start = known[i]!;
    const since = start ? formatPublished(start.knownAt, "DAY", zone) : null;
    const voice = voiceOf(current?.evidenceCitation ?? null);
    return [
      {
        claim: { id: c.id, slug: c.slug, text: c.text, scope: c.scope },
        status,
        since: start?.knownAt ?? null,
        verdict: verdictWords(status, since, voice),
        voice,
        independent: counts.get(id) ?? { independent: 0, repeats: 0 },
      },
    ];
  });
}

/** A story's main claims and where each stood at `at`. */
export async function whereThingsStand(storyId: string, at: Date | null, zone: string): Promise<Standing[]> {
  return listStandings(await mainClaimIds(storyId, at), at, zone);
}
