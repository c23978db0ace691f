import { afterEach, describe, expect, it } from "vitest";
import { createTestEvent, createTestSource, createTestStory } from "../../prisma/factories";
import { getDb } from "../db";
import { dataChanged, dataGeneration, onDataChanged } from "./changes";
import { listStoryChangesSince, LOOK_BACK_MS } from "./feed";
import { subscribe, type LiveMessage } from "./hub";
import { onRemoteChange } from "./notify";
import { heartbeatSeconds, parseSince } from "./stream";

// The live updates' server side against a real database: what changed since an instant, the hub
// that reads it once per change for every reader of a story, and the stream's parameters.

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function storyWithSource() {
  const story = await createTestStory({ timeZone: "UTC" });
  const source = await createTestSource({ kind: "NEWSPAPER" });
  return { story, source };
}

describe("listStoryChangesSince", () => {
  it("names events published, verdicts, corrections and retractions after the instant, and nothing from other stories", async () => {
    const { story, source } = await storyWithSource();
    const other = await storyWithSource();
    const before = new Date(Date.now() - LOOK_BACK_MS - 1_000);
    const now = new Date();
    const e = await createTestEvent({ storyId: story.id, timeZone: "UTC", firstReportedAt: now, occurredAt: now, citations: [{ sourceId: source.id, publishedAt: now }] });
    await createTestEvent({ storyId: other.story.id, timeZone: "UTC", firstReportedAt: now, occurredAt: now, citations: [{ sourceId: other.source.id, publishedAt: now }] });
    await getDb().correction.create({ data: { eventId: e.id, note: "A fix.", createdBy: "test" } });
    await getDb().event.update({ where: { id: e.id }, data: { retractedAt: new Date(), retractionNote: "Withdrawn." } });
    const changes = await listStoryChangesSince(story.id, before);
    expect(changes).toEqual(expect.arrayContaining([{ kind: "event", id: e.id }, { kind: "retraction", id: e.id }, expect.objectContaining({ kind: "correction" })]));
    expect(changes.filter((c) => c.kind === "event")).toHaveLength(1);
    // An instant after everything: only what the look-back still covers, never older events.
    const old = await createTestEvent({ storyId: story.id, timeZone: "UTC", firstReportedAt: new Date("2024-01-01T00:00:00Z"), citations: [{ sourceId: source.id }] });
    expect((await listStoryChangesSince(story.id, new Date(Date.now() + LOOK_BACK_MS + 5_000))).map((c) => c.id)).not.toContain(old.id);
  });
});

describe("the hub", () => {
  it("reads what changed once per change and sends it to every subscriber of the story", async () => {
    const { story, source } = await storyWithSource();
    const a: LiveMessage[] = [];
    const b: LiveMessage[] = [];
    stops.push(subscribe(story.id, (m) => a.push(m)), subscribe(story.id, (m) => b.push(m)));
    const now = new Date();
    const e = await createTestEvent({ storyId: story.id, timeZone: "UTC", firstReportedAt: now, occurredAt: now, citations: [{ sourceId: source.id, publishedAt: now }] });
    const generation = dataGeneration();
    dataChanged("local");
    expect(dataGeneration()).toBe(generation + 1);
    await expect.poll(() => a.length).toBe(1);
    expect(b).toEqual(a);
    expect(a[0]!.changes).toContainEqual({ kind: "event", id: e.id });
    expect(a[0]!.id).toBeGreaterThan(now.getTime() - 1);
  });

  it("hears another instance's change, and not its own", () => {
    const heard: string[] = [];
    stops.push(onDataChanged((origin) => heard.push(origin)));
    onRemoteChange(JSON.stringify({ origin: "another-instance" }));
    onRemoteChange("not json at all");
    expect(heard).toEqual(["remote", "remote"]);
  });
});

describe("the stream's parameters", () => {
  it("reads an instant as milliseconds or ISO 8601, refuses anything else, and never looks back more than a day", () => {
    expect(parseSince(null)).toBeNull();
    expect(parseSince("")).toBeNull();
    const t = Date.now() - 60_000;
    expect((parseSince(String(t)) as Date).getTime()).toBe(t);
    expect((parseSince(new Date(t).toISOString()) as Date).getTime()).toBe(t);
    expect(parseSince("yesterday")).toBe("invalid");
    expect(parseSince("2024-01-01")).toBe("invalid");
    expect((parseSince("0") as Date).getTime()).toBeGreaterThan(Date.now() - 86_400_000 - 1_000);
    expect((parseSince(String(Date.now() + 3_600_000)) as Date).getTime()).toBeLessThanOrEqual(Date.now());
    expect(heartbeatSeconds(undefined)).toBe(15);
    expect(heartbeatSeconds("1")).toBe(1);
    expect(heartbeatSeconds("-3")).toBe(15);
  });
});
