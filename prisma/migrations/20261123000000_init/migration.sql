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

-- CreateTable
CREATE TABLE "UpgradeRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'UPGRADE',
    "region" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "fromRuntime" TEXT NOT NULL,
    "toRuntime" TEXT NOT NULL,
    "fromCodeKey" TEXT,
    "toCodeKey" TEXT,
    "expectedVersionId" INTEGER NOT NULL,
    "initiatedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "state" TEXT NOT NULL DEFAULT 'ACTIVE',
    "step" TEXT NOT NULL DEFAULT 'preflight',
    "outcome" TEXT,
    "verdict" TEXT,
    "verdictDetail" TEXT,
    "options" TEXT NOT NULL,
    "snapshotName" TEXT,
    "baseline" TEXT,
    "updateCalledAt" DATETIME,
    "runningAt" DATETIME,
    "verdictAt" DATETIME,
    "rollbackRequestedAt" DATETIME,
    "rollbackCalledAt" DATETIME,
    "rolledBackBy" TEXT,
    "rollbackReason" TEXT,
    "error" TEXT,
    "metrics" TEXT,
    "activeKey" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME
);

-- CreateTable
CREATE TABLE "UpgradeStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "note" TEXT,
    CONSTRAINT "UpgradeStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "UpgradeRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UpgradeEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "operation" TEXT,
    "requestId" TEXT,
    CONSTRAINT "UpgradeEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "UpgradeRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
CREATE INDEX "FleetApp_riskScore_name_idx" ON "FleetApp"("riskScore", "name");

-- CreateIndex
CREATE UNIQUE INDEX "FleetApp_region_name_key" ON "FleetApp"("region", "name");

-- CreateIndex
CREATE UNIQUE INDEX "UpgradeRun_activeKey_key" ON "UpgradeRun"("activeKey");

-- CreateIndex
CREATE INDEX "UpgradeRun_createdAt_idx" ON "UpgradeRun"("createdAt");

-- CreateIndex
CREATE INDEX "UpgradeRun_region_appName_idx" ON "UpgradeRun"("region", "appName");

-- CreateIndex
CREATE UNIQUE INDEX "UpgradeStep_runId_name_key" ON "UpgradeStep"("runId", "name");

-- CreateIndex
CREATE INDEX "UpgradeEvent_runId_at_idx" ON "UpgradeEvent"("runId", "at");

