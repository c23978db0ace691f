import Link from "next/link";
import { notFound } from "next/navigation";
import { EditorForm } from "@/components/editor/editor-form";
import type { FieldSpec } from "@/components/editor/field-spec";
import { changeNoteFields, citationFields, claimLinkFields, eventFields, relationFields } from "@/components/editor/specs";
import { requireEditor } from "@/lib/auth/session";
import { ATTRIBUTION_LABEL, CLAIM_STATUS_LABEL, EVENT_STATUS_LABEL, RELATION_LABEL, STANCE_LABEL } from "@/lib/domain";
import {
  addCitationAction,
  addRelationAction,
  deleteDraftAction,
  linkClaimAction,
  mergeEventAction,
  publishEventAction,
  removeCitationAction,
  removeRelationAction,
  retractEventAction,
  unlinkClaimAction,
  updateCitationAction,
  updateEventAction,
  withdrawEventAction,
} from "@/lib/editor/actions/events";
import { eventToFormValues, instantToLocal } from "@/lib/editor/event-form";
import { editorEventState, getEditorEvent, getMergedInto, listActorsForEditor, listClaimsForEditor, listSourcesForEditor } from "@/lib/editor/queries";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export const metadata = { title: "Edit event" };

const section = "space-y-3 border-t border-zinc-300 pt-4 dark:border-zinc-700";
const h2 = "font-serif text-xl font-bold";

export default async function EditEventPage({ params, searchParams }: Props) {
  await requireEditor();
  const { id } = await params;
  const event = await getEditorEvent(id);
  if (!event) notFound();
  const { saved } = await searchParams;
  const [actors, sources, claims, mergedInto] = await Promise.all([
    listActorsForEditor(),
    listSourcesForEditor(),
    listClaimsForEditor(event.story.id),
    event.withdrawnAt ? getMergedInto(event.id) : null,
  ]);
  const sourceOptions = sources.map((s) => ({ value: s.id, label: s.name }));
  const actorOptions = actors.map((a) => ({ value: a.id, label: a.title ? `${a.name}, ${a.title}` : a.name }));
  const citationOptions = event.citations.map((c, i) => ({ value: c.id, label: `#${i + 1} ${c.source.name}${c.title ? `: ${c.title}` : ""}` }));
  const hidden = { id: event.id, version: String(event.version) };
  const state = editorEventState(event);
  const isDraft = !event.published && !event.publishedAt && !event.withdrawnAt;
  const removeFields: FieldSpec[] = [{ kind: "text", name: "reason", label: "Reason (revision log)" }];

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm">
          {event.story.title} · <strong>{state}</strong> · label “{EVENT_STATUS_LABEL[event.status]}” · version {event.version}
        </p>
        <h1 className="font-serif text-2xl font-bold">{event.headline}</h1>
        <p className="flex gap-4 text-sm">
          {event.published || event.withdrawnAt ? (
            <Link href={`/events/${event.slug}`} className="underline">
              Public permalink
            </Link>
          ) : null}
          <Link href={`/editor/events/${event.id}/history`} className="underline">
            History
          </Link>
        </p>
        {saved ? (
          <p role="status" className="rounded border border-green-700 p-2 text-sm">
            Saved ({saved.replace(/-/g, " ")}).
          </p>
        ) : null}
      </header>

      <section aria-labelledby="fields-h" className={section}>
        <h2 id="fields-h" className={h2}>
          Event
        </h2>
        {event.withdrawnAt ? (
          <p>Withdrawn from publication: its fields are no longer edited.</p>
        ) : (
          <EditorForm
            action={updateEventAction}
            idPrefix="event"
            submitLabel="Save event"
            hidden={hidden}
            initial={eventToFormValues(event)}
            fields={[...eventFields(actors.map((a) => ({ value: a.id, label: a.name }))), ...changeNoteFields]}
          />
        )}
      </section>

      <section aria-labelledby="publish-h" className={section}>
        <h2 id="publish-h" className={h2}>
          Publication
        </h2>
        {event.withdrawnAt ? (
          <p data-testid="withdrawn">
            Withdrawn from publication on {event.withdrawnAt.toISOString().slice(0, 10)}: {event.withdrawalNote}
            {mergedInto ? (
              <>
                {" "}
                Merged into{" "}
                <Link href={`/editor/events/${mergedInto.id}`} className="underline">
                  {mergedInto.headline}
                </Link>
                ; its slug and id lead there.
              </>
            ) : null}
          </p>
        ) : event.published ? (
          <p>
            Published{event.retractedAt ? `, and retracted: ${event.retractionNote}` : ""}. A published event is never deleted nor
            unpublished: it can be withdrawn below.
          </p>
        ) : (
          <>
            <EditorForm
              action={publishEventAction}
              idPrefix="publish"
              submitLabel="Publish"
              hidden={hidden}
              fields={[{ kind: "text", name: "reason", label: "Reason (revision log)" }]}
            />
            {isDraft ? (
              <EditorForm
                action={deleteDraftAction}
                idPrefix="delete-draft"
                title="Delete this draft"
                submitLabel="Delete draft"
                danger
                hidden={hidden}
                fields={[{ kind: "text", name: "reason", label: "Reason (revision log)", hint: "A draft was never public: it is deleted for good, and the revision log keeps what it was." }]}
              />
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="citations-h" className={section}>
        <h2 id="citations-h" className={h2}>
          Citations
        </h2>
        {event.citations.map((c, i) => {
          const published = instantToLocal(c.publishedAt, event.timeZone);
          return (
            <details key={c.id} className="rounded border border-zinc-300 p-2 dark:border-zinc-700">
              <summary>
                #{i + 1} {c.source.name} · {ATTRIBUTION_LABEL[c.attribution]}
                {c.attributionText ? ` (${c.attributionText})` : ""}
              </summary>
              <EditorForm
                action={updateCitationAction}
                idPrefix={`citation-${c.id}`}
                submitLabel="Save citation"
                hidden={{ eventId: event.id, citationId: c.id, version: String(c.version) }}
                initial={{
                  sourceId: c.sourceId,
                  attribution: c.attribution,
                  attributionText: c.attributionText ?? "",
                  quote: c.quote ?? "",
                  title: c.title ?? "",
                  url: c.url ?? "",
                  archivedUrl: c.archivedUrl ?? "",
                  publishedDate: published.day,
                  publishedTime: c.publishedPrecision === "MINUTE" || c.publishedPrecision === "HOUR" ? published.time : "",
                  publishedPrecision: c.publishedPrecision ?? "",
                  speakerActorId: c.speakerActorId ?? "",
                  originSourceId: c.originSourceId ?? "",
                  originText: c.originText ?? "",
                  repeatsCitationId: c.repeatsCitationId ?? "",
                  note: c.note ?? "",
                }}
                fields={[...citationFields(sourceOptions, citationOptions.filter((o) => o.value !== c.id), actorOptions), ...changeNoteFields]}
              />
              <EditorForm
                action={removeCitationAction}
                idPrefix={`remove-citation-${c.id}`}
                submitLabel="Remove citation"
                danger
                hidden={{ eventId: event.id, citationId: c.id }}
                fields={removeFields}
              />
            </details>
          );
        })}
        <div className="rounded border border-zinc-300 p-2 dark:border-zinc-700">
          <EditorForm
            action={addCitationAction}
            idPrefix="new-citation"
            title="Add a citation"
            submitLabel="Add citation"
            hidden={{ eventId: event.id }}
            initial={{ publishedPrecision: "DAY", attribution: "ANONYMOUS_OFFICIALS" }}
            fields={citationFields(sourceOptions, citationOptions, actorOptions)}
          />
        </div>
      </section>

      <section aria-labelledby="claims-h" className={section}>
        <h2 id="claims-h" className={h2}>
          Claims and stances
        </h2>
        <ul className="space-y-2">
          {event.claims.map((l, i) => (
            <li key={l.claimId} className="flex flex-wrap items-start gap-2">
              <span>
                {i === 0 ? <strong>Main claim · </strong> : null}
                {STANCE_LABEL[l.stance]}:{" "}
                <Link href={`/editor/claims/${l.claim.id}`} className="underline">
                  {l.claim.text}
                </Link>{" "}
                ({CLAIM_STATUS_LABEL[l.claim.status]}){l.note ? ` · ${l.note}` : ""}
              </span>
              <EditorForm
                action={unlinkClaimAction}
                idPrefix={`unlink-${l.claimId}`}
                submitLabel="Unlink"
                hidden={{ eventId: event.id, claimId: l.claimId }}
                fields={[]}
              />
            </li>
          ))}
        </ul>
        <EditorForm
          action={linkClaimAction}
          idPrefix="link-claim"
          title="Link a claim"
          submitLabel="Link claim"
          hidden={{ eventId: event.id }}
          fields={claimLinkFields(claims.map((c) => ({ value: c.id, label: c.text })))}
        />
        <p className="text-sm">
          <Link href="/editor/claims" className="underline">
            New claim…
          </Link>
        </p>
      </section>

      <section aria-labelledby="relations-h" className={section}>
        <h2 id="relations-h" className={h2}>
          Related events
        </h2>
        <ul className="space-y-2">
          {event.relationsFrom.map((r) => (
            <li key={r.id} className="flex flex-wrap items-start gap-2">
              <span>
                {RELATION_LABEL[r.type].outgoing}: {r.to.headline} ({r.to.slug})
              </span>
              <EditorForm action={removeRelationAction} idPrefix={`rel-${r.id}`} submitLabel="Remove" hidden={{ eventId: event.id, relationId: r.id }} fields={[]} />
            </li>
          ))}
        </ul>
        <EditorForm action={addRelationAction} idPrefix="relation" title="Add a relation" submitLabel="Add relation" hidden={{ eventId: event.id }} fields={relationFields} />
      </section>

      {event.corrections.length > 0 ? (
        <section aria-labelledby="corrections-h" className={section}>
          <h2 id="corrections-h" className={h2}>
            Public corrections
          </h2>
          <ul className="list-disc pl-5">
            {event.corrections.map((c) => (
              <li key={c.id}>
                {c.createdAt.toISOString().slice(0, 10)}: {c.note} ({c.createdBy})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {event.published && !event.retractedAt ? (
        <section aria-labelledby="retract-h" className={section}>
          <h2 id="retract-h" className={h2}>
            Retract
          </h2>
          <p className="text-sm">
            The item was wrong. Retracting keeps it on the timeline and at its permalink, labelled “Retracted”, with your public reason.
          </p>
          <EditorForm
            action={retractEventAction}
            idPrefix="retract"
            submitLabel="Retract event"
            danger
            hidden={hidden}
            fields={[{ kind: "textarea", name: "retractionNote", label: "Public reason for the retraction", rows: 2, required: true }]}
          />
        </section>
      ) : null}

      {event.published ? (
        <section aria-labelledby="withdraw-h" className={section}>
          <h2 id="withdraw-h" className={h2}>
            Withdraw from publication
          </h2>
          <p className="text-sm">
            For an item that must not stay published (legal reasons, say). It leaves the timeline, feeds, lists and search; its permalink
            stays and says when and why, with your public note; the API answers 410 Gone. A withdrawn item is never published again. For a
            duplicate, merge it instead (below).
          </p>
          <EditorForm
            action={withdrawEventAction}
            idPrefix="withdraw"
            submitLabel="Withdraw event"
            danger
            hidden={hidden}
            fields={[{ kind: "textarea", name: "withdrawalNote", label: "Public note: why it was withdrawn", rows: 2, required: true }]}
          />
        </section>
      ) : null}

      {!event.withdrawnAt && !event.retractedAt ? (
        <section aria-labelledby="merge-h" className={section}>
          <h2 id="merge-h" className={h2}>
            Merge into another event
          </h2>
          <p className="text-sm">
            When this event duplicates another of the story. Its citations, stances, actors, tags, relations and corrections move to the
            event you keep; this one is withdrawn, and its permalink (slug and id) leads to the kept event for good.
          </p>
          <EditorForm
            action={mergeEventAction}
            idPrefix="merge"
            submitLabel="Merge into the kept event"
            danger
            hidden={hidden}
            fields={[
              { kind: "text", name: "keep", label: "Event to keep (slug or id)", required: true },
              { kind: "textarea", name: "withdrawalNote", label: "Public note (optional)", rows: 2, hint: "Shown to mirrors; by default “A duplicate of …, merged into it.”" },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}
