import Link from "next/link";
import { EditorForm } from "@/components/editor/editor-form";
import { claimFields, firstStatusFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { ATTRIBUTION_LABEL, CLAIM_STATUS_LABEL } from "@/lib/domain";
import { createClaimAction } from "@/lib/editor/actions/claims";
import { listClaimsForEditor, listEvidenceCitations, listStoriesForEditor } from "@/lib/editor/queries";

export const metadata = { title: "Claims" };

export default async function ClaimsPage() {
  await requireEditor();
  const [claims, stories, citations] = await Promise.all([listClaimsForEditor(), listStoriesForEditor(), listEvidenceCitations()]);
  const evidence = citations.map((c) => ({
    value: c.id,
    label: `${c.event.story.title} · ${c.event.headline} · ${c.source.name} · ${ATTRIBUTION_LABEL[c.attribution]}${c.attributionText ? `: ${c.attributionText}` : ""}`,
  }));
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Claims</h1>
      <ul className="space-y-1">
        {claims.map((c) => (
          <li key={c.id}>
            <Link href={`/editor/claims/${c.id}`} className="underline">
              {c.text}
            </Link>{" "}
            · {CLAIM_STATUS_LABEL[c.status]} · {c.story.title}
          </li>
        ))}
      </ul>
      <section className="max-w-2xl">
        <EditorForm
          action={createClaimAction}
          idPrefix="new-claim"
          title="New claim"
          submitLabel="Create claim"
          fields={[
            { kind: "select", name: "storyId", label: "Story", options: stories.map((s) => ({ value: s.id, label: s.title })) },
            ...claimFields,
            ...firstStatusFields(evidence),
          ]}
        />
      </section>
    </div>
  );
}
