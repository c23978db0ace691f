import { siteUrl } from "../site";
import { FEED_EXTENSION, FEED_FORMATS, FEED_LINK_TYPE } from "./formats";

const FORMAT_NAME = { rss: "RSS", atom: "Atom", json: "JSON Feed" } as const;

/**
 * `alternates.types` for a timeline page's metadata: its feeds, and for a story page its oEmbed
 * endpoint (`pagePath` given), so readers and embedding sites discover both.
 */
export function syndicationAlternates(feedBase: string, title: string, pagePath?: string) {
  const types: Record<string, { url: string; title: string }[]> = {};
  for (const f of FEED_FORMATS) {
    types[FEED_LINK_TYPE[f]] = [{ url: `${feedBase}.${FEED_EXTENSION[f]}`, title: `${title} (${FORMAT_NAME[f]})` }];
  }
  if (pagePath !== undefined) {
    const params = new URLSearchParams({ url: `${siteUrl()}${pagePath}`, format: "json" });
    types["application/json+oembed"] = [{ url: `/api/oembed?${params.toString()}`, title }];
  }
  return types;
}
