import "server-only";
import { revalidatePath } from "next/cache";
import { invalidatePublicPages } from "./page-cache";

/**
 * After an editor's change: readers see it on their next request. Next's router cache and this
 * process's page cache (lib/cache/page-cache.ts) are both emptied. Every editor write path calls
 * this once its transaction has committed.
 */
export function revalidatePublicPages(): void {
  invalidatePublicPages();
  revalidatePath("/", "layout");
}
