"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { revalidatePublicPages } from "../../cache/revalidate";
import { requireEditor } from "../../auth/session";
import { RELATION_TYPES, STANCES } from "../../domain";
import { getDb } from "../../db";
import { DomainError } from "../../errors";
import { citationFormSchema, citationInputFrom, eventFormAsSnapshot, eventFormSchema } from "../event-form";
import {
  addCitation,
  addRelation,
  createDraftEvent,
  deleteDraftEvent,
  linkClaim,
  mergeEventInto,
  publishEvent,
  removeCitation,
  removeRelation,
  retractEvent,
  unlinkClaim,
  updateCitation,
  updateEventFields,
  withdrawEvent,
} from "../events";
import { checkbox, optionalText, runForm, versionField } from "../form";
import type { FormState } from "../form-state";

const editPath = (id: string, flash?: string) => `/editor/events/${id}${flash ? `?saved=${flash}` : ""}`;

function done(id: string, flash: string): never {
  revalidatePublicPages();
  redirect(editPath(id, flash));
}

async function zoneOfEvent(eventId: string): Promise<string> {
  const e = await getDb().event.findUnique({ where: { id: eventId }, select: { timeZone: true } });
  if (!e) throw new DomainError("The event does not exist.", "eventId");
  return e.timeZone;
}

export async function createEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, eventFormSchema.and(z.object({ storyId: z.string().min(1, "Choose a story.") })), async (input) => {
    const created = await createDraftEvent(user, input.storyId, input);
    id = created.id;
  });
  if (state.status === "done") done(id, "created");
  return state;
}

const changeNote = z.object({
  id: z.string().min(1),
  version: versionField,
  reason: optionalText,
  isCorrection: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  correctionNote: optionalText,
});

export async function updateEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(
    formData,
    eventFormSchema.and(changeNote),
    async (input) => {
      id = input.id;
      if (input.isCorrection && !input.correctionNote) {
        throw new DomainError("A correction needs a public note saying what was wrong.", "correctionNote");
      }
      await updateEventFields(user, input.id, input.version, input, {
        reason: input.reason,
        correctionNote: input.isCorrection ? input.correctionNote : null,
      });
    },
    eventFormAsSnapshot,
  );
  if (state.status === "done") done(id, "saved");
  return state;
}

const publishSchema = z.object({ id: z.string().min(1), version: versionField, reason: optionalText });

export async function publishEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, publishSchema, async (input) => {
    id = input.id;
    await publishEvent(user, input.id, input.version, input.reason);
  });
  if (state.status === "done") done(id, "published");
  return state;
}

const withdrawSchema = z.object({
  id: z.string().min(1),
  version: versionField,
  withdrawalNote: z.string().trim().min(1, "A withdrawal needs a public note saying why."),
});

export async function withdrawEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, withdrawSchema, async (input) => {
    id = input.id;
    await withdrawEvent(user, input.id, input.version, input.withdrawalNote);
  });
  if (state.status === "done") done(id, "withdrawn");
  return state;
}

const deleteDraftSchema = z.object({ id: z.string().min(1), version: versionField, reason: optionalText });

export async function deleteDraftAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  const state = await runForm(formData, deleteDraftSchema, async (input) => {
    await deleteDraftEvent(user, input.id, input.version, input.reason);
  });
  if (state.status === "done") {
    revalidatePublicPages();
    redirect("/editor?saved=draft-deleted");
  }
  return state;
}

const mergeSchema = z.object({
  id: z.string().min(1),
  version: versionField,
  keep: z.string().trim().min(1, "Enter the slug or id of the event to keep."),
  withdrawalNote: optionalText,
});

export async function mergeEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let kept = "";
  const state = await runForm(formData, mergeSchema, async (input) => {
    kept = (await mergeEventInto(user, input.id, input.version, input.keep, input.withdrawalNote)).keptId;
  });
  if (state.status === "done") done(kept, "merged");
  return state;
}

const retractSchema = z.object({
  id: z.string().min(1),
  version: versionField,
  retractionNote: z.string().trim().min(1, "A retraction needs a public reason."),
});

export async function retractEventAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, retractSchema, async (input) => {
    id = input.id;
    await retractEvent(user, input.id, input.version, input.retractionNote);
  });
  if (state.status === "done") done(id, "retracted");
  return state;
}

const citationExtra = z.object({ eventId: z.string().min(1), reason: optionalText });

export async function addCitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, citationFormSchema.and(citationExtra), async (input) => {
    id = input.eventId;
    await addCitation(user, input.eventId, citationInputFrom(input, await zoneOfEvent(input.eventId)), { reason: input.reason });
  });
  if (state.status === "done") done(id, "citation-added");
  return state;
}

const citationEdit = z.object({
  eventId: z.string().min(1),
  citationId: z.string().min(1),
  version: versionField,
  reason: optionalText,
  isCorrection: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  correctionNote: optionalText,
});

export async function updateCitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, citationFormSchema.and(citationEdit), async (input) => {
    id = input.eventId;
    if (input.isCorrection && !input.correctionNote) {
      throw new DomainError("A correction needs a public note saying what was wrong.", "correctionNote");
    }
    await updateCitation(user, input.citationId, input.version, citationInputFrom(input, await zoneOfEvent(input.eventId)), {
      reason: input.reason,
      correctionNote: input.isCorrection ? input.correctionNote : null,
    });
  });
  if (state.status === "done") done(id, "citation-saved");
  return state;
}

const removeCitationSchema = z.object({ eventId: z.string().min(1), citationId: z.string().min(1), reason: optionalText });

export async function removeCitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, removeCitationSchema, async (input) => {
    id = input.eventId;
    await removeCitation(user, input.citationId, input.reason);
  });
  if (state.status === "done") done(id, "citation-removed");
  return state;
}

const linkSchema = z.object({
  eventId: z.string().min(1),
  claimId: z.string().min(1, "Choose a claim."),
  stance: z.enum(STANCES, { error: "Choose a stance." }),
  note: optionalText,
  main: checkbox,
});

export async function linkClaimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, linkSchema, async (input) => {
    id = input.eventId;
    await linkClaim(user, input.eventId, input.claimId, input.stance, input.note, input.main);
  });
  if (state.status === "done") done(id, "claim-linked");
  return state;
}

const unlinkSchema = z.object({ eventId: z.string().min(1), claimId: z.string().min(1) });

export async function unlinkClaimAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, unlinkSchema, async (input) => {
    id = input.eventId;
    await unlinkClaim(user, input.eventId, input.claimId);
  });
  if (state.status === "done") done(id, "claim-unlinked");
  return state;
}

const relationSchema = z.object({
  eventId: z.string().min(1),
  toEvent: z.string().trim().min(1, "Enter the other event's slug or id."),
  type: z.enum(RELATION_TYPES, { error: "Choose a relation." }),
  note: optionalText,
});

export async function addRelationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, relationSchema, async (input) => {
    id = input.eventId;
    await addRelation(user, input.eventId, input.toEvent, input.type, input.note);
  });
  if (state.status === "done") done(id, "relation-added");
  return state;
}

const removeRelationSchema = z.object({ eventId: z.string().min(1), relationId: z.string().min(1) });

export async function removeRelationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, removeRelationSchema, async (input) => {
    id = input.eventId;
    await removeRelation(user, input.relationId);
  });
  if (state.status === "done") done(id, "relation-removed");
  return state;
}
