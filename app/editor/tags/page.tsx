import Link from "next/link";
import { EditorForm } from "@/components/editor/editor-form";
import { tagFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { createTagAction } from "@/lib/editor/actions/entities";
import { listTagsForEditor } from "@/lib/editor/queries";

export const metadata = { title: "Tags" };

export default async function TagsPage() {
  await requireEditor();
  const items = await listTagsForEditor();
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Tags</h1>
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.id}>
            <Link href={`/editor/tags/${item.id}`} className="underline">
              {item.name}
            </Link>{" "}
            ({item.slug}) · {item._count.events} events
          </li>
        ))}
      </ul>
      <section className="max-w-2xl">
        <EditorForm action={createTagAction} idPrefix="new-tag" title="New tag" submitLabel="Create tag" fields={tagFields} />
      </section>
    </div>
  );
}
