import { connection } from "next/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClaimsIndex } from "@/components/claim/claims-index";
import { getStoryBySlug } from "@/lib/stories/queries";
import { redirectIfMoved } from "@/lib/redirects";
import type { RawSearchParams } from "@/lib/url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const slug = (await params).slug;
  const story = await getStoryBySlug(slug);
  if (!story) {
    await redirectIfMoved("Story", slug, (to) => `/stories/${to}/claims`);
    notFound();
  }
  return { title: `Claims · ${story.title}`, alternates: { canonical: `/stories/${story.slug}/claims` } };
}

export default async function StoryClaimsPage({ params, searchParams }: Props) {
  await connection();
  const slug = (await params).slug;
  const story = await getStoryBySlug(slug);
  if (!story) {
    await redirectIfMoved("Story", slug, (to) => `/stories/${to}/claims`, await searchParams);
    notFound();
  }
  return <ClaimsIndex story={story} path={`/stories/${story.slug}/claims`} searchParams={await searchParams} />;
}
