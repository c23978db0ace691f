import {
  CLAIM_STATUS_LABEL,
  isOfficialVoice,
  isOnRecord,
  type AttributionValue,
  type ClaimStatusValue,
  type StanceValue,
} from "../domain";

/** The evidence citation offered for a status change, as the rules need to see it. */
export type EvidenceCitation = {
  id: string;
  attribution: AttributionValue;
  /** When readers could first see it: its publication (or its event's first report), never before its event. */
  knownFrom: Date;
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

function requireStance(
  req: StatusChangeRequest,
  stances: readonly StanceValue[],
  what: string,
  voiceOk: (a: AttributionValue) => boolean,
): RuleResult {
  const label = CLAIM_STATUS_LABEL[req.to];
  const e = req.evidence;
  if (!e) return { ok: false, message: `"${label}" needs an evidence citation: ${what}. None was given.` };
  if (!voiceOk(e.attribution)) {
    return {
      ok: false,
      message: `"${label}" needs ${what}; the ${e.sourceName} citation is attributed to ${e.attribution.toLowerCase().replace(/_/g, " ")}.`,
    };
  }
  if (!e.stance || !stances.includes(e.stance)) {
    return {
      ok: false,
      message: `"${label}" needs ${what}; the ${e.sourceName} citation's event ${
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
  if (req.evidence && req.evidence.knownFrom.getTime() > req.knownAt.getTime()) {
    return {
      ok: false,
      message:
        "The change cannot have become known before its evidence citation was published (an undated citation counts from its event's first report).",
    };
  }
  switch (req.to) {
    case "CONFIRMED":
      return requireOfficial(req, "CONFIRMS", "confirms");
    case "DENIED":
      return requireOfficial(req, "DENIES", "denies");
    case "CLAIMED":
      return requireStance(
        req,
        ["ASSERTS", "CONFIRMS"],
        "an on-record citation (named, spokesperson, document or a party's own claim) whose event asserts the claim",
        (a) => isOnRecord(a) || a === "PARTY_CLAIM",
      );
    case "DISPUTED":
      return requireStance(req, ["DENIES"], "a citation whose event contradicts (denies) the claim", () => true);
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

export { independentSourceCount, type CitationForCount, type IndependentCount } from "../events/projection";
