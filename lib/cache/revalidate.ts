import "server-only";
import { revalidatePath } from "next/cache";
import { getDb, databaseKind } from "../db";
import { dataChanged } from "../live/changes";
import { notifyOtherInstances } from "../live/notify";
import { invalidatePublicPages } from "./page-cache";

/**
 * After an editor's change: readers see it on their next request. Next's router cache and this
 * process's page cache (lib/cache/page-cache.ts) are both emptied, the live streams of readers
 * with the story open are told (lib/live/hub.ts), and on PostgreSQL every other instance hears
 * of it over NOTIFY and does the same (lib/live/notify.ts). Every editor write path calls this
 * once its transaction has committed.
 */
export function revalidatePublicPages(): void {
  invalidatePublicPages();
  dataChanged("local");
  if (databaseKind() === "postgresql") {
    notifyOtherInstances((sql, payload) => getDb().$executeRawUnsafe(sql, payload)).catch((error: unknown) => {
      console.error("Could not tell the other instances of a change; they will show it within PAGE_CACHE_SECONDS.", error);
    });
  }
  revalidatePath("/", "layout");
}
