import "server-only";
import { z } from "zod";
import { ApiError, invalidParameter, notFoundError, toErrorResponse } from "../http/errors";
import { conditionalResponse } from "../http/conditional";
import { searchParamsOf } from "../http/search-params";
import { parseTimelineQuery } from "../events/filters";
import { siteUrl } from "../site";
import { getDefaultStory, getStoryBySlug } from "../stories/queries";
import { EMBED_HEIGHT, embedCode } from "./embed";

// oEmbed (https://oembed.com) for story pages: `/api/oembed?url=<story page URL>&format=json`
// answers with a "rich" type whose html is the embed's iframe, keeping the page's filters.

const paramsSchema = z.object({
  url: z.string({ message: "url is required" }).min(1, "url is required"),
  format: z.enum(["json"], { message: "only format=json is supported" }).default("json"),
  maxwidth: z.coerce.number().int().positive().optional(),
  maxheight: z.coerce.number().int().positive().optional(),
});

export async function oembedResponse(request: Request): Promise<Response> {
  try {
    const raw = Object.fromEntries(new URL(request.url).searchParams.entries());
    const parsed = paramsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const parameter = String(issue.path[0] ?? "url");
      if (parameter === "format") throw new ApiError(501, "not_acceptable", issue.message, [{ parameter, message: issue.message }]);
      throw invalidParameter(parameter, issue.message);
    }
    let target: URL;
    try {
      target = new URL(parsed.data.url, siteUrl());
    } catch {
      throw invalidParameter("url", "not a URL.");
    }
    // This site's pages only: its public origin, or the origin the request came to.
    const hosts = [new URL(siteUrl()).host, new URL(request.url).host, request.headers.get("host")];
    if (!/^https?:$/.test(target.protocol) || !hosts.includes(target.host)) {
      throw notFoundError("A Sourceline page at that URL");
    }
    const m = /^\/(?:stories\/([a-z0-9-]{1,120})|embed\/([a-z0-9-]{1,120}))?\/?$/.exec(target.pathname);
    if (!m) throw notFoundError("An embeddable Sourceline timeline at that URL");
    const slug = m[1] ?? m[2];
    const story = slug ? await getStoryBySlug(slug) : await getDefaultStory();
    if (!story) throw notFoundError("The story");
    const query = parseTimelineQuery(searchParamsOf(target));
    const height = Math.min(parsed.data.maxheight ?? EMBED_HEIGHT, EMBED_HEIGHT);
    const body = {
      version: "1.0",
      type: "rich",
      title: story.title,
      provider_name: "Sourceline",
      provider_url: siteUrl(),
      html: embedCode(story.slug, story.title, query).replace(`height="${EMBED_HEIGHT}"`, `height="${height}"`),
      width: Math.min(parsed.data.maxwidth ?? 800, 800),
      height,
      cache_age: 300,
    };
    return conditionalResponse(request, { body: JSON.stringify(body), contentType: "application/json; charset=utf-8", lastModified: story.updatedAt });
  } catch (err) {
    return toErrorResponse(err);
  }
}
