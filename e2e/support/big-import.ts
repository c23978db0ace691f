import { randomBytes } from "node:crypto";

// A story file for `npm run import` with many events, built from an export of an existing story
// (its sources, actors and tags are reused): large enough that the import runs for seconds.

type Json = Record<string, unknown>;

const newId = () => `k${randomBytes(12).toString("hex")}`;

export function bigImportFile(exported: Json, events: number): Json {
  const story = { ...(exported.story as Json), id: newId(), slug: `kill-test-${randomBytes(4).toString("hex")}`, title: "Kill test story", isDefault: false };
  const template = (exported.events as Json[])[0]!;
  const generated = Array.from({ length: events }, (_, i) => ({
    ...template,
    id: newId(),
    slug: `kill-test-event-${i}`,
    headline: `Kill test event ${i}`,
    dayOrder: i % 10_000,
    claims: [],
    citations: (template.citations as Json[]).map((c) => ({ ...c, id: newId(), repeatsCitationId: null })),
  }));
  return { ...exported, story, claims: [], events: generated, relations: [] };
}
