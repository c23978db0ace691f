import { creditOf } from "@/lib/events/labels";
import type { CitationFacts, IndependentCount } from "@/lib/events/projection";

type Citation = CitationFacts & { id: string; source: CitationFacts["source"] & { slug: string } };

/**
 * "Sources:" of a timeline item: each outlet once, with whose words it carried or whom it relays,
 * and how many independent voices stand behind them.
 */
export function SourceList({
  citations,
  independent,
  sourceHref,
}: {
  citations: readonly Citation[];
  independent: IndependentCount;
  sourceHref: (slug: string) => string;
}) {
  const bySource = [...new Map(citations.map((c) => [c.source.slug, c])).values()];
  return (
    <p className="mt-2 text-sm">
      <span className="font-medium">Sources: </span>
      {bySource.map((c, i) => {
        const credit = creditOf(c);
        const words = c.speaker
          ? credit.voice
          : credit.origin
            ? `relaying ${credit.origin}${c.attributionText ? `, ${c.attributionText}` : ""}`
            : c.attributionText;
        return (
          <span key={c.source.slug}>
            {i > 0 ? "; " : ""}
            <a href={sourceHref(c.source.slug)} className="lnk">
              {c.source.name}
            </a>
            {words ? <span className="meta"> ({words})</span> : null}
          </span>
        );
      })}
      {bySource.length > 1 ? (
        <span className="meta">
          {" "}
          · {independent.independent} independent {independent.independent === 1 ? "voice" : "voices"}
        </span>
      ) : null}
    </p>
  );
}
