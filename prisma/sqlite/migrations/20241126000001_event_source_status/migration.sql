-- The source key carries the event's status too, so that a source filter combined with a status
-- filter is checked in the index before the event is read (lib/events/queries.ts). The table is
-- derived, so it is rebuilt from Citation and Event, and the triggers that keep it learn the new
-- column. All its triggers are dropped while the table is rebuilt (a rename checks every trigger
-- that names the table) and made again.

DROP TRIGGER "Citation_event_source_insert";
DROP TRIGGER "Citation_event_source_delete";
DROP TRIGGER "Citation_event_source_update";
DROP TRIGGER "Event_event_source_update";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EventSource" (
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "sourceId"),
    CONSTRAINT "EventSource_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT OR IGNORE INTO "new_EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
SELECT c."eventId", c."sourceId", e."storyId", e."timelineKey", e."status"
FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId";
DROP TABLE "EventSource";
ALTER TABLE "new_EventSource" RENAME TO "EventSource";
CREATE INDEX "EventSource_storyId_sourceId_timelineKey_eventId_status_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId", "status");
CREATE INDEX "EventSource_sourceId_timelineKey_eventId_status_idx" ON "EventSource"("sourceId", "timelineKey", "eventId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- A new citation adds its (event, source) pair unless another citation already did.
CREATE TRIGGER "Citation_event_source_insert" AFTER INSERT ON "Citation" BEGIN
    INSERT OR IGNORE INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
    SELECT NEW."eventId", NEW."sourceId", e."storyId", e."timelineKey", e."status" FROM "Event" e WHERE e."id" = NEW."eventId";
END;

-- A removed citation removes the pair once no other citation of the event names that source.
CREATE TRIGGER "Citation_event_source_delete" AFTER DELETE ON "Citation" BEGIN
    DELETE FROM "EventSource"
    WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId"
      AND NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId");
END;

-- A citation moved to another source (or event): the old pair goes once no other citation names
-- it, the new one is added.
CREATE TRIGGER "Citation_event_source_update" AFTER UPDATE OF "eventId", "sourceId" ON "Citation"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."sourceId" IS NOT NEW."sourceId" BEGIN
    DELETE FROM "EventSource"
    WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId"
      AND NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId");
    INSERT OR IGNORE INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
    SELECT NEW."eventId", NEW."sourceId", e."storyId", e."timelineKey", e."status" FROM "Event" e WHERE e."id" = NEW."eventId";
END;

-- An event that moves on the timeline (or to another story) or changes status updates its keys.
CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId", "status" ON "Event"
WHEN OLD."timelineKey" IS NOT NEW."timelineKey" OR OLD."storyId" IS NOT NEW."storyId" OR OLD."status" IS NOT NEW."status" BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId", "status" = NEW."status"
    WHERE "eventId" = NEW."id";
END;
