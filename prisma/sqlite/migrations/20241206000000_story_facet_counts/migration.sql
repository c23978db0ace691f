-- The filter bar's top sources, actors and tags, and a story's main claims by default, rank the
-- values linked to a story's published events by how many links they have. Counting them from the
-- link tables reads every link of the story (20 s for the three facets at a million events on
-- SQLite, during which the server answered nobody, and again each time the kept counts expired).
-- This table keeps those counts per (story, facet, value): "source" counts EventSource rows,
-- "actor" EventActor rows, "tag" EventTag rows and "claim" EventClaim rows, each of a published
-- event, under the event's story. Derived, never written by the application: the triggers below
-- keep it in step on every write path. A count may fall to zero; readers skip those rows.

-- CreateTable
CREATE TABLE "StoryFacetCount" (
    "storyId" TEXT NOT NULL,
    "facet" TEXT NOT NULL,
    "valueId" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("storyId", "facet", "valueId")
);

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'source', l."sourceId", COUNT(*) FROM "EventSource" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" = 1 GROUP BY e."storyId", l."sourceId";

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'actor', l."actorId", COUNT(*) FROM "EventActor" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" = 1 GROUP BY e."storyId", l."actorId";

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'tag', l."tagId", COUNT(*) FROM "EventTag" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" = 1 GROUP BY e."storyId", l."tagId";

INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
SELECT e."storyId", 'claim', l."claimId", COUNT(*) FROM "EventClaim" l JOIN "Event" e ON e."id" = l."eventId" WHERE e."published" = 1 GROUP BY e."storyId", l."claimId";

-- EventSource: a link of a published event counts under the event's story. A link removed because its
-- event is deleted finds no event here: Event_facet_delete has taken the event's links out.
CREATE TRIGGER "EventSource_facet_insert" AFTER INSERT ON "EventSource" BEGIN
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'source', NEW."sourceId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "EventSource_facet_delete" AFTER DELETE ON "EventSource" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'source' AND "valueId" = OLD."sourceId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
END;

CREATE TRIGGER "EventSource_facet_update" AFTER UPDATE OF "eventId", "sourceId" ON "EventSource"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."sourceId" IS NOT NEW."sourceId" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'source' AND "valueId" = OLD."sourceId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'source', NEW."sourceId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

-- EventActor: a link of a published event counts under the event's story. A link removed because its
-- event is deleted finds no event here: Event_facet_delete has taken the event's links out.
CREATE TRIGGER "EventActor_facet_insert" AFTER INSERT ON "EventActor" BEGIN
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'actor', NEW."actorId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "EventActor_facet_delete" AFTER DELETE ON "EventActor" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'actor' AND "valueId" = OLD."actorId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
END;

CREATE TRIGGER "EventActor_facet_update" AFTER UPDATE OF "eventId", "actorId" ON "EventActor"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."actorId" IS NOT NEW."actorId" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'actor' AND "valueId" = OLD."actorId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'actor', NEW."actorId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

-- EventTag: a link of a published event counts under the event's story. A link removed because its
-- event is deleted finds no event here: Event_facet_delete has taken the event's links out.
CREATE TRIGGER "EventTag_facet_insert" AFTER INSERT ON "EventTag" BEGIN
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'tag', NEW."tagId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "EventTag_facet_delete" AFTER DELETE ON "EventTag" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'tag' AND "valueId" = OLD."tagId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
END;

CREATE TRIGGER "EventTag_facet_update" AFTER UPDATE OF "eventId", "tagId" ON "EventTag"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."tagId" IS NOT NEW."tagId" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'tag' AND "valueId" = OLD."tagId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'tag', NEW."tagId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

-- EventClaim: a link of a published event counts under the event's story. A link removed because its
-- event is deleted finds no event here: Event_facet_delete has taken the event's links out.
CREATE TRIGGER "EventClaim_facet_insert" AFTER INSERT ON "EventClaim" BEGIN
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'claim', NEW."claimId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "EventClaim_facet_delete" AFTER DELETE ON "EventClaim" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'claim' AND "valueId" = OLD."claimId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
END;

CREATE TRIGGER "EventClaim_facet_update" AFTER UPDATE OF "eventId", "claimId" ON "EventClaim"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."claimId" IS NOT NEW."claimId" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - 1
    WHERE "facet" = 'claim' AND "valueId" = OLD."claimId"
      AND "storyId" = (SELECT e."storyId" FROM "Event" e WHERE e."id" = OLD."eventId" AND e."published" = 1);
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT e."storyId", 'claim', NEW."claimId", 1 FROM "Event" e WHERE e."id" = NEW."eventId" AND e."published" = 1
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + 1;
END;

-- Published, unpublished or moved to another story: the event's links out of the old story's
-- counts, into the new one's.
CREATE TRIGGER "Event_facet_update" AFTER UPDATE OF "published", "storyId" ON "Event"
WHEN OLD."published" IS NOT NEW."published" OR OLD."storyId" IS NOT NEW."storyId" BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventSource" l WHERE l."eventId" = OLD."id" AND l."sourceId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'source' AND "valueId" IN (SELECT l."sourceId" FROM "EventSource" l WHERE l."eventId" = OLD."id");
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventActor" l WHERE l."eventId" = OLD."id" AND l."actorId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'actor' AND "valueId" IN (SELECT l."actorId" FROM "EventActor" l WHERE l."eventId" = OLD."id");
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventTag" l WHERE l."eventId" = OLD."id" AND l."tagId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'tag' AND "valueId" IN (SELECT l."tagId" FROM "EventTag" l WHERE l."eventId" = OLD."id");
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventClaim" l WHERE l."eventId" = OLD."id" AND l."claimId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'claim' AND "valueId" IN (SELECT l."claimId" FROM "EventClaim" l WHERE l."eventId" = OLD."id");
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT NEW."storyId", 'source', l."sourceId", COUNT(*) FROM "EventSource" l WHERE NEW."published" = 1 AND l."eventId" = NEW."id" GROUP BY l."sourceId"
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + excluded."count";
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT NEW."storyId", 'actor', l."actorId", COUNT(*) FROM "EventActor" l WHERE NEW."published" = 1 AND l."eventId" = NEW."id" GROUP BY l."actorId"
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + excluded."count";
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT NEW."storyId", 'tag', l."tagId", COUNT(*) FROM "EventTag" l WHERE NEW."published" = 1 AND l."eventId" = NEW."id" GROUP BY l."tagId"
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + excluded."count";
    INSERT INTO "StoryFacetCount" ("storyId", "facet", "valueId", "count")
    SELECT NEW."storyId", 'claim', l."claimId", COUNT(*) FROM "EventClaim" l WHERE NEW."published" = 1 AND l."eventId" = NEW."id" GROUP BY l."claimId"
    ON CONFLICT ("storyId", "facet", "valueId") DO UPDATE SET "count" = "count" + excluded."count";
END;

-- Before a published event is deleted, while its links still exist.
CREATE TRIGGER "Event_facet_delete" BEFORE DELETE ON "Event" WHEN OLD."published" = 1 BEGIN
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventSource" l WHERE l."eventId" = OLD."id" AND l."sourceId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'source' AND "valueId" IN (SELECT l."sourceId" FROM "EventSource" l WHERE l."eventId" = OLD."id");
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventActor" l WHERE l."eventId" = OLD."id" AND l."actorId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'actor' AND "valueId" IN (SELECT l."actorId" FROM "EventActor" l WHERE l."eventId" = OLD."id");
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventTag" l WHERE l."eventId" = OLD."id" AND l."tagId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'tag' AND "valueId" IN (SELECT l."tagId" FROM "EventTag" l WHERE l."eventId" = OLD."id");
    UPDATE "StoryFacetCount" SET "count" = "count" - (SELECT COUNT(*) FROM "EventClaim" l WHERE l."eventId" = OLD."id" AND l."claimId" = "StoryFacetCount"."valueId")
    WHERE OLD."published" = 1 AND "storyId" = OLD."storyId" AND "facet" = 'claim' AND "valueId" IN (SELECT l."claimId" FROM "EventClaim" l WHERE l."eventId" = OLD."id");
END;
