import { connection } from "next/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryTimeline } from "@/components/timeline/story-timeline";
import { syndicationAlternates } from "@/lib/feeds/links";
import { OtherStories } from "@/components/story/story-list";
import { getDefaultStory, listStories, readerOrder } from "@/lib/stories/queries";
import type { RawSearchParams } from "@/lib/url";

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  const story = await getDefaultStory();
  if (!story) return { title: "No story yet" };
  return {
    title: { absolute: `${story.title} · Sourceline` },
    description: story.description,
    alternates: { canonical: "/", types: syndicationAlternates("/feed", story.title, "/") },
  };
}

export default async function HomePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const [story, stories] = await Promise.all([getDefaultStory(), listStories()]);
  if (!story) notFound();
  return (
    <>
      <StoryTimeline story={story} path="/" searchParams={await searchParams} />
      <OtherStories stories={stories.filter((s) => s.id !== story.id).sort(readerOrder)} />
    </>
  );
}
