// What an editor form's server action returns to useActionState. Plain data only: it crosses to
// the client, and without JavaScript it is rendered by the server into the re-sent page.

export type FormValues = Record<string, string | string[]>;

export type FieldChangeView = { field: string; yours: string; theirs: string };

export type FormState = {
  status: "idle" | "error" | "conflict" | "done";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** What the editor submitted, so nothing typed is lost when the form is shown again. */
  values?: FormValues;
  conflict?: { version: number; current: Record<string, string>; changes: FieldChangeView[] };
  /** A one-time link to show once (invitations). */
  link?: string;
};

export const IDLE: FormState = { status: "idle" };
