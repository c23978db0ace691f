import { describe, expect, it } from "vitest";
import { createTestEvent, createTestStory } from "../../prisma/factories";
import { getDb } from "../db";
import { publishEvent, withdrawEvent } from "../editor/events";
import { requireStoryExport } from "../export/export-story";
import { serializeStoryExport, type StoryExport } from "../export/format";
import { testEditor } from "../testing/editor-user";
import { ImportError, importStory } from "./import-story";

// What an import may not undo of the desk's rules: one default story, and publication is one way.

const exported = async (slug: string) => JSON.parse(serializeStoryExport(await requireStoryExport(getDb(), slug, { includeUnpublished: true }))) as StoryExport;

async function refusal(data: StoryExport): Promise<{ field: string; message: string }[]> {
  const error = await importStory(getDb(), data, { overwriteNewer: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).issues.map((i) => ({ field: i.field, message: i.message }));
}

describe("importing against the desk's rules", () => {
  it("makes a story the file marks as default the only default, logging the one that lost it", async () => {
    const current = (await getDb().story.findFirst({ where: { isDefault: true } })) ?? (await createTestStory({ isDefault: true }));
    const story = await createTestStory();
    await createTestEvent({ storyId: story.id });
    const file = await exported(story.slug);
    await importStory(getDb(), { ...file, story: { ...file.story, isDefault: true } }, { fileName: "default.json" });
    expect((await getDb().story.findMany({ where: { isDefault: true }, select: { id: true } })).map((s) => s.id)).toEqual([story.id]);
    const log = await getDb().revision.findFirstOrThrow({ where: { entityType: "Story", entityId: current.id }, orderBy: { at: "desc" } });
    expect(JSON.parse(log.diff)).toEqual({ isDefault: { from: true, to: false } });
    // Importing the same file again changes nothing.
    const again = await importStory(getDb(), { ...file, story: { ...file.story, isDefault: true } });
    expect(again.counts.stories).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it("never publishes a withdrawn event again", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const event = await createTestEvent({ storyId: story.id });
    const before = await exported(story.slug);
    await withdrawEvent(user, event.id, 1, "Legal reasons.");
    expect(await refusal(before)).toEqual([{ field: "published", message: "the event was withdrawn from publication and stays withdrawn" }]);
    expect(await getDb().event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ published: false, withdrawalNote: "Legal reasons." });
  });

  it("never unpublishes a published event (it is withdrawn in the editor instead)", async () => {
    const user = await testEditor();
    const story = await createTestStory();
    const draft = await createTestEvent({ storyId: story.id, published: false });
    const before = await exported(story.slug);
    await publishEvent(user, draft.id, 1);
    expect(await refusal(before)).toEqual([{ field: "published", message: "a published event is never unpublished: withdraw it in the editor" }]);
    expect(await getDb().event.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ published: true });
  });
});
