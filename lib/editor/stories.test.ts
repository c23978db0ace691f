import { describe, expect, it } from "vitest";
import { createTestClaim, createTestStory, uniqueSlug } from "../../prisma/factories";
import { getDb } from "../db";
import { findRedirect } from "../redirects";
import { getDefaultStory } from "../stories/queries";
import { testEditor } from "../testing/editor-user";
import { ConflictError } from "./conflict";
import { listRevisions } from "./revisions";
import { createStory, setMainClaims, updateStory, type StoryInput } from "./stories";

const input = (over: Partial<StoryInput> = {}): StoryInput => ({
  slug: uniqueSlug("story"),
  title: "A story",
  description: "What it is about.",
  timeZone: "Europe/Kyiv",
  state: "DEVELOPING",
  isDefault: false,
  ...over,
});

const defaults = () => getDb().story.findMany({ where: { isDefault: true }, select: { id: true } });

describe("stories in the editor", () => {
  it("creates a story with its state and zone, logged; the first story of a newsroom is its default", async () => {
    const user = await testEditor();
    expect(await getDb().story.count()).toBe(0);
    const first = await createStory(user, input({ title: "First", state: "CONCLUDED" }));
    expect(await getDb().story.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ isDefault: true, state: "CONCLUDED", timeZone: "Europe/Kyiv" });
    const second = await createStory(user, input({ title: "Second" }));
    expect((await getDb().story.findUniqueOrThrow({ where: { id: second.id } })).isDefault).toBe(false);
    const [log] = await listRevisions("Story", first.id);
    expect(log).toMatchObject({ action: "create" });
    expect(log!.diff.state).toEqual({ from: null, to: "CONCLUDED" });
  });

  it("keeps exactly one default: making a story the default unsets the other (logged there), and the default cannot be unset", async () => {
    const user = await testEditor();
    const a = await createStory(user, input({ isDefault: true }));
    const b = await createStory(user, input({ isDefault: true }));
    expect(await defaults()).toEqual([{ id: b.id }]);
    const aRow = await getDb().story.findUniqueOrThrow({ where: { id: a.id } });
    expect(aRow.isDefault).toBe(false);
    expect((await listRevisions("Story", a.id))[0]!.diff.isDefault).toEqual({ from: true, to: false });
    expect((await getDefaultStory())?.id).toBe(b.id);

    const bRow = await getDb().story.findUniqueOrThrow({ where: { id: b.id } });
    await expect(updateStory(user, b.id, bRow.version, input({ slug: bRow.slug, isDefault: false }))).rejects.toThrow(/make another story the default/);
    await updateStory(user, a.id, aRow.version, input({ slug: aRow.slug, isDefault: true }));
    expect(await defaults()).toEqual([{ id: a.id }]);
  });

  it("refuses a second default written behind the editor's back (the database holds at most one)", async () => {
    if ((await defaults()).length === 0) await createTestStory({ isDefault: true });
    await expect(createTestStory({ isDefault: true })).rejects.toThrow();
    expect(await defaults()).toHaveLength(1);
  });

  it("saves against a version (a stale form is refused) and checks slug, title and zone", async () => {
    const user = await testEditor();
    const s = await createStory(user, input());
    await updateStory(user, s.id, 1, input({ slug: s.slug, title: "Renamed" }));
    await expect(updateStory(user, s.id, 1, input({ slug: s.slug, title: "Stale" }))).rejects.toBeInstanceOf(ConflictError);
    await expect(createStory(user, input({ timeZone: "Mars/Olympus" }))).rejects.toThrow(/IANA/);
    await expect(createStory(user, input({ slug: "Not A Slug" }))).rejects.toThrow(/slug/);
    await expect(createStory(user, input({ slug: s.slug }))).rejects.toThrow(/already uses/);
    expect((await getDb().story.findUniqueOrThrow({ where: { id: s.id } })).title).toBe("Renamed");
  });

  it("keeps a renamed story's old slug leading to it, and lets no other story take it", async () => {
    const user = await testEditor();
    const s = await createStory(user, input());
    const newSlug = uniqueSlug("renamed");
    await updateStory(user, s.id, 1, input({ slug: newSlug }));
    expect(await findRedirect("Story", s.slug)).toEqual({ id: s.id, slug: newSlug });
    await expect(createStory(user, input({ slug: s.slug }))).rejects.toThrow(/old address/);
    // Renaming back takes the slug back; the redirect goes the other way.
    await updateStory(user, s.id, 2, input({ slug: s.slug }));
    expect(await findRedirect("Story", s.slug)).toBeNull();
    expect(await findRedirect("Story", newSlug)).toEqual({ id: s.id, slug: s.slug });
  });

  it("chooses and orders main claims among the story's own claims, against the story's version", async () => {
    const user = await testEditor();
    const s = await createStory(user, input());
    const [c1, c2, c3] = [await createTestClaim({ storyId: s.id }), await createTestClaim({ storyId: s.id }), await createTestClaim({ storyId: s.id })];
    await setMainClaims(user, s.id, 1, [c3.id, c1.id]);
    const rows = await getDb().storyMainClaim.findMany({ where: { storyId: s.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.claimId)).toEqual([c3.id, c1.id]);
    const [log] = await listRevisions("Story", s.id);
    expect(log).toMatchObject({ action: "main-claims" });
    expect(log!.diff.mainClaims).toEqual({ from: "", to: `${c3.slug}, ${c1.slug}` });

    await expect(setMainClaims(user, s.id, 1, [c2.id])).rejects.toBeInstanceOf(ConflictError);
    await expect(setMainClaims(user, s.id, 2, [c2.id, c2.id])).rejects.toThrow(/only once/);
    const elsewhere = await createTestClaim();
    await expect(setMainClaims(user, s.id, 2, [elsewhere.id])).rejects.toThrow(/own claims/);
    await setMainClaims(user, s.id, 2, []);
    expect(await getDb().storyMainClaim.count({ where: { storyId: s.id } })).toBe(0);
  });
});
