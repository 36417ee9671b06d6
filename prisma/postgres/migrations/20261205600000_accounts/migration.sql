-- Accounts: every application, run and campaign target is keyed by account + region + name.
-- The inventory is a cache: its rows are dropped and the next sync reads every account again.
DELETE FROM "FleetApp";
ALTER TABLE "FleetApp" ADD COLUMN "account" TEXT NOT NULL DEFAULT '';
DROP INDEX "FleetApp_region_name_key";
CREATE UNIQUE INDEX "FleetApp_account_region_name_key" ON "FleetApp"("account", "region", "name");
CREATE INDEX "FleetApp_region_name_idx" ON "FleetApp"("region", "name");

-- Runs recorded before accounts existed keep an empty account ("" is shown as "unknown").
ALTER TABLE "UpgradeRun" ADD COLUMN "account" TEXT NOT NULL DEFAULT '';
CREATE INDEX "UpgradeRun_account_region_appName_idx" ON "UpgradeRun"("account", "region", "appName");

ALTER TABLE "CampaignTarget" ADD COLUMN "account" TEXT NOT NULL DEFAULT '';
DROP INDEX "CampaignTarget_campaignId_region_appName_key";
CREATE UNIQUE INDEX "CampaignTarget_campaignId_account_region_appName_key" ON "CampaignTarget"("campaignId", "account", "region", "appName");

-- Operations were keyed "region/app/operationId"; they are checked again under the account's key.
DELETE FROM "CheckedOperation";
