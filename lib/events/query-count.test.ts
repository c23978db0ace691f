import { beforeAll, describe, expect, it } from "vitest";
import { createTestEvent, createTestSource, createTestStory, createTestTag } from "../../prisma/factories";
import { getDb, onQuery } from "../db";
import type { RawSearchParams } from "../url";
import { parseTimelineQuery } from "./filters";
import { listTimeline, TOTAL_COUNT_LIMIT } from "./queries";

// No N+1: the SQL statements behind one timeline page are a fixed, small number, whatever the
// page size. Each relation an item shows is loaded in one batched statement for the whole page.
// The client must be built with query events on, before anything opens it.
process.env.SOURCELINE_QUERY_EVENTS = "1";

let storyId: string;

beforeAll(async () => {
  const story = await createTestStory();
  storyId = story.id;
  const [source, tag] = await Promise.all([createTestSource(), createTestTag()]);
  for (let i = 0; i < 30; i++) {
    await createTestEvent({
      storyId,
      occurredAt: new Date(Date.UTC(2024, 10, 1 + (i % 20), i % 24)),
      headline: `Event ${i} about missiles`,
      tagIds: [tag.id],
      citations: [
        { sourceId: source.id, attribution: "SPOKESPERSON", quote: `Quote ${i}` },
        { sourceId: source.id, attribution: "ANONYMOUS_OFFICIALS" },
      ],
    });
  }
});

let count = 0;
let listening = false;

async function statementsFor(params: RawSearchParams, pageSize: number): Promise<number> {
  if (!listening) {
    onQuery(() => count++);
    listening = true;
  }
  const before = count;
  const page = await listTimeline({ storyId }, parseTimelineQuery(params), pageSize, { countLimit: TOTAL_COUNT_LIMIT });
  expect(page.events.length).toBe(Math.min(pageSize, 30));
  return count - before;
}

describe("the statements behind one timeline page", () => {
  it("walk the source key alone for a source, a status and a kind, reading no event per row walked", async () => {
    const seen: string[] = [];
    onQuery((e) => seen.push(e.query));
    const source = await getDb().source.findFirstOrThrow({ where: { citations: { some: { event: { storyId } } } }, select: { slug: true } });
    const { status } = await getDb().event.findFirstOrThrow({ where: { storyId }, select: { status: true } });
    const params = { source: source.slug, status: status.toLowerCase().replace(/_/g, "-"), kind: "statement" };
    const page = await listTimeline({ storyId }, parseTimelineQuery(params), 5, { countLimit: TOTAL_COUNT_LIMIT });
    expect(page.events.length).toBe(5);
    const fromKey = /FROM \S*[`"]EventSource[`"]/;
    const readsEvent = /JOIN \S*[`"]Event[`"] /;
    const walks = seen.filter((q) => fromKey.test(q));
    // The page's walk and its capped count.
    expect(walks.length).toBe(2);
    for (const q of walks) expect(q).not.toMatch(readsEvent);
    // With a date range, which the key cannot answer, the event is read as before.
    seen.length = 0;
    await listTimeline({ storyId }, parseTimelineQuery({ ...params, from: "2024-11-02" }), 5, { countLimit: TOTAL_COUNT_LIMIT });
    expect(seen.filter((q) => fromKey.test(q)).some((q) => readsEvent.test(q))).toBe(true);
  });

  it.each<RawSearchParams>([{}, { q: "missiles" }])("are as many for 5 events as for 30 (%j)", async (params) => {
    const small = await statementsFor(params, 5);
    const large = await statementsFor(params, 30);
    expect(large).toBe(small);
    // The page, its count and the full-text lookup through Prisma, then the items' relations in
    // hand-written statements (lib/events/page-read.ts): label periods, citations with their
    // voices, actors, tags, claims, relations both ways, then the claims' histories and the related
    // events with their periods. About a dozen, where Prisma's nested selects took about 35.
    expect(large).toBeLessThanOrEqual(15);
  });
});
