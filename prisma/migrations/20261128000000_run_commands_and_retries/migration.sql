-- Commands fenced by the worker's lease, and transient-failure bookkeeping per step.
ALTER TABLE "UpgradeRun" ADD COLUMN "pendingCommand" TEXT;
ALTER TABLE "UpgradeRun" ADD COLUMN "retryCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "UpgradeRun" ADD COLUMN "retryReason" TEXT;
ALTER TABLE "UpgradeRun" ADD COLUMN "retrySince" DATETIME;
