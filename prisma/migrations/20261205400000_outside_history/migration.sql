-- Upgrades made outside the dashboard, recorded once per MSF operation.
ALTER TABLE "UpgradeRun" ADD COLUMN "outsideOperation" TEXT;
CREATE UNIQUE INDEX "UpgradeRun_outsideOperation_key" ON "UpgradeRun"("outsideOperation");

CREATE TABLE "CheckedOperation" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
