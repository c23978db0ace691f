"use client";

import { useActionState } from "react";
import { IDLE, type FormState, type FormValues } from "@/lib/editor/form-state";
import type { Option } from "./field-spec";

// One intake draft under review: its fields as the engine suggested them (each with the words it
// came from), editable, and the editor's three decisions. A plain POST without JavaScript.

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export type DraftField =
  | { kind: "text" | "textarea"; name: string; label: string; hint?: string }
  | { kind: "select"; name: string; label: string; options: Option[]; blank?: string; hint?: string }
  | { kind: "checkbox"; name: string; label: string; hint?: string };

type Props = {
  action: Action;
  draftId: string;
  version: number;
  fields: DraftField[];
  initial: FormValues;
  /** The event intake suggests merging into, and the story's events to choose from. */
  events: Option[];
  mergeHint: string;
};

const input =
  "mt-1 block w-full rounded border border-zinc-400 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";
const button = "rounded px-3 py-1 font-semibold";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

export function IntakeDraftForm({ action, draftId, version, fields, initial, events, mergeHint }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const values: FormValues = state.values ? { ...initial, ...state.values } : initial;
  const errors = state.fieldErrors ?? {};
  const id = (name: string) => `draft-${draftId}-${name}`;
  const describedBy = (f: { name: string; hint?: string }) => `${id(f.name)}-error${f.hint ? ` ${id(f.name)}-hint` : ""}`;
  const error = (name: string) => (
    <p id={`${id(name)}-error`} aria-live="polite" className="text-sm font-semibold text-red-700 dark:text-red-400">
      {errors[name] ?? ""}
    </p>
  );
  const hint = (f: { name: string; hint?: string }) =>
    f.hint ? (
      <p id={`${id(f.name)}-hint`} className="text-xs text-zinc-700 dark:text-zinc-300">
        {f.hint}
      </p>
    ) : null;

  return (
    <form action={formAction} className="space-y-2" aria-labelledby={`draft-${draftId}-title`} noValidate>
      <input type="hidden" name="id" value={draftId} />
      <input type="hidden" name="version" value={String(version)} />
      <div aria-live="polite" role="status">
        {state.message ? <p className="rounded border border-red-700 p-2 text-sm font-semibold text-red-800 dark:text-red-300">{state.message}</p> : null}
      </div>
      <div className="grid gap-2 sm:grid-cols-2">
        {fields.map((f) => {
          const invalid = errors[f.name] ? true : undefined;
          const wide = f.kind === "textarea" || f.name === "headline";
          if (f.kind === "checkbox") {
            return (
              <div key={f.name} className={wide ? "sm:col-span-2" : undefined}>
                <label className="flex items-center gap-2">
                  <input type="checkbox" id={id(f.name)} name={f.name} defaultChecked={one(values[f.name]) === "on"} aria-describedby={describedBy(f)} aria-invalid={invalid} />
                  {f.label}
                </label>
                {hint(f)}
                {error(f.name)}
              </div>
            );
          }
          return (
            <div key={f.name} className={wide ? "sm:col-span-2" : undefined}>
              <label htmlFor={id(f.name)} className="block font-medium">
                {f.label}
              </label>
              {f.kind === "textarea" ? (
                <textarea id={id(f.name)} name={f.name} rows={3} defaultValue={one(values[f.name])} aria-describedby={describedBy(f)} aria-invalid={invalid} className={input} />
              ) : f.kind === "select" ? (
                <select id={id(f.name)} name={f.name} defaultValue={one(values[f.name])} aria-describedby={describedBy(f)} aria-invalid={invalid} className={input}>
                  {f.blank !== undefined ? <option value="">{f.blank}</option> : null}
                  {f.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={id(f.name)} name={f.name} type="text" defaultValue={one(values[f.name])} aria-describedby={describedBy(f)} aria-invalid={invalid} className={input} />
              )}
              {hint(f)}
              {error(f.name)}
            </div>
          );
        })}
      </div>
      <div>
        <label htmlFor={id("mergeEventId")} className="block font-medium">
          Existing event to merge into
        </label>
        <select
          id={id("mergeEventId")}
          name="mergeEventId"
          defaultValue={one(values.mergeEventId)}
          aria-describedby={`${id("mergeEventId")}-error ${id("mergeEventId")}-hint`}
          aria-invalid={errors.mergeEventId ? true : undefined}
          className={input}
        >
          <option value="">(choose an event)</option>
          {events.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <p id={`${id("mergeEventId")}-hint`} className="text-xs text-zinc-700 dark:text-zinc-300">
          {mergeHint}
        </p>
        {error("mergeEventId")}
        {error("id")}
      </div>
      <div className="flex flex-wrap gap-2 pt-1">
        <button type="submit" name="decision" value="accept" disabled={pending} className={`${button} bg-zinc-800 text-white dark:bg-zinc-200 dark:text-zinc-900`}>
          Accept as a new event
        </button>
        <button type="submit" name="decision" value="merge" disabled={pending} className={`${button} border border-zinc-700 dark:border-zinc-300`}>
          Merge into the chosen event
        </button>
        <button type="submit" name="decision" value="discard" disabled={pending} className={`${button} border border-red-700 text-red-800 dark:border-red-400 dark:text-red-300`}>
          Discard
        </button>
      </div>
    </form>
  );
}
