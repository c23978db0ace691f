-- A newsroom's desk: stories are first-class, and the editor is complete. The SQLite migration of
-- the same name describes each change; this one makes the same changes on PostgreSQL.

-- CreateEnum
CREATE TYPE "StoryState" AS ENUM ('DEVELOPING', 'CONCLUDED');

-- Story
ALTER TABLE "Story" ADD COLUMN "state" "StoryState" NOT NULL DEFAULT 'DEVELOPING';
UPDATE "Story" SET "isDefault" = false
WHERE "isDefault" AND "id" <> (SELECT "id" FROM "Story" WHERE "isDefault" ORDER BY "createdAt", "id" LIMIT 1);
UPDATE "Story" SET "isDefault" = true
WHERE "id" = (SELECT "id" FROM "Story" ORDER BY "createdAt", "id" LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM "Story" WHERE "isDefault");
CREATE UNIQUE INDEX "Story_one_default_key" ON "Story"("isDefault") WHERE "isDefault";

-- CreateTable
CREATE TABLE "StoryMainClaim" (
    "storyId" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "StoryMainClaim_pkey" PRIMARY KEY ("storyId","claimId")
);
CREATE INDEX "StoryMainClaim_storyId_position_idx" ON "StoryMainClaim"("storyId", "position");
CREATE INDEX "StoryMainClaim_claimId_idx" ON "StoryMainClaim"("claimId");
ALTER TABLE "StoryMainClaim" ADD CONSTRAINT "StoryMainClaim_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "StoryMainClaim" ADD CONSTRAINT "StoryMainClaim_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tag
ALTER TABLE "Tag" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- Event
ALTER TABLE "Event" ADD COLUMN "withdrawnAt" TIMESTAMP(3);
ALTER TABLE "Event" ADD COLUMN "withdrawalNote" TEXT;
UPDATE "Event" SET "withdrawnAt" = "updatedAt", "withdrawalNote" = 'Withdrawn from publication.'
WHERE NOT "published" AND "publishedAt" IS NOT NULL;
ALTER TABLE "Event" ADD CONSTRAINT "Event_withdrawn_unpublished" CHECK ("withdrawnAt" IS NULL OR NOT "published");

-- CreateTable
CREATE TABLE "SlugRedirect" (
    "id" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "fromKey" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlugRedirect_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "SlugRedirect_entityType_toId_idx" ON "SlugRedirect"("entityType", "toId");
CREATE UNIQUE INDEX "SlugRedirect_entityType_fromKey_key" ON "SlugRedirect"("entityType", "fromKey");
