-- Exports walk a story in file order (occurredAt, dayOrder) a chunk at a time (lib/export/export-story.ts).
CREATE INDEX "Event_storyId_occurredAt_dayOrder_idx" ON "Event"("storyId", "occurredAt", "dayOrder");
