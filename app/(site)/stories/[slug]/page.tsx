import { connection } from "next/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StoryTimeline } from "@/components/timeline/story-timeline";
import { syndicationAlternates } from "@/lib/feeds/links";
import { getStoryBySlug } from "@/lib/stories/queries";
import { redirectIfMoved } from "@/lib/redirects";
import type { RawSearchParams } from "@/lib/url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const slug = (await params).slug;
  const story = await getStoryBySlug(slug);
  if (!story) {
    await redirectIfMoved("Story", slug, (to) => `/stories/${to}`);
    notFound();
  }
  return {
    title: story.title,
    description: story.description,
    alternates: {
      canonical: `/stories/${story.slug}`,
      types: syndicationAlternates(`/stories/${story.slug}/feed`, story.title, `/stories/${story.slug}`),
    },
  };
}

export default async function StoryPage({ params, searchParams }: Props) {
  await connection();
  const slug = (await params).slug;
  const story = await getStoryBySlug(slug);
  if (!story) {
    await redirectIfMoved("Story", slug, (to) => `/stories/${to}`, await searchParams);
    notFound();
  }
  return <StoryTimeline story={story} path={`/stories/${story.slug}`} searchParams={await searchParams} />;
}
