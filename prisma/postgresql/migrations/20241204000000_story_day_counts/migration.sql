-- The story at a glance (components/reader/story-glance.tsx) draws a story's published events per
-- day and label. Counting them from Event costs a scan of the whole story (a million index
-- entries at 1M events); this table keeps the counts per (story, day, status) instead, so the
-- strip of an unfiltered story reads one row per day and label. Derived, never written by the
-- application: the statement triggers below keep it in step on every write path (editor, import,
-- seed, bench generator), one grouped upsert per statement. A count may fall to zero; readers
-- skip those rows.

-- CreateTable
CREATE TABLE "StoryDayCount" (
    "storyId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "status" "EventStatus" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StoryDayCount_pkey" PRIMARY KEY ("storyId","day","status")
);

INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count")
SELECT "storyId", "occurredOn", "status", COUNT(*) FROM "Event" WHERE "published" GROUP BY "storyId", "occurredOn", "status";

CREATE OR REPLACE FUNCTION "StoryDayCount_after_event_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count")
    SELECT n."storyId", n."occurredOn", n."status", COUNT(*) FROM new_events n WHERE n."published"
    GROUP BY n."storyId", n."occurredOn", n."status"
    ORDER BY 1, 2, 3
    ON CONFLICT ("storyId", "day", "status") DO UPDATE SET "count" = "StoryDayCount"."count" + EXCLUDED."count";
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "StoryDayCount_after_event_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "StoryDayCount" d SET "count" = d."count" - o.n
    FROM (SELECT "storyId", "occurredOn", "status", COUNT(*) AS n FROM old_events WHERE "published" GROUP BY 1, 2, 3) o
    WHERE d."storyId" = o."storyId" AND d."day" = o."occurredOn" AND d."status" = o."status";
    RETURN NULL;
END
$$;

-- Published, unpublished, moved to another day or story, or relabelled: out of the old cell, into
-- the new one. Rows whose cell did not change are left out.
CREATE OR REPLACE FUNCTION "StoryDayCount_after_event_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "StoryDayCount" d SET "count" = d."count" - m.n
    FROM (
        SELECT o."storyId", o."occurredOn", o."status", COUNT(*) AS n
        FROM old_events o JOIN new_events n ON n."id" = o."id"
        WHERE o."published" AND (NOT n."published" OR o."status" IS DISTINCT FROM n."status"
           OR o."occurredOn" IS DISTINCT FROM n."occurredOn" OR o."storyId" IS DISTINCT FROM n."storyId")
        GROUP BY 1, 2, 3
    ) m
    WHERE d."storyId" = m."storyId" AND d."day" = m."occurredOn" AND d."status" = m."status";
    INSERT INTO "StoryDayCount" ("storyId", "day", "status", "count")
    SELECT n."storyId", n."occurredOn", n."status", COUNT(*)
    FROM old_events o JOIN new_events n ON n."id" = o."id"
    WHERE n."published" AND (NOT o."published" OR o."status" IS DISTINCT FROM n."status"
       OR o."occurredOn" IS DISTINCT FROM n."occurredOn" OR o."storyId" IS DISTINCT FROM n."storyId")
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT ("storyId", "day", "status") DO UPDATE SET "count" = "StoryDayCount"."count" + EXCLUDED."count";
    RETURN NULL;
END
$$;

CREATE TRIGGER "Event_day_count_insert" AFTER INSERT ON "Event"
REFERENCING NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION "StoryDayCount_after_event_insert"();

CREATE TRIGGER "Event_day_count_delete" AFTER DELETE ON "Event"
REFERENCING OLD TABLE AS old_events
FOR EACH STATEMENT EXECUTE FUNCTION "StoryDayCount_after_event_delete"();

CREATE TRIGGER "Event_day_count_update" AFTER UPDATE ON "Event"
REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION "StoryDayCount_after_event_update"();
