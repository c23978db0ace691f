-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('GOVERNMENT', 'HEAD_OF_STATE_OFFICE', 'WIRE', 'NEWSPAPER', 'BROADCASTER', 'DIGITAL_OUTLET', 'SOCIAL_ACCOUNT', 'OTHER');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('MEDIA_REPORT', 'STATEMENT', 'BRIEFING', 'DECISION', 'MILITARY_ACTION', 'REACTION', 'OTHER');

-- CreateEnum
CREATE TYPE "TimePrecision" AS ENUM ('MINUTE', 'HOUR', 'DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "ActorRole" AS ENUM ('SPEAKER', 'DECISION_MAKER', 'SUBJECT');

-- CreateEnum
CREATE TYPE "Attribution" AS ENUM ('NAMED_ON_RECORD', 'SPOKESPERSON', 'ANONYMOUS_OFFICIALS', 'DOCUMENT', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('UNVERIFIED', 'REPORTED', 'CORROBORATED', 'CONFIRMED', 'DENIED', 'DECLINED', 'DISPUTED', 'RETRACTED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('ASSERTS', 'CONFIRMS', 'DENIES', 'DECLINES', 'QUALIFIES');

-- CreateEnum
CREATE TYPE "RelationType" AS ENUM ('RESPONDS_TO', 'REPORTS_ON', 'CONFIRMS', 'DENIES', 'CORRECTS', 'SUPERSEDES', 'FOLLOWS_UP');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('ON_RECORD', 'CONFIRMED', 'REPORTED', 'DENIED', 'DECLINED', 'DISPUTED', 'RETRACTED');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('EDITOR', 'ADMIN');

-- CreateTable
CREATE TABLE "Story" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "country" TEXT,
    "homepage" TEXT,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Actor" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "affiliation" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "kind" "EventKind" NOT NULL,
    "headline" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "location" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "occurredEndAt" TIMESTAMP(3),
    "precision" "TimePrecision" NOT NULL,
    "approximate" BOOLEAN NOT NULL DEFAULT false,
    "timeNote" TEXT,
    "timeZone" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,
    "dayOrder" INTEGER NOT NULL DEFAULT 0,
    "firstReportedAt" TIMESTAMP(3) NOT NULL,
    "status" "EventStatus" NOT NULL,
    "searchText" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "publishedAt" TIMESTAMP(3),
    "retractedAt" TIMESTAMP(3),
    "retractionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventActor" (
    "eventId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" "ActorRole" NOT NULL,

    CONSTRAINT "EventActor_pkey" PRIMARY KEY ("eventId","actorId","role")
);

-- CreateTable
CREATE TABLE "EventTag" (
    "eventId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,

    CONSTRAINT "EventTag_pkey" PRIMARY KEY ("eventId","tagId")
);

-- CreateTable
CREATE TABLE "Citation" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT,
    "archivedUrl" TEXT,
    "title" TEXT,
    "publishedAt" TIMESTAMP(3),
    "publishedPrecision" "TimePrecision" NOT NULL DEFAULT 'DAY',
    "quote" TEXT,
    "attribution" "Attribution" NOT NULL,
    "attributionText" TEXT,
    "repeatsCitationId" TEXT,
    "note" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Citation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "scope" TEXT,
    "status" "ClaimStatus" NOT NULL DEFAULT 'UNVERIFIED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimStatusChange" (
    "id" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "fromStatus" "ClaimStatus",
    "toStatus" "ClaimStatus" NOT NULL,
    "knownAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "evidenceCitationId" TEXT,
    "changedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClaimStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventClaim" (
    "eventId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "stance" "Stance" NOT NULL,
    "note" TEXT,

    CONSTRAINT "EventClaim_pkey" PRIMARY KEY ("eventId","claimId")
);

-- CreateTable
CREATE TABLE "EventRelation" (
    "id" TEXT NOT NULL,
    "fromEventId" TEXT NOT NULL,
    "toEventId" TEXT NOT NULL,
    "type" "RelationType" NOT NULL,
    "note" TEXT,

    CONSTRAINT "EventRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Correction" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'EDITOR',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "userId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "diff" TEXT NOT NULL,
    "reason" TEXT,
    "isCorrection" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Story_slug_key" ON "Story"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Source_slug_key" ON "Source"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Actor_slug_key" ON "Actor"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_slug_key" ON "Tag"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Event_slug_key" ON "Event"("slug");

-- CreateIndex
CREATE INDEX "Event_storyId_published_timelineKey_id_idx" ON "Event"("storyId", "published", "timelineKey", "id");

-- CreateIndex
CREATE INDEX "Event_storyId_published_status_timelineKey_id_idx" ON "Event"("storyId", "published", "status", "timelineKey", "id");

-- CreateIndex
CREATE INDEX "Event_storyId_published_kind_timelineKey_id_idx" ON "Event"("storyId", "published", "kind", "timelineKey", "id");

-- CreateIndex
CREATE INDEX "Event_storyId_published_occurredOn_idx" ON "Event"("storyId", "published", "occurredOn");

-- CreateIndex
CREATE INDEX "Event_storyId_firstReportedAt_idx" ON "Event"("storyId", "firstReportedAt");

-- CreateIndex
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");

-- CreateIndex
CREATE INDEX "EventActor_actorId_eventId_idx" ON "EventActor"("actorId", "eventId");

-- CreateIndex
CREATE INDEX "EventTag_tagId_eventId_idx" ON "EventTag"("tagId", "eventId");

-- CreateIndex
CREATE INDEX "Citation_sourceId_eventId_idx" ON "Citation"("sourceId", "eventId");

-- CreateIndex
CREATE INDEX "Citation_eventId_position_idx" ON "Citation"("eventId", "position");

-- CreateIndex
CREATE INDEX "Citation_repeatsCitationId_idx" ON "Citation"("repeatsCitationId");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_slug_key" ON "Claim"("slug");

-- CreateIndex
CREATE INDEX "Claim_storyId_status_idx" ON "Claim"("storyId", "status");

-- CreateIndex
CREATE INDEX "ClaimStatusChange_claimId_knownAt_idx" ON "ClaimStatusChange"("claimId", "knownAt");

-- CreateIndex
CREATE INDEX "EventClaim_claimId_stance_idx" ON "EventClaim"("claimId", "stance");

-- CreateIndex
CREATE INDEX "EventRelation_toEventId_idx" ON "EventRelation"("toEventId");

-- CreateIndex
CREATE UNIQUE INDEX "EventRelation_fromEventId_toEventId_type_key" ON "EventRelation"("fromEventId", "toEventId", "type");

-- CreateIndex
CREATE INDEX "Correction_eventId_createdAt_idx" ON "Correction"("eventId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Revision_entityType_entityId_at_idx" ON "Revision"("entityType", "entityId", "at");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventActor" ADD CONSTRAINT "EventActor_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventActor" ADD CONSTRAINT "EventActor_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTag" ADD CONSTRAINT "EventTag_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTag" ADD CONSTRAINT "EventTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citation" ADD CONSTRAINT "Citation_repeatsCitationId_fkey" FOREIGN KEY ("repeatsCitationId") REFERENCES "Citation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimStatusChange" ADD CONSTRAINT "ClaimStatusChange_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClaimStatusChange" ADD CONSTRAINT "ClaimStatusChange_evidenceCitationId_fkey" FOREIGN KEY ("evidenceCitationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventClaim" ADD CONSTRAINT "EventClaim_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventClaim" ADD CONSTRAINT "EventClaim_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRelation" ADD CONSTRAINT "EventRelation_fromEventId_fkey" FOREIGN KEY ("fromEventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventRelation" ADD CONSTRAINT "EventRelation_toEventId_fkey" FOREIGN KEY ("toEventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revision" ADD CONSTRAINT "Revision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Status rules the database can express (the domain module lib/claims/rules.ts checks them first
-- and names the missing evidence. These stop any write path that bypasses it).
ALTER TABLE "ClaimStatusChange" ADD CONSTRAINT "ClaimStatusChange_needs_reason" CHECK (btrim("reason") <> '');
ALTER TABLE "ClaimStatusChange" ADD CONSTRAINT "ClaimStatusChange_official_has_evidence"
    CHECK ("toStatus" NOT IN ('CONFIRMED', 'DENIED') OR "evidenceCitationId" IS NOT NULL);

-- "Officially confirmed" / "Officially denied" need an on-record citation (named or spokesperson)
-- whose event confirms / denies the claim.
CREATE FUNCTION "claim_status_change_official_evidence"() RETURNS trigger AS $$
BEGIN
    IF NEW."toStatus" IN ('CONFIRMED', 'DENIED') AND NOT EXISTS (
        SELECT 1 FROM "Citation" c
        JOIN "EventClaim" ec ON ec."eventId" = c."eventId" AND ec."claimId" = NEW."claimId"
        WHERE c."id" = NEW."evidenceCitationId"
          AND c."attribution" IN ('NAMED_ON_RECORD', 'SPOKESPERSON')
          AND ec."stance"::text = CASE NEW."toStatus" WHEN 'CONFIRMED' THEN 'CONFIRMS' ELSE 'DENIES' END
    ) THEN
        RAISE EXCEPTION 'official status needs an on-record citation whose event confirms or denies the claim'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ClaimStatusChange_official_needs_evidence"
BEFORE INSERT ON "ClaimStatusChange"
FOR EACH ROW EXECUTE FUNCTION "claim_status_change_official_evidence"();

-- The history is append-only.
CREATE FUNCTION "claim_status_change_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'claim status history is append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ClaimStatusChange_append_only"
BEFORE UPDATE ON "ClaimStatusChange"
FOR EACH ROW EXECUTE FUNCTION "claim_status_change_append_only"();
