-- Incremental sync: which kind each sync was, how many applications it kept unread, and when each application was last read whole.
ALTER TABLE "InventorySync" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'full';
ALTER TABLE "InventorySync" ADD COLUMN "kept" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "FleetApp" ADD COLUMN "readAt" DATETIME;
UPDATE "FleetApp" SET "readAt" = "syncedAt" WHERE "error" IS NULL;
CREATE INDEX "InventorySync_kind_status_idx" ON "InventorySync"("kind", "status");

-- The target build's scan beside the current code's: the code that will run on the new runtime decides the risk.
ALTER TABLE "FleetApp" ADD COLUMN "targetCodeEtag" TEXT;
ALTER TABLE "FleetApp" ADD COLUMN "targetCodeStatus" TEXT;
