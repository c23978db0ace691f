import sanitizeHtml from "sanitize-html";

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// The only markup an entry's HTML may carry (lib/feeds/timeline-feed.ts builds it from escaped
// text; this keeps it so whatever a later change forgets to escape).
const FEED_HTML: sanitizeHtml.IOptions = {
  allowedTags: ["p", "strong", "em", "blockquote", "ul", "ol", "li", "a", "br"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
};

/** Entry HTML for feed readers: only the tags above, no attributes but links, no scripts. */
export function sanitizeFeedHtml(html: string): string {
  return sanitizeHtml(html, FEED_HTML);
}
