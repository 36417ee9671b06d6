import { appKeyText, type AccountRegion, type AppKey } from "@/lib/aws/accounts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mapWithConcurrency } from "@/lib/concurrency";
import { cacheKey, isCacheable } from "@/lib/compat/cache";
import { SCANNER_VERSION, type ScanResult } from "@/lib/compat/scan";
import { scanS3Object, type S3Location } from "@/lib/compat/s3-source";
import { assessRisk, codeFactOf, compareRuntimes, factsFromApplicationDetail } from "@/lib/risk";
import { targetRuntime } from "./queries";
import { getApplicationView } from "./application-view";
import { dbScanCache } from "./code-scan-store";

// The inventory's code scan, in the background: each application's code object is checked once per sync period
// (HeadObject: is its ETag new?) and scanned only when it is, a few at a time, so the inventory is never slowed.

/** "s3://bucket/key" as the inventory stores it. */
export function s3LocationOf(codeLocation: string, place: AccountRegion): S3Location | null {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(codeLocation);
  return m ? { account: place.account, bucket: m[1]!, key: m[2]!, region: place.region } : null;
}

/** The target build beside the current code: TARGET_CODE_PATTERN, with the application's name, in its folder. */
export function targetCodeLocation(current: S3Location, name: string): S3Location {
  return { ...current, key: current.key.replace(/[^/]*$/, env().TARGET_CODE_PATTERN.replaceAll("{name}", name)) };
}

/**
 * Scans the application's current code (what must change) and, below the target runtime, its target build beside
 * it when there is one: the code that will run after the upgrade, so its scan decides the code's part of the risk.
 */
export async function scanApplicationCode(app: {
  account: string;
  region: string;
  name: string;
  codeLocation: string | null;
  runtime: string;
}) {
  const location = app.codeLocation ? s3LocationOf(app.codeLocation, app) : null;
  const result: ScanResult = location
    ? await scanS3Object(location, { cache: dbScanCache })
    : unreadable(`the code location ${app.codeLocation ?? "(none)"} is not an S3 object`);
  const ref = await keepScan(result, `unreadable:${appKeyText(app)}`);
  const targetLocation = location && targetCodeLocation(location, app.name);
  const target =
    targetLocation && compareRuntimes(app.runtime, targetRuntime) < 0 && targetLocation.key !== location.key
      ? await scanS3Object(targetLocation, { cache: dbScanCache })
      : null;
  const missing = target?.error?.code === "not-found";
  const targetRef = target && !missing ? await keepScan(target, `unreadable-target:${appKeyText(app)}`) : null;
  await db.fleetApp.updateMany({
    where: { account: app.account, region: app.region, name: app.name },
    data: {
      codeEtag: ref,
      codeStatus: (targetRef ? target! : result).status,
      targetCodeEtag: targetRef,
      targetCodeStatus: target ? (missing ? "missing" : target.status) : null,
      codeCheckedAt: new Date(),
    },
  });
  await rescore(app);
  return result;
}

/** Keeps a result by its ETag; one not kept by ETag (AccessDenied, a timeout) under `fallback`, so a page says why. */
async function keepScan(result: ScanResult, fallback: string): Promise<string> {
  const etag = "etag" in result && typeof result.etag === "string" ? cacheKey(result.etag).etag : null;
  const ref = etag && isCacheable(result) ? etag : fallback;
  if (ref !== etag)
    await db.codeScan.upsert({
      where: { id: ref },
      create: { id: ref, etag: ref, status: result.status, summary: JSON.stringify(result) },
      update: { status: result.status, summary: JSON.stringify(result), scannedAt: new Date() },
    });
  return ref;
}

/** The stored risk again, now with the code's findings: from the stored facts, without calling AWS. */
async function rescore(app: AppKey) {
  const view = await getApplicationView(app);
  if (!view?.detail) return;
  const facts = factsFromApplicationDetail(view.detail, {
    region: app.region,
    tags: view.tags,
    snapshots: view.snapshots,
    metrics24h: view.instability ?? undefined,
    logs: view.logs ?? undefined,
    code: codeFactOf(view.targetCode ?? view.code),
  });
  const risk = assessRisk(facts);
  await db.fleetApp.updateMany({
    where: { account: app.account, region: app.region, name: app.name },
    data: { riskScore: risk.score, riskLevel: risk.level, risk: JSON.stringify(risk) },
  });
}

function unreadable(message: string): ScanResult {
  return {
    status: "unreadable",
    error: { code: "source", message },
    findings: [],
    classes: 0,
    entries: 0,
    bytes: 0,
    majorVersions: {},
    artifacts: [],
    durationMs: 0,
    scannerVersion: SCANNER_VERSION,
  };
}

/** One pass of the scan lane: the applications not checked within a sync period, oldest first. */
export async function scanDueApplications(batch = 16, concurrency = 2): Promise<number> {
  const staleBefore = new Date(Date.now() - env().SYNC_INTERVAL_SECONDS * 1000);
  const due = await db.fleetApp.findMany({
    where: {
      codeLocation: { not: null },
      OR: [{ codeCheckedAt: null }, { codeCheckedAt: { lt: staleBefore } }],
    },
    select: { account: true, region: true, name: true, codeLocation: true, runtime: true },
    orderBy: [{ codeCheckedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    take: batch,
  });
  await mapWithConcurrency(due, concurrency, (app) =>
    scanApplicationCode(app).catch((error) => console.error(`code scan of ${appKeyText(app)} failed`, error)),
  );
  return due.length;
}
