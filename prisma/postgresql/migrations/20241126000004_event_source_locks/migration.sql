-- Citation changes to one event take turns in the source key's triggers. Without this, two
-- transactions could each miss the other's uncommitted citation: one adds a citation of a source
-- while the other removes that source's only other citation (the key row is dropped though a
-- citation remains), or both remove the source's last two citations (the row stays with none).
-- Each trigger now first takes the event's row lock. FOR NO KEY UPDATE does not conflict with the
-- KEY SHARE locks the foreign keys take, and the rows are locked in id order, so bulk inserts
-- cannot deadlock each other. The statements after the lock see what the other committed.

CREATE OR REPLACE FUNCTION "EventSource_after_citation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "Event" e WHERE e."id" IN (SELECT n."eventId" FROM new_citations n) ORDER BY e."id" FOR NO KEY UPDATE;
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status")
    SELECT n."eventId", n."sourceId", e."storyId", e."timelineKey", e."status"
    FROM new_citations n JOIN "Event" e ON e."id" = n."eventId"
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "EventSource_after_citation_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM 1 FROM "Event" e WHERE e."id" IN (OLD."eventId", NEW."eventId") ORDER BY e."id" FOR NO KEY UPDATE;
    ELSE
        PERFORM 1 FROM "Event" e WHERE e."id" = OLD."eventId" FOR NO KEY UPDATE;
    END IF;
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
