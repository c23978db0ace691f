-- The source key carries the event's kind and whether it is published, as it carries its status:
-- a source filter combined with a kind filter (and the published test every reader's view makes)
-- is then answered in the key's index, without reading an event per row walked (see the SQLite
-- migration). The functions that keep the key learn the new columns.

-- The old indexes go first, so that the backfill below does not maintain them. PostgreSQL cut
-- these names to 63 characters when it made them; the same cut applies here.
DROP INDEX "EventSource_storyId_sourceId_timelineKey_eventId_status_knownFrom_idx";
DROP INDEX "EventSource_sourceId_timelineKey_eventId_status_knownFrom_idx";

ALTER TABLE "EventSource" ADD COLUMN "kind" "EventKind", ADD COLUMN "published" BOOLEAN;
-- The backfill moves no link, so the facet counts' statement trigger (migration
-- 20241206000000_story_facet_counts), which would take every row out and put it back, is set
-- aside while it runs (2M rows: 136 s with it and the old indexes, 75 s without).
ALTER TABLE "EventSource" DISABLE TRIGGER "EventSource_facet_update";
UPDATE "EventSource" k SET "kind" = e."kind", "published" = e."published" FROM "Event" e WHERE e."id" = k."eventId";
ALTER TABLE "EventSource" ENABLE TRIGGER "EventSource_facet_update";
ALTER TABLE "EventSource" ALTER COLUMN "kind" SET NOT NULL, ALTER COLUMN "published" SET NOT NULL;
CREATE INDEX "EventSource_story_key_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId", "status", "knownFrom", "kind", "published");
CREATE INDEX "EventSource_source_key_idx" ON "EventSource"("sourceId", "timelineKey", "eventId", "status", "knownFrom", "kind", "published");

CREATE OR REPLACE FUNCTION "EventSource_refresh_pair"(event_id TEXT, source_id TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "EventSource" WHERE "eventId" = event_id AND "sourceId" = source_id;
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom", "kind", "published")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", GREATEST(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt"))), e."kind", e."published"
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE c."eventId" = event_id AND c."sourceId" = source_id
    GROUP BY e."id", c."sourceId";
END
$$;

CREATE OR REPLACE FUNCTION "EventSource_after_citation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "Event" e WHERE e."id" IN (SELECT n."eventId" FROM new_citations n) ORDER BY e."id" FOR NO KEY UPDATE;
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom", "kind", "published")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", GREATEST(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt"))), e."kind", e."published"
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE (c."eventId", c."sourceId") IN (SELECT n."eventId", n."sourceId" FROM new_citations n)
    GROUP BY e."id", c."sourceId"
    ON CONFLICT ("eventId", "sourceId") DO UPDATE SET "knownFrom" = EXCLUDED."knownFrom";
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "EventSource_after_event_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId", "status" = NEW."status",
        "knownFrom" = GREATEST(NEW."knownFrom", (
            SELECT MIN(COALESCE(c."publishedAt", NEW."firstReportedAt")) FROM "Citation" c
            WHERE c."eventId" = NEW."id" AND c."sourceId" = "EventSource"."sourceId")),
        "kind" = NEW."kind", "published" = NEW."published"
    WHERE "eventId" = NEW."id";
    RETURN NULL;
END
$$;

-- An event that moves, changes status or kind, is published or withdrawn, or becomes known at
-- another instant updates its rows.
DROP TRIGGER "Event_event_source_update" ON "Event";
CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId", "status", "knownFrom", "firstReportedAt", "kind", "published" ON "Event"
FOR EACH ROW WHEN (OLD."timelineKey" IS DISTINCT FROM NEW."timelineKey" OR OLD."storyId" IS DISTINCT FROM NEW."storyId"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."knownFrom" IS DISTINCT FROM NEW."knownFrom"
    OR OLD."firstReportedAt" IS DISTINCT FROM NEW."firstReportedAt"
    OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."published" IS DISTINCT FROM NEW."published")
EXECUTE FUNCTION "EventSource_after_event_move"();
