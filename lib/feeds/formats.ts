import { Feed } from "feed";

export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_CONTENT_TYPE: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

export const FEED_EXTENSION: Record<FeedFormat, string> = { rss: "xml", atom: "atom", json: "json" };

/** The MIME types pages advertise in `<link rel="alternate">`. */
export const FEED_LINK_TYPE: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

export function renderFeed(feed: Feed, format: FeedFormat): string {
  switch (format) {
    case "rss":
      return feed.rss2();
    case "atom":
      return feed.atom1();
    case "json":
      return feed.json1();
  }
}
