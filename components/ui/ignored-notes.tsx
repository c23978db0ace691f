// What an address asked for that could not be used, and why (README: an unknown or malformed
// value is ignored and the page says so). The timeline's own filter notes use the same wording.
export function IgnoredNotes({ notes, className = "" }: { notes: readonly string[]; className?: string }) {
  if (notes.length === 0) return null;
  return (
    <div
      role="status"
      className={`rounded border border-amber-700 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100 ${className}`}
    >
      <p className="font-semibold">Some of the address could not be used:</p>
      <ul className="ml-5 list-disc">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
