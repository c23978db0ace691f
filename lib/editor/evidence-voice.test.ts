import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { refreshEvents } from "../events/write";
import { importStory } from "../import/import-story";
import { signedInUser } from "../testing/auth";
import { truthStory } from "../testing/truth-story";
import { updateCitation } from "./events";

// A claim change's evidence citation carries the voice that confirmed the claim (or made it a
// party's claim): editing its speaker changes the labels of every event on that claim, not only
// of the event that holds the citation.

const labels = async () =>
  (await getDb().event.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, statusPeriods: { select: { status: true, validFrom: true }, orderBy: { validFrom: "asc" } } } })).map((e) =>
    JSON.stringify(e),
  );

describe("editing an evidence citation's voice", () => {
  it("relabels every event on the claims it is evidence for", async () => {
    await importStory(getDb(), truthStory());
    const u = await signedInUser("EDITOR");
    const editor = { id: u.id, email: u.email, name: "Test Editor", role: "EDITOR" as const };
    const c = await getDb().citation.findUniqueOrThrow({ where: { id: "tt-cit-16-globalwire" } });
    const other = await getDb().actor.findFirstOrThrow({ where: { id: { not: c.speakerActorId! } }, select: { id: true } });
    const confirmedBefore = await getDb().event.count({ where: { status: "CONFIRMED" } });

    await updateCitation(editor, c.id, c.version, {
      sourceId: c.sourceId,
      url: c.url,
      archivedUrl: c.archivedUrl,
      title: c.title,
      publishedAt: c.publishedAt,
      publishedPrecision: c.publishedPrecision,
      quote: c.quote,
      attribution: c.attribution,
      attributionText: c.attributionText,
      speakerActorId: other.id,
      originSourceId: c.originSourceId,
      originText: c.originText,
      repeatsCitationId: c.repeatsCitationId,
      note: c.note,
    });

    const edited = await labels();
    const ids = (await getDb().event.findMany({ select: { id: true } })).map((e) => e.id);
    await getDb().$transaction(async (tx) => {
      for (let i = 0; i < ids.length; i += 100) await refreshEvents(tx, ids.slice(i, i + 100));
    });
    expect(edited).toEqual(await labels());
    // The edit did change a label beyond the citation's own event: the test tests something.
    expect(await getDb().event.count({ where: { status: "CONFIRMED" } })).toBeLessThan(confirmedBefore);
  });
});
