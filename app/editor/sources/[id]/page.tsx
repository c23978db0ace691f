import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import { RevisionLog } from "@/components/editor/revision-log";
import { sourceFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { updateSourceAction } from "@/lib/editor/actions/entities";
import { getEditorSource } from "@/lib/editor/queries";
import { listRevisions } from "@/lib/editor/revisions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit source" };

export default async function EditSourcePage({ params, searchParams }: Props) {
  await requireEditor();
  const item = await getEditorSource((await params).id);
  if (!item) notFound();
  const { saved } = await searchParams;
  const revisions = await listRevisions("Source", item.id);
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
      <h2 className="font-serif text-xl font-bold">Revision log</h2>
      <RevisionLog revisions={revisions} />
    </div>
  );
}
