import type { RevisionEntry } from "@/lib/editor/revisions";

// The revision log of one record: who, when, what (field by field) and why. Server component.
export function RevisionLog({ revisions }: { revisions: RevisionEntry[] }) {
  if (revisions.length === 0) return <p>No recorded changes yet.</p>;
  return (
    <ol className="space-y-4">
      {revisions.map((r) => (
        <li key={r.id} className="rounded border border-zinc-300 p-2 dark:border-zinc-700">
          <p className="text-sm">
            <strong>{r.action}</strong> by {r.by} on <time dateTime={r.at.toISOString()}>{r.at.toISOString().replace("T", " ").slice(0, 16)} UTC</time>
            {r.isCorrection ? " · public correction" : ""}
          </p>
          {r.reason ? <p className="text-sm">Reason: {r.reason}</p> : null}
          <table className="mt-1 w-full table-fixed text-sm">
            <thead>
              <tr className="text-left">
                <th className="w-1/4">Field</th>
                <th>Before</th>
                <th>After</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.diff).map(([field, change]) => (
                <tr key={field} className="align-top">
                  <td className="break-words font-mono">{field}</td>
                  <td className="break-words">
                    <del>{change.from === null ? "(none)" : String(change.from)}</del>
                  </td>
                  <td className="break-words">
                    <ins>{change.to === null ? "(none)" : String(change.to)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ol>
  );
}
