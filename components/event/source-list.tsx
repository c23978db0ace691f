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
            <a href={sourceHref(c.source.slug)} className="underline decoration-zinc-400 underline-offset-2">
              {c.source.name}
            </a>
            {words ? <span className="text-zinc-700 dark:text-zinc-300"> ({words})</span> : null}
          </span>
        );
      })}
      {bySource.length > 1 ? (
        <span className="text-zinc-700 dark:text-zinc-300">
          {" "}
          · {independent.independent} independent {independent.independent === 1 ? "voice" : "voices"}
        </span>
      ) : null}
    </p>
  );
}
