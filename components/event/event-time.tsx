import { formatEventTime, machineTime, type EventTime as Time } from "@/lib/dates";

/** When an event happened, honest to its precision, with the basis of an approximate date. */
export function EventTime({ time, note, showNote = false }: { time: Time; note?: string | null; showNote?: boolean }) {
  return (
    <>
      <time dateTime={machineTime(time)} title={note ?? undefined}>
        {formatEventTime(time)}
      </time>
      {showNote && note ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">Date basis: {note}</span> : null}
    </>
  );
}
