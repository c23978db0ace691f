-- CreateTable
CREATE TABLE "EventStatusPeriod" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "status" "EventStatus" NOT NULL,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validTo" TIMESTAMP(3),

    CONSTRAINT "EventStatusPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EventStatusPeriod_eventId_validFrom_idx" ON "EventStatusPeriod"("eventId", "validFrom");

-- CreateIndex
CREATE INDEX "EventStatusPeriod_status_validFrom_idx" ON "EventStatusPeriod"("status", "validFrom");

-- AddForeignKey
ALTER TABLE "EventStatusPeriod" ADD CONSTRAINT "EventStatusPeriod_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing events start with one period carrying their current label, from their first report.
INSERT INTO "EventStatusPeriod" ("id", "eventId", "status", "validFrom", "validTo")
SELECT 'esp' || substr(md5(random()::text || "id"), 1, 22), "id", "status", "firstReportedAt", NULL FROM "Event";
