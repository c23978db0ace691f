import type { MetadataRoute } from "next";
import { siteUrl } from "@/lib/site";
import { listSitemapEntries } from "@/lib/syndication/sitemap";

export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const site = siteUrl();
  return (await listSitemapEntries()).map((e) => ({ url: `${site}${e.path}`, lastModified: e.lastModified }));
}
