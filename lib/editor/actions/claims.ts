"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { revalidatePublicPages } from "../../cache/revalidate";
import { requireEditor } from "../../auth/session";
import { CLAIM_STATUSES, STANCES } from "../../domain";
import { changeClaimStatus, createClaim, updateClaim } from "../claims";
import { localToInstant } from "../event-form";
import { optionalText, runForm, versionField } from "../form";
import type { FormState } from "../form-state";
import { getDb } from "../../db";
import { DomainError } from "../../errors";

function done(id: string, flash: string): never {
  revalidatePublicPages();
  redirect(`/editor/claims/${id}?saved=${flash}`);
}

const claimFields = z.object({
  slug: z.string().trim().min(1, "The slug is required."),
  text: z.string().trim().min(1, "The claim's text is required."),
  scope: optionalText,
});

// The new-claim form's optional first status: left blank, the claim starts unverified.
const firstStatusFields = z.object({
  firstStatus: z.union([z.enum(CLAIM_STATUSES), z.literal("")]).optional().default(""),
  knownDate: z.string().optional().default(""),
  knownTime: z.string().optional().default(""),
  reason: z.string().optional().default(""),
  evidenceCitationId: optionalText,
  evidenceStance: z.union([z.enum(STANCES), z.literal("")]).optional().transform((v) => (v ? v : null)),
});

export async function createClaimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, claimFields.extend({ storyId: z.string().min(1, "Choose a story.") }).and(firstStatusFields), async (input) => {
    let first = null;
    if (input.firstStatus) {
      const story = await getDb().story.findUnique({ where: { id: input.storyId }, select: { timeZone: true } });
      const knownAt = localToInstant(input.knownDate, input.knownTime, story?.timeZone ?? "UTC");
      if (!knownAt) throw new DomainError("Enter when the first status became known, as YYYY-MM-DD.", "knownDate");
      if (!input.reason.trim()) throw new DomainError("A status needs a reason.", "reason");
      first = { to: input.firstStatus, knownAt, reason: input.reason, evidenceCitationId: input.evidenceCitationId, evidenceStance: input.evidenceStance };
    }
    id = (await createClaim(user, input.storyId, input, first)).id;
  });
  if (state.status === "done") done(id, "created");
  return state;
}

export async function updateClaimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(
    formData,
    claimFields.extend({ id: z.string().min(1), version: versionField, reason: optionalText }),
    async (input) => {
      id = input.id;
      await updateClaim(user, input.id, input.version, input, input.reason);
    },
    (v) => ({ slug: String(v.slug ?? ""), text: String(v.text ?? "").trim(), scope: String(v.scope ?? "").trim() }),
  );
  if (state.status === "done") done(id, "saved");
  return state;
}

const statusSchema = z.object({
  claimId: z.string().min(1),
  version: versionField,
  to: z.enum(CLAIM_STATUSES, { error: "Choose the new status." }),
  knownDate: z.string().trim().min(1, "Say when the change became known."),
  knownTime: z.string().optional().default(""),
  reason: z.string().trim().min(1, "A status change needs a reason."),
  evidenceCitationId: optionalText,
});

export async function changeClaimStatusAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, statusSchema, async (input) => {
    id = input.claimId;
    const claim = await getDb().claim.findUnique({ where: { id: input.claimId }, select: { story: { select: { timeZone: true } } } });
    const knownAt = localToInstant(input.knownDate, input.knownTime, claim?.story.timeZone ?? "UTC");
    if (!knownAt) return { status: "error", message: "Enter a valid date.", fieldErrors: { knownDate: "Enter the date as YYYY-MM-DD." } };
    await changeClaimStatus(user, {
      claimId: input.claimId,
      expectedVersion: input.version,
      to: input.to,
      knownAt,
      reason: input.reason,
      evidenceCitationId: input.evidenceCitationId,
    });
  });
  if (state.status === "done") done(id, "status-changed");
  // The rules name what is missing; show it next to the status field (DomainError field "to").
  return state;
}
