-- PostgreSQL's first migration: the whole schema as of the SQLite migrations up to 20261205400000 (ADR 12).
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "InventorySync" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMP(3),
    "triggeredBy" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'full',
    "total" INTEGER NOT NULL DEFAULT 0,
    "described" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "kept" INTEGER NOT NULL DEFAULT 0,
    "runtimeCounts" TEXT NOT NULL DEFAULT '{}',
    "regionErrors" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "InventorySync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FleetApp" (
    "id" TEXT NOT NULL,
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
    "newestSnapshotAt" TIMESTAMP(3),
    "newestSnapshotRuntime" TEXT,
    "team" TEXT,
    "env" TEXT,
    "tags" TEXT NOT NULL DEFAULT '{}',
    "parallelism" INTEGER,
    "kpus" INTEGER,
    "codeLocation" TEXT,
    "riskScore" INTEGER NOT NULL,
    "codeEtag" TEXT,
    "codeStatus" TEXT,
    "codeCheckedAt" TIMESTAMP(3),
    "targetCodeEtag" TEXT,
    "targetCodeStatus" TEXT,
    "riskLevel" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "error" TEXT,
    "syncedAt" TIMESTAMP(3) NOT NULL,
    "readAt" TIMESTAMP(3),
    "syncId" TEXT NOT NULL,

    CONSTRAINT "FleetApp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpgradeRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'UPGRADE',
    "region" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "fromRuntime" TEXT NOT NULL,
    "toRuntime" TEXT NOT NULL,
    "fromCodeKey" TEXT,
    "toCodeKey" TEXT,
    "expectedVersionId" INTEGER NOT NULL,
    "initiatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "state" TEXT NOT NULL DEFAULT 'ACTIVE',
    "step" TEXT NOT NULL DEFAULT 'preflight',
    "outcome" TEXT,
    "verdict" TEXT,
    "verdictDetail" TEXT,
    "options" TEXT NOT NULL,
    "snapshotName" TEXT,
    "baseline" TEXT,
    "updateCalledAt" TIMESTAMP(3),
    "runningAt" TIMESTAMP(3),
    "verdictAt" TIMESTAMP(3),
    "rollbackRequestedAt" TIMESTAMP(3),
    "rollbackCalledAt" TIMESTAMP(3),
    "rolledBackBy" TEXT,
    "rollbackReason" TEXT,
    "error" TEXT,
    "metrics" TEXT,
    "activeKey" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "rootCause" TEXT,
    "faultClass" TEXT,
    "pendingCommand" TEXT,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "retryReason" TEXT,
    "retrySince" TIMESTAMP(3),
    "approval" TEXT,
    "approvalExpiresAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "approvalNote" TEXT,
    "campaignId" TEXT,
    "campaignStage" INTEGER,
    "outsideOperation" TEXT,

    CONSTRAINT "UpgradeRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpgradeStep" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "note" TEXT,

    CONSTRAINT "UpgradeStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpgradeEvent" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "operation" TEXT,
    "requestId" TEXT,

    CONSTRAINT "UpgradeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "teams" TEXT NOT NULL,
    "idToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "before" TEXT,
    "after" TEXT,
    "requestId" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targetRuntime" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'DRAFT',
    "outcome" TEXT,
    "stage" INTEGER NOT NULL DEFAULT 0,
    "stagePhase" TEXT NOT NULL DEFAULT 'RUNNING',
    "soakUntil" TIMESTAMP(3),
    "stageLog" TEXT NOT NULL DEFAULT '[]',
    "waitingFor" TEXT,
    "cancelMode" TEXT,
    "stoppedReason" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignTarget" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "appName" TEXT NOT NULL,
    "stage" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "riskLevel" TEXT NOT NULL,
    "riskScore" INTEGER NOT NULL,
    "codeKey" TEXT,
    "fromRuntime" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "runId" TEXT,
    "note" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CampaignTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeControl" (
    "id" TEXT NOT NULL DEFAULT 'global',
    "stopped" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "changedBy" TEXT,
    "changedAt" TIMESTAMP(3),

    CONSTRAINT "ChangeControl_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "selector" TEXT NOT NULL DEFAULT '{}',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeOverride" (
    "id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticket" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FreezeOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodeScan" (
    "id" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "scannedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodeScan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckedOperation" (
    "key" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckedOperation_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "InventorySync_startedAt_idx" ON "InventorySync"("startedAt");

-- CreateIndex
CREATE INDEX "InventorySync_status_idx" ON "InventorySync"("status");

-- CreateIndex
CREATE INDEX "InventorySync_kind_status_idx" ON "InventorySync"("kind", "status");

-- CreateIndex
CREATE INDEX "FleetApp_riskLevel_idx" ON "FleetApp"("riskLevel");

-- CreateIndex
CREATE INDEX "FleetApp_runtime_idx" ON "FleetApp"("runtime");

-- CreateIndex
CREATE INDEX "FleetApp_riskScore_name_idx" ON "FleetApp"("riskScore", "name");

-- CreateIndex
CREATE INDEX "FleetApp_codeStatus_idx" ON "FleetApp"("codeStatus");

-- CreateIndex
CREATE UNIQUE INDEX "FleetApp_region_name_key" ON "FleetApp"("region", "name");

-- CreateIndex
CREATE UNIQUE INDEX "UpgradeRun_activeKey_key" ON "UpgradeRun"("activeKey");

-- CreateIndex
CREATE UNIQUE INDEX "UpgradeRun_outsideOperation_key" ON "UpgradeRun"("outsideOperation");

-- CreateIndex
CREATE INDEX "UpgradeRun_createdAt_idx" ON "UpgradeRun"("createdAt");

-- CreateIndex
CREATE INDEX "UpgradeRun_region_appName_idx" ON "UpgradeRun"("region", "appName");

-- CreateIndex
CREATE INDEX "UpgradeRun_state_idx" ON "UpgradeRun"("state");

-- CreateIndex
CREATE INDEX "UpgradeRun_campaignId_idx" ON "UpgradeRun"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "UpgradeStep_runId_name_key" ON "UpgradeStep"("runId", "name");

-- CreateIndex
CREATE INDEX "UpgradeEvent_runId_at_idx" ON "UpgradeEvent"("runId", "at");

-- CreateIndex
CREATE INDEX "UpgradeEvent_runId_id_idx" ON "UpgradeEvent"("runId", "id");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_idx" ON "AuditEvent"("actor");

-- CreateIndex
CREATE INDEX "Campaign_state_idx" ON "Campaign"("state");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTarget_runId_key" ON "CampaignTarget"("runId");

-- CreateIndex
CREATE INDEX "CampaignTarget_campaignId_stage_state_idx" ON "CampaignTarget"("campaignId", "stage", "state");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTarget_campaignId_region_appName_key" ON "CampaignTarget"("campaignId", "region", "appName");

-- AddForeignKey
ALTER TABLE "FleetApp" ADD CONSTRAINT "FleetApp_syncId_fkey" FOREIGN KEY ("syncId") REFERENCES "InventorySync"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpgradeStep" ADD CONSTRAINT "UpgradeStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "UpgradeRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpgradeEvent" ADD CONSTRAINT "UpgradeEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "UpgradeRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTarget" ADD CONSTRAINT "CampaignTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

