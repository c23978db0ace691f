"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireEditor } from "../../auth/session";
import { revalidatePublicPages } from "../../cache/revalidate";
import { DomainError } from "../../errors";
import { acceptDraft, discardDraft, draftEditsSchema, mergeDraft, takeInArticle } from "../../intake/review";
import { optionalText, runForm, versionField } from "../form";
import type { FormState } from "../form-state";

// Article intake: reading an article into pending drafts, and an editor's decision on each.

const intakeSchema = z.object({
  storyId: z.string().min(1, "Choose a story."),
  outlet: z.string().trim().min(1, "Name the outlet that published the article.").max(200, "Keep the outlet's name under 200 characters."),
  published: optionalText,
  url: optionalText.refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), "Enter a full http:// or https:// address, or leave it empty."),
  title: optionalText,
  format: z.enum(["auto", "text", "html"]).default("auto"),
  text: z.string().min(1, "Paste the article's text or its saved HTML."),
});

export async function takeInArticleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let articleId = "";
  const state = await runForm(formData, intakeSchema, async (input) => {
    articleId = (await takeInArticle(user, input)).articleId;
  });
  if (state.status === "done") redirect(`/editor/intake?article=${articleId}#drafts`);
  return state;
}

const decisionSchema = z.object({
  id: z.string().min(1),
  version: versionField,
  decision: z.enum(["accept", "merge", "discard"], { error: "Choose accept, merge or discard." }),
  mergeEventId: optionalText,
});

export async function reviewDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let flash = "";
  const state = await runForm(formData, decisionSchema, async (d) => {
    if (d.decision === "discard") {
      await discardDraft(user, d.id, d.version);
      flash = "discarded";
      return;
    }
    const values = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
    const edits = draftEditsSchema.safeParse(values);
    if (!edits.success) {
      const issue = edits.error.issues[0]!;
      throw new DomainError(issue.message, String(issue.path[0] ?? "form"));
    }
    if (d.decision === "merge") {
      if (!d.mergeEventId) throw new DomainError("Choose the event to add this article to.", "mergeEventId");
      await mergeDraft(user, d.id, d.version, d.mergeEventId, edits.data);
      flash = "merged";
    } else {
      await acceptDraft(user, d.id, d.version, edits.data);
      flash = "accepted";
    }
  });
  if (state.status === "done") {
    revalidatePublicPages();
    redirect(`/editor/intake?decided=${flash}#drafts`);
  }
  return state;
}
