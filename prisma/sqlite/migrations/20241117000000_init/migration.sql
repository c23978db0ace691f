-- CreateTable
CREATE TABLE "Story" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "country" TEXT,
    "homepage" TEXT,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Actor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "affiliation" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "location" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "occurredEndAt" DATETIME,
    "precision" TEXT NOT NULL,
    "approximate" BOOLEAN NOT NULL DEFAULT false,
    "timeNote" TEXT,
    "timeZone" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "timelineKey" TEXT NOT NULL,
    "dayOrder" INTEGER NOT NULL DEFAULT 0,
    "firstReportedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "publishedAt" DATETIME,
    "retractedAt" DATETIME,
    "retractionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventActor" (
    "eventId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "actorId", "role"),
    CONSTRAINT "EventActor_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventActor_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventTag" (
    "eventId" TEXT NOT NULL,
    "tagId" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "tagId"),
    CONSTRAINT "EventTag_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Citation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "url" TEXT,
    "archivedUrl" TEXT,
    "title" TEXT,
    "publishedAt" DATETIME,
    "publishedPrecision" TEXT NOT NULL DEFAULT 'DAY',
    "quote" TEXT,
    "attribution" TEXT NOT NULL,
    "attributionText" TEXT,
    "repeatsCitationId" TEXT,
    "note" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Citation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Citation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Citation_repeatsCitationId_fkey" FOREIGN KEY ("repeatsCitationId") REFERENCES "Citation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "scope" TEXT,
    "status" TEXT NOT NULL DEFAULT 'UNVERIFIED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "knownAt" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "evidenceCitationId" TEXT,
    "changedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClaimStatusChange_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimStatusChange_evidenceCitationId_fkey" FOREIGN KEY ("evidenceCitationId") REFERENCES "Citation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventClaim" (
    "eventId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "note" TEXT,

    PRIMARY KEY ("eventId", "claimId"),
    CONSTRAINT "EventClaim_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventClaim_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventRelation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fromEventId" TEXT NOT NULL,
    "toEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "EventRelation_fromEventId_fkey" FOREIGN KEY ("fromEventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventRelation_toEventId_fkey" FOREIGN KEY ("toEventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Correction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    CONSTRAINT "Correction_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'EDITOR',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "userId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "diff" TEXT NOT NULL,
    "reason" TEXT,
    "isCorrection" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Revision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

-- Status rules the database can express (the domain module lib/claims/rules.ts checks them first
-- and names the missing evidence. These triggers stop any write path that bypasses it).
-- "Officially confirmed" / "Officially denied" need an on-record citation (named or spokesperson)
-- whose event confirms / denies the claim.
CREATE TRIGGER "ClaimStatusChange_official_needs_evidence"
BEFORE INSERT ON "ClaimStatusChange"
WHEN NEW."toStatus" IN ('CONFIRMED', 'DENIED') AND NOT EXISTS (
    SELECT 1 FROM "Citation" c
    JOIN "EventClaim" ec ON ec."eventId" = c."eventId" AND ec."claimId" = NEW."claimId"
    WHERE c."id" = NEW."evidenceCitationId"
      AND c."attribution" IN ('NAMED_ON_RECORD', 'SPOKESPERSON')
      AND ec."stance" = CASE NEW."toStatus" WHEN 'CONFIRMED' THEN 'CONFIRMS' ELSE 'DENIES' END
)
BEGIN
    SELECT RAISE(ABORT, 'official status needs an on-record citation whose event confirms or denies the claim');
END;

CREATE TRIGGER "ClaimStatusChange_needs_reason"
BEFORE INSERT ON "ClaimStatusChange"
WHEN trim(NEW."reason") = ''
BEGIN
    SELECT RAISE(ABORT, 'a status change needs a reason');
END;

-- The history is append-only.
CREATE TRIGGER "ClaimStatusChange_append_only"
BEFORE UPDATE ON "ClaimStatusChange"
BEGIN
    SELECT RAISE(ABORT, 'claim status history is append-only');
END;
