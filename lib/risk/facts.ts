import type { ApplicationDetail, SnapshotDetails } from "@aws-sdk/client-kinesis-analytics-v2";
import { detectEfo, detectKinesisSource, detectPython, type PropertyGroupFact } from "./property-heuristics";

export type ApplicationMode = "STREAMING" | "INTERACTIVE";

export interface SnapshotFact {
  name: string;
  createdAt: Date;
  /** Flink runtime the snapshot was taken with; null when the API did not say. */
  runtime: string | null;
}

/** CloudWatch figures over the last 24 h; null = unknown or not fetched. */
export interface Metrics24h {
  restarts: number | null;
  failedCheckpoints: number | null;
  lastCheckpointSizeBytes: number | null;
}

export const UNKNOWN_METRICS: Metrics24h = {
  restarts: null,
  failedCheckpoints: null,
  lastCheckpointSizeBytes: null,
};

/** What the application's CloudWatch Logs say (lib/logs/log-evidence.ts); unknown when not read. */
export interface LogFacts {
  logStream: "present" | "missing" | "no-group" | "not-configured" | "unknown";
  /** Types Flink logs as processed with Kryo (GenericType); null = not scanned. */
  kryoTypes: string[] | null;
}

export const UNKNOWN_LOGS: LogFacts = { logStream: "unknown", kryoTypes: null };

/** How the next (re)start restores state, from RunConfigurationDescription. */
export interface RestoreFact {
  /** RESTORE_FROM_LATEST_SNAPSHOT, RESTORE_FROM_CUSTOM_SNAPSHOT or SKIP_RESTORE_FROM_SNAPSHOT. */
  applicationRestoreType: string;
  /** The snapshot a custom restore uses; null otherwise. */
  snapshotName: string | null;
  allowNonRestoredState: boolean;
}

/** Everything the risk model looks at, as plain data (no SDK types). */
export interface AppFacts {
  name: string;
  region: string;
  /** e.g. "FLINK-1_15" */
  runtime: string;
  /** ApplicationStatus, e.g. "RUNNING" */
  status: string;
  applicationMode: ApplicationMode;
  snapshotsEnabled: boolean;
  restore: RestoreFact;
  /** System (auto) rollback. */
  rollbackEnabled: boolean;
  /** Newest READY snapshot. */
  newestSnapshot: SnapshotFact | null;
  isPython: boolean;
  kinesisSource: boolean;
  usesEfo: boolean;
  tags: Record<string, string>;
  parallelism: number;
  kpus: number | null;
  metrics24h: Metrics24h;
  logs: LogFacts;
  /** Which runtime property gave each heuristic away, for concrete evidence. */
  detectedBy?: { python?: string; kinesisSource?: string; efo?: string };
}

export interface FactsExtras {
  region: string;
  tags: Record<string, string>;
  snapshots: SnapshotDetails[];
  metrics24h?: Metrics24h;
  logs?: LogFacts;
  /** From the CloudWatch KPUs metric when fetched. */
  kpus?: number | null;
}

function propertyGroups(detail: ApplicationDetail): PropertyGroupFact[] {
  const groups =
    detail.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions?.PropertyGroupDescriptions ?? [];
  return groups.map((group) => ({
    id: group.PropertyGroupId ?? "",
    properties: group.PropertyMap ?? {},
  }));
}

/** Snapshots without a creation time cannot be ranked and are ignored. */
export function newestReadySnapshot(snapshots: SnapshotDetails[]): SnapshotFact | null {
  let newest: SnapshotFact | null = null;
  for (const snapshot of snapshots) {
    const createdAt = snapshot.SnapshotCreationTimestamp;
    if (snapshot.SnapshotStatus !== "READY" || !createdAt || !snapshot.SnapshotName) continue;
    if (newest && newest.createdAt.getTime() >= createdAt.getTime()) continue;
    newest = {
      name: snapshot.SnapshotName,
      createdAt,
      runtime: snapshot.RuntimeEnvironment ?? null,
    };
  }
  return newest;
}

/** MSF restores the latest snapshot and refuses unmapped state unless told otherwise. */
export function restoreOf(detail: ApplicationDetail | null | undefined): RestoreFact {
  const run = detail?.ApplicationConfigurationDescription?.RunConfigurationDescription;
  const restore = run?.ApplicationRestoreConfigurationDescription;
  const type = restore?.ApplicationRestoreType ?? "RESTORE_FROM_LATEST_SNAPSHOT";
  return {
    applicationRestoreType: type,
    snapshotName: type === "RESTORE_FROM_CUSTOM_SNAPSHOT" ? (restore?.SnapshotName ?? null) : null,
    allowNonRestoredState: run?.FlinkRunConfigurationDescription?.AllowNonRestoredState ?? false,
  };
}

function modeOf(detail: ApplicationDetail): ApplicationMode {
  if (detail.ApplicationMode) return detail.ApplicationMode;
  // ApplicationMode may be absent on old applications; Studio runtimes are always INTERACTIVE.
  return detail.RuntimeEnvironment?.startsWith("ZEPPELIN") ? "INTERACTIVE" : "STREAMING";
}

function withoutEmpty(hints: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(hints).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Pure mapper from DescribeApplication (+ tags, snapshots, metrics) to the model's facts. */
export function factsFromApplicationDetail(detail: ApplicationDetail, extras: FactsExtras): AppFacts {
  const config = detail.ApplicationConfigurationDescription;
  const parallelism = config?.FlinkApplicationConfigurationDescription?.ParallelismConfigurationDescription;
  const groups = propertyGroups(detail);
  const python = detectPython(groups);
  const efo = detectEfo(groups);
  const kinesisSource = detectKinesisSource(groups) ?? efo;

  return {
    name: detail.ApplicationName ?? "",
    region: extras.region,
    runtime: detail.RuntimeEnvironment ?? "",
    status: detail.ApplicationStatus ?? "",
    applicationMode: modeOf(detail),
    // Missing configuration reads as "off": existing apps are not opted in to system rollback.
    snapshotsEnabled: config?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled ?? false,
    rollbackEnabled: config?.ApplicationSystemRollbackConfigurationDescription?.RollbackEnabled ?? false,
    restore: restoreOf(detail),
    newestSnapshot: newestReadySnapshot(extras.snapshots),
    isPython: python !== null,
    kinesisSource: kinesisSource !== null,
    usesEfo: efo !== null,
    tags: extras.tags,
    parallelism: parallelism?.CurrentParallelism ?? parallelism?.Parallelism ?? 1,
    kpus: extras.kpus ?? null,
    metrics24h: extras.metrics24h ?? UNKNOWN_METRICS,
    logs: extras.logs ?? UNKNOWN_LOGS,
    detectedBy: withoutEmpty({ python, kinesisSource, efo }),
  };
}
