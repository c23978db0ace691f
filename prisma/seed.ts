import { disconnectDb, databaseKind, getDb } from "../lib/db";
import { atacmsStory } from "../lib/seed/atacms-story";
import { seedStory } from "../lib/seed/seed-story";

// `prisma db seed`: the seed story, written idempotently.
async function main() {
  const { created } = await seedStory(getDb(), atacmsStory);
  const summary = Object.entries(created)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  console.log(`Seeded "${atacmsStory.story.slug}" on ${databaseKind()}: created ${summary}.`);
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
