import "server-only";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { z } from "zod";
import { DatabaseBusyError, DomainError } from "../errors";
import { isWebUrl, WEB_URL_MESSAGE } from "../url";
import { ConflictError } from "./conflict";
import type { Plain } from "./diff";
import type { FormState, FormValues } from "./form-state";

// Shared plumbing of the editor's server actions: form data → zod → domain write → a FormState
// that names the failing field, or shows both versions on a conflict.

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length === 1 ? all[0]! : all;
  }
  return values;
}

/** Optional text: trimmed, empty → null. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));

export const requiredText = (label: string) => z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`);

export const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null))
  .refine((v) => v === null || isWebUrl(v), WEB_URL_MESSAGE);

export const versionField = z.coerce.number().int().min(1);

export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

export function show(value: Plain | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value);
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Parses the form with the schema and runs the write. Validation and domain errors come back as
 * field errors with the submitted values; a version conflict also carries the current record and
 * the fields where it differs from what was submitted. Next's redirect() passes through.
 */
export async function runForm<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  write: (input: z.infer<S>) => Promise<FormState | void>,
  compare?: (values: FormValues) => Record<string, string>,
): Promise<FormState> {
  const values = formValues(formData);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    return { status: "error", message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error), values };
  }
  try {
    return (await write(parsed.data)) ?? { status: "done", values };
  } catch (error) {
    if (isRedirectError(error)) throw error;
    if (error instanceof ConflictError) {
      const current = Object.fromEntries(Object.entries(error.current).map(([k, v]) => [k, show(v)]));
      const yours = compare ? compare(values) : {};
      const changes = Object.keys(current)
        .filter((k) => k in yours && yours[k] !== current[k])
        .map((field) => ({ field, yours: yours[field] ?? "", theirs: current[field] ?? "" }));
      return {
        status: "conflict",
        message: error.message,
        values: { ...values, version: String(error.currentVersion) },
        conflict: { version: error.currentVersion, current, changes },
      };
    }
    if (error instanceof DomainError) {
      return {
        status: "error",
        message: error.message,
        fieldErrors: error.field ? { [error.field]: error.message } : undefined,
        values,
      };
    }
    // Nothing was written: the form comes back as typed, to be sent again.
    if (error instanceof DatabaseBusyError) return { status: "error", message: error.message, values };
    throw error;
  }
}
