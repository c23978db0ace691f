-- The filter bar's top sources, actors and tags, and a story's main claims by default, rank the
-- values linked to a story's published events by how many links they have. Counting them from the
-- link tables reads every link of the story (4 s for the three facets at a million events, again
-- each time the kept counts expired). This table keeps those counts per (story, facet, value):
-- "source" counts EventSource rows, "actor" EventActor rows, "tag" EventTag rows and "claim"
-- EventClaim rows, each of a published event, under the event's story. Derived, never written by
-- the application: the triggers below keep it in step on every write path, one grouped upsert per
-- statement. A count may fall to zero; readers skip those rows.

-- CreateTable
CREATE TABLE "StoryFacetCount" (
    "storyId" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "valueId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StoryFacetCount_pkey" PRIMARY KEY ("storyId","facet","valueId")
);

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'source', l."sourceId", COUNT(*) FROM "EventSource" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY e."storyId", l."sourceId";

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'actor', l."actorId", COUNT(*) FROM "EventActor" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY e."storyId", l."actorId";

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'tag', l."tagId", COUNT(*) FROM "EventTag" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY e."storyId", l."tagId";

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'claim', l."claimId", COUNT(*) FROM "EventClaim" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY e."storyId", l."claimId";

-- Adds `delta` links per (story, facet, value), skipping the rows that net to nothing.
CREATE OR REPLACE FUNCTION "StoryFacetCount_add"("rows" jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT r."storyId", r."facet", r."valueId", SUM(r."delta")::int
    FROM jsonb_to_recordset("rows") AS r("storyId" text, "facet" text, "valueId" text, "delta" int)
    GROUP BY 1, 2, 3
    HAVING SUM(r."delta") <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "StoryFacetCount"."count" + EXCLUDED."count";
$$;

-- EventSource: the links a statement added (+1) and removed (-1), each of a published event, under
-- the event's story. Links removed because their event is being deleted find no event here:
-- Event_facet_delete has taken them out.
CREATE OR REPLACE FUNCTION "EventSource_facet_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'source' AS "facet", l."sourceId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventSource_facet_insert" AFTER INSERT ON "EventSource"
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventSource_facet_after_insert"();

CREATE OR REPLACE FUNCTION "EventSource_facet_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'source' AS "facet", l."sourceId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventSource_facet_delete" AFTER DELETE ON "EventSource"
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventSource_facet_after_delete"();

CREATE OR REPLACE FUNCTION "EventSource_facet_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'source' AS "facet", l."sourceId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
            UNION ALL
            SELECT e."storyId", 'source' AS "facet", l."sourceId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventSource_facet_update" AFTER UPDATE ON "EventSource"
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventSource_facet_after_update"();

-- EventActor: the links a statement added (+1) and removed (-1), each of a published event, under
-- the event's story. Links removed because their event is being deleted find no event here:
-- Event_facet_delete has taken them out.
CREATE OR REPLACE FUNCTION "EventActor_facet_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'actor' AS "facet", l."actorId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventActor_facet_insert" AFTER INSERT ON "EventActor"
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventActor_facet_after_insert"();

CREATE OR REPLACE FUNCTION "EventActor_facet_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'actor' AS "facet", l."actorId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventActor_facet_delete" AFTER DELETE ON "EventActor"
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventActor_facet_after_delete"();

CREATE OR REPLACE FUNCTION "EventActor_facet_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'actor' AS "facet", l."actorId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
            UNION ALL
            SELECT e."storyId", 'actor' AS "facet", l."actorId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventActor_facet_update" AFTER UPDATE ON "EventActor"
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventActor_facet_after_update"();

-- EventTag: the links a statement added (+1) and removed (-1), each of a published event, under
-- the event's story. Links removed because their event is being deleted find no event here:
-- Event_facet_delete has taken them out.
CREATE OR REPLACE FUNCTION "EventTag_facet_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'tag' AS "facet", l."tagId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventTag_facet_insert" AFTER INSERT ON "EventTag"
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventTag_facet_after_insert"();

CREATE OR REPLACE FUNCTION "EventTag_facet_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'tag' AS "facet", l."tagId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventTag_facet_delete" AFTER DELETE ON "EventTag"
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventTag_facet_after_delete"();

CREATE OR REPLACE FUNCTION "EventTag_facet_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'tag' AS "facet", l."tagId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
            UNION ALL
            SELECT e."storyId", 'tag' AS "facet", l."tagId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventTag_facet_update" AFTER UPDATE ON "EventTag"
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventTag_facet_after_update"();

-- EventClaim: the links a statement added (+1) and removed (-1), each of a published event, under
-- the event's story. Links removed because their event is being deleted find no event here:
-- Event_facet_delete has taken them out.
CREATE OR REPLACE FUNCTION "EventClaim_facet_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'claim' AS "facet", l."claimId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventClaim_facet_insert" AFTER INSERT ON "EventClaim"
REFERENCING NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventClaim_facet_after_insert"();

CREATE OR REPLACE FUNCTION "EventClaim_facet_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'claim' AS "facet", l."claimId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventClaim_facet_delete" AFTER DELETE ON "EventClaim"
REFERENCING OLD TABLE AS old_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventClaim_facet_after_delete"();

CREATE OR REPLACE FUNCTION "EventClaim_facet_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb) FROM (
            SELECT e."storyId", 'claim' AS "facet", l."claimId" AS "valueId", COUNT(*) AS "delta" FROM new_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
            UNION ALL
            SELECT e."storyId", 'claim' AS "facet", l."claimId" AS "valueId", -COUNT(*) AS "delta" FROM old_links l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "EventClaim_facet_update" AFTER UPDATE ON "EventClaim"
REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links
FOR EACH STATEMENT EXECUTE FUNCTION "EventClaim_facet_after_update"();

-- Published, unpublished or moved to another story: the events' links out of the old story's
-- counts, into the new one's. Rows whose story and published flag did not change are left out.
CREATE OR REPLACE FUNCTION "StoryFacetCount_after_event_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM "StoryFacetCount_add"((
        SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb)
        FROM (
            WITH moved AS (
                SELECT o."id", o."storyId" AS "oldStory", o."published" AS "wasPublished", n."storyId" AS "newStory", n."published" AS "isPublished"
                FROM old_events o JOIN new_events n ON n."id" = o."id"
                WHERE o."published" IS DISTINCT FROM n."published" OR o."storyId" IS DISTINCT FROM n."storyId"
            )
            SELECT ev."oldStory" AS "storyId", 'source' AS "facet", l."sourceId" AS "valueId", -COUNT(*) AS "delta" FROM moved ev JOIN "EventSource" l ON l."eventId" = ev."id" WHERE ev."wasPublished" GROUP BY 1, 3
                UNION ALL
                SELECT ev."oldStory" AS "storyId", 'actor' AS "facet", l."actorId" AS "valueId", -COUNT(*) AS "delta" FROM moved ev JOIN "EventActor" l ON l."eventId" = ev."id" WHERE ev."wasPublished" GROUP BY 1, 3
                UNION ALL
                SELECT ev."oldStory" AS "storyId", 'tag' AS "facet", l."tagId" AS "valueId", -COUNT(*) AS "delta" FROM moved ev JOIN "EventTag" l ON l."eventId" = ev."id" WHERE ev."wasPublished" GROUP BY 1, 3
                UNION ALL
                SELECT ev."oldStory" AS "storyId", 'claim' AS "facet", l."claimId" AS "valueId", -COUNT(*) AS "delta" FROM moved ev JOIN "EventClaim" l ON l."eventId" = ev."id" WHERE ev."wasPublished" GROUP BY 1, 3
            UNION ALL
            SELECT ev."newStory" AS "storyId", 'source' AS "facet", l."sourceId" AS "valueId", COUNT(*) AS "delta" FROM moved ev JOIN "EventSource" l ON l."eventId" = ev."id" WHERE ev."isPublished" GROUP BY 1, 3
                UNION ALL
                SELECT ev."newStory" AS "storyId", 'actor' AS "facet", l."actorId" AS "valueId", COUNT(*) AS "delta" FROM moved ev JOIN "EventActor" l ON l."eventId" = ev."id" WHERE ev."isPublished" GROUP BY 1, 3
                UNION ALL
                SELECT ev."newStory" AS "storyId", 'tag' AS "facet", l."tagId" AS "valueId", COUNT(*) AS "delta" FROM moved ev JOIN "EventTag" l ON l."eventId" = ev."id" WHERE ev."isPublished" GROUP BY 1, 3
                UNION ALL
                SELECT ev."newStory" AS "storyId", 'claim' AS "facet", l."claimId" AS "valueId", COUNT(*) AS "delta" FROM moved ev JOIN "EventClaim" l ON l."eventId" = ev."id" WHERE ev."isPublished" GROUP BY 1, 3
        ) x
    ));
    RETURN NULL;
END
$$;

CREATE TRIGGER "Event_facet_update" AFTER UPDATE ON "Event"
REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION "StoryFacetCount_after_event_update"();

-- Before a published event is deleted, while its links still exist.
CREATE OR REPLACE FUNCTION "StoryFacetCount_before_event_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."published" THEN
        PERFORM "StoryFacetCount_add"((
            SELECT COALESCE(jsonb_agg(to_jsonb(x)), '[]'::jsonb)
            FROM (
                SELECT ev."storyId" AS "storyId", 'source' AS "facet", l."sourceId" AS "valueId", -COUNT(*) AS "delta" FROM (SELECT OLD."id" AS "id", OLD."storyId" AS "storyId") ev JOIN "EventSource" l ON l."eventId" = ev."id" WHERE TRUE GROUP BY 1, 3
                UNION ALL
                SELECT ev."storyId" AS "storyId", 'actor' AS "facet", l."actorId" AS "valueId", -COUNT(*) AS "delta" FROM (SELECT OLD."id" AS "id", OLD."storyId" AS "storyId") ev JOIN "EventActor" l ON l."eventId" = ev."id" WHERE TRUE GROUP BY 1, 3
                UNION ALL
                SELECT ev."storyId" AS "storyId", 'tag' AS "facet", l."tagId" AS "valueId", -COUNT(*) AS "delta" FROM (SELECT OLD."id" AS "id", OLD."storyId" AS "storyId") ev JOIN "EventTag" l ON l."eventId" = ev."id" WHERE TRUE GROUP BY 1, 3
                UNION ALL
                SELECT ev."storyId" AS "storyId", 'claim' AS "facet", l."claimId" AS "valueId", -COUNT(*) AS "delta" FROM (SELECT OLD."id" AS "id", OLD."storyId" AS "storyId") ev JOIN "EventClaim" l ON l."eventId" = ev."id" WHERE TRUE GROUP BY 1, 3
            ) x
        ));
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER "Event_facet_delete" BEFORE DELETE ON "Event"
FOR EACH ROW EXECUTE FUNCTION "StoryFacetCount_before_event_delete"();
