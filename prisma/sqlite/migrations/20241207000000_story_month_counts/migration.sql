-- The story at a glance sums StoryDayCount into at most 92 bars. A story of many years has
-- thousands of days (about 28,000 rows at a million events over 5,000 days), and summing them
-- cost more than the page's list query. This table keeps the same counts per (story, month
-- 'YYYY-MM', status): the strip of a story whose bars would be four weeks long or more draws
-- whole months from it, a few hundred rows. Derived, never written by the application: the
-- triggers below keep it equal to StoryDayCount summed by month, on every write to StoryDayCount
-- (which triggers on Event keep: an insert, or an upsert of its count, per event written). A
-- count may fall to zero; readers skip those rows.

-- CreateTable
CREATE TABLE "StoryMonthCount" (
    "storyId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("storyId", "month", "status")
);

INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count")
SELECT "storyId", substr("day", 1, 7), "status", SUM("count") FROM "StoryDayCount" GROUP BY "storyId", substr("day", 1, 7), "status";

-- A new cell of StoryDayCount (an upsert that found none inserts it).
CREATE TRIGGER "StoryDayCount_month_insert" AFTER INSERT ON "StoryDayCount" BEGIN
    INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count") VALUES (NEW."storyId", substr(NEW."day", 1, 7), NEW."status", NEW."count")
    ON CONFLICT ("storyId", "month", "status") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "StoryDayCount_month_delete" AFTER DELETE ON "StoryDayCount" BEGIN
    UPDATE "StoryMonthCount" SET "count" = "count" - OLD."count"
    WHERE "storyId" = OLD."storyId" AND "month" = substr(OLD."day", 1, 7) AND "status" = OLD."status";
END;

-- A count changed within the same month cell (an upsert's DO UPDATE, or the decrement of a
-- deleted, unpublished, moved or relabelled event): the difference, one statement.
CREATE TRIGGER "StoryDayCount_month_count" AFTER UPDATE OF "count", "day", "status", "storyId" ON "StoryDayCount"
WHEN OLD."storyId" IS NEW."storyId" AND substr(OLD."day", 1, 7) IS substr(NEW."day", 1, 7) AND OLD."status" IS NEW."status" AND OLD."count" IS NOT NEW."count" BEGIN
    INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count") VALUES (NEW."storyId", substr(NEW."day", 1, 7), NEW."status", NEW."count" - OLD."count")
    ON CONFLICT ("storyId", "month", "status") DO UPDATE SET "count" = "count" + excluded."count";
END;

-- A cell moved to another month, story or label (nothing writes StoryDayCount so today): its
-- whole count out of the old month cell, into the new one.
CREATE TRIGGER "StoryDayCount_month_move" AFTER UPDATE OF "count", "day", "status", "storyId" ON "StoryDayCount"
WHEN OLD."storyId" IS NOT NEW."storyId" OR substr(OLD."day", 1, 7) IS NOT substr(NEW."day", 1, 7) OR OLD."status" IS NOT NEW."status" BEGIN
    UPDATE "StoryMonthCount" SET "count" = "count" - OLD."count"
    WHERE "storyId" = OLD."storyId" AND "month" = substr(OLD."day", 1, 7) AND "status" = OLD."status";
    INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count") VALUES (NEW."storyId", substr(NEW."day", 1, 7), NEW."status", NEW."count")
    ON CONFLICT ("storyId", "month", "status") DO UPDATE SET "count" = "count" + excluded."count";
END;
