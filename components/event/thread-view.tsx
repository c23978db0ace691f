import Link from "next/link";
import { formatEventTime } from "@/lib/dates";
import { EVENT_STATUS_SHORT } from "@/lib/domain";
import { withAsOf, type AsOf } from "@/lib/events/as-of";
import { briefStatusAt } from "@/lib/events/event-view";
import { relationText } from "@/lib/events/labels";
import type { ThreadEdge, ThreadEvent } from "@/lib/events/thread";

/** The chain of related events in time order, each with how it links to the others. */
export function ThreadView({
  events,
  edges,
  currentId,
  asOf,
}: {
  events: ThreadEvent[];
  edges: ThreadEdge[];
  currentId: string;
  asOf: AsOf;
}) {
  const byId = new Map(events.map((e) => [e.id, e]));
  return (
    <ol className="mt-2 border-l-2 border-zinc-300 pl-4 dark:border-zinc-700">
      {events.map((e) => {
        const links = edges.filter((x) => x.fromId === e.id && byId.has(x.toId));
        const current = e.id === currentId;
        return (
          <li key={e.id} className="relative py-1.5 text-sm" aria-current={current ? "true" : undefined}>
            <span className="text-zinc-700 dark:text-zinc-300">{formatEventTime(e)}</span>
            {" · "}
            {current ? (
              <strong>{e.headline} (this event)</strong>
            ) : (
              <Link href={withAsOf(`/events/${e.slug}`, asOf)} className="underline underline-offset-2">
                {e.headline}
              </Link>
            )}
            {" · "}
            <span className="italic">{EVENT_STATUS_SHORT[briefStatusAt(e, asOf?.cutoff ?? null) ?? e.status]}</span>
            {links.map((l) => (
              <span key={`${l.toId}-${l.type}`} className="block text-xs text-zinc-600 dark:text-zinc-400">
                {relationText(l.type, "outgoing")}: {byId.get(l.toId)!.headline}
              </span>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
