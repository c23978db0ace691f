-- The "as of" view's ordered key (lib/events/queries.ts). A status period carries its event's
-- story and timelineKey, so that "events that had this status at the cut-off, newest first"
-- walks the (storyId, status, timelineKey, eventId, validFrom, validTo, id) index in timeline
-- order, tests the period in the index, and stops after a page (id makes the index cover what
-- the query reads, so the table is not read either). The two columns are derived: the
-- triggers below copy them from Event when a period is written and when the event moves. The
-- application never sets them (lib/events/write.ts writes periods without them).

-- AlterTable
ALTER TABLE "EventStatusPeriod" ADD COLUMN "storyId" TEXT NOT NULL DEFAULT '';
ALTER TABLE "EventStatusPeriod" ADD COLUMN "timelineKey" TEXT NOT NULL DEFAULT '';

-- Existing periods, before the index is built.
UPDATE "EventStatusPeriod" SET "storyId" = e."storyId", "timelineKey" = e."timelineKey"
FROM "Event" e WHERE e."id" = "EventStatusPeriod"."eventId";

-- CreateIndex
CREATE INDEX "EventStatusPeriod_storyId_status_timelineKey_eventId_validFrom_validTo_id_idx" ON "EventStatusPeriod"("storyId", "status", "timelineKey", "eventId", "validFrom", "validTo", "id");

-- A new period (or one given to another event) takes the event's story and timelineKey.
CREATE TRIGGER "EventStatusPeriod_key_insert" AFTER INSERT ON "EventStatusPeriod" BEGIN
    UPDATE "EventStatusPeriod" SET "storyId" = e."storyId", "timelineKey" = e."timelineKey"
    FROM "Event" e WHERE e."id" = NEW."eventId" AND "EventStatusPeriod"."id" = NEW."id";
END;

CREATE TRIGGER "EventStatusPeriod_key_update" AFTER UPDATE OF "eventId" ON "EventStatusPeriod" BEGIN
    UPDATE "EventStatusPeriod" SET "storyId" = e."storyId", "timelineKey" = e."timelineKey"
    FROM "Event" e WHERE e."id" = NEW."eventId" AND "EventStatusPeriod"."id" = NEW."id";
END;

-- An event that moves on the timeline (or to another story) moves its periods with it.
CREATE TRIGGER "Event_status_period_key_update" AFTER UPDATE OF "timelineKey", "storyId" ON "Event"
WHEN OLD."timelineKey" IS NOT NEW."timelineKey" OR OLD."storyId" IS NOT NEW."storyId" BEGIN
    UPDATE "EventStatusPeriod" SET "storyId" = NEW."storyId", "timelineKey" = NEW."timelineKey" WHERE "eventId" = NEW."id";
END;
