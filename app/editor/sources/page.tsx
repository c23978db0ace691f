import Link from "next/link";
import { EditorForm } from "@/components/editor/editor-form";
import { sourceFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { createSourceAction } from "@/lib/editor/actions/entities";
import { listSourcesForEditor } from "@/lib/editor/queries";

export const metadata = { title: "Sources" };

export default async function SourcesPage() {
  await requireEditor();
  const items = await listSourcesForEditor();
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Sources</h1>
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.id}>
            <Link href={`/editor/sources/${item.id}`} className="underline">
              {item.name}
            </Link>{" "}
            ({item.slug})
          </li>
        ))}
      </ul>
      <section className="max-w-2xl">
        <EditorForm action={createSourceAction} idPrefix="new-source" title="New source" submitLabel="Create source" initial={{ kind: "NEWSPAPER" }} fields={sourceFields} />
      </section>
    </div>
  );
}
