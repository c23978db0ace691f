import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import { RevisionLog } from "@/components/editor/revision-log";
import { sourceFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { mergeSourceAction, updateSourceAction } from "@/lib/editor/actions/entities";
import { getEditorSource, listSourcesForEditor } from "@/lib/editor/queries";
import { listRevisions } from "@/lib/editor/revisions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit source" };

export default async function EditSourcePage({ params, searchParams }: Props) {
  await requireEditor();
  const item = await getEditorSource((await params).id);
  if (!item) notFound();
  const { saved } = await searchParams;
  const [revisions, sources] = await Promise.all([listRevisions("Source", item.id), listSourcesForEditor()]);
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/editor/sources" className="underline">
          ← All sources
        </Link>
      </p>
      <h1 className="font-serif text-2xl font-bold">{item.name}</h1>
      {saved ? (
        <p role="status" className="rounded border border-green-700 p-2 text-sm">
          Saved.
        </p>
      ) : null}
      <EditorForm
        action={updateSourceAction}
        idPrefix="source"
        submitLabel="Save source"
        hidden={{ id: item.id, version: String(item.version) }}
        initial={{ slug: item.slug, name: item.name, kind: item.kind, country: item.country ?? "", homepage: item.homepage ?? "", description: item.description ?? "" }}
        fields={sourceFields}
      />
      <section aria-labelledby="merge-h" className="space-y-2">
        <h2 id="merge-h" className="font-serif text-xl font-bold">
          Merge into another source
        </h2>
        <p className="text-sm">
          When this source duplicates another. Every citation of it, and every citation relaying it, moves to the source you keep; this
          one is removed, and its address (/sources/{item.slug}) leads to the kept source for good.
        </p>
        <EditorForm
          action={mergeSourceAction}
          idPrefix="merge-source"
          submitLabel="Merge into the kept source"
          danger
          hidden={{ id: item.id, version: String(item.version) }}
          fields={[
            {
              kind: "select",
              name: "keepId",
              label: "Source to keep",
              options: sources.filter((s) => s.id !== item.id).map((s) => ({ value: s.id, label: `${s.name} (${s.slug})` })),
              blank: "Choose a source",
              required: true,
            },
            { kind: "text", name: "reason", label: "Reason (revision log)" },
          ]}
        />
      </section>
      <h2 className="font-serif text-xl font-bold">Revision log</h2>
      <RevisionLog revisions={revisions} />
    </div>
  );
}
