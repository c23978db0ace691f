import { randomBytes } from "node:crypto";
import { Feed, type Item } from "feed";
import { escapeHtml, sanitizeFeedHtml } from "./html";

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

// What feed readers render as HTML, and how each entry field gets there safely:
// - RSS and Atom put the title, the description (Atom: summary) and the content in CDATA, and
//   readers treat all three as HTML (Atom says type="html"). Titles and descriptions are plain
//   text, so they are escaped; the content is HTML and is sanitized (lib/feeds/html.ts). Escaped
//   text also cannot contain "]]>", which the feed library does not split reliably.
// - JSON Feed's title and summary are plain text by definition; content_html is sanitized.
// - The feed library writes an Atom category's label into an attribute escaping only "&" and '"',
//   so a "<" would make the whole document malformed. It goes in as a marker and comes out as
//   "&lt;" once the XML is written.

function itemFor(format: FeedFormat, item: Item, lt: string): Item {
  const content = item.content === undefined ? undefined : sanitizeFeedHtml(item.content);
  if (format === "json") return { ...item, content };
  return {
    ...item,
    title: escapeHtml(item.title),
    description: item.description === undefined ? undefined : escapeHtml(item.description),
    content,
    category: item.category?.map((c) => ({ ...c, name: format === "atom" ? c.name?.replaceAll("<", lt) : c.name })),
  };
}

export function renderFeed(feed: Feed, format: FeedFormat): string {
  const lt = `\u2063lt-${randomBytes(9).toString("hex")}\u2063`;
  const original = feed.items;
  feed.items = original.map((item) => itemFor(format, item, lt));
  try {
    switch (format) {
      case "rss":
        return feed.rss2();
      case "atom":
        return feed.atom1().replaceAll(lt, "&lt;");
      case "json":
        return feed.json1();
    }
  } finally {
    feed.items = original;
  }
}
