import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import { RevisionLog } from "@/components/editor/revision-log";
import { actorFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { updateActorAction } from "@/lib/editor/actions/entities";
import { getEditorActor } from "@/lib/editor/queries";
import { listRevisions } from "@/lib/editor/revisions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit actor" };

export default async function EditActorPage({ params, searchParams }: Props) {
  await requireEditor();
  const item = await getEditorActor((await params).id);
  if (!item) notFound();
  const { saved } = await searchParams;
  const revisions = await listRevisions("Actor", item.id);
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/editor/actors" className="underline">
          ← All actors
        </Link>
      </p>
      <h1 className="font-serif text-2xl font-bold">{item.name}</h1>
      {saved ? (
        <p role="status" className="rounded border border-green-700 p-2 text-sm">
          Saved.
        </p>
      ) : null}
      <EditorForm
        action={updateActorAction}
        idPrefix="actor"
        submitLabel="Save actor"
        hidden={{ id: item.id, version: String(item.version) }}
        initial={{ slug: item.slug, name: item.name, title: item.title ?? "", affiliation: item.affiliation ?? "" }}
        fields={actorFields}
      />
      <h2 className="font-serif text-xl font-bold">Revision log</h2>
      <RevisionLog revisions={revisions} />
    </div>
  );
}
