import Link from "next/link";
import { EditorForm } from "@/components/editor/editor-form";
import { storyFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { STORY_STATE_LABEL } from "@/lib/domain";
import { createStoryAction } from "@/lib/editor/actions/stories";
import { listStoriesForEditor } from "@/lib/editor/queries";

export const metadata = { title: "Stories" };

export default async function StoriesPage() {
  await requireEditor();
  const stories = await listStoriesForEditor();
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Stories</h1>
      <ul className="space-y-1">
        {stories.map((s) => (
          <li key={s.id}>
            <Link href={`/editor/stories/${s.id}`} className="underline">
              {s.title}
            </Link>{" "}
            ({s.slug}) · {STORY_STATE_LABEL[s.state]}
            {s.isDefault ? " · default story" : ""}
          </li>
        ))}
      </ul>
      <section className="max-w-2xl">
        <EditorForm
          action={createStoryAction}
          idPrefix="new-story"
          title="New story"
          submitLabel="Create story"
          initial={{ state: "DEVELOPING", timeZone: "UTC" }}
          fields={storyFields}
        />
      </section>
    </div>
  );
}
