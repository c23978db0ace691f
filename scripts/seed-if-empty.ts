import { databaseKind, disconnectDb, getDb } from "../lib/db";
import { atacmsStory } from "../lib/seed/atacms-story";
import { seedStory } from "../lib/seed/seed-story";

// Seeds the first story only into an empty database, so a restart never touches editors' work.
async function main() {
  const db = getDb();
  if ((await db.story.count()) > 0) {
    console.log(`Database (${databaseKind()}) already has stories; not seeding.`);
    return;
  }
  await seedStory(db, atacmsStory);
  console.log(`Seeded "${atacmsStory.story.title}" (${databaseKind()}).`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
