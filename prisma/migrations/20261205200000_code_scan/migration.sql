-- The code scan: results by S3 ETag, and each application's latest scan status.
ALTER TABLE "FleetApp" ADD COLUMN "codeEtag" TEXT;
ALTER TABLE "FleetApp" ADD COLUMN "codeStatus" TEXT;
ALTER TABLE "FleetApp" ADD COLUMN "codeCheckedAt" DATETIME;
CREATE INDEX "FleetApp_codeStatus_idx" ON "FleetApp"("codeStatus");

CREATE TABLE "CodeScan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "etag" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "scannedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
