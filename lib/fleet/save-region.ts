import type { ApplicationSummary } from "@aws-sdk/client-kinesis-analytics-v2";
import { db } from "@/lib/db";
import { assessRisk, factsFromApplicationDetail, type CodeFact } from "@/lib/risk";
import type { AccountRegion } from "@/lib/aws/accounts";
import { codeFactsFor } from "./code-scan-store";
import { whereApp, wherePlace } from "./queries";
import type { ApplicationRead } from "./read-application";
import { redactProperties } from "./redact";
import type { LogEvidence } from "@/lib/logs/log-evidence";
import type { Instability } from "./recent-instability";

export type AppOutcome =
  | {
      kind: "read";
      summary: ApplicationSummary;
      read: ApplicationRead;
      instability: Instability | null;
      logs: LogEvidence | null;
    }
  | { kind: "failed"; summary: ApplicationSummary; message: string }
  | { kind: "deleted"; summary: ApplicationSummary }
  /** Listed with the version and status the inventory holds, and read recently enough: not read again. */
  | { kind: "kept"; summary: ApplicationSummary };

/**
 * Replaces a region's stored applications with what this sync saw: described apps are rewritten,
 * apps that failed keep their last known facts with the error attached, kept apps are marked seen,
 * vanished apps are removed.
 */
export async function saveRegion(
  syncId: string,
  place: AccountRegion,
  outcomes: AppOutcome[],
  syncedAt: Date,
): Promise<void> {
  const seen = outcomes.filter((o) => o.kind !== "deleted").map((o) => o.summary.ApplicationName!);
  // Every row is built (risk included) before the transaction opens: it holds the connection only for the writes.
  const code = await codeFactsFor(place);
  const writes = outcomes.flatMap((outcome) => {
    if (outcome.kind === "read")
      return [upsertApplication(syncId, place, outcome, syncedAt, code.get(outcome.summary.ApplicationName!))];
    if (outcome.kind === "failed") return [upsertFailedApplication(syncId, place, outcome, syncedAt)];
    return [];
  });
  const kept = outcomes.filter((o) => o.kind === "kept").map((o) => o.summary.ApplicationName!);
  await db.$transaction([
    ...writes,
    ...(kept.length
      ? [db.fleetApp.updateMany({ where: { ...wherePlace(place), name: { in: kept } }, data: { syncId, syncedAt } })]
      : []),
    db.fleetApp.deleteMany({ where: { ...wherePlace(place), name: { notIn: seen } } }),
  ]);
}

/** Stores one freshly described application with its risk (a sync, or a refresh after an upgrade run). */
export async function saveApplication(
  syncId: string,
  place: AccountRegion,
  outcome: Extract<AppOutcome, { kind: "read" }>,
  syncedAt: Date,
): Promise<void> {
  const code = await codeFactsFor(place);
  await upsertApplication(syncId, place, outcome, syncedAt, code.get(outcome.summary.ApplicationName!));
}

/** Not sent until awaited or batched in a transaction. */
function upsertApplication(
  syncId: string,
  place: AccountRegion,
  outcome: Extract<AppOutcome, { kind: "read" }>,
  syncedAt: Date,
  code: CodeFact | null | undefined,
) {
  const row = toRow(place, outcome, syncId, syncedAt, code ?? null);
  return db.fleetApp.upsert({ where: whereApp(row), create: row, update: row });
}

function upsertFailedApplication(
  syncId: string,
  place: AccountRegion,
  outcome: Extract<AppOutcome, { kind: "failed" }>,
  syncedAt: Date,
) {
  return db.fleetApp.upsert({
    where: whereApp({ ...place, name: outcome.summary.ApplicationName! }),
    update: { error: outcome.message, syncId, status: outcome.summary.ApplicationStatus ?? "UNKNOWN" },
    create: placeholderRow(place, outcome.summary, outcome.message, syncId, syncedAt),
  });
}

function toRow(
  { account, region }: AccountRegion,
  outcome: Extract<AppOutcome, { kind: "read" }>,
  syncId: string,
  syncedAt: Date,
  code: CodeFact | null,
) {
  const { detail, tags, snapshots, operations, failedOperations } = outcome.read;
  const facts = factsFromApplicationDetail(detail, {
    region,
    tags,
    snapshots,
    metrics24h: outcome.instability ?? undefined,
    logs: outcome.logs ?? undefined,
    code,
  });
  const risk = assessRisk(facts);
  const config = detail.ApplicationConfigurationDescription;
  const s3 =
    config?.ApplicationCodeConfigurationDescription?.CodeContentDescription?.S3ApplicationCodeLocationDescription;
  return {
    account,
    region,
    name: detail.ApplicationName!,
    arn: detail.ApplicationARN!,
    runtime: detail.RuntimeEnvironment ?? "unknown",
    status: detail.ApplicationStatus ?? "UNKNOWN",
    versionId: Number(detail.ApplicationVersionId ?? 0),
    mode: detail.ApplicationMode ?? "STREAMING",
    snapshotsEnabled: facts.snapshotsEnabled,
    rollbackEnabled: facts.rollbackEnabled,
    newestSnapshotName: facts.newestSnapshot?.name ?? null,
    newestSnapshotAt: facts.newestSnapshot?.createdAt ?? null,
    newestSnapshotRuntime: facts.newestSnapshot?.runtime ?? null,
    team: tags.team ?? null,
    env: tags.env ?? null,
    tags: JSON.stringify(tags),
    parallelism: facts.parallelism ?? null,
    kpus: facts.kpus ?? null,
    codeLocation: s3 ? `${s3.BucketARN?.replace(/^arn:aws:s3:::/, "s3://")}/${s3.FileKey}` : null,
    riskScore: risk.score,
    riskLevel: risk.level,
    risk: JSON.stringify(risk),
    detail: JSON.stringify({
      detail: redactProperties(detail),
      snapshots,
      operations,
      failedOperations,
      instability: outcome.instability,
      logs: outcome.logs,
    }),
    error: null,
    syncedAt,
    readAt: syncedAt,
    syncId,
  };
}

function placeholderRow(
  { account, region }: AccountRegion,
  summary: ApplicationSummary,
  error: string,
  syncId: string,
  syncedAt: Date,
) {
  return {
    account,
    region,
    name: summary.ApplicationName!,
    arn: summary.ApplicationARN ?? "",
    runtime: summary.RuntimeEnvironment ?? "unknown",
    status: summary.ApplicationStatus ?? "UNKNOWN",
    versionId: Number(summary.ApplicationVersionId ?? 0),
    mode: summary.ApplicationMode ?? "STREAMING",
    snapshotsEnabled: false,
    rollbackEnabled: false,
    riskScore: 0,
    riskLevel: "unknown",
    risk: "null",
    detail: "null",
    error,
    syncedAt,
    syncId,
  };
}
