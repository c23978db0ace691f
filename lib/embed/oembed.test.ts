import { beforeAll, describe, expect, it } from "vitest";
import { createSyndicationStory, type SyndicationStory } from "../syndication/test-fixture";
import { oembedResponse } from "./oembed";

let s: SyndicationStory;
beforeAll(async () => {
  s = await createSyndicationStory();
});

async function oembed(origin: string, params: Record<string, string>) {
  const res = await oembedResponse(new Request(`${origin}/api/oembed?${new URLSearchParams(params).toString()}`));
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe("oEmbed", () => {
  it("describes a story page with its filters as a rich iframe", async () => {
    const { res, body } = await oembed("http://127.0.0.1:3200", {
      url: `http://127.0.0.1:3200/stories/${s.story.slug}?status=denied`,
      format: "json",
    });
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ version: "1.0", type: "rich", provider_name: "Sourceline", height: 600 });
    expect(body.html).toContain(`/embed/${s.story.slug}?status=denied`);
    expect(body.html).toMatch(/^<iframe /);
  });

  it("refuses other sites, other pages and other formats", async () => {
    expect((await oembed("http://127.0.0.1:3200", { url: "https://example.com/stories/x" })).res.status).toBe(404);
    expect((await oembed("http://127.0.0.1:3200", { url: `http://127.0.0.1:3200/events/${s.report.slug}` })).res.status).toBe(404);
    expect((await oembed("http://127.0.0.1:3200", { url: `http://127.0.0.1:3200/stories/${s.story.slug}`, format: "xml" })).res.status).toBe(501);
    expect((await oembed("http://127.0.0.1:3200", {})).res.status).toBe(400);
  });
});
