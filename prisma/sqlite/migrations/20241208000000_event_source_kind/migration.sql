-- The source key carries the event's kind and whether it is published, as it carries its status:
-- a source filter combined with a kind filter (and the published test every reader's view makes)
-- is then answered in the key's index, without reading an event per row walked. At a million
-- events a source, a status and a kind cost the walk about seven event reads per match, random
-- reads in the largest table (lib/events/queries.ts, keyedWalk).
--
-- EventSource is derived: rebuilt with the two columns, its own triggers (facet counts, which
-- DROP TABLE removes) made again, and the triggers that keep it taught the new columns.

DROP TRIGGER "Citation_event_source_insert";
DROP TRIGGER "Citation_event_source_delete";
DROP TRIGGER "Citation_event_source_update";
DROP TRIGGER "Event_event_source_update";
DROP TRIGGER "EventSource_facet_insert";
DROP TRIGGER "EventSource_facet_delete";
DROP TRIGGER "EventSource_facet_update";

DROP TABLE "EventSource";
CREATE TABLE "EventSource" (
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "knownFrom" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL,

    PRIMARY KEY ("eventId", "sourceId"),
    CONSTRAINT "EventSource_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom", "kind", "published")
SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt"))), e."kind", e."published"
FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
GROUP BY e."id", c."sourceId";
CREATE INDEX "EventSource_story_key_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId", "status", "knownFrom", "kind", "published");
CREATE INDEX "EventSource_source_key_idx" ON "EventSource"("sourceId", "timelineKey", "eventId", "status", "knownFrom", "kind", "published");

-- EventSource: a link of a published event counts under the event's story. A link removed because its
-- event is deleted finds no event here: Event_facet_delete has taken the event's links out.
CREATE TRIGGER "EventSource_facet_insert" AFTER INSERT ON "EventSource" BEGIN
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'source', NEW."sourceId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "EventSource_facet_delete" AFTER DELETE ON "EventSource" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'source' AND "valueId" = OLD."sourceId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
END;

CREATE TRIGGER "EventSource_facet_update" AFTER UPDATE OF "eventId", "sourceId" ON "EventSource"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."sourceId" IS NOT NEW."sourceId" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'source' AND "valueId" = OLD."sourceId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'source', NEW."sourceId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

-- A citation added, removed, moved or re-dated: its (event, source) row is made again from the
-- citations that remain.
CREATE TRIGGER "Citation_event_source_insert" AFTER INSERT ON "Citation" BEGIN
    DELETE FROM "EventSource" WHERE "eventId" = NEW."eventId" AND "sourceId" = NEW."sourceId";
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom", "kind", "published")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt"))), e."kind", e."published"
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE c."eventId" = NEW."eventId" AND c."sourceId" = NEW."sourceId"
    GROUP BY e."id", c."sourceId";
END;

CREATE TRIGGER "Citation_event_source_delete" AFTER DELETE ON "Citation" BEGIN
    DELETE FROM "EventSource" WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId";
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom", "kind", "published")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt"))), e."kind", e."published"
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId"
    GROUP BY e."id", c."sourceId";
END;

CREATE TRIGGER "Citation_event_source_update" AFTER UPDATE OF "eventId", "sourceId", "publishedAt" ON "Citation"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."sourceId" IS NOT NEW."sourceId" OR OLD."publishedAt" IS NOT NEW."publishedAt" BEGIN
    DELETE FROM "EventSource" WHERE ("eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId") OR ("eventId" = NEW."eventId" AND "sourceId" = NEW."sourceId");
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom", "kind", "published")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt"))), e."kind", e."published"
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE (c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId") OR (c."eventId" = NEW."eventId" AND c."sourceId" = NEW."sourceId")
    GROUP BY e."id", c."sourceId";
END;

-- An event that moves, changes status or kind, is published or withdrawn, or becomes known at
-- another instant updates its rows.
CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId", "status", "knownFrom", "firstReportedAt", "kind", "published" ON "Event"
WHEN OLD."timelineKey" IS NOT NEW."timelineKey" OR OLD."storyId" IS NOT NEW."storyId" OR OLD."status" IS NOT NEW."status"
  OR OLD."knownFrom" IS NOT NEW."knownFrom" OR OLD."firstReportedAt" IS NOT NEW."firstReportedAt"
  OR OLD."kind" IS NOT NEW."kind" OR OLD."published" IS NOT NEW."published" BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId", "status" = NEW."status",
        "knownFrom" = MAX(NEW."knownFrom", (
            SELECT MIN(COALESCE(c."publishedAt", NEW."firstReportedAt")) FROM "Citation" c
            WHERE c."eventId" = NEW."id" AND c."sourceId" = "EventSource"."sourceId")),
        "kind" = NEW."kind", "published" = NEW."published"
    WHERE "eventId" = NEW."id";
END;
