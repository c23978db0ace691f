import { EditorForm } from "@/components/editor/editor-form";
import { eventFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { createEventAction } from "@/lib/editor/actions/events";
import { listActorsForEditor, listStoriesForEditor } from "@/lib/editor/queries";

export const metadata = { title: "New event" };

export default async function NewEventPage() {
  await requireEditor();
  const [stories, actors] = await Promise.all([listStoriesForEditor(), listActorsForEditor()]);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="font-serif text-2xl font-bold">New event</h1>
      <p className="text-sm">A new event is a draft, invisible to the public. Add its citations, then publish it.</p>
      <EditorForm
        action={createEventAction}
        idPrefix="event"
        submitLabel="Create draft"
        initial={{ kind: "MEDIA_REPORT", precision: "DAY", timeZone: stories[0]?.timeZone ?? "UTC", dayOrder: "0" }}
        fields={eventFields(
          actors.map((a) => ({ value: a.id, label: a.name })),
          stories.map((s) => ({ value: s.id, label: s.title })),
        )}
      />
    </div>
  );
}
