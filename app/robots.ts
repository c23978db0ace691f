import type { MetadataRoute } from "next";
import { siteUrl } from "@/lib/site";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    // Embeds repeat the story pages; the editor is private.
    rules: { userAgent: "*", allow: "/", disallow: ["/embed/", "/editor"] },
    sitemap: `${siteUrl()}/sitemap.xml`,
  };
}
