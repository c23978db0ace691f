import { describe, expect, it } from "vitest";
import { createTestActor, createTestClaim, createTestEvent, createTestSource, createTestStory, createTestTag } from "../../prisma/factories";
import { getDb, onQuery } from "../db";
import { requireStoryExport } from "../export/export-story";
import { serializeStoryExport } from "../export/format";
import { importStory } from "./import-story";
import { parseJsonImport } from "./parse-file";

// A file imported again is mostly unchanged: the events the database already holds are read in a
// few statements per chunk and compared, not read and checked one statement at a time. The
// statements behind importing a story's own export again do not grow with its events.
// The client must be built with query events on, before anything opens it.
process.env.SOURCELINE_QUERY_EVENTS = "1";

let count = 0;
let listening = false;

/** A story of `events` events, each citing two sources, with an actor, a tag and a claim. */
async function storyOf(events: number): Promise<string> {
  const story = await createTestStory();
  const [a, b, actor, tag] = await Promise.all([createTestSource(), createTestSource(), createTestActor(), createTestTag()]);
  const claim = await createTestClaim({ storyId: story.id });
  for (let i = 0; i < events; i++) {
    await createTestEvent({
      storyId: story.id,
      occurredAt: new Date(Date.UTC(2024, 10, 1 + (i % 20), i % 24)),
      citations: [{ sourceId: a.id, quote: `Quote ${i}` }, { sourceId: b.id, attribution: "ANONYMOUS_OFFICIALS" }],
      actors: [{ actorId: actor.id, role: "SUBJECT" }],
      tagIds: [tag.id],
      claims: [{ claimId: claim.id, stance: "ASSERTS" }],
    });
  }
  return story.slug;
}

/** Statements run to import the story's own export again, and what the import reported. */
async function reimport(slug: string) {
  if (!listening) {
    onQuery(() => count++);
    listening = true;
  }
  const file = serializeStoryExport(await requireStoryExport(getDb(), slug, { includeUnpublished: true }));
  const before = count;
  const report = await importStory(getDb(), parseJsonImport(file).data);
  return { statements: count - before, report };
}

describe("importing a story's file again", () => {
  it("costs as many statements for 30 unchanged events as for 5", async () => {
    const small = await reimport(await storyOf(5));
    const large = await reimport(await storyOf(30));
    expect(small.report.counts.events.unchanged).toBe(5);
    expect(large.report.counts.events.unchanged).toBe(30);
    expect(large.report.counts.events.updated).toBe(0);
    expect(large.statements).toBe(small.statements);
  });
});
