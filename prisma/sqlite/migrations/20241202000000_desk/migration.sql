-- A newsroom's desk (README, "Editors"): stories are first-class, and the editor is complete.
--
-- - Story: a state (developing or concluded), and its main claims in order (StoryMainClaim).
--   Exactly one story is the default: at most one by a partial unique index, and the editor never
--   unsets the last one (lib/stories/write.ts). Existing data keeps the oldest default, or gets the
--   oldest story as default when none was marked.
-- - Tag: a version, for the editor's no-lost-update rule.
-- - Event: withdrawal from publication (withdrawnAt, the public withdrawalNote). A withdrawn event
--   is never published again (triggers below). Events "unpublished" after publication before this
--   change are withdrawn, dated when they were last changed.
-- - SlugRedirect: old slugs (renames) and merged-away records that keep resolving (lib/redirects.ts).

-- Story. SQLite adds a NOT NULL column only with a default.
ALTER TABLE "Story" ADD COLUMN "state" TEXT NOT NULL DEFAULT 'DEVELOPING';
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

    PRIMARY KEY ("storyId", "claimId"),
    CONSTRAINT "StoryMainClaim_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StoryMainClaim_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "StoryMainClaim_storyId_position_idx" ON "StoryMainClaim"("storyId", "position");
CREATE INDEX "StoryMainClaim_claimId_idx" ON "StoryMainClaim"("claimId");

-- Tag
ALTER TABLE "Tag" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- Event
ALTER TABLE "Event" ADD COLUMN "withdrawnAt" DATETIME;
ALTER TABLE "Event" ADD COLUMN "withdrawalNote" TEXT;
UPDATE "Event" SET "withdrawnAt" = "updatedAt", "withdrawalNote" = 'Withdrawn from publication.'
WHERE NOT "published" AND "publishedAt" IS NOT NULL;

CREATE TRIGGER "Event_withdrawn_unpublished_insert"
BEFORE INSERT ON "Event"
WHEN NEW."withdrawnAt" IS NOT NULL AND NEW."published"
BEGIN
    SELECT RAISE(ABORT, 'a withdrawn event stays unpublished');
END;

CREATE TRIGGER "Event_withdrawn_unpublished_update"
BEFORE UPDATE OF "published", "withdrawnAt" ON "Event"
WHEN NEW."withdrawnAt" IS NOT NULL AND NEW."published"
BEGIN
    SELECT RAISE(ABORT, 'a withdrawn event stays unpublished');
END;

-- CreateTable
CREATE TABLE "SlugRedirect" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entityType" TEXT NOT NULL,
    "fromKey" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "SlugRedirect_entityType_toId_idx" ON "SlugRedirect"("entityType", "toId");
CREATE UNIQUE INDEX "SlugRedirect_entityType_fromKey_key" ON "SlugRedirect"("entityType", "fromKey");
