import { describe, expect, it } from "vitest";
import { createTestEvent, createTestRelation, createTestSource, createTestStory } from "../../prisma/factories";
import { getThread } from "./thread";

// The thread an event belongs to: every published event connected to it through relations, in
// either direction, in time order, at most 40.

const day = (d: number, hour = 12) => new Date(Date.UTC(2024, 10, d, hour));

async function builder() {
  const story = await createTestStory();
  const source = await createTestSource();
  return (slug: string, occurredAt: Date, published = true) =>
    createTestEvent({ storyId: story.id, slug, occurredAt, published, citations: [{ sourceId: source.id }] });
}

describe("getThread", () => {
  it("collects events connected either way, directly or not, in time order", async () => {
    const make = await builder();
    // Created out of time order on purpose.
    const reaction = await make("thread-reaction", day(19));
    const report = await make("thread-report", day(17));
    const briefing = await make("thread-briefing", day(18, 15));
    const followUp = await make("thread-follow-up", day(18, 9));
    const unrelated = await make("thread-unrelated", day(18, 10));
    await createTestRelation({ fromEventId: briefing.id, toEventId: report.id, type: "RESPONDS_TO" });
    await createTestRelation({ fromEventId: followUp.id, toEventId: report.id, type: "FOLLOWS_UP" });
    await createTestRelation({ fromEventId: reaction.id, toEventId: briefing.id, type: "RESPONDS_TO" });

    const expected = ["thread-report", "thread-follow-up", "thread-briefing", "thread-reaction"];
    for (const start of [report, briefing, followUp, reaction]) {
      const thread = await getThread(start.id);
      expect(thread.events.map((e) => e.slug)).toEqual(expected);
      expect(thread.edges).toHaveLength(3);
    }
    const thread = await getThread(report.id);
    expect(thread.edges).toContainEqual({ fromId: reaction.id, toId: briefing.id, type: "RESPONDS_TO" });
    expect(thread.events.map((e) => e.slug)).not.toContain("thread-unrelated");
    expect((await getThread(unrelated.id)).events.map((e) => e.slug)).toEqual(["thread-unrelated"]);
    expect((await getThread(unrelated.id)).edges).toEqual([]);
  });

  it("leaves out unpublished events, and what is reachable only through them", async () => {
    const make = await builder();
    const report = await make("draft-thread-report", day(17));
    const draft = await make("draft-thread-draft", day(18), false);
    const behindDraft = await make("draft-thread-behind", day(19));
    const answer = await make("draft-thread-answer", day(20));
    await createTestRelation({ fromEventId: draft.id, toEventId: report.id });
    await createTestRelation({ fromEventId: behindDraft.id, toEventId: draft.id });
    await createTestRelation({ fromEventId: answer.id, toEventId: report.id });

    const thread = await getThread(report.id);
    expect(thread.events.map((e) => e.slug)).toEqual(["draft-thread-report", "draft-thread-answer"]);
    expect(thread.edges).toEqual([{ fromId: answer.id, toId: report.id, type: "RESPONDS_TO" }]);
  });

  it("stops at 40 events", async () => {
    const make = await builder();
    const hub = await make("big-thread-hub", day(1, 0));
    // A chain hanging off a star: 45 others in all, more than one step out.
    let previous = hub;
    for (let i = 0; i < 45; i++) {
      const e = await make(`big-thread-${i}`, new Date(Date.UTC(2024, 10, 2, 0, i)));
      await createTestRelation({ fromEventId: e.id, toEventId: i % 3 === 0 ? hub.id : previous.id });
      previous = e;
    }
    const thread = await getThread(hub.id);
    expect(thread.events).toHaveLength(40);
    expect(thread.events[0]!.slug).toBe("big-thread-hub");
    const keys = thread.events.map((e) => e.timelineKey);
    expect([...keys].sort()).toEqual(keys);
    const ids = new Set(thread.events.map((e) => e.id));
    expect(thread.edges.every((e) => ids.has(e.fromId) && ids.has(e.toId))).toBe(true);
    expect(thread.edges.length).toBeGreaterThanOrEqual(39);
  });
});
