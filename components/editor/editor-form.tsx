"use client";

import { useActionState } from "react";
import { IDLE, type FormState, type FormValues } from "@/lib/editor/form-state";
import type { FieldSpec } from "./field-spec";

// Every editor form: a server action through useActionState (a plain POST without JavaScript),
// field errors next to their field and announced via aria-live, the submitted values kept on any
// error, and on a version conflict both versions side by side.

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

type Props = {
  action: Action;
  fields: FieldSpec[];
  initial?: FormValues;
  hidden?: Record<string, string>;
  submitLabel: string;
  idPrefix: string;
  title?: string;
  danger?: boolean;
};

const input =
  "mt-1 block w-full rounded border border-zinc-400 bg-white px-2 py-1 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100";

// Each result gets its own key, so the fields remount with the returned values as their defaults
// (React does not re-apply a changed defaultValue, notably a <select>'s, and resets forms after actions).
const stateKeys = new WeakMap<FormState, number>();
let nextKey = 0;
function keyOf(state: FormState): number {
  let key = stateKeys.get(state);
  if (key === undefined) {
    key = nextKey++;
    stateKeys.set(state, key);
  }
  return key;
}

function one(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

function many(v: string | string[] | undefined): string[] {
  return Array.isArray(v) ? v : v ? [v] : [];
}

export function EditorForm({ action, fields, initial = {}, hidden = {}, submitLabel, idPrefix, title, danger }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const values: FormValues = state.values ? { ...initial, ...state.values } : initial;
  const errors = state.fieldErrors ?? {};
  const id = (name: string) => `${idPrefix}-${name}`;
  const hiddenValues = { ...hidden, ...(state.conflict ? { version: String(state.conflict.version) } : {}) };

  function errorOf(name: string) {
    const message = errors[name];
    return (
      <p id={`${id(name)}-error`} aria-live="polite" className="text-sm font-semibold text-red-700 dark:text-red-400">
        {message ?? ""}
      </p>
    );
  }

  // The heading's id must not be a field's (`${idPrefix}-title` was the citation's Title field).
  return (
    <form action={formAction} className="space-y-3" aria-labelledby={title ? `${idPrefix}-heading` : undefined} noValidate>
      {title ? (
        <h3 id={`${idPrefix}-heading`} className="font-semibold">
          {title}
        </h3>
      ) : null}
      {Object.entries(hiddenValues).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div aria-live="polite" role="status">
        {state.message ? (
          <p
            className={
              state.status === "done"
                ? "rounded border border-green-700 p-2 text-sm"
                : "rounded border border-red-700 p-2 text-sm font-semibold text-red-800 dark:text-red-300"
            }
          >
            {state.message}
          </p>
        ) : null}
        {state.link ? (
          <p className="mt-1 break-all text-sm">
            <code data-testid="one-time-link">{state.link}</code>
          </p>
        ) : null}
      </div>
      {state.conflict ? (
        <section aria-label="Conflicting versions" className="rounded border border-amber-600 p-2 text-sm">
          <h4 className="font-semibold">What changed since you opened this form</h4>
          {state.conflict.changes.length > 0 ? (
            <table className="mt-1 w-full table-fixed border-collapse">
              <thead>
                <tr>
                  <th className="w-1/5 text-left">Field</th>
                  <th className="text-left">Your version (kept in the form)</th>
                  <th className="text-left">Current version {state.conflict.version}</th>
                </tr>
              </thead>
              <tbody>
                {state.conflict.changes.map((c) => (
                  <tr key={c.field} className="align-top">
                    <td className="font-mono">{c.field}</td>
                    <td className="break-words">
                      <ins>{c.yours || "(empty)"}</ins>
                    </td>
                    <td className="break-words">
                      <del>{c.theirs || "(empty)"}</del>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Your values match the current version field by field.</p>
          )}
          <details className="mt-1">
            <summary>The whole current version</summary>
            <dl className="grid grid-cols-[auto_1fr] gap-x-2">
              {Object.entries(state.conflict.current).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="font-mono">{k}</dt>
                  <dd className="break-words">{v || "(empty)"}</dd>
                </div>
              ))}
            </dl>
          </details>
        </section>
      ) : null}
      <div key={keyOf(state)} className="space-y-3">
      {fields.map((f) => {
        if (f.kind === "section") {
          return (
            <h4 key={f.title} className="pt-2 font-semibold">
              {f.title}
            </h4>
          );
        }
        if (f.kind === "pairs") {
          const firsts = many(values[f.first.name]);
          const seconds = many(values[f.second.name]);
          const rows = Math.max(f.rows, firsts.length + 1);
          return (
            <fieldset key={f.legend} className="space-y-1">
              <legend className="font-medium">{f.legend}</legend>
              {Array.from({ length: rows }, (_, i) => (
                <div key={i} className="flex gap-2">
                  <label className="flex-1 text-sm">
                    {f.first.label} {i + 1}
                    <select name={f.first.name} defaultValue={firsts[i] ?? ""} className={input}>
                      <option value="">(none)</option>
                      {f.first.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="w-48 text-sm">
                    {f.second.label} {i + 1}
                    <select name={f.second.name} defaultValue={seconds[i] ?? ""} className={input}>
                      {f.second.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
              ))}
            </fieldset>
          );
        }
        const describedBy = `${id(f.name)}-error${f.hint ? ` ${id(f.name)}-hint` : ""}`;
        const invalid = errors[f.name] ? true : undefined;
        const hint = f.hint ? (
          <p id={`${id(f.name)}-hint`} className="text-xs text-zinc-600 dark:text-zinc-400">
            {f.hint}
          </p>
        ) : null;
        if (f.kind === "checkbox") {
          return (
            <div key={f.name}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  id={id(f.name)}
                  name={f.name}
                  defaultChecked={one(values[f.name]) === "on"}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
                {f.label}
              </label>
              {hint}
              {errorOf(f.name)}
            </div>
          );
        }
        return (
          <div key={f.name}>
            <label htmlFor={id(f.name)} className="block font-medium">
              {f.label}
            </label>
            {f.kind === "textarea" ? (
              <textarea
                id={id(f.name)}
                name={f.name}
                rows={f.rows ?? 3}
                defaultValue={one(values[f.name])}
                required={f.required}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={input}
              />
            ) : f.kind === "select" ? (
              <select
                id={id(f.name)}
                name={f.name}
                defaultValue={one(values[f.name])}
                required={f.required}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={input}
              >
                {f.blank !== undefined ? <option value="">{f.blank}</option> : null}
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id(f.name)}
                name={f.name}
                type={f.kind}
                defaultValue={f.kind === "password" ? undefined : one(values[f.name])}
                required={f.required}
                autoComplete={f.autoComplete}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={input}
              />
            )}
            {hint}
            {errorOf(f.name)}
          </div>
        );
      })}
      </div>
      <button
        type="submit"
        disabled={pending}
        className={`rounded px-3 py-1 font-semibold text-white ${danger ? "bg-red-700" : "bg-zinc-800 dark:bg-zinc-200 dark:text-zinc-900"}`}
      >
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
