import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import type { FieldSpec } from "@/components/editor/field-spec";
import { RevisionLog } from "@/components/editor/revision-log";
import { storyFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { setMainClaimsAction, updateStoryAction } from "@/lib/editor/actions/stories";
import { getEditorStory } from "@/lib/editor/queries";
import { listRevisions } from "@/lib/editor/revisions";
import { MAX_MAIN_CLAIMS } from "@/lib/editor/stories";
import { DEFAULT_MAIN_CLAIMS } from "@/lib/stories/main-claims";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit story" };

export default async function EditStoryPage({ params, searchParams }: Props) {
  await requireEditor();
  const story = await getEditorStory((await params).id);
  if (!story) notFound();
  const { saved } = await searchParams;
  const revisions = await listRevisions("Story", story.id);
  const claimOptions = story.claims.map((c) => ({ value: c.id, label: c.text }));
  const rows = Math.min(MAX_MAIN_CLAIMS, Math.max(3, story.mainClaims.length + 1));
  const mainClaimFields: FieldSpec[] = Array.from({ length: rows }, (_, i) => ({
    kind: "select",
    name: `mainClaim${i + 1}`,
    label: `Main claim ${i + 1}`,
    options: claimOptions,
    blank: "(none)",
  }));
  const hidden = { id: story.id, version: String(story.version) };
  return (
    <div className="max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/editor/stories" className="underline">
          ← All stories
        </Link>
      </p>
      <header>
        <p className="text-sm">
          {story._count.events} events · version {story.version}
          {story.isDefault ? " · the default story" : ""}
        </p>
        <h1 className="font-serif text-2xl font-bold">{story.title}</h1>
        <p className="text-sm">
          {/* A document load: the timeline's events come as HTML (lib/reader/frozen.ts). */}
          <a href={story.isDefault ? "/" : `/stories/${story.slug}`} className="underline">
            Public page
          </a>
        </p>
        {saved ? (
          <p role="status" className="rounded border border-green-700 p-2 text-sm">
            Saved ({saved.replace(/-/g, " ")}).
          </p>
        ) : null}
      </header>
      <EditorForm
        action={updateStoryAction}
        idPrefix="story"
        submitLabel="Save story"
        hidden={hidden}
        initial={{
          title: story.title,
          slug: story.slug,
          description: story.description,
          timeZone: story.timeZone,
          state: story.state,
          isDefault: story.isDefault ? "on" : "",
        }}
        fields={[...storyFields, { kind: "text", name: "reason", label: "Reason for the change (revision log)" }]}
      />
      <section aria-labelledby="main-claims-h" className="space-y-2">
        <h2 id="main-claims-h" className="font-serif text-xl font-bold">
          Main claims
        </h2>
        <p className="text-sm">
          The claims the story leads with, in this order. With none chosen, readers see the {DEFAULT_MAIN_CLAIMS} claims with the most published events.
        </p>
        <EditorForm
          action={setMainClaimsAction}
          idPrefix="main-claims"
          submitLabel="Save main claims"
          hidden={{ storyId: story.id, version: String(story.version) }}
          initial={Object.fromEntries(story.mainClaims.map((m, i) => [`mainClaim${i + 1}`, m.claimId]))}
          fields={[...mainClaimFields, { kind: "text", name: "reason", label: "Reason (revision log)" }]}
        />
      </section>
      <section>
        <h2 className="font-serif text-xl font-bold">Revision log</h2>
        <RevisionLog revisions={revisions} />
      </section>
    </div>
  );
}
