-- Article intake: pasted articles and the draft events suggested from them, awaiting review.

-- CreateEnum
CREATE TYPE "IntakeDraftState" AS ENUM ('PENDING', 'ACCEPTED', 'MERGED', 'DISCARDED');

-- CreateTable
CREATE TABLE "IntakeArticle" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "outletName" TEXT NOT NULL,
    "url" TEXT,
    "title" TEXT,
    "published" TEXT,
    "text" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntakeArticle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntakeDraft" (
    "id" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "state" "IntakeDraftState" NOT NULL DEFAULT 'PENDING',
    "suggestion" TEXT NOT NULL,
    "eventId" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IntakeDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IntakeArticle_storyId_createdAt_idx" ON "IntakeArticle"("storyId", "createdAt");

-- CreateIndex
CREATE INDEX "IntakeDraft_state_idx" ON "IntakeDraft"("state");

-- CreateIndex
CREATE UNIQUE INDEX "IntakeDraft_articleId_position_key" ON "IntakeDraft"("articleId", "position");

-- AddForeignKey
ALTER TABLE "IntakeDraft" ADD CONSTRAINT "IntakeDraft_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "IntakeArticle"("id") ON DELETE CASCADE ON UPDATE CASCADE;
