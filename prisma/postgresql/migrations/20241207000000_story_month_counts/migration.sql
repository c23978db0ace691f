-- The story at a glance sums StoryDayCount into at most 92 bars. A story of many years has
-- thousands of days (about 28,000 rows at a million events over 5,000 days), and summing them
-- cost more than the page's list query. This table keeps the same counts per (story, month
-- 'YYYY-MM', status): the strip of a story whose bars would be four weeks long or more draws
-- whole months from it, a few hundred rows. Derived, never written by the application: the
-- statement triggers below keep it equal to StoryDayCount summed by month, on every write to
-- StoryDayCount (which the statement triggers on Event keep), one grouped upsert per statement
-- over the day cells it wrote, never over the events. An upsert into StoryDayCount fires both its
-- INSERT trigger (the cells it inserted) and its UPDATE trigger (the cells it updated). A count
-- may fall to zero; readers skip those rows.

-- CreateTable
CREATE TABLE "StoryMonthCount" (
    "storyId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" "EventStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StoryMonthCount_pkey" PRIMARY KEY ("storyId","month","status")
);

INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count")
SELECT "storyId", substr("day", 1, 7), "status", SUM("count") FROM "StoryDayCount" GROUP BY "storyId", substr("day", 1, 7), "status";

CREATE OR REPLACE FUNCTION "StoryMonthCount_after_day_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count")
    SELECT n."storyId", substr(n."day", 1, 7), n."status", SUM(n."count") FROM new_days n
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT ("storyId", "month", "status") DO UPDATE SET "count" = "StoryMonthCount"."count" + EXCLUDED."count";
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "StoryMonthCount_after_day_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "StoryMonthCount" m SET "count" = m."count" - o.n
    FROM (SELECT "storyId", substr("day", 1, 7) AS "month", "status", SUM("count") AS n FROM old_days GROUP BY 1, 2, 3) o
    WHERE m."storyId" = o."storyId" AND m."month" = o."month" AND m."status" = o."status" AND o.n <> 0;
    RETURN NULL;
END
$$;

-- Counts changed (an upsert's DO UPDATE, the decrement of a deleted, unpublished, moved or
-- relabelled event), or, should anything ever write them, cells moved to another day, story or
-- label: the new rows' counts in, the old rows' out, netted per month cell, the cells that net to
-- nothing left out.
CREATE OR REPLACE FUNCTION "StoryMonthCount_after_day_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "StoryMonthCount" ("storyId", "month", "status", "count")
    SELECT d."storyId", d."month", d."status", SUM(d.n)
    FROM (
        SELECT n."storyId", substr(n."day", 1, 7) AS "month", n."status", n."count" AS n FROM new_days n
        UNION ALL
        SELECT o."storyId", substr(o."day", 1, 7) AS "month", o."status", -o."count" AS n FROM old_days o
    ) d
    GROUP BY 1, 2, 3
    HAVING SUM(d.n) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ("storyId", "month", "status") DO UPDATE SET "count" = "StoryMonthCount"."count" + EXCLUDED."count";
    RETURN NULL;
END
$$;

CREATE TRIGGER "StoryDayCount_month_insert" AFTER INSERT ON "StoryDayCount"
REFERENCING NEW TABLE AS new_days
FOR EACH STATEMENT EXECUTE FUNCTION "StoryMonthCount_after_day_insert"();

CREATE TRIGGER "StoryDayCount_month_delete" AFTER DELETE ON "StoryDayCount"
REFERENCING OLD TABLE AS old_days
FOR EACH STATEMENT EXECUTE FUNCTION "StoryMonthCount_after_day_delete"();

CREATE TRIGGER "StoryDayCount_month_update" AFTER UPDATE ON "StoryDayCount"
REFERENCING OLD TABLE AS old_days NEW TABLE AS new_days
FOR EACH STATEMENT EXECUTE FUNCTION "StoryMonthCount_after_day_update"();
