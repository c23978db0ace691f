-- Truth through time (DESIGN.md, "What the timeline marks"): labels computed as of an instant
-- from what was known then, the speaker credited apart from the outlet that carried the words,
-- and a verdict for a party's own claims. The SQLite migration of the same name describes each
-- change; this one makes the same changes on PostgreSQL.

-- AlterEnum (the new values are not used by this migration's statements).
ALTER TYPE "Attribution" ADD VALUE 'OUTLET_OWN' BEFORE 'UNKNOWN';
ALTER TYPE "Attribution" ADD VALUE 'PARTY_CLAIM' BEFORE 'UNKNOWN';
ALTER TYPE "ClaimStatus" ADD VALUE 'CLAIMED' BEFORE 'REPORTED';
ALTER TYPE "EventStatus" ADD VALUE 'CLAIMED' AFTER 'REPORTED';

-- CreateEnum
CREATE TYPE "DateBound" AS ENUM ('EXACT', 'ON_OR_BEFORE', 'ON_OR_AFTER', 'BETWEEN', 'UNKNOWN');

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- Event
ALTER TABLE "Event" ADD COLUMN "dateBound" "DateBound" NOT NULL DEFAULT 'EXACT';
ALTER TABLE "Event" ADD COLUMN "spanEndOn" TEXT;
ALTER TABLE "Event" ADD COLUMN "knownFrom" TIMESTAMP(3);
UPDATE "Event" SET "knownFrom" = GREATEST("firstReportedAt", COALESCE(
    (SELECT MIN(COALESCE(c."publishedAt", "Event"."firstReportedAt")) FROM "Citation" c WHERE c."eventId" = "Event"."id"),
    "firstReportedAt"));
ALTER TABLE "Event" ALTER COLUMN "knownFrom" SET NOT NULL;
CREATE INDEX "Event_storyId_published_knownFrom_idx" ON "Event"("storyId", "published", "knownFrom");
CREATE INDEX "Event_storyId_published_spanEndOn_idx" ON "Event"("storyId", "published", "spanEndOn");

-- EventClaim: the main claim first (see the SQLite migration).
ALTER TABLE "EventClaim" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
UPDATE "EventClaim" ec SET "position" = r.n - 1
FROM (
    SELECT "eventId", "claimId", ROW_NUMBER() OVER (
        PARTITION BY "eventId"
        ORDER BY CASE "stance" WHEN 'CONFIRMS' THEN 0 WHEN 'DENIES' THEN 1 WHEN 'DECLINES' THEN 2 WHEN 'ASSERTS' THEN 3 ELSE 4 END, "claimId"
    ) AS n
    FROM "EventClaim"
) r
WHERE r."eventId" = ec."eventId" AND r."claimId" = ec."claimId";

-- ClaimStatusChange: its sequence within the claim's history. The append-only trigger is lifted
-- for this one update.
ALTER TABLE "ClaimStatusChange" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ClaimStatusChange" DISABLE TRIGGER "ClaimStatusChange_append_only";
UPDATE "ClaimStatusChange" h SET "sequence" = r.n
FROM (
    SELECT "id", ROW_NUMBER() OVER (PARTITION BY "claimId" ORDER BY "knownAt", "createdAt", "id") AS n
    FROM "ClaimStatusChange"
) r
WHERE r."id" = h."id";
ALTER TABLE "ClaimStatusChange" ENABLE TRIGGER "ClaimStatusChange_append_only";
DROP INDEX "ClaimStatusChange_claimId_knownAt_idx";
CREATE INDEX "ClaimStatusChange_claimId_knownAt_sequence_idx" ON "ClaimStatusChange"("claimId", "knownAt", "sequence");

-- Citation
ALTER TABLE "Citation" ADD COLUMN "speakerActorId" TEXT;
ALTER TABLE "Citation" ADD COLUMN "originSourceId" TEXT;
ALTER TABLE "Citation" ADD COLUMN "originText" TEXT;
ALTER TABLE "Citation" ALTER COLUMN "publishedPrecision" DROP NOT NULL;
ALTER TABLE "Citation" ALTER COLUMN "publishedPrecision" DROP DEFAULT;
UPDATE "Citation" SET "publishedPrecision" = NULL WHERE "publishedAt" IS NULL;
CREATE INDEX "Citation_speakerActorId_idx" ON "Citation"("speakerActorId");
CREATE INDEX "Citation_originSourceId_idx" ON "Citation"("originSourceId");
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_speakerActorId_fkey" FOREIGN KEY ("speakerActorId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_originSourceId_fkey" FOREIGN KEY ("originSourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- "Officially confirmed" / "Officially denied" need an on-record citation (named or spokesperson)
-- whose event confirms / denies the claim, known by the time the change is (an undated citation
-- counts from its event's first report).
CREATE OR REPLACE FUNCTION "claim_status_change_official_evidence"() RETURNS trigger AS $$
BEGIN
    IF NEW."toStatus" IN ('CONFIRMED', 'DENIED') AND NOT EXISTS (
        SELECT 1 FROM "Citation" c
        JOIN "Event" e ON e."id" = c."eventId"
        JOIN "EventClaim" ec ON ec."eventId" = c."eventId" AND ec."claimId" = NEW."claimId"
        WHERE c."id" = NEW."evidenceCitationId"
          AND c."attribution" IN ('NAMED_ON_RECORD', 'SPOKESPERSON')
          AND ec."stance"::text = CASE NEW."toStatus" WHEN 'CONFIRMED' THEN 'CONFIRMS' ELSE 'DENIES' END
          AND COALESCE(c."publishedAt", e."firstReportedAt") <= NEW."knownAt"
    ) THEN
        RAISE EXCEPTION 'official status needs an on-record citation, known by then, whose event confirms or denies the claim'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- EventSource.knownFrom (see the SQLite migration).
ALTER TABLE "EventSource" ADD COLUMN "knownFrom" TIMESTAMP(3);
UPDATE "EventSource" k SET "knownFrom" = GREATEST(e."knownFrom", (
    SELECT MIN(COALESCE(c."publishedAt", e."firstReportedAt")) FROM "Citation" c
    WHERE c."eventId" = k."eventId" AND c."sourceId" = k."sourceId"))
FROM "Event" e WHERE e."id" = k."eventId";
ALTER TABLE "EventSource" ALTER COLUMN "knownFrom" SET NOT NULL;
DROP INDEX "EventSource_storyId_sourceId_timelineKey_eventId_status_idx";
DROP INDEX "EventSource_sourceId_timelineKey_eventId_status_idx";
CREATE INDEX "EventSource_storyId_sourceId_timelineKey_eventId_status_knownFrom_idx" ON "EventSource"("storyId", "sourceId", "timelineKey", "eventId", "status", "knownFrom");
CREATE INDEX "EventSource_sourceId_timelineKey_eventId_status_knownFrom_idx" ON "EventSource"("sourceId", "timelineKey", "eventId", "status", "knownFrom");

-- The (event, source) row made again from the event's citations of that source: removed when
-- none remain. Callers hold the event's row lock (migration 20241126000004_event_source_locks).
CREATE FUNCTION "EventSource_refresh_pair"(event_id TEXT, source_id TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "EventSource" WHERE "eventId" = event_id AND "sourceId" = source_id;
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", GREATEST(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt")))
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE c."eventId" = event_id AND c."sourceId" = source_id
    GROUP BY e."id", c."sourceId";
END
$$;

CREATE OR REPLACE FUNCTION "EventSource_after_citation_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "Event" e WHERE e."id" IN (SELECT n."eventId" FROM new_citations n) ORDER BY e."id" FOR NO KEY UPDATE;
    INSERT INTO "EventSource" ("eventId", "sourceId", "storyId", "timelineKey", "status", "knownFrom")
    SELECT e."id", c."sourceId", e."storyId", e."timelineKey", e."status", GREATEST(e."knownFrom", MIN(COALESCE(c."publishedAt", e."firstReportedAt")))
    FROM "Citation" c JOIN "Event" e ON e."id" = c."eventId"
    WHERE (c."eventId", c."sourceId") IN (SELECT n."eventId", n."sourceId" FROM new_citations n)
    GROUP BY e."id", c."sourceId"
    ON CONFLICT ("eventId", "sourceId") DO UPDATE SET "knownFrom" = EXCLUDED."knownFrom";
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
    PERFORM "EventSource_refresh_pair"(OLD."eventId", OLD."sourceId");
    IF TG_OP = 'UPDATE' THEN
        PERFORM "EventSource_refresh_pair"(NEW."eventId", NEW."sourceId");
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER "Citation_event_source_update" ON "Citation";
CREATE TRIGGER "Citation_event_source_update" AFTER UPDATE OF "eventId", "sourceId", "publishedAt" ON "Citation"
FOR EACH ROW WHEN (OLD."eventId" IS DISTINCT FROM NEW."eventId" OR OLD."sourceId" IS DISTINCT FROM NEW."sourceId"
    OR OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt")
EXECUTE FUNCTION "EventSource_after_citation_change"();

CREATE OR REPLACE FUNCTION "EventSource_after_event_move"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "EventSource" SET "timelineKey" = NEW."timelineKey", "storyId" = NEW."storyId", "status" = NEW."status",
        "knownFrom" = GREATEST(NEW."knownFrom", (
            SELECT MIN(COALESCE(c."publishedAt", NEW."firstReportedAt")) FROM "Citation" c
            WHERE c."eventId" = NEW."id" AND c."sourceId" = "EventSource"."sourceId"))
    WHERE "eventId" = NEW."id";
    RETURN NULL;
END
$$;

DROP TRIGGER "Event_event_source_update" ON "Event";
CREATE TRIGGER "Event_event_source_update" AFTER UPDATE OF "timelineKey", "storyId", "status", "knownFrom", "firstReportedAt" ON "Event"
FOR EACH ROW WHEN (OLD."timelineKey" IS DISTINCT FROM NEW."timelineKey" OR OLD."storyId" IS DISTINCT FROM NEW."storyId"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."knownFrom" IS DISTINCT FROM NEW."knownFrom"
    OR OLD."firstReportedAt" IS DISTINCT FROM NEW."firstReportedAt")
EXECUTE FUNCTION "EventSource_after_event_move"();
