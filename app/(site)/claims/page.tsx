import { connection } from "next/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClaimsIndex } from "@/components/claim/claims-index";
import { getDefaultStory } from "@/lib/stories/queries";
import type { RawSearchParams } from "@/lib/url";

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  const story = await getDefaultStory();
  if (!story) notFound();
  return { title: `Claims · ${story.title}`, alternates: { canonical: "/claims" } };
}

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const story = await getDefaultStory();
  if (!story) notFound();
  return <ClaimsIndex story={story} path="/claims" searchParams={await searchParams} />;
}
