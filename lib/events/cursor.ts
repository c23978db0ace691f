// Keyset pagination cursors. A cursor names one timeline position, (timelineKey, id), so page
// URLs stay valid while events are added elsewhere in the story.

export type TimelinePosition = { key: string; id: string };

const KEY = /^\d{4}-\d{2}-\d{2}\|\d{4}\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function encodeCursor(p: TimelinePosition): string {
  return Buffer.from(`${p.key}~${p.id}`, "utf8").toString("base64url");
}

export function decodeCursor(value: string): TimelinePosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const at = text.lastIndexOf("~");
  if (at < 0) return null;
  const key = text.slice(0, at);
  const id = text.slice(at + 1);
  return KEY.test(key) && ID.test(id) ? { key, id } : null;
}
