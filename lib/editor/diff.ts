// Field-level diffs for the revision log and for the edit-conflict view. Values are compared in
// their plain form (dates as ISO strings, lists joined), so a diff is JSON-safe.

export type Plain = string | number | boolean | null;
export type Snapshot = Record<string, Plain>;
export type FieldChange = { from: Plain; to: Plain };
export type FieldDiff = Record<string, FieldChange>;

export function plain(value: unknown): Plain {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/** The fields whose values differ between two snapshots (keys of either). */
export function diffSnapshots(before: Snapshot | null, after: Snapshot | null): FieldDiff {
  const diff: FieldDiff = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (from !== to) diff[key] = { from, to };
  }
  return diff;
}

export function parseDiff(text: string): FieldDiff {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as FieldDiff) : {};
  } catch {
    return {};
  }
}
