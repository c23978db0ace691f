-- CreateTable
CREATE TABLE "EventStatusPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "validTo" DATETIME,
    CONSTRAINT "EventStatusPeriod_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EventStatusPeriod_eventId_validFrom_idx" ON "EventStatusPeriod"("eventId", "validFrom");

-- CreateIndex
CREATE INDEX "EventStatusPeriod_status_validFrom_idx" ON "EventStatusPeriod"("status", "validFrom");

-- Existing events start with one period carrying their current label, from their first report.
INSERT INTO "EventStatusPeriod" ("id", "eventId", "status", "validFrom", "validTo")
SELECT 'esp' || lower(hex(randomblob(11))), "id", "status", "firstReportedAt", NULL FROM "Event";
