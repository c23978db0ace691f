-- Truth through time (DESIGN.md, "What the timeline marks"): labels computed as of an instant
-- from what was known then, the speaker credited apart from the outlet that carried the words,
-- and a verdict for a party's own claims.
--
-- - Citation: the speaker (an actor) and the origin an outlet relays (a source, or words such as
--   "several media outlets"), apart from the source that carried it; a publication precision that
--   may be unknown. Two new attributions: the outlet's own voice, and a party's own claim.
-- - Claim status "claimed by a party"; event label "claimed".
-- - Event: date bounds (on or before, between, unknown), the last day of a multi-day span for the
--   from/to overlap filter, and knownFrom, the instant it became known from its citations.
-- - EventClaim.position: the first claim is the event's main claim, which its label follows.
-- - ClaimStatusChange.sequence: changes known the same day keep their order without an invented
--   hour.
-- - EventSource.knownFrom: a source's page lists the event, as of a date, only from the instant
--   the event first cited it.
--
-- Labels are derived again under the new rules when `npm start` next runs (the Setting row
-- "derivedVersion", lib/events/derived-version.ts): the values written here keep the data
-- consistent until then.

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- Event. SQLite needs a default to add a NOT NULL column: every writer sets knownFrom
-- (lib/events/write.ts) and existing rows are filled in below.
ALTER TABLE "Event" ADD COLUMN "dateBound" TEXT NOT NULL DEFAULT 'EXACT';
ALTER TABLE "Event" ADD COLUMN "spanEndOn" TEXT;
ALTER TABLE "Event" ADD COLUMN "knownFrom" DATETIME NOT NULL DEFAULT '1970-01-01T00:00:00.000+00:00';
UPDATE "Event" SET "knownFrom" = MAX("firstReportedAt", COALESCE(
    (SELECT MIN(COALESCE(c."publishedAt", "Event"."firstReportedAt")) FROM "Citation" c WHERE c."eventId" = "Event"."id"),
    "firstReportedAt"));
CREATE INDEX "Event_storyId_published_knownFrom_idx" ON "Event"("storyId", "published", "knownFrom");
CREATE INDEX "Event_storyId_published_spanEndOn_idx" ON "Event"("storyId", "published", "spanEndOn");

-- EventClaim: the main claim first. Existing events with several claims put a direct stance
-- (confirms, denies, declines) before an assertion, and an assertion before a qualification.
ALTER TABLE "EventClaim" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
UPDATE "EventClaim" SET "position" = (
    SELECT COUNT(*) FROM "EventClaim" o
    WHERE o."eventId" = "EventClaim"."eventId" AND (
        (CASE o."stance" WHEN 'CONFIRMS' THEN 0 WHEN 'DENIES' THEN 1 WHEN 'DECLINES' THEN 2 WHEN 'ASSERTS' THEN 3 ELSE 4 END)
        < (CASE "EventClaim"."stance" WHEN 'CONFIRMS' THEN 0 WHEN 'DENIES' THEN 1 WHEN 'DECLINES' THEN 2 WHEN 'ASSERTS' THEN 3 ELSE 4 END)
        OR ((CASE o."stance" WHEN 'CONFIRMS' THEN 0 WHEN 'DENIES' THEN 1 WHEN 'DECLINES' THEN 2 WHEN 'ASSERTS' THEN 3 ELSE 4 END)
            = (CASE "EventClaim"."stance" WHEN 'CONFIRMS' THEN 0 WHEN 'DENIES' THEN 1 WHEN 'DECLINES' THEN 2 WHEN 'ASSERTS' THEN 3 ELSE 4 END)
            AND o."claimId" < "EventClaim"."claimId")));

-- ClaimStatusChange: its sequence within the claim's history, in the order the history was read
-- before (knownAt, then the order of recording). The append-only trigger is lifted for this one
-- update.
DROP TRIGGER "ClaimStatusChange_append_only";
ALTER TABLE "ClaimStatusChange" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0;
UPDATE "ClaimStatusChange" SET "sequence" = (
    SELECT COUNT(*) FROM "ClaimStatusChange" o
    WHERE o."claimId" = "ClaimStatusChange"."claimId" AND (
        o."knownAt" < "ClaimStatusChange"."knownAt"
        OR (o."knownAt" = "ClaimStatusChange"."knownAt" AND (
            o."createdAt" < "ClaimStatusChange"."createdAt"
            OR (o."createdAt" = "ClaimStatusChange"."createdAt" AND o."id" <= "ClaimStatusChange"."id")))));
CREATE TRIGGER "ClaimStatusChange_append_only"
BEFORE UPDATE ON "ClaimStatusChange"
BEGIN
    SELECT RAISE(ABORT, 'claim status history is append-only');
END;
DROP INDEX "ClaimStatusChange_claimId_knownAt_idx";
CREATE INDEX "ClaimStatusChange_claimId_knownAt_sequence_idx" ON "ClaimStatusChange"("claimId", "knownAt", "sequence");

-- Citation is rebuilt (its publication precision may now be unknown). Every trigger that names
-- it is dropped first, since a rename checks them, and made again after.
DROP TRIGGER "Citation_event_source_insert";
DROP TRIGGER "Citation_event_source_delete";
DROP TRIGGER "Citation_event_source_update";
DROP TRIGGER "Event_event_source_update";
DROP TRIGGER "ClaimStatusChange_official_needs_evidence";

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Citation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT,
    "archivedUrl" TEXT,
    "title" TEXT,
    "publishedAt" DATETIME,
    "publishedPrecision" TEXT,
    "quote" TEXT,
    "attribution" TEXT NOT NULL,
    "attributionText" TEXT,
    "speakerActorId" TEXT,
    "originSourceId" TEXT,
    "originText" TEXT,
    "repeatsCitationId" TEXT,
    "note" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Citation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Citation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Citation_speakerActorId_fkey" FOREIGN KEY ("speakerActorId") REFERENCES "Actor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Citation_originSourceId_fkey" FOREIGN KEY ("originSourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Citation_repeatsCitationId_fkey" FOREIGN KEY ("repeatsCitationId") REFERENCES "Citation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Citation" ("archivedUrl", "attribution", "attributionText", "createdAt", "eventId", "id", "note", "position", "publishedAt", "publishedPrecision", "quote", "repeatsCitationId", "sourceId", "title", "updatedAt", "url", "version")
SELECT "archivedUrl", "attribution", "attributionText", "createdAt", "eventId", "id", "note", "position", "publishedAt",
       CASE WHEN "publishedAt" IS NULL THEN NULL ELSE "publishedPrecision" END,
       "quote", "repeatsCitationId", "sourceId", "title", "updatedAt", "url", "version"
FROM "Citation";
DROP TABLE "Citation";
ALTER TABLE "new_Citation" RENAME TO "Citation";
CREATE INDEX "Citation_sourceId_eventId_idx" ON "Citation"("sourceId", "eventId");
CREATE INDEX "Citation_eventId_position_idx" ON "Citation"("eventId", "position");
CREATE INDEX "Citation_repeatsCitationId_idx" ON "Citation"("repeatsCitationId");
CREATE INDEX "Citation_speakerActorId_idx" ON "Citation"("speakerActorId");
CREATE INDEX "Citation_originSourceId_idx" ON "Citation"("originSourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- "Officially confirmed" / "Officially denied" need an on-record citation (named or spokesperson)
-- whose event confirms / denies the claim, known by the time the change is (an undated citation
-- counts from its event's first report).
CREATE TRIGGER "ClaimStatusChange_official_needs_evidence"
BEFORE INSERT ON "ClaimStatusChange"
WHEN NEW."toStatus" IN ('CONFIRMED', 'DENIED') AND NOT EXISTS (
    SELECT 1 FROM "Citation" c
    JOIN "Event" e ON e."id" = c."eventId"
    JOIN "EventClaim" ec ON ec."eventId" = c."eventId" AND ec."claimId" = NEW."claimId"
    WHERE c."id" = NEW."evidenceCitationId"
      AND c."attribution" IN ('NAMED_ON_RECORD', 'SPOKESPERSON')
      AND ec."stance" = CASE NEW."toStatus" WHEN 'CONFIRMED' THEN 'CONFIRMS' ELSE 'DENIES' END
      AND julianday(COALESCE(c."publishedAt", e."firstReportedAt")) <= julianday(NEW."knownAt")
)
BEGIN
    SELECT RAISE(ABORT, 'official status needs an on-record citation, known by then, whose event confirms or denies the claim');
END;

-- EventSource is derived: rebuilt with knownFrom, the earliest instant the event cited the source
-- as far as a reader could know (an undated citation counts from the event's first report),
-- never before the event itself was known.
DROP TABLE "EventSource";
CREATE TABLE "EventSource" (
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "knownFrom" DATETIME NOT NULL,

    PRIMARY KEY ("eventId", "sourceId"),
    CONSTRAINT "EventSource_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom")
SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt")))
FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
GROUP BY e."id", c."sourceId";
CREATE INDEX "EventSource_storyId_sourceId_timelineKey_eventId_status_knownFrom_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId", "status", "knownFrom");
CREATE INDEX "EventSource_sourceId_timelineKey_eventId_status_knownFrom_idx" ON "EventSource"("sourceId", "timelineKey", "eventId", "status", "knownFrom");

-- A citation added, removed, moved or re-dated: its (event, source) row is made again from the
-- citations that remain.
CREATE TRIGGER "Citation_event_source_insert" AFTER INSERT ON "Citation" BEGIN
    DELETE FROM "EventSource" WHERE "eventId" = NEW."eventId" AND "sourceId" = NEW."sourceId";
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt")))
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE c."eventId" = NEW."eventId" AND c."sourceId" = NEW."sourceId"
    GROUP BY e."id", c."sourceId";
END;

CREATE TRIGGER "Citation_event_source_delete" AFTER DELETE ON "Citation" BEGIN
    DELETE FROM "EventSource" WHERE "eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId";
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt")))
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId"
    GROUP BY e."id", c."sourceId";
END;

CREATE TRIGGER "Citation_event_source_update" AFTER UPDATE OF "eventId", "sourceId", "publishedAt" ON "Citation"
WHEN OLD."eventId" IS NOT NEW."eventId" OR OLD."sourceId" IS NOT NEW."sourceId" OR OLD."publishedAt" IS NOT NEW."publishedAt" BEGIN
    DELETE FROM "EventSource" WHERE ("eventId" = OLD."eventId" AND "sourceId" = OLD."sourceId") OR ("eventId" = NEW."eventId" AND "sourceId" = NEW."sourceId");
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", MAX(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt")))
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE (c."eventId" = OLD."eventId" AND c."sourceId" = OLD."sourceId") OR (c."eventId" = NEW."eventId" AND c."sourceId" = NEW."sourceId")
    GROUP BY e."id", c."sourceId";
END;

-- An event that moves, changes status or becomes known at another instant updates its rows.
CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId", "status", "knownFrom", "firstReportedAt" ON "Event"
WHEN OLD."timelineKey" IS NOT NEW."timelineKey" OR OLD."storyId" IS NOT NEW."storyId" OR OLD."status" IS NOT NEW."status"
  OR OLD."knownFrom" IS NOT NEW."knownFrom" OR OLD."firstReportedAt" IS NOT NEW."firstReportedAt" BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId", "status" = NEW."status",
        "knownFrom" = MAX(NEW."knownFrom", (
            SELECT MIN(COALESCE(c."publishedAt", NEW."firstReportedAt")) FROM "Citation" c
            WHERE c."eventId" = NEW."id" AND c."sourceId" = "EventSource"."sourceId"))
    WHERE "eventId" = NEW."id";
END;
