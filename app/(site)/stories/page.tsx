import { connection } from "next/server";
import type { Metadata } from "next";
import { StoryList } from "@/components/story/story-list";
import { whereThingsStand } from "@/lib/reader/where-things-stand";
import { listStoriesWithCounts, readerOrder } from "@/lib/stories/queries";

export const metadata: Metadata = {
  title: "Stories",
  description: "Every story on Sourceline: whether it is developing or concluded, when it was last updated, and where its main claims stand.",
  alternates: { canonical: "/stories" },
};

export default async function StoriesPage() {
  await connection();
  const stories = (await listStoriesWithCounts()).sort(readerOrder);
  const withClaims = await Promise.all(stories.map(async (story) => ({ story, standings: await whereThingsStand(story.id, null, story.timeZone) })));
  return (
    <div className="space-y-4">
      <header>
        <h1 className="font-serif text-3xl font-bold">Stories</h1>
        <p className="mt-1 max-w-prose text-zinc-800 dark:text-zinc-200">
          Each story is a timeline of record. Its main claims show where it stands today, each with its verdict.
        </p>
      </header>
      {stories.length === 0 ? <p>No story yet.</p> : <StoryList stories={withClaims} />}
    </div>
  );
}
