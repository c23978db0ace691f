/** What in the address could not be used, and why (DESIGN.md: never an error page, always a note). */
export function ViewNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <div role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">Some of the address could not be used:</p>
      <ul className="ml-5 list-disc">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
