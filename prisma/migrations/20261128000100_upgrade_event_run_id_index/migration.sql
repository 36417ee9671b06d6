-- CreateIndex
CREATE INDEX "UpgradeEvent_runId_id_idx" ON "UpgradeEvent"("runId", "id");
