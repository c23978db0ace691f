import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { endOfLocalDay } from "../dates";
import { toSlug } from "../domain";
import { importStory } from "../import/import-story";
import { parseJsonImport } from "../import/parse-file";
import { projectEvent } from "./event-view";
import { EMPTY_QUERY } from "./filters";
import { listTimeline } from "./queries";

// A real story assembled from public coverage (stories/real/: 43 events, 54 outlets, 13 claims,
// 15–27 November 2024), read back as a reader would at the three cut-offs of its answer key, which
// was labelled by hand from the journalism, independently of this code. What is shown when must
// match it exactly; the labels match it except where the README of stories/real records a
// deliberate difference of rule.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (name: string) => readFileSync(path.join(root, "stories", "real", name), "utf8");

type KeyEvent = { event: string; status: string; citations: string[] };
const key = JSON.parse(read("expected-labels.json")) as { cutoffs: Record<string, { events: KeyEvent[] }> };

// Where this code's rules label differently from the answer key (stories/real/README.md, "Where
// the app and the key differ"): a party's claim since denied on the record reads "Disputed"
// (claimed by…; officially denied by…), not "Denied"; an official document counts as on the
// record, so the NSC assessment item is that government's claim, not a media report.
const DIFFERENT: Record<string, string> = {
  "ev-airforce-icbm": "disputed",
  "ev-zelenskyy-icbm": "disputed",
  "ev-officials-not-icbm": "claimed",
};

let storyId: string;
let zone: string;
beforeAll(async () => {
  const data = parseJsonImport(read("ukraine-long-range-strikes-nov-2024.json")).data;
  await importStory(getDb(), data, { fileName: "ukraine-long-range-strikes-nov-2024.json" });
  const story = await getDb().story.findUniqueOrThrow({ where: { slug: data.story.slug } });
  storyId = story.id;
  zone = story.timeZone;
}, 120_000);

describe.each(Object.keys(key.cutoffs))("the real story as of the end of %s", (day) => {
  it("shows exactly the events and citations a reader could know then, with the key's labels", async () => {
    const at = endOfLocalDay(day, zone);
    const page = await listTimeline({ storyId, cutoffs: [{ storyId, cutoff: at }] }, { ...EMPTY_QUERY, asof: day }, 500);
    const want = key.cutoffs[day]!.events;
    expect(page.events.map((e) => e.id).sort()).toEqual(want.map((w) => w.event).sort());
    for (const w of want) {
      const view = projectEvent(page.events.find((e) => e.id === w.event)!, at)!;
      expect({ event: w.event, citations: view.citations.map((c) => c.id).sort() }).toEqual({ event: w.event, citations: [...w.citations].sort() });
      expect({ event: w.event, status: toSlug(view.label.status) }).toEqual({ event: w.event, status: DIFFERENT[w.event] ?? w.status });
    }
  });
});
