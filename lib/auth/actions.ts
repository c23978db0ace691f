"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "../editor/form-state";
import { runForm } from "../editor/form";
import { ROLES } from "./roles";
import { requireAdmin, SIGN_IN_PATH } from "./session";
import { signInWithPassword, signOutSession } from "./sign-in";
import { inviteUser, issueSetPasswordToken, setPasswordWithToken, setUserDisabled } from "./users";
import { requestOrigin } from "./auth";

// Sign-in, sign-out and set-password are the only actions open to anonymous visitors (the
// authorization test lists them explicitly). Everything else starts with requireRole.

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address."),
  password: z.string().min(1, "Enter your password.").max(256, "The password is too long (256 characters at most)."),
});

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runForm(formData, signInSchema, async ({ email, password }) => {
    const result = await signInWithPassword(email, password, await headers());
    if (!result.ok) return { status: "error", message: result.message, fieldErrors: { password: result.message }, values: { email } };
  });
  if (state.status === "done") redirect("/editor");
  // Never echo the password back into the form.
  return { ...state, values: { email: typeof state.values?.email === "string" ? state.values.email : "" } };
}

export async function signOutAction(): Promise<void> {
  await signOutSession(await headers());
  redirect(SIGN_IN_PATH);
}

const setPasswordSchema = z
  .object({
    token: z.string().min(1),
    password: z.string().min(1, "Choose a password."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });

export async function setPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const state = await runForm(formData, setPasswordSchema, async ({ token, password }) => {
    await setPasswordWithToken(token, password);
  });
  if (state.status === "done") redirect(`${SIGN_IN_PATH}?password=set`);
  return { ...state, values: { token: typeof state.values?.token === "string" ? state.values.token : "" } };
}

async function inviteLink(token: string): Promise<string> {
  return `${requestOrigin(await headers())}/editor/set-password?token=${encodeURIComponent(token)}`;
}

const inviteSchema = z.object({
  email: z.string().trim().min(1, "Enter an email address."),
  name: z.string().trim().min(1, "Enter a name."),
  role: z.enum(ROLES, { error: "Choose a role." }),
});

export async function inviteUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  await requireAdmin();
  return runForm(formData, inviteSchema, async (input) => {
    const { user, token } = await inviteUser(input);
    return {
      status: "done",
      message: `Invitation created for ${user.email}. Send them this one-time link (valid for 7 days); it is shown only once.`,
      link: await inviteLink(token),
    };
  });
}

const userIdSchema = z.object({ userId: z.string().min(1) });

export async function newSetPasswordLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  await requireAdmin();
  return runForm(formData, userIdSchema, async ({ userId }) => ({
    status: "done",
    message: "A new one-time set-password link (earlier links no longer work):",
    link: await inviteLink(await issueSetPasswordToken(userId)),
  }));
}

const disableSchema = z.object({ userId: z.string().min(1), disabled: z.enum(["true", "false"]) });

export async function setUserDisabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const state = await runForm(formData, disableSchema, async ({ userId, disabled }) => {
    await setUserDisabled(userId, disabled === "true", admin.id);
  });
  if (state.status === "done") redirect("/editor/users");
  return state;
}
