import { expect, test } from "@playwright/test";
import { CUTOFF_DAYS, TRUTH_STORY_SLUG, cutoffOf, truthStory } from "../lib/testing/truth-story";
import { EXPECTED_VIEWS } from "../lib/testing/truth-story-expected";
import { itemIds } from "./fixtures";

// The truth-through-time fixture, in the browser and on every syndicated surface, at three
// cut-offs: each item's label, voice and verdict as written out by hand, and nothing (citation,
// count, label, source-page listing) from after the cut-off.

const STORY = `/stories/${TRUTH_STORY_SLUG}`;
const data = truthStory();
const slugOf = new Map(data.events.map((e) => [e.id, e.slug]));
const citationDate = new Map(data.events.flatMap((e) => e.citations.map((c) => [c.id, c.publishedAt ?? e.firstReportedAt] as const)));
const wordsOf = (s: string) => s.replace(/\s+/g, " ").trim();

for (const day of CUTOFF_DAYS) {
  const expected = EXPECTED_VIEWS[day]!;
  const expectedSlugs = Object.keys(expected.events).map((id) => slugOf.get(id)!);
  const later = [...citationDate.entries()].filter(([, at]) => Date.parse(at) > cutoffOf(day).getTime()).map(([id]) => id);

  test.describe(`as of ${day}`, () => {
    test("the timeline shows each item's hand-written label, voice and verdict", async ({ page }) => {
      await page.goto(`${STORY}?asof=${day}`);
      expect((await itemIds(page)).sort()).toEqual([...expectedSlugs].sort());
      for (const [id, want] of Object.entries(expected.events)) {
        const label = page.locator(`article#${slugOf.get(id)} [data-status]`).first();
        await expect(label, id).toHaveAttribute("data-status", want.status);
        expect(wordsOf(await label.locator(".status-text").innerText()), id).toBe(want.text);
        if (want.detail) expect(wordsOf(await label.locator(".status-detail").innerText()), id).toBe(want.detail);
        if (want.verdict) expect(wordsOf(await label.locator(".status-verdict").innerText()), id).toBe(`· ${want.verdict}`);
        else await expect(label.locator(".status-verdict"), id).toHaveCount(0);
      }
    });

    test("source pages list an event only once it cited the source", async ({ page }) => {
      for (const [slug, ids] of Object.entries(expected.sourcePages)) {
        await page.goto(`/sources/${slug}?asof=${day}`);
        expect(await itemIds(page), slug).toEqual(ids.map((id) => slugOf.get(id)!));
      }
    });

    test("the permalink and the claim page show only what was known then", async ({ page }) => {
      const decision = expected.events["tt-ev-01"]!;
      await page.goto(`/events/${slugOf.get("tt-ev-01")}?asof=${day}`);
      await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", decision.status);
      const cited = await page.locator("section[aria-labelledby=citations] > ol > li").count();
      expect(cited).toBe(decision.citations.length);
      // The page's metadata and structured data say the same as the page, as of the date.
      await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", new RegExp(`^${decision.text}`));
      const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as {
        creativeWorkStatus: string;
        citation: unknown[];
      };
      expect(jsonLd.creativeWorkStatus).toBe(decision.text);
      expect(jsonLd.citation).toHaveLength(decision.citations.length);
      for (const gone of ["Global Wire", "Metro Herald", "Coast Times"]) {
        const shown = decision.citations.some((c) => c.includes(gone.split(" ")[0]!.toLowerCase()));
        if (!shown) await expect(page.locator("section[aria-labelledby=citations]")).not.toContainText(gone);
      }
      const claim = expected.claims["tt-president-authorised-strikes"]!;
      await page.goto(`/claims/tt-president-authorised-strikes?asof=${day}`);
      await expect(page.locator("[data-claim-status]").first()).toHaveAttribute("data-claim-status", claim.status);
      await expect(page.locator("#independent-count")).toContainText(`${claim.independent} independent source`);
    });

    test("feeds, the API and the embed carry nothing from after the cut-off", async ({ request, page }) => {
      const feed = (await (await request.get(`${STORY}/feed.json?asof=${day}`)).json()) as {
        items: { id: string; _sourceline: { status: string; sources: { name: string }[] } }[];
      };
      expect(feed.items.map((i) => i.id.split("/").pop()).sort()).toEqual(Object.keys(expected.events).sort());
      for (const item of feed.items) expect(item._sourceline.status).toBe(expected.events[item.id.split("/").pop()!]!.status.toLowerCase().replace("_", "-"));

      const api = (await (await request.get(`/api/v1/events?story=${TRUTH_STORY_SLUG}&asof=${day}&limit=100`)).json()) as {
        data: { id: string; status: string; citations: { id: string }[]; status_label: { credit: { voice: string } | null } }[];
      };
      expect(api.data.map((e) => e.id).sort()).toEqual(Object.keys(expected.events).sort());
      for (const e of api.data) {
        const want = expected.events[e.id]!;
        expect({ id: e.id, citations: e.citations.map((c) => c.id) }).toEqual({ id: e.id, citations: want.citations });
        expect(e.citations.some((c) => later.includes(c.id))).toBe(false);
        expect({ id: e.id, voice: e.status_label.credit?.voice ?? null }).toEqual({ id: e.id, voice: want.voice });
      }

      await page.goto(`/embed/${TRUTH_STORY_SLUG}?asof=${day}`);
      for (const [id, want] of Object.entries(expected.events)) {
        await expect(page.locator(`article#${slugOf.get(id)} [data-status]`), id).toHaveAttribute("data-status", want.status);
      }
    });
  });
}
