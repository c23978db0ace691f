-- The source filter's ordered key (lib/events/queries.ts). EventSource holds one row per event
-- and cited source with the event's story and timelineKey, so that "events citing this source,
-- newest first" walks an index in timeline order and stops after a page instead of probing the
-- whole timeline. Derived data: the triggers below keep it in step with Citation and Event on
-- every write path (editor, import, seed, benchmark generator). Nothing writes it directly.

-- CreateTable
CREATE TABLE "EventSource" (
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "sourceId"),
    CONSTRAINT "EventSource_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Existing citations, before the secondary indexes are built.
INSERT OR IGNORE INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey")
SELECT c."eventId", c."sourceId", e."storyId", e."timelineKey"
FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId";

-- CreateIndex
CREATE INDEX "EventSource_storyId_sourceId_timelineKey_eventId_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId");

-- CreateIndex
CREATE INDEX "EventSource_sourceId_timelineKey_eventId_idx" ON "EventSource"("sourceId", "timelineKey", "eventId");

-- A new citation adds its (event, source) pair unless another citation already did.
CREATE TRIGGER "Citation_event_source_insert" AFTER INSERT ON "Citation" BEGIN
    INSERT OR IGNORE INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey")
    SELECT NEW."eventId", NEW."sourceId", e."storyId", e."timelineKey" FROM "Event" e WHERE e."id" = NEW."eventId";
END;

-- A removed citation removes the pair once no other citation of the event names that source.
CREATE TRIGGER "Citation_event_source_delete" AFTER DELETE ON "Citation" BEGIN
    DELETE FROM "EventSource"
    WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId"
      AND NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId");
END;

-- A citation moved to another source (or event): both of the above.
CREATE TRIGGER "Citation_event_source_update" AFTER UPDATE OF "eventId", "sourceId" ON "Citation"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."sourceId" IS NOT NEW."sourceId" BEGIN
    DELETE FROM "EventSource"
    WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId"
      AND NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId");
    INSERT OR IGNORE INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey")
    SELECT NEW."eventId", NEW."sourceId", e."storyId", e."timelineKey" FROM "Event" e WHERE e."id" = NEW."eventId";
END;

-- An event that moves on the timeline (or to another story) moves its keys with it. Deleting an
-- event deletes its keys through the foreign key.
CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId" ON "Event"
WHEN OLD."timelineKey" IS NOT NEW."timelineKey" OR OLD."storyId" IS NOT NEW."storyId" BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId" WHERE "eventId" = NEW."id";
END;
