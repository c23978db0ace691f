-- The live stream (lib/live/feed.ts) asks, on every change, what was recorded after an instant:
-- claim status changes and corrections by when they were made, without reading them all.

-- CreateIndex
CREATE INDEX "ClaimStatusChange_createdAt_idx" ON "ClaimStatusChange"("createdAt");

-- CreateIndex
CREATE INDEX "Correction_createdAt_idx" ON "Correction"("createdAt");
