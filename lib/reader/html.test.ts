import { describe, expect, it } from "vitest";
import { createTestClaim, createTestEvent, createTestSource, createTestStory } from "../../prisma/factories";
import { getDb } from "../db";
import { timelineEventSelect } from "../events/queries";
import { eventListHtml } from "./event-list-html";
import { escapeHtml, html, join } from "./html";

// The timeline's events are built as HTML outside React (lib/reader/frozen.ts): text from the
// database must never become markup.

const PAYLOAD = `<script>alert("x")</script><img src=x onerror=alert('y')>&amp;`;

describe("html``", () => {
  it("escapes every interpolated value, keeps nested fragments as markup", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const inner = html`<b>${PAYLOAD}</b>`;
    expect(html`<p title="${PAYLOAD}">${inner}${[1, null, false, undefined, "<i>"]}</p>`.value).toBe(
      `<p title="${escapeHtml(PAYLOAD)}"><b>${escapeHtml(PAYLOAD)}</b>1&lt;i&gt;</p>`,
    );
    expect(join([html`<i>a</i>`, "<b>"], ", ").value).toBe("<i>a</i>, &lt;b&gt;");
  });
});

describe("eventListHtml", () => {
  it("renders an event whose every field carries markup as inert text, grouped under its day", async () => {
    const story = await createTestStory({ timeZone: "UTC" });
    const source = await createTestSource({ name: PAYLOAD, kind: "NEWSPAPER" });
    const claim = await createTestClaim({ storyId: story.id, text: PAYLOAD });
    const e = await createTestEvent({
      storyId: story.id,
      timeZone: "UTC",
      headline: PAYLOAD,
      summary: PAYLOAD,
      location: PAYLOAD,
      occurredAt: new Date("2024-05-01T12:00:00Z"),
      citations: [{ sourceId: source.id, quote: PAYLOAD, attributionText: PAYLOAD, attribution: "ANONYMOUS_OFFICIALS" }],
      claims: [{ claimId: claim.id, stance: "ASSERTS", note: PAYLOAD }],
    });
    const row = await getDb().event.findUniqueOrThrow({ where: { id: e.id }, select: timelineEventSelect });
    for (const display of ["full", "compact"] as const) {
      const out = eventListHtml([row], { asOf: null, display, sourceHref: (slug) => `/?source=${slug}` });
      expect(out).not.toContain("<script>");
      expect(out).not.toContain("<img");
      expect(out).toContain(escapeHtml(PAYLOAD));
      expect(out).toContain(`id="${e.slug}" data-event-id="${e.id}"`);
      expect(out).toMatch(/<section aria-labelledby="day-2024-05-01">/);
      // The first headline carries the benchmark's Element Timing mark (full view).
      expect(out.includes('elementtiming="first-event"')).toBe(display === "full");
    }
  });
});
