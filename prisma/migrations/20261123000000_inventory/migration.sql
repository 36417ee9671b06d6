-- CreateTable
CREATE TABLE "InventorySync" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL,
    "heartbeatAt" DATETIME,
    "triggeredBy" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "described" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "runtimeCounts" TEXT NOT NULL DEFAULT '{}',
    "regionErrors" TEXT NOT NULL DEFAULT '[]'
);

-- CreateTable
CREATE TABLE "FleetApp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "runtime" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "snapshotsEnabled" BOOLEAN NOT NULL,
    "rollbackEnabled" BOOLEAN NOT NULL,
    "newestSnapshotName" TEXT,
    "newestSnapshotAt" DATETIME,
    "newestSnapshotRuntime" TEXT,
    "team" TEXT,
    "env" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "parallelism" INTEGER,
    "kpus" INTEGER,
    "codeLocation" TEXT,
    "riskScore" INTEGER NOT NULL,
    "riskLevel" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "error" TEXT,
    "syncedAt" DATETIME NOT NULL,
    "syncId" TEXT NOT NULL,
    CONSTRAINT "FleetApp_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "InventorySync" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "InventorySync_startedAt_idx" ON "InventorySync"("startedAt");

-- CreateIndex
CREATE INDEX "InventorySync_status_idx" ON "InventorySync"("status");

-- CreateIndex
CREATE INDEX "FleetApp_riskLevel_idx" ON "FleetApp"("riskLevel");

-- CreateIndex
CREATE INDEX "FleetApp_runtime_idx" ON "FleetApp"("runtime");

-- CreateIndex
CREATE UNIQUE INDEX "FleetApp_region_name_key" ON "FleetApp"("region", "name");

