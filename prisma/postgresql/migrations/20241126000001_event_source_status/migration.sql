-- The source key carries the event's status too, so that a source filter combined with a status
-- filter is checked in the index before the event is read (lib/events/queries.ts). The table is
-- derived, so it is emptied and refilled from Citation and Event (no dead rows), and the trigger
-- functions that keep it learn the new column.

-- DropIndex
DROP INDEX "EventSource_storyId_sourceId_timelineKey_eventId_idx";

-- DropIndex
DROP INDEX "EventSource_sourceId_timelineKey_eventId_idx";

TRUNCATE "EventSource";

-- AlterTable
ALTER TABLE "EventSource" ADD COLUMN     "status" "EventStatus" NOT NULL;

INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
SELECT DISTINCT c."eventId", c."sourceId", e."storyId", e."timelineKey", e."status"
FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId";

-- CreateIndex
CREATE INDEX "EventSource_storyId_sourceId_timelineKey_eventId_status_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId", "status");

-- CreateIndex
CREATE INDEX "EventSource_sourceId_timelineKey_eventId_status_idx" ON "EventSource"("sourceId", "timelineKey", "eventId", "status");

CREATE OR REPLACE FUNCTION "EventSource_after_citation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
    SELECT n."eventId", n."sourceId", e."storyId", e."timelineKey", e."status"
    FROM new_citations n JOIN "Event" e ON e."id" = n."eventId"
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "EventSource_after_citation_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "EventSource"
    WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId"
      AND NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId");
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
        SELECT NEW."eventId", NEW."sourceId", e."storyId", e."timelineKey", e."status" FROM "Event" e WHERE e."id" = NEW."eventId"
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

-- An event that moves on the timeline (or to another story) or changes status updates its keys.
CREATE OR REPLACE FUNCTION "EventSource_after_event_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId", "status" = NEW."status"
    WHERE "eventId" = NEW."id";
    RETURN NULL;
END
$$;

DROP TRIGGER "Event_event_source_update" ON "Event";

CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId", "status" ON "Event"
FOR EACH ROW WHEN (OLD."timelineKey" IS DISTINCT FROM NEW."timelineKey" OR OLD."storyId" IS DISTINCT FROM NEW."storyId" OR OLD."status" IS DISTINCT FROM NEW."status")
EXECUTE FUNCTION "EventSource_after_event_move"();

-- The key is read by short walks in index order that stop after a page: parallel workers only
-- add their start-up time (measured at 1M events: 35 ms with them, 22 ms without).
ALTER TABLE "EventSource" SET (parallel_workers = 0);
