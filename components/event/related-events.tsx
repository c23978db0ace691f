import Link from "next/link";
import { formatEventTime } from "@/lib/dates";
import { EVENT_STATUS_SHORT, type RelationTypeValue } from "@/lib/domain";
import { reportedBy, statusAsOf, withAsOf, type AsOf } from "@/lib/events/as-of";
import { relationText } from "@/lib/events/labels";
import type { RelatedEvent } from "@/lib/events/queries";

type Relation = { type: RelationTypeValue; note: string | null; event: RelatedEvent; direction: "outgoing" | "incoming" };

/** Relations in both directions, in time order; in an "as of" view only those reported by then. */
export function collectRelations(
  e: {
    relationsFrom: { type: RelationTypeValue; note: string | null; to: RelatedEvent }[];
    relationsTo: { type: RelationTypeValue; note: string | null; from: RelatedEvent }[];
  },
  asOf: AsOf = null,
): Relation[] {
  return [
    ...e.relationsFrom.map((r) => ({ type: r.type, note: r.note, event: r.to, direction: "outgoing" as const })),
    ...e.relationsTo.map((r) => ({ type: r.type, note: r.note, event: r.from, direction: "incoming" as const })),
  ]
    .filter((r) => reportedBy(r.event, asOf))
    .sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
}

function who(e: RelatedEvent): string {
  return e.actors[0]?.actor.name ?? e.citations[0]?.source.name ?? "";
}

/** "Responds to …" and "Responded to by …", both ways, with who and when. */
export function RelatedEvents({
  relations,
  asOf = null,
  showNotes = false,
}: {
  relations: Relation[];
  asOf?: AsOf;
  showNotes?: boolean;
}) {
  if (relations.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-sm" aria-label="Related events">
      {relations.map((r) => (
        <li key={`${r.direction}-${r.type}-${r.event.id}`} className="text-zinc-700 dark:text-zinc-300">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">
            {relationText(r.type, r.direction)}
            {r.direction === "incoming" && who(r.event) ? ` ${who(r.event)}` : ""}
          </span>
          {": "}
          <Link
            href={withAsOf(`/events/${r.event.slug}`, asOf)}
            className="underline decoration-zinc-400 underline-offset-2 hover:decoration-2"
          >
            {r.event.headline}
          </Link>
          {" · "}
          <span>{formatEventTime({ ...r.event, occurredEndAt: null })}</span>
          {" · "}
          <span className="italic">{EVENT_STATUS_SHORT[statusAsOf(r.event, asOf)]}</span>
          {showNotes && r.note ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">{r.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}
