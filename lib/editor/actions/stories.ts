"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { revalidatePublicPages } from "../../cache/revalidate";
import { requireEditor } from "../../auth/session";
import { isValidTimeZone } from "../../dates";
import { STORY_STATES } from "../../domain";
import { checkbox, optionalText, runForm, versionField } from "../form";
import type { FormState } from "../form-state";
import { createStory, setMainClaims, updateStory } from "../stories";

const storyFields = z.object({
  title: z.string().trim().min(1, "The title is required."),
  slug: z.string().trim().min(1, "The slug is required."),
  description: z.string().trim().min(1, "A short description is required."),
  timeZone: z.string().trim().refine(isValidTimeZone, "Enter an IANA time zone, e.g. Europe/Kyiv."),
  state: z.enum(STORY_STATES, { error: "Choose the story's state." }),
  isDefault: checkbox,
});

function done(id: string, flash: string): never {
  revalidatePublicPages();
  redirect(`/editor/stories/${id}?saved=${flash}`);
}

const asStrings = (v: Record<string, string | string[]>) =>
  Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      const value = (Array.isArray(x) ? x.join(", ") : x).trim();
      return [k, k === "isDefault" ? String(value === "on") : value];
    }),
  );

export async function createStoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, storyFields, async (input) => {
    id = (await createStory(user, input)).id;
  });
  if (state.status === "done") done(id, "created");
  return state;
}

export async function updateStoryAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(
    formData,
    storyFields.extend({ id: z.string().min(1), version: versionField, reason: optionalText }),
    async (input) => {
      id = input.id;
      await updateStory(user, input.id, input.version, input, input.reason);
    },
    asStrings,
  );
  if (state.status === "done") done(id, "saved");
  return state;
}

// One select per row (mainClaim1, mainClaim2…), in order; blank rows are skipped.
const mainClaimsSchema = z.looseObject({ storyId: z.string().min(1), version: versionField, reason: optionalText });

export async function setMainClaimsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, mainClaimsSchema, async (input) => {
    id = input.storyId;
    const rows = Object.entries(input)
      .flatMap(([k, v]) => {
        const m = /^mainClaim(\d+)$/.exec(k);
        return m && typeof v === "string" && v.trim() ? [[Number(m[1]), v.trim()] as const] : [];
      })
      .sort((a, b) => a[0] - b[0])
      .map(([, claimId]) => claimId);
    await setMainClaims(user, input.storyId, input.version, rows, input.reason);
  });
  if (state.status === "done") done(id, "main-claims");
  return state;
}
