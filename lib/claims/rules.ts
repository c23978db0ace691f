import {
  CLAIM_STATUS_LABEL,
  isOfficialVoice,
  type AttributionValue,
  type ClaimStatusValue,
  type StanceValue,
} from "../domain";

/** The evidence citation offered for a status change, as the rules need to see it. */
export type EvidenceCitation = {
  id: string;
  attribution: AttributionValue;
  publishedAt: Date | null;
  sourceName: string;
  /** The stance of the citation's event toward the claim being changed, or null if unlinked. */
  stance: StanceValue | null;
};

export type StatusChangeRequest = {
  from: ClaimStatusValue | null;
  to: ClaimStatusValue;
  knownAt: Date;
  reason: string;
  evidence: EvidenceCitation | null;
  /** Independent sources asserting the claim by knownAt (see independentSourceCount). */
  independentSources: number;
};

export type RuleResult = { ok: true } | { ok: false; message: string };

// Officially confirmed and denied need someone speaking on the record (isOfficialVoice): an
// anonymous-sourced report never makes a claim official.

function requireOfficial(
  req: StatusChangeRequest,
  stance: "CONFIRMS" | "DENIES",
  word: "confirms" | "denies",
): RuleResult {
  const label = CLAIM_STATUS_LABEL[req.to];
  const e = req.evidence;
  if (!e) {
    return {
      ok: false,
      message: `"${label}" needs an evidence citation: an on-record citation (named or spokesperson) whose event ${word} the claim. None was given.`,
    };
  }
  if (!isOfficialVoice(e.attribution)) {
    return {
      ok: false,
      message: `"${label}" needs an on-record citation (named or spokesperson) whose event ${word} the claim; the ${e.sourceName} citation is attributed to ${e.attribution.toLowerCase().replace(/_/g, " ")}.`,
    };
  }
  if (e.stance !== stance) {
    return {
      ok: false,
      message: `"${label}" needs an on-record citation whose event ${word} the claim; the ${e.sourceName} citation's event ${
        e.stance ? `has the stance "${e.stance.toLowerCase()}"` : "is not linked to this claim"
      }.`,
    };
  }
  return { ok: true };
}

/**
 * The status rules of the model. Every write path calls this before appending to a claim's
 * history; a violation names the missing evidence.
 */
export function checkStatusChange(req: StatusChangeRequest): RuleResult {
  if (req.reason.trim().length === 0) {
    return { ok: false, message: "A status change needs a reason." };
  }
  if (req.from === req.to) {
    return { ok: false, message: `The claim is already "${CLAIM_STATUS_LABEL[req.to]}".` };
  }
  if (req.evidence?.publishedAt && req.evidence.publishedAt.getTime() > req.knownAt.getTime()) {
    return {
      ok: false,
      message: "The change cannot have become known before its evidence citation was published.",
    };
  }
  switch (req.to) {
    case "CONFIRMED":
      return requireOfficial(req, "CONFIRMS", "confirms");
    case "DENIED":
      return requireOfficial(req, "DENIES", "denies");
    case "CORROBORATED":
      return req.independentSources >= 2
        ? { ok: true }
        : {
            ok: false,
            message: `"${CLAIM_STATUS_LABEL.CORROBORATED}" needs at least two independent sources; the claim has ${req.independentSources}.`,
          };
    default:
      return { ok: true };
  }
}

export type CitationForCount = {
  id: string;
  sourceId: string;
  repeatsCitationId: string | null;
};

/**
 * Independent sources behind a set of citations: each citation is traced back through the
 * citations it repeats to its original, and originals are counted once per source.
 * Citations outside `citations` that are repeated are looked up in `all` when given.
 */
export function independentSourceCount(
  citations: readonly CitationForCount[],
  all: ReadonlyMap<string, CitationForCount> = new Map(citations.map((c) => [c.id, c])),
): { independent: number; repeats: number } {
  const originals = new Set<string>();
  let repeats = 0;
  for (const c of citations) {
    let root = c;
    const chain = [c];
    let cycle = false;
    while (root.repeatsCitationId) {
      const next = all.get(root.repeatsCitationId);
      if (!next) break;
      if (chain.includes(next)) {
        cycle = true;
        break;
      }
      chain.push(next);
      root = next;
    }
    if (cycle) {
      // Citations that repeat one another in a circle have no original: they count as one
      // source, named by the citation with the smallest id in the circle.
      const start = chain.indexOf(all.get(root.repeatsCitationId!)!);
      root = chain.slice(start).reduce((a, b) => (a.id <= b.id ? a : b));
    }
    if (root !== c) repeats += 1;
    originals.add(root.sourceId);
  }
  return { independent: originals.size, repeats };
}
