import "server-only";
import { toSearchParams, type TimelineQuery } from "../events/filters";
import { siteUrl } from "../site";
import { createUrl } from "../url";

// Embeds: the iframe code a story page offers, and the oEmbed answer for a story page's URL.

export const EMBED_HEIGHT = 600;

export function embedUrl(storySlug: string, query?: TimelineQuery): string {
  return `${siteUrl()}${createUrl(`/embed/${storySlug}`, query ? toSearchParams(query) : new URLSearchParams())}`;
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

export function embedCode(storySlug: string, title: string, query?: TimelineQuery): string {
  return `<iframe src="${escapeAttr(embedUrl(storySlug, query))}" title="${escapeAttr(`${title} · Sourceline`)}" width="100%" height="${EMBED_HEIGHT}" style="border:1px solid #d4d4d8;border-radius:8px" loading="lazy"></iframe>`;
}
