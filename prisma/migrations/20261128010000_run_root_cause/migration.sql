-- The first fault of a failing upgrade, classified (state, binary, connector, permissions, memory, unknown).
ALTER TABLE "UpgradeRun" ADD COLUMN "rootCause" TEXT;
ALTER TABLE "UpgradeRun" ADD COLUMN "faultClass" TEXT;
