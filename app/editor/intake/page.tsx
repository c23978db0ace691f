import Link from "next/link";
import { EditorForm } from "@/components/editor/editor-form";
import { IntakeDraftForm } from "@/components/editor/intake-draft-form";
import { draftForm, explain, intakeFields } from "@/components/editor/intake-specs";
import { requireEditor } from "@/lib/auth/session";
import { ATTRIBUTION_LABEL, EVENT_KIND_LABEL, STANCE_LABEL } from "@/lib/domain";
import { reviewDraftAction, takeInArticleAction } from "@/lib/editor/actions/intake";
import { listStoriesForEditor } from "@/lib/editor/queries";
import { linkTargetsFor, listIntakeArticles } from "@/lib/intake/queries";

export const metadata = { title: "Article intake" };

const DECIDED: Record<string, string> = { accepted: "Accepted: the event was created.", merged: "Merged: the article was added as a citation.", discarded: "Discarded." };
const STATE_LABEL = { PENDING: "Awaiting review", ACCEPTED: "Accepted", MERGED: "Merged", DISCARDED: "Discarded" } as const;
const STATUS_WORDS = { official: "on the record", reported: "media-reported", claimed: "a party's claim", denied: "a denial on the record" } as const;

export default async function IntakePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireEditor();
  const params = await searchParams;
  const decided = typeof params.decided === "string" ? DECIDED[params.decided] : undefined;
  const [stories, articles] = await Promise.all([listStoriesForEditor(), listIntakeArticles()]);
  const targets = await linkTargetsFor(articles.map((a) => a.storyId));
  const pending = articles.reduce((n, a) => n + a.drafts.filter((d) => d.state === "PENDING").length, 0);

  return (
    <div className="space-y-6">
      <h1 className="font-serif text-2xl font-bold">Article intake</h1>
      <p className="max-w-3xl text-sm">
        Paste an article, or a saved web page. Intake suggests one draft event per act or statement it reports, with its date, actor, quote,
        sourcing, stance and the existing event it may describe; each field says which words it came from. Nothing is published until you accept
        a draft. Nothing is fetched from the network.
      </p>
      <section aria-labelledby="intake-form-title" className="max-w-3xl">
        <h2 id="intake-form-title" className="font-serif text-xl font-bold">
          Read an article
        </h2>
        <EditorForm
          action={takeInArticleAction}
          idPrefix="intake"
          submitLabel="Read the article"
          initial={{ storyId: stories[0]?.id ?? "", format: "auto" }}
          fields={intakeFields(stories.map((s) => ({ value: s.id, label: `${s.title} (${s.timeZone})` })))}
        />
      </section>

      <section id="drafts" aria-labelledby="drafts-title" className="space-y-4">
        <h2 id="drafts-title" className="font-serif text-xl font-bold">
          Drafts ({pending} awaiting review)
        </h2>
        <div role="status" aria-live="polite">
          {decided ? <p className="rounded border border-green-700 p-2 text-sm">{decided}</p> : null}
        </div>
        {articles.length === 0 ? <p>No article has been read yet.</p> : null}
        {articles.map((a) => {
          const claims = targets.claims.filter((c) => c.storyId === a.storyId).map((c) => ({ value: c.id, label: c.text }));
          const events = targets.events
            .filter((e) => e.storyId === a.storyId)
            .map((e) => ({ value: e.id, label: `${e.occurredOn} · ${e.headline}${e.published ? "" : " (draft)"}` }));
          return (
            <section key={a.id} aria-labelledby={`article-${a.id}`} className="space-y-3 border-t border-zinc-300 pt-3 dark:border-zinc-700">
              <h3 id={`article-${a.id}`} className="font-serif text-lg font-bold">
                {a.title ?? "Untitled article"}{" "}
                <span className="font-sans text-sm font-normal">
                  · {a.outletName} · {a.published ?? "undated"} · {a.story?.title ?? "a story that no longer exists"}
                </span>
              </h3>
              {a.drafts.length === 0 ? <p className="text-sm">Intake found no act or statement in this article.</p> : null}
              <ol className="space-y-4">
                {a.drafts.map((d) => {
                  const draft = d.draft;
                  const form = draftForm(draft, claims);
                  return (
                    <li key={d.id} id={`draft-${d.id}`} className="rounded border border-zinc-300 p-3 dark:border-zinc-700">
                      <article aria-labelledby={`draft-${d.id}-title`} data-intake-state={d.state.toLowerCase()}>
                        <h4 id={`draft-${d.id}-title`} className="font-semibold">
                          {draft.headline}
                        </h4>
                        <p className="text-sm">
                          <span className="font-semibold">{STATE_LABEL[d.state]}</span>
                          {" · "}
                          {EVENT_KIND_LABEL[draft.kind]} · {draft.date.day ?? "date unknown"} ({draft.date.class}) · {draft.actor?.name ?? "no actor named"} ·{" "}
                          {ATTRIBUTION_LABEL[draft.sourcing.attribution]}
                          {draft.sourcing.origin ? `, relaying ${draft.sourcing.origin.name}` : ""} · {STATUS_WORDS[draft.status]} · {STANCE_LABEL[draft.stance.stance]}
                        </p>
                        <p className="text-sm" data-testid="intake-match">
                          {draft.match.kind === "existing"
                            ? `Add this article as a citation to “${draft.match.headline}”: ${draft.match.reason}.`
                            : `New event: ${draft.match.reason}.`}
                        </p>
                        {draft.date.class === "unknown" || draft.date.approximate ? <p className="text-sm">Date: {draft.date.note}</p> : null}
                        {d.state === "PENDING" ? (
                          <details className="mt-2" open>
                            <summary className="cursor-pointer text-sm font-semibold">Review and decide</summary>
                            <IntakeDraftForm
                              action={reviewDraftAction}
                              draftId={d.id}
                              version={d.version}
                              fields={form.fields}
                              initial={form.initial}
                              events={events}
                              mergeHint={draft.match.kind === "existing" ? `Suggested: ${explain(draft.why.match)}` : "Intake found no existing event it describes."}
                            />
                          </details>
                        ) : d.event ? (
                          <p className="text-sm">
                            {d.state === "MERGED" ? "Added as a citation to " : "Became "}
                            <Link href={`/editor/events/${d.event.id}`} className="underline">
                              {d.event.headline}
                            </Link>
                            {d.event.published ? (
                              <>
                                {" · "}
                                <Link href={`/events/${d.event.slug}`} className="underline">
                                  public page
                                </Link>
                              </>
                            ) : (
                              " (draft)"
                            )}
                          </p>
                        ) : null}
                      </article>
                    </li>
                  );
                })}
              </ol>
            </section>
          );
        })}
      </section>
    </div>
  );
}
