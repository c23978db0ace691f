import Link from "next/link";
import { requireEditor } from "@/lib/auth/session";
import { EVENT_STATUS_LABEL } from "@/lib/domain";
import { editorEventState, listEditorEvents } from "@/lib/editor/queries";

export const metadata = { title: "Events" };

type Props = { searchParams: Promise<{ saved?: string }> };

export default async function EditorHome({ searchParams }: Props) {
  await requireEditor();
  const events = await listEditorEvents();
  const { saved } = await searchParams;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-4">
        <h1 className="font-serif text-2xl font-bold">Events</h1>
        <Link href="/editor/events/new" className="rounded bg-zinc-800 px-3 py-1 font-semibold text-white dark:bg-zinc-200 dark:text-zinc-900">
          New event
        </Link>
      </div>
      {saved === "draft-deleted" ? (
        <p role="status" className="rounded border border-green-700 p-2 text-sm">
          The draft was deleted (the revision log keeps what it was).
        </p>
      ) : null}
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left">
            <th>Headline</th>
            <th>Day</th>
            <th>State</th>
            <th>Label</th>
            <th>Story</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-t border-zinc-200 align-top dark:border-zinc-800">
              <td>
                <Link href={`/editor/events/${e.id}`} className="underline">
                  {e.headline}
                </Link>
              </td>
              <td>{e.occurredOn}</td>
              <td>{editorEventState(e)}</td>
              <td>{EVENT_STATUS_LABEL[e.status]}</td>
              <td>{e.story.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
