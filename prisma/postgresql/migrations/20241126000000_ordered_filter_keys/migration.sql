-- The source filter's ordered key (lib/events/queries.ts). EventSource holds one row per event
-- and cited source with the event's story and timelineKey, so that "events citing this source,
-- newest first" walks an index in timeline order and stops after a page instead of hash-joining
-- all of the source's citations and sorting them. Derived data: the triggers below keep it in
-- step with Citation and Event on every write path (editor, import, seed, benchmark generator).
-- Nothing writes it directly.

-- CreateTable
CREATE TABLE "EventSource" (
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,

    CONSTRAINT "EventSource_pkey" PRIMARY KEY ("eventId","sourceId")
);

-- Existing citations, before the secondary indexes are built.
INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey")
SELECT DISTINCT c."eventId", c."sourceId", e."storyId", e."timelineKey"
FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId";

-- CreateIndex
CREATE INDEX "EventSource_storyId_sourceId_timelineKey_eventId_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId");

-- CreateIndex
CREATE INDEX "EventSource_sourceId_timelineKey_eventId_idx" ON "EventSource"("sourceId", "timelineKey", "eventId");

-- AddForeignKey
ALTER TABLE "EventSource" ADD CONSTRAINT "EventSource_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- New citations add their (event, source) pairs unless another citation already did. One
-- statement per INSERT statement, so bulk inserts (imports, the benchmark generator) stay bulk.
CREATE FUNCTION "EventSource_after_citation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey")
    SELECT n."eventId", n."sourceId", e."storyId", e."timelineKey"
    FROM new_citations n JOIN "Event" e ON e."id" = n."eventId"
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Citation_event_source_insert" AFTER INSERT ON "Citation"
REFERENCING NEW TABLE AS new_citations
FOR EACH STATEMENT EXECUTE FUNCTION "EventSource_after_citation_insert"();

-- A removed citation removes the pair once no other citation of the event names that source. A
-- citation moved to another source (or event) does both.
CREATE FUNCTION "EventSource_after_citation_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "EventSource"
    WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId"
      AND NOT EXISTS (SELECT 1 FROM "Citation" c WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId");
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey")
        SELECT NEW."eventId", NEW."sourceId", e."storyId", e."timelineKey" FROM "Event" e WHERE e."id" = NEW."eventId"
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Citation_event_source_delete" AFTER DELETE ON "Citation"
FOR EACH ROW EXECUTE FUNCTION "EventSource_after_citation_change"();

CREATE TRIGGER "Citation_event_source_update" AFTER UPDATE OF "eventId", "sourceId" ON "Citation"
FOR EACH ROW WHEN (OLD."eventId" IS DISTINCT FROM NEW."eventId" OR OLD."sourceId" IS DISTINCT FROM NEW."sourceId")
EXECUTE FUNCTION "EventSource_after_citation_change"();

-- An event that moves on the timeline (or to another story) moves its keys with it. Deleting an
-- event deletes its keys through the foreign key.
CREATE FUNCTION "EventSource_after_event_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId" WHERE "eventId" = NEW."id";
    RETURN NULL;
END
$$;

CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId" ON "Event"
FOR EACH ROW WHEN (OLD."timelineKey" IS DISTINCT FROM NEW."timelineKey" OR OLD."storyId" IS DISTINCT FROM NEW."storyId")
EXECUTE FUNCTION "EventSource_after_event_move"();

-- Full-text search (lib/search/full-text.ts): the tsvector is stored, so a scan reads it instead
-- of recomputing to_tsvector(regexp_replace(...)) on every row it visits. A generated column, so
-- PostgreSQL itself keeps it equal to the expression on every insert and every update of
-- searchText. Raw SQL only: Prisma's schema does not see the column, as it did not see the
-- expression index it replaces. Same tokens as before ('simple' configuration, runs of letters
-- and digits).
DROP INDEX "Event_searchText_fts_idx";

ALTER TABLE "Event" ADD COLUMN "searchVector" tsvector
GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, regexp_replace("searchText", '[^[:alnum:]]+', ' ', 'g'))) STORED;

CREATE INDEX "Event_searchVector_idx" ON "Event" USING GIN ("searchVector");
