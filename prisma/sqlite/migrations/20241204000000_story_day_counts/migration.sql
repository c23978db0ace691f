-- The story at a glance (components/reader/story-glance.tsx) draws a story's published events per
-- day and label. Counting them from Event costs a scan of the whole story (a million index
-- entries at 1M events); this table keeps the counts per (story, day, status) instead, so the
-- strip of an unfiltered story reads one row per day and label. Derived, never written by the
-- application: the triggers below keep it in step on every write path (editor, import, seed,
-- bench generator). A count may fall to zero; readers skip those rows.

-- CreateTable
CREATE TABLE "StoryDayCount" (
    "storyId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("storyId", "day", "status")
);

INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count")
SELECT "storyId", "occurredOn", "status", COUNT(*) FROM "Event" WHERE "published" = 1 GROUP BY "storyId", "occurredOn", "status";

CREATE TRIGGER "Event_day_count_insert" AFTER INSERT ON "Event" WHEN NEW."published" = 1 BEGIN
    INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count") VALUES (NEW."storyId", NEW."occurredOn", NEW."status", 1)
    ON CONFLICT ("storyId", "day", "status") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Event_day_count_delete" AFTER DELETE ON "Event" WHEN OLD."published" = 1 BEGIN
    UPDATE "StoryDayCount" SET "count" = "count" - 1
    WHERE "storyId" = OLD."storyId" AND "day" = OLD."occurredOn" AND "status" = OLD."status";
END;

-- Published, unpublished, moved to another day or story, or relabelled: out of the old cell, into
-- the new one.
CREATE TRIGGER "Event_day_count_update" AFTER UPDATE OF "published", "status", "occurredOn", "storyId" ON "Event"
WHEN OLD."published" IS NOT NEW."published" OR OLD."status" IS NOT NEW."status" OR OLD."occurredOn" IS NOT NEW."occurredOn" OR OLD."storyId" IS NOT NEW."storyId" BEGIN
    UPDATE "StoryDayCount" SET "count" = "count" - 1
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "day" = OLD."occurredOn" AND "status" = OLD."status";
    INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count")
    SELECT NEW."storyId", NEW."occurredOn", NEW."status", 1 WHERE NEW."published" = 1
    ON CONFLICT ("storyId", "day", "status") DO UPDATE SET "count" = "count" + 1;
END;
