// Internal state of one MSF application. Configurations are immutable values: every change builds a new
// AppConfig, so versions can share unchanged parts.
import type { ApplicationStatus, EmuApp, JobBehaviour, RuntimeEnvironment } from "../core/types";

export type RestoreType =
  "SKIP_RESTORE_FROM_SNAPSHOT" | "RESTORE_FROM_LATEST_SNAPSHOT" | "RESTORE_FROM_CUSTOM_SNAPSHOT";
export type ConfigurationType = "DEFAULT" | "CUSTOM";

export interface PropertyGroup {
  PropertyGroupId: string;
  PropertyMap: Record<string, string>;
}

export interface CodeConfig {
  contentType: "ZIPFILE" | "PLAINTEXT";
  bucketArn?: string;
  fileKey?: string;
  objectVersion?: string;
  textContent?: string;
  codeSize: number;
}

export interface FlinkConfig {
  checkpoint: { type: ConfigurationType; enabled: boolean; interval: number; minPause: number };
  monitoring: { type: ConfigurationType; metricsLevel: string; logLevel: string };
  parallelism: { type: ConfigurationType; parallelism: number; perKpu: number; autoScaling: boolean };
}

export interface AppConfig {
  runtime: RuntimeEnvironment;
  description: string;
  role: string;
  code: CodeConfig;
  restoreType: RestoreType;
  restoreSnapshotName?: string;
  allowNonRestoredState: boolean;
  /** Absent for SQL-1_0 and Studio applications. */
  flink?: FlinkConfig;
  propertyGroups: PropertyGroup[];
  snapshotsEnabled: boolean;
  rollbackEnabled: boolean;
  logging: { CloudWatchLoggingOptionId: string; LogStreamARN: string }[];
  maintenance: { start: string; end: string };
}

export interface AppVersion {
  versionId: number;
  config: AppConfig;
  createdAt: number;
  /** Status recorded for a superseded version (the current version reports the live status). */
  status: ApplicationStatus;
  updatedFrom?: number;
  rolledBackFrom?: number;
  rolledBackTo?: number;
}

export interface SnapshotRecord {
  name: string;
  status: "CREATING" | "READY" | "DELETING" | "FAILED";
  versionId: number;
  runtime: RuntimeEnvironment;
  createdAt: number;
  readyAt: number;
  /** Operation that tracks a manual snapshot. */
  operationId?: string;
}

export type OperationStatus = "IN_PROGRESS" | "CANCELLED" | "SUCCESSFUL" | "FAILED";

export interface OperationRecord {
  id: string;
  operation: string;
  status: OperationStatus;
  startTime: number;
  endTime?: number;
  versionFrom?: number;
  versionTo?: number;
  rollbackOperationId?: string;
  errorString?: string;
}

/** How an update ends: a job behaviour, a behaviour with a later twist, a failure, or never. */
export type UpdateOutcome =
  | "healthy"
  | "restart-loop"
  | "slow-checkpoints"
  | "slow-restart-loop"
  | "silent"
  | "late-failure"
  | "maintenance"
  | "autoscaling"
  | "fail"
  | "stuck";

/** Phases of a service-side disturbance of a RUNNING app (maintenance or autoscaling). */
export type DisturbancePhase = "begin" | "resume" | "end";

/** What completes when `endsAt` is reached (lazy state machine; endsAt = Infinity never completes). */
export type Pending =
  | { kind: "start"; endsAt: number; operationId: string }
  | { kind: "stop"; endsAt: number; operationId: string }
  | {
      kind: "update";
      endsAt: number;
      operationId: string;
      outcome: UpdateOutcome;
      /** The version to return to when the update fails and system rollback is enabled. */
      previousVersionId: number;
    }
  | { kind: "rollback"; endsAt: number; operationId: string; fails: boolean }
  /** The running job changes behaviour by itself (late-failure onset); no operation. */
  | { kind: "behaviour"; endsAt: number; operationId?: undefined; behaviour: JobBehaviour }
  | {
      kind: "disturbance";
      endsAt: number;
      type: "maintenance" | "autoscaling";
      phase: DisturbancePhase;
      /** The ApplicationMaintenance operation, once it began. */
      operationId?: string;
    };

export interface MsfApp extends EmuApp {
  mode: "STREAMING" | "INTERACTIVE";
  createdAt: number;
  lastUpdatedAt: number;
  versionId: number;
  /** All versions, oldest first; the last one is the current version. */
  versions: AppVersion[];
  behaviour: JobBehaviour;
  snapshots: SnapshotRecord[];
  /** Oldest first. */
  operations: OperationRecord[];
  tags: { Key: string; Value: string }[];
  pending?: Pending;
  /** Set by autoscaling; reported as CurrentParallelism until the next version change or start. */
  currentParallelism?: number;
  /** Bumped on every version or status change; feeds the ConditionalToken. */
  changeSeq: number;
  /** Counter for operation ids, so ids stay unique and deterministic per app. */
  operationSeq: number;
  /**
   * The log stream its CloudWatchLoggingOptions name exists (control knob). Without it MSF silently drops the
   * application's log: the group exists, the stream and its events do not.
   */
  logStream: boolean;
}

export function currentVersion(app: MsfApp): AppVersion {
  const version = app.versions[app.versions.length - 1];
  if (!version) throw new Error(`application ${app.name} has no version`);
  return version;
}

export function currentConfig(app: MsfApp): AppConfig {
  return currentVersion(app).config;
}

export function findVersion(app: MsfApp, versionId: number): AppVersion | undefined {
  return app.versions.find((v) => v.versionId === versionId);
}

export function isSqlApp(app: MsfApp): boolean {
  return app.runtime.startsWith("SQL-");
}

export function isStudioApp(app: MsfApp): boolean {
  return app.mode === "INTERACTIVE" || app.runtime.startsWith("ZEPPELIN-");
}
