import type { AppKey, AwsScope } from "@/lib/aws/accounts";
import {
  paginateListApplicationVersions,
  type ApplicationDetail,
  type ApplicationOperationInfo,
  type ApplicationVersionSummary,
  type SnapshotDetails,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { assessRisk, codeFactOf, factsFromApplicationDetail, newerRuntimes, type RiskAssessment } from "@/lib/risk";
import type { ScanResult } from "@/lib/compat/scan";
import { codeScansOf } from "./code-scan-store";
import { msfClient } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { getFleetApp } from "./queries";
import type { LogEvidence } from "@/lib/logs/log-evidence";
import type { Instability } from "./recent-instability";
import type { FailedOperation } from "./read-application";

export interface ApplicationView {
  account: string;
  region: string;
  name: string;
  syncedAt: Date;
  error: string | null;
  risk: RiskAssessment | null;
  detail: ApplicationDetail | null;
  snapshots: SnapshotDetails[];
  operations: ApplicationOperationInfo[];
  failedOperations: FailedOperation[];
  instability: Instability | null;
  logs: LogEvidence | null;
  tags: Record<string, string>;
  /** the scan of the application's current code; null when not scanned yet */
  code: ScanResult | null;
  /** the scan of its target build beside it (TARGET_CODE_PATTERN); null when none was found or scanned */
  targetCode: ScanResult | null;
  /** the target build's status as the scan lane left it: a scan status, "missing", or null (not checked) */
  targetCodeStatus: string | null;
}

/** The stored view of one application from the last sync; null when the inventory does not know it. */
export async function getApplicationView(key: AppKey): Promise<ApplicationView | null> {
  const { account, region, name } = key;
  const row = await getFleetApp(key);
  if (!row) return null;
  const stored = JSON.parse(row.detail) as {
    detail: ApplicationDetail;
    snapshots: SnapshotDetails[];
    operations: ApplicationOperationInfo[];
    failedOperations?: FailedOperation[];
    instability: Instability | null;
    logs?: LogEvidence | null;
  } | null;
  const scans = await codeScansOf(key);
  return {
    account,
    region,
    name,
    syncedAt: row.syncedAt,
    error: row.error,
    risk: JSON.parse(row.risk) as RiskAssessment | null,
    detail: stored?.detail ?? null,
    snapshots: (stored?.snapshots ?? [])
      .map(reviveSnapshot)
      .sort(
        (a, b) =>
          new Date(b.SnapshotCreationTimestamp ?? 0).getTime() - new Date(a.SnapshotCreationTimestamp ?? 0).getTime(),
      ),
    operations: stored?.operations ?? [],
    failedOperations: stored?.failedOperations ?? [],
    instability: stored?.instability ?? null,
    logs: stored?.logs ?? null,
    tags: JSON.parse(row.tags) as Record<string, string>,
    code: scans.current,
    targetCode: scans.target,
    targetCodeStatus: scans.targetStatus,
  };
}

/** Stored as JSON, timestamps come back as strings; the risk model needs Dates. */
function reviveSnapshot(s: SnapshotDetails): SnapshotDetails {
  return {
    ...s,
    SnapshotCreationTimestamp: s.SnapshotCreationTimestamp ? new Date(s.SnapshotCreationTimestamp) : undefined,
  };
}

/** Application versions are read live (they are not part of the sync's call budget). */
export async function listApplicationVersions(
  scope: AwsScope,
  name: string,
): Promise<{ versions: ApplicationVersionSummary[] } | { error: string }> {
  try {
    const versions: ApplicationVersionSummary[] = [];
    for await (const page of paginateListApplicationVersions(
      { client: msfClient(scope), pageSize: 50 },
      { ApplicationName: name },
    )) {
      versions.push(...(page.ApplicationVersionSummaries ?? []));
    }
    return { versions: versions.sort((a, b) => Number(b.ApplicationVersionId) - Number(a.ApplicationVersionId)) };
  } catch (error) {
    return { error: describeAwsError(error).message };
  }
}

/** The risk of moving this application to each runtime newer than its own (for the wizard's target picker). */
export function assessTargets(view: ApplicationView, now = new Date()): { target: string; risk: RiskAssessment }[] {
  if (!view.detail) return [];
  const facts = factsFromApplicationDetail(view.detail, {
    region: view.region,
    tags: view.tags,
    snapshots: view.snapshots,
    metrics24h: view.instability ?? undefined,
    logs: view.logs ?? undefined,
    code: codeFactOf(view.targetCode ?? view.code),
  });
  return newerRuntimes(view.detail.RuntimeEnvironment ?? "", now, view.region).map((target) => ({
    target,
    risk: assessRisk(facts, target, now),
  }));
}
