-- The "as of" view's ordered key (lib/events/queries.ts). A status period carries its event's
-- story and timelineKey, so that "events that had this status at the cut-off, newest first"
-- walks the (storyId, status, timelineKey, eventId, validFrom, validTo, id) index in timeline
-- order, tests the period in the index, and stops after a page (id makes the index cover what
-- the query reads, so the table is not read either). The two columns are derived: the
-- triggers below copy them from Event when a period is written and when the event moves. The
-- application never sets them (lib/events/write.ts writes periods without them).

-- AlterTable
ALTER TABLE "EventStatusPeriod" ADD COLUMN     "storyId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "timelineKey" TEXT NOT NULL DEFAULT '';

-- Existing periods, before the index is built.
UPDATE "EventStatusPeriod" p SET "storyId" = e."storyId", "timelineKey" = e."timelineKey"
FROM "Event" e WHERE e."id" = p."eventId";

-- CreateIndex
CREATE INDEX "EventStatusPeriod_storyId_status_timelineKey_eventId_validF_idx" ON "EventStatusPeriod"("storyId", "status", "timelineKey", "eventId", "validFrom", "validTo", "id");

-- A new period (or one given to another event) takes the event's story and timelineKey, whatever
-- the statement said.
CREATE FUNCTION "EventStatusPeriod_before_write"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT e."storyId", e."timelineKey" INTO NEW."storyId", NEW."timelineKey" FROM "Event" e WHERE e."id" = NEW."eventId";
    RETURN NEW;
END
$$;

CREATE TRIGGER "EventStatusPeriod_key_write" BEFORE INSERT OR UPDATE OF "eventId", "storyId", "timelineKey" ON "EventStatusPeriod"
FOR EACH ROW EXECUTE FUNCTION "EventStatusPeriod_before_write"();

-- An event that moves on the timeline (or to another story) moves its periods with it, as it
-- moves its source keys.
CREATE FUNCTION "EventStatusPeriod_after_event_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "EventStatusPeriod" SET "storyId" = NEW."storyId", "timelineKey" = NEW."timelineKey" WHERE "eventId" = NEW."id";
    RETURN NULL;
END
$$;

CREATE TRIGGER "Event_status_period_key_update" AFTER UPDATE OF "timelineKey", "storyId" ON "Event"
FOR EACH ROW WHEN (OLD."timelineKey" IS DISTINCT FROM NEW."timelineKey" OR OLD."storyId" IS DISTINCT FROM NEW."storyId")
EXECUTE FUNCTION "EventStatusPeriod_after_event_move"();

-- Read by short walks in index order that stop after a page, and by lookups of one event's
-- periods: parallel workers only add their start-up time (as for EventSource).
ALTER TABLE "EventStatusPeriod" SET (parallel_workers = 0);
