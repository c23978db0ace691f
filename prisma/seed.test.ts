import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../lib/db";
import { atacmsStory } from "../lib/seed/atacms-story";
import { seedStory, type SeedResult } from "../lib/seed/seed-story";
import { snapshotDatabase, type TableSnapshot } from "../lib/testing/snapshot";

// The seed story (shared/seed/000_2dff06a8408b29a2.txt) written through the domain write paths,
// on a real migrated database: it must be faithful to the article and idempotent.

const NYT = "nyt-reports-biden-allowed-atacms-strikes-on-russia";
const NO_POLICY_UPDATES = "state-department-no-policy-updates";
const AXIOS = "axios-reports-approval-limited-to-kursk-oblast";
const ZELENSKYY = "zelenskyy-says-missiles-will-speak-for-themselves";
const MAIN_CLAIM = "Biden authorized Ukraine to use ATACMS for strikes inside Russia";

let first: SeedResult;
let afterFirst: TableSnapshot;

beforeAll(async () => {
  first = await seedStory(getDb(), atacmsStory);
  afterFirst = await snapshotDatabase(getDb());
});

function event(slug: string) {
  return getDb().event.findUniqueOrThrow({
    where: { slug },
    include: {
      citations: { orderBy: { position: "asc" }, include: { source: true } },
      claims: { include: { claim: true } },
      relationsTo: { include: { from: { select: { slug: true } } } },
    },
  });
}

describe("seeding the ATACMS story", () => {
  it("creates the whole story on the first run", () => {
    expect(first.created).toEqual({
      stories: 1,
      sources: atacmsStory.sources.length,
      actors: atacmsStory.actors.length,
      tags: atacmsStory.tags.length,
      claims: atacmsStory.claims.length,
      events: atacmsStory.events.length,
      relations: atacmsStory.relations.length,
      statusChanges: 2,
    });
    expect(afterFirst.Event).toHaveLength(atacmsStory.events.length);
    expect(afterFirst.Citation.length).toBeGreaterThanOrEqual(atacmsStory.events.length);
  });

  it("changes nothing when run again, not even updatedAt", async () => {
    const second = await seedStory(getDb(), atacmsStory);
    expect(second.storyId).toBe(first.storyId);
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(await snapshotDatabase(getDb())).toEqual(afterFirst);
  });
});

describe("the seeded story is faithful to the article", () => {
  it("labels the New York Times report media-reported, citing anonymous US officials", async () => {
    const nyt = await event(NYT);
    expect(nyt.status).toBe("REPORTED");
    expect(nyt.precision).toBe("DAY");
    expect(nyt.occurredOn).toBe("2024-11-17");
    expect(nyt.citations).toHaveLength(1);
    expect(nyt.citations[0].source.slug).toBe("new-york-times");
    expect(nyt.citations[0].attribution).toBe("ANONYMOUS_OFFICIALS");
    expect(nyt.citations[0].attributionText).toBe("citing anonymous US officials");
  });

  it("labels the State Department's answer declined, with the verbatim quote", async () => {
    const answer = await event(NO_POLICY_UPDATES);
    expect(answer.status).toBe("DECLINED");
    expect(answer.status).not.toBe("CONFIRMED");
    expect(answer.status).not.toBe("DENIED");
    expect(answer.citations[0].source.slug).toBe("us-department-of-state");
    expect(answer.citations[0].attribution).toBe("SPOKESPERSON");
    // Curly apostrophe, as spoken and printed; not the paraphrase "policy remains unchanged".
    expect(answer.citations.map((c) => c.quote)).toContain("I don\u2019t have any policy updates to speak to today.");
    expect(answer.claims.map((l) => [l.claim.text, l.stance])).toEqual([[MAIN_CLAIM, "DECLINES"]]);
  });

  it("has Axios qualify the main claim to Kursk Oblast", async () => {
    const axios = await event(AXIOS);
    expect(axios.citations[0].source.slug).toBe("axios");
    const link = axios.claims.find((l) => l.claim.text === MAIN_CLAIM);
    expect(link?.stance).toBe("QUALIFIES");
    expect(link?.note).toMatch(/Kursk Oblast/);
    expect(axios.status).toBe("REPORTED");
  });

  it("has the main claim media-reported, with one history entry backed by the NYT citation", async () => {
    const claim = await getDb().claim.findFirstOrThrow({
      where: { text: MAIN_CLAIM },
      include: { history: true },
    });
    expect(claim.status).toBe("REPORTED");
    expect(claim.history).toHaveLength(1);
    expect(claim.history[0].fromStatus).toBeNull();
    expect(claim.history[0].toStatus).toBe("REPORTED");
    const nyt = await event(NYT);
    expect(claim.history[0].evidenceCitationId).toBe(nyt.citations[0].id);
  });

  it("marks the undated events approximate, with a note and no invented precision", async () => {
    const undated = [
      "blinken-says-response-will-be-firm",
      "russia-accuses-us-of-escalation",
      NO_POLICY_UPDATES,
      "state-department-coalition-adapts-support",
      "state-department-north-korean-troops-serious-escalation",
    ];
    for (const slug of undated) {
      const e = await event(slug);
      expect(e.approximate, slug).toBe(true);
      expect(e.timeNote?.trim(), slug).toBeTruthy();
      expect(["DAY", "MONTH", "YEAR"], slug).toContain(e.precision);
    }
    expect((await event("blinken-says-response-will-be-firm")).precision).toBe("MONTH");
  });

  it("invents no time of day anywhere", async () => {
    const precisions = await getDb().event.findMany({ select: { precision: true } });
    expect(precisions.every((e) => ["DAY", "MONTH", "YEAR"].includes(e.precision))).toBe(true);
  });

  it("has the outlets and institutions by their slugs", async () => {
    const slugs = (await getDb().source.findMany({ select: { slug: true } })).map((s) => s.slug);
    expect(slugs).toEqual(expect.arrayContaining(["new-york-times", "axios", "us-department-of-state"]));
  });

  it("gives every event at least one citation", async () => {
    const events = await getDb().event.findMany({ select: { slug: true, _count: { select: { citations: true } } } });
    expect(events).toHaveLength(atacmsStory.events.length);
    for (const e of events) expect(e._count.citations, e.slug).toBeGreaterThanOrEqual(1);
  });

  it("records Zelenskyy and the State Department as responding to the NYT report", async () => {
    const nyt = await event(NYT);
    const respondents = nyt.relationsTo.filter((r) => r.type === "RESPONDS_TO").map((r) => r.from.slug);
    expect(respondents).toEqual(expect.arrayContaining([ZELENSKYY, NO_POLICY_UPDATES]));
  });

  it("places Zelenskyy's statement on 17 November in Kyiv, declining to confirm", async () => {
    const z = await event(ZELENSKYY);
    expect(z.timeZone).toBe("Europe/Kyiv");
    expect(z.occurredOn).toBe("2024-11-17");
    expect(z.status).toBe("DECLINED");
    expect(z.citations[0].quote).toBe("will speak for themselves");
  });
});
