import { databaseKind, disconnectDb, getDb } from "../lib/db";
import { refreshDerivedData } from "../lib/events/derived-version";
import { atacmsStory } from "../lib/seed/atacms-story";
import { seedStory } from "../lib/seed/seed-story";

// Seeds the first story only into an empty database, so a restart never touches editors' work.
// Then derives the stored labels again if they were derived by older rules.
async function main() {
  const db = getDb();
  if ((await db.story.count()) > 0) {
    console.log(`Database (${databaseKind()}) already has stories; not seeding.`);
  } else {
    await seedStory(db, atacmsStory);
    console.log(`Seeded "${atacmsStory.story.title}" (${databaseKind()}).`);
  }
  const refreshed = await refreshDerivedData(db, (line) => console.log(line));
  if (refreshed > 0) console.log(`Derived the labels of ${refreshed.toLocaleString("en-US")} events again under the current rules.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
