import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import { RevisionLog } from "@/components/editor/revision-log";
import { claimFields, statusChangeFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { ATTRIBUTION_LABEL, CLAIM_STATUS_LABEL, STANCE_LABEL } from "@/lib/domain";
import { changeClaimStatusAction, updateClaimAction } from "@/lib/editor/actions/claims";
import { instantToLocal } from "@/lib/editor/event-form";
import { getEditorClaim } from "@/lib/editor/queries";
import { listRevisions } from "@/lib/editor/revisions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit claim" };

export default async function EditClaimPage({ params, searchParams }: Props) {
  await requireEditor();
  const { id } = await params;
  const claim = await getEditorClaim(id);
  if (!claim) notFound();
  const { saved } = await searchParams;
  const revisions = await listRevisions("Claim", claim.id);
  const evidence = claim.events.flatMap((l) =>
    l.event.citations.map((c) => ({
      value: c.id,
      label: `${l.event.headline} (${STANCE_LABEL[l.stance].toLowerCase()}) · ${c.source.name} · ${ATTRIBUTION_LABEL[c.attribution]}${c.attributionText ? `: ${c.attributionText}` : ""}`,
    })),
  );
  const today = instantToLocal(new Date(), claim.story.timeZone);
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">{claim.story.title} · version {claim.version}</p>
        <h1 className="font-serif text-2xl font-bold">{claim.text}</h1>
        <p>
          Status: <strong data-testid="claim-status">{CLAIM_STATUS_LABEL[claim.status]}</strong> ·{" "}
          <Link href={`/claims/${claim.slug}`} className="underline">
            Public page
          </Link>
        </p>
        {saved ? (
          <p role="status" className="rounded border border-green-700 p-2 text-sm">
            Saved ({saved.replace(/-/g, " ")}).
          </p>
        ) : null}
      </header>

      <section className="max-w-2xl space-y-2">
        <h2 className="font-serif text-xl font-bold">Change the status</h2>
        <EditorForm
          action={changeClaimStatusAction}
          idPrefix="status"
          submitLabel="Record status change"
          hidden={{ claimId: claim.id, version: String(claim.version) }}
          initial={{ knownDate: today.day, knownTime: today.time }}
          fields={statusChangeFields(evidence)}
        />
        <h3 className="font-semibold">Status history (append-only)</h3>
        <ol className="list-decimal pl-5 text-sm">
          {claim.history.map((h) => (
            <li key={h.id}>
              {h.fromStatus ? CLAIM_STATUS_LABEL[h.fromStatus] : "(new)"} → {CLAIM_STATUS_LABEL[h.toStatus]}, known {h.knownAt.toISOString().slice(0, 16).replace("T", " ")} UTC, by {h.changedBy}: {h.reason}
              {h.evidenceCitation ? ` (evidence: ${h.evidenceCitation.source.name})` : ""}
            </li>
          ))}
        </ol>
      </section>

      <section className="max-w-2xl">
        <h2 className="font-serif text-xl font-bold">Claim</h2>
        <EditorForm
          action={updateClaimAction}
          idPrefix="claim"
          submitLabel="Save claim"
          hidden={{ id: claim.id, version: String(claim.version) }}
          initial={{ text: claim.text, slug: claim.slug, scope: claim.scope ?? "" }}
          fields={[...claimFields, { kind: "text", name: "reason", label: "Reason for the change (revision log)" }]}
        />
      </section>

      <section>
        <h2 className="font-serif text-xl font-bold">Events taking a stance</h2>
        <ul className="list-disc pl-5">
          {claim.events.map((l) => (
            <li key={l.event.id}>
              {STANCE_LABEL[l.stance]}:{" "}
              <Link href={`/editor/events/${l.event.id}`} className="underline">
                {l.event.headline}
              </Link>
              {l.event.published ? "" : " (draft)"}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2 className="font-serif text-xl font-bold">Revision log</h2>
        <RevisionLog revisions={revisions} />
      </section>
    </div>
  );
}
