import Link from "next/link";
import { formatEventTime } from "@/lib/dates";
import { EVENT_STATUS_SHORT, type EventStatusValue, type RelationTypeValue } from "@/lib/domain";
import { withAsOf, type AsOf } from "@/lib/events/as-of";
import { briefStatusAt } from "@/lib/events/event-view";
import { relationText } from "@/lib/events/labels";
import type { RelatedEvent } from "@/lib/events/queries";

type Relation = { type: RelationTypeValue; note: string | null; event: RelatedEvent; direction: "outgoing" | "incoming" };

function who(e: RelatedEvent): string {
  return e.actors[0]?.actor.name ?? e.citations[0]?.source.name ?? "";
}

/**
 * "Responds to …" and "Responded to by …", both ways, with who and when, in time order. The
 * relations come from the as-of projection: only those whose other event was known then.
 */
export function RelatedEvents({
  relations,
  asOf = null,
  showNotes = false,
  limit,
  moreHref,
}: {
  relations: readonly Relation[];
  asOf?: AsOf;
  showNotes?: boolean;
  /** Show at most this many; the rest are counted, with a link to where they all are. */
  limit?: number;
  moreHref?: string;
}) {
  if (relations.length === 0) return null;
  const sorted = [...relations].sort((a, b) => a.event.timelineKey.localeCompare(b.event.timelineKey));
  const shown = limit !== undefined && sorted.length > limit + 1 ? sorted.slice(0, limit) : sorted;
  const hidden = sorted.length - shown.length;
  return (
    <ul className="mt-2 space-y-1 text-sm" aria-label="Related events">
      {shown.map((r) => {
        const status = briefStatusAt<EventStatusValue>(r.event, asOf?.cutoff ?? null);
        return (
          <li key={`${r.direction}-${r.type}-${r.event.id}`} className="meta">
            <span className="em">
              {relationText(r.type, r.direction)}
              {r.direction === "incoming" && who(r.event) ? ` ${who(r.event)}` : ""}
            </span>
            {": "}
            <Link
              href={withAsOf(`/events/${r.event.slug}`, asOf)}
              className="lnk hover:decoration-2"
            >
              {r.event.headline}
            </Link>
            {" · "}
            <span>{formatEventTime({ ...r.event, occurredEndAt: null })}</span>
            {status ? (
              <>
                {" · "}
                <span className="italic">{EVENT_STATUS_SHORT[status]}</span>
              </>
            ) : null}
            {showNotes && r.note ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">{r.note}</span> : null}
          </li>
        );
      })}
      {hidden > 0 ? (
        <li>
          {moreHref ? (
            <Link href={moreHref} className="lnk">
              {hidden} more related events
            </Link>
          ) : (
            `${hidden} more related events`
          )}
        </li>
      ) : null}
    </ul>
  );
}
