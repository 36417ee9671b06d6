-- Four-eyes approvals: a run waits in AWAITING_APPROVAL until a second person decides.
ALTER TABLE "UpgradeRun" ADD COLUMN "approval" TEXT;
ALTER TABLE "UpgradeRun" ADD COLUMN "approvalExpiresAt" DATETIME;
ALTER TABLE "UpgradeRun" ADD COLUMN "decidedBy" TEXT;
ALTER TABLE "UpgradeRun" ADD COLUMN "decidedAt" DATETIME;
ALTER TABLE "UpgradeRun" ADD COLUMN "approvalNote" TEXT;

-- CreateIndex
CREATE INDEX "UpgradeRun_state_idx" ON "UpgradeRun"("state");
