import Link from "next/link";
import { EditorForm } from "@/components/editor/editor-form";
import { actorFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { createActorAction } from "@/lib/editor/actions/entities";
import { listActorsForEditor } from "@/lib/editor/queries";

export const metadata = { title: "Actors" };

export default async function ActorsPage() {
  await requireEditor();
  const items = await listActorsForEditor();
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Actors</h1>
      <ul className="space-y-1">
        {items.map((item) => (
          <li key={item.id}>
            <Link href={`/editor/actors/${item.id}`} className="underline">
              {item.name}
            </Link>{" "}
            ({item.slug})
          </li>
        ))}
      </ul>
      <section className="max-w-2xl">
        <EditorForm action={createActorAction} idPrefix="new-actor" title="New actor" submitLabel="Create actor" initial={{}} fields={actorFields} />
      </section>
    </div>
  );
}
