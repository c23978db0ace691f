import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import { RevisionLog } from "@/components/editor/revision-log";
import { tagFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { updateTagAction } from "@/lib/editor/actions/entities";
import { getEditorTag } from "@/lib/editor/queries";
import { listRevisions } from "@/lib/editor/revisions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit tag" };

export default async function EditTagPage({ params, searchParams }: Props) {
  await requireEditor();
  const item = await getEditorTag((await params).id);
  if (!item) notFound();
  const { saved } = await searchParams;
  const revisions = await listRevisions("Tag", item.id);
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/editor/tags" className="underline">
          ← All tags
        </Link>
      </p>
      <h1 className="font-serif text-2xl font-bold">{item.name}</h1>
      {saved ? (
        <p role="status" className="rounded border border-green-700 p-2 text-sm">
          Saved.
        </p>
      ) : null}
      <EditorForm
        action={updateTagAction}
        idPrefix="tag"
        submitLabel="Save tag"
        hidden={{ id: item.id, version: String(item.version) }}
        initial={{ slug: item.slug, name: item.name }}
        fields={tagFields}
      />
      <h2 className="font-serif text-xl font-bold">Revision log</h2>
      <RevisionLog revisions={revisions} />
    </div>
  );
}
