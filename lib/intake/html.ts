import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

// The main text of a saved web page: @mozilla/readability (Firefox's reader view) on a linkedom
// document. Nothing is fetched: scripts, images and links are never followed. One paragraph a line,
// so the engine sees the article's paragraphs.

export type ExtractedArticle = {
  title: string | null;
  text: string;
  /** The page's own publication time (article:published_time, <time datetime>), as written. */
  published: string | null;
  siteName: string | null;
};

const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td";

/** Whether pasted text is a saved HTML page rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.trimStart().slice(0, 2000).toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /<(?:body|article|p|div)[\s>]/.test(head);
}

function blockText(root: ParentNode): string {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) {
    // A block that holds other blocks is read through them.
    if (el.querySelector(BLOCKS)) continue;
    const t = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    if (t) out.push(t);
  }
  return out.join("\n\n");
}

export function extractArticle(html: string): ExtractedArticle {
  const { document } = parseHTML(html);
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content")?.trim() || null;
  const published =
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="article:published_time"]') ??
    meta('meta[itemprop="datePublished"]') ??
    document.querySelector("time[datetime]")?.getAttribute("datetime")?.trim() ??
    null;
  const siteName = meta('meta[property="og:site_name"]');
  const parsed = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  let text = "";
  if (parsed?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    text = blockText(content.body as unknown as ParentNode) || (parsed.textContent ?? "").trim();
  }
  if (!text) {
    const { document: again } = parseHTML(html);
    for (const el of Array.from(again.querySelectorAll("script, style, noscript, nav, header, footer, aside"))) el.remove();
    text = blockText(again.body as unknown as ParentNode) || (again.body?.textContent ?? "").replace(/\s+/g, " ").trim();
  }
  return { title: parsed?.title?.trim() || document.querySelector("title")?.textContent?.trim() || null, text, published, siteName: parsed?.siteName ?? siteName };
}
