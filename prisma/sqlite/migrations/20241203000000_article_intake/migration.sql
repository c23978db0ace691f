-- Article intake: pasted articles and the draft events suggested from them, awaiting review.

-- CreateTable
CREATE TABLE "IntakeArticle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "storyId" TEXT NOT NULL,
    "outletName" TEXT NOT NULL,
    "url" TEXT,
    "title" TEXT,
    "published" TEXT,
    "text" TEXT NOT NULL,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "IntakeDraft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "suggestion" TEXT NOT NULL,
    "eventId" TEXT,
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "IntakeDraft_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "IntakeArticle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IntakeArticle_storyId_createdAt_idx" ON "IntakeArticle"("storyId", "createdAt");

-- CreateIndex
CREATE INDEX "IntakeDraft_state_idx" ON "IntakeDraft"("state");

-- CreateIndex
CREATE UNIQUE INDEX "IntakeDraft_articleId_position_key" ON "IntakeDraft"("articleId", "position");
