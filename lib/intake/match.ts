import { formatDay } from "./dates";
import { keywords, overlap } from "./text";
import type { Because, Draft, DraftMatch, ExistingEvent } from "./types";

// Which event of the story a draft most likely describes: "add this article as a citation to …"
// when the day agrees, the same actor takes part or the same words are quoted, and enough key
// words are shared; otherwise "new event". The reason names what agreed.

const lastName = (n: string) => n.toLowerCase().replace(/[’']s$/, "").split(/\s+/).at(-1) ?? "";

function dayDistance(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

const norm = (q: string) => q.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

export function matchExisting(draft: Draft, events: readonly ExistingEvent[]): { match: DraftMatch; because: Because[] } {
  const words = keywords(`${draft.headline} ${draft.summary}`);
  const people = [draft.actor?.name, draft.sourcing.speaker?.name].filter((n): n is string => !!n).map(lastName);
  let best: { e: ExistingEvent; score: number; because: Because[]; reasons: string[] } | null = null;
  for (const e of events) {
    const because: Because[] = [];
    const reasons: string[] = [];
    let score = 0;
    // The day: equal, within the event's span, or near (a report the day after).
    if (draft.date.day && e.occurredOn) {
      const within = e.spanEndOn ? draft.date.day >= e.occurredOn && draft.date.day <= e.spanEndOn : false;
      const dist = dayDistance(draft.date.day, e.occurredOn);
      const loose = draft.date.approximate || draft.date.precision !== "DAY";
      if (dist === 0 || within) {
        score += 2;
        reasons.push(`same day (${formatDay(e.occurredOn)})`);
        because.push({ words: draft.date.words ?? draft.date.day, rule: `the day agrees with the event's, ${formatDay(e.occurredOn)}` });
      } else if (dist <= 1 || (loose && dist <= 31)) {
        score += 1;
        reasons.push(`near day (${formatDay(e.occurredOn)})`);
      } else {
        continue;
      }
    }
    const actorHit = e.actorNames.find((n) => people.includes(lastName(n)));
    if (actorHit) {
      score += 2;
      reasons.push(`same actor (${actorHit})`);
      because.push({ words: draft.actor?.name ?? actorHit, rule: `${actorHit} takes part in the event` });
    }
    const q = draft.quote ? norm(draft.quote) : "";
    const quoteHit = q.length > 12 && e.quotes.some((x) => {
      const n = norm(x);
      return n.length > 12 && (n.includes(q) || q.includes(n));
    });
    if (quoteHit) {
      score += 4;
      reasons.push("the same words quoted");
      because.push({ words: draft.quote!, rule: "the event quotes the same words" });
    }
    const shared = overlap(words, keywords(`${e.headline} ${e.summary} ${e.quotes.join(" ")}`));
    score += Math.min(shared.shared.length, 8) * 0.5;
    if (draft.stance.claimId && e.claimIds?.includes(draft.stance.claimId)) {
      score += 1;
      reasons.push("the same claim");
    }
    if (shared.shared.length) because.push({ words: shared.shared.slice(0, 8).join(", "), rule: "key words the event shares" });
    const enough = score >= 5 && (actorHit || quoteHit || shared.shared.length >= 5) && shared.shared.length >= 2;
    if (enough && (!best || score > best.score)) {
      best = { e, score, because, reasons: [...reasons, `${shared.shared.length} shared key words (${shared.shared.slice(0, 5).join(", ")})`] };
    }
  }
  if (best) {
    return {
      match: { kind: "existing", eventId: best.e.id, slug: best.e.slug, headline: best.e.headline, reason: best.reasons.join("; ") },
      because: best.because,
    };
  }
  const reason = events.length === 0 ? "the story has no events yet" : draft.date.day ? `no event of the story on or near ${formatDay(draft.date.day)} shares its actor or enough of its words` : "no event of the story shares its actor or enough of its words";
  return { match: { kind: "new", reason }, because: [{ words: "", rule: reason }] };
}
