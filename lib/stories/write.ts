import "server-only";
import type { Tx } from "../db";

// The default story (the one `/` shows): exactly one. The database holds at most one (a partial
// unique index); the editor never unsets the last one, so making a story the default is the only
// way to move it, and it unsets the other in the same transaction.

/**
 * Makes the story the default and unsets the one that was (its version moves on, since its
 * isDefault changed). Returns the story that lost the flag, if any.
 */
export async function makeDefaultStory(tx: Tx, storyId: string): Promise<{ id: string; slug: string } | null> {
  const previous = await tx.story.findFirst({ where: { isDefault: true, id: { not: storyId } }, select: { id: true, slug: true } });
  if (previous) await tx.story.update({ where: { id: previous.id }, data: { isDefault: false, version: { increment: 1 } } });
  await tx.story.update({ where: { id: storyId }, data: { isDefault: true } });
  return previous;
}
