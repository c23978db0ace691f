"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { revalidatePublicPages } from "../../cache/revalidate";
import { requireEditor } from "../../auth/session";
import { SOURCE_KINDS } from "../../domain";
import { createActor, createSource, createTag, mergeSourceInto, updateActor, updateSource, updateTag } from "../entities";
import { optionalText, optionalUrl, runForm, versionField } from "../form";
import type { FormState } from "../form-state";

const sourceFields = z.object({
  slug: z.string().trim().min(1, "The slug is required."),
  name: z.string().trim().min(1, "The name is required."),
  kind: z.enum(SOURCE_KINDS, { error: "Choose a kind." }),
  country: optionalText,
  homepage: optionalUrl,
  description: optionalText,
});

const actorFields = z.object({
  slug: z.string().trim().min(1, "The slug is required."),
  name: z.string().trim().min(1, "The name is required."),
  title: optionalText,
  affiliation: optionalText,
});

const tagFields = z.object({
  slug: z.string().trim().min(1, "The slug is required."),
  name: z.string().trim().min(1, "The name is required."),
});

const asStrings = (v: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, (Array.isArray(x) ? x.join(", ") : x).trim()]));

function done(path: string): never {
  revalidatePublicPages();
  redirect(path);
}

export async function createSourceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, sourceFields, async (input) => {
    id = (await createSource(user, input)).id;
  });
  if (state.status === "done") done(`/editor/sources/${id}?saved=created`);
  return state;
}

export async function updateSourceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(
    formData,
    sourceFields.extend({ id: z.string().min(1), version: versionField }),
    async (input) => {
      id = input.id;
      await updateSource(user, input.id, input.version, input);
    },
    asStrings,
  );
  if (state.status === "done") done(`/editor/sources/${id}?saved=saved`);
  return state;
}

export async function createActorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, actorFields, async (input) => {
    id = (await createActor(user, input)).id;
  });
  if (state.status === "done") done(`/editor/actors/${id}?saved=created`);
  return state;
}

export async function updateActorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(
    formData,
    actorFields.extend({ id: z.string().min(1), version: versionField }),
    async (input) => {
      id = input.id;
      await updateActor(user, input.id, input.version, input);
    },
    asStrings,
  );
  if (state.status === "done") done(`/editor/actors/${id}?saved=saved`);
  return state;
}

const mergeSourceSchema = z.object({
  id: z.string().min(1),
  version: versionField,
  keepId: z.string().min(1, "Choose the source to keep."),
  reason: optionalText,
});

export async function mergeSourceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let keepId = "";
  const state = await runForm(formData, mergeSourceSchema, async (input) => {
    keepId = input.keepId;
    await mergeSourceInto(user, input.id, input.version, input.keepId, input.reason);
  });
  if (state.status === "done") done(`/editor/sources/${keepId}?saved=merged`);
  return state;
}

export async function createTagAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(formData, tagFields, async (input) => {
    id = (await createTag(user, input)).id;
  });
  if (state.status === "done") done(`/editor/tags/${id}?saved=created`);
  return state;
}

export async function updateTagAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const user = await requireEditor();
  let id = "";
  const state = await runForm(
    formData,
    tagFields.extend({ id: z.string().min(1), version: versionField }),
    async (input) => {
      id = input.id;
      await updateTag(user, input.id, input.version, input);
    },
    asStrings,
  );
  if (state.status === "done") done(`/editor/tags/${id}?saved=saved`);
  return state;
}
