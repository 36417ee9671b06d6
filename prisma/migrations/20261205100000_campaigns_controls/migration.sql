-- Fleet campaigns and the change controls (stop-the-line, freeze calendar).
ALTER TABLE "UpgradeRun" ADD COLUMN "campaignId" TEXT;
ALTER TABLE "UpgradeRun" ADD COLUMN "campaignStage" INTEGER;
CREATE INDEX "UpgradeRun_campaignId_idx" ON "UpgradeRun"("campaignId");

CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "targetRuntime" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'DRAFT',
    "outcome" TEXT,
    "stage" INTEGER NOT NULL DEFAULT 0,
    "stagePhase" TEXT NOT NULL DEFAULT 'RUNNING',
    "soakUntil" DATETIME,
    "stageLog" TEXT NOT NULL DEFAULT '[]',
    "waitingFor" TEXT,
    "cancelMode" TEXT,
    "stoppedReason" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedBy" TEXT,
    "approvedAt" DATETIME,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME
);
CREATE INDEX "Campaign_state_idx" ON "Campaign"("state");

CREATE TABLE "CampaignTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "CampaignTarget_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "CampaignTarget_runId_key" ON "CampaignTarget"("runId");
CREATE UNIQUE INDEX "CampaignTarget_campaignId_region_appName_key" ON "CampaignTarget"("campaignId", "region", "appName");
CREATE INDEX "CampaignTarget_campaignId_stage_state_idx" ON "CampaignTarget"("campaignId", "stage", "state");

CREATE TABLE "ChangeControl" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'global',
    "stopped" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "changedBy" TEXT,
    "changedAt" DATETIME
);

CREATE TABLE "FreezeWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "selector" TEXT NOT NULL DEFAULT '{}',
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "FreezeOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "ticket" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" DATETIME NOT NULL
);
