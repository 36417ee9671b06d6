import type { UpgradeRun } from "@/generated/prisma/client";
import type { HealthPolicy } from "@/lib/upgrades/health";
import type { AppKey, AwsScope } from "@/lib/aws/accounts";

export type Run = UpgradeRun;

/** Where a run's AWS calls go, signed by a session named for the person who started it (the sync's, for a row the
 * sync recorded from an upgrade made outside the dashboard). */
export function runScope(run: Pick<Run, "account" | "region" | "initiatedBy"> & { kind?: string }): AwsScope {
  return {
    account: run.account,
    region: run.region,
    ...(run.kind === "OUTSIDE" ? {} : { actingFor: run.initiatedBy }),
  };
}

/** The application a run is about. */
export function runKey(run: Pick<Run, "account" | "region" | "appName">): AppKey {
  return { account: run.account, region: run.region, name: run.appName };
}

export const stepOrder = [
  "preflight",
  "safety",
  "snapshot",
  "update",
  "wait-running",
  "observe",
  "rollback",
  "wait-rollback",
  "done",
] as const;
export type StepName = (typeof stepOrder)[number];

/** CANCELLED: stopped before the update was sent. UNVERIFIED: kept on the new runtime without proof of health. */
export type Outcome =
  "SUCCEEDED" | "AUTO_ROLLED_BACK" | "ROLLED_BACK" | "FAILED" | "STUCK" | "CANCELLED" | "UNVERIFIED";

/** What the engineer chose in the wizard, stored with the run. */
export interface RunOptions {
  enableRollback: boolean;
  enableSnapshots: boolean;
  takeSnapshot: boolean;
  autoRollback: boolean;
  policy: HealthPolicy;
  /**
   * How the upgraded job restores state, sent as RunConfigurationUpdate: an update without it resets
   * AllowNonRestoredState to false. Absent on runs recorded before the wizard asked.
   */
  restore?: {
    applicationRestoreType:
      "RESTORE_FROM_LATEST_SNAPSHOT" | "RESTORE_FROM_CUSTOM_SNAPSHOT" | "SKIP_RESTORE_FROM_SNAPSHOT";
    /** Only with RESTORE_FROM_CUSTOM_SNAPSHOT. */
    snapshotName?: string;
    allowNonRestoredState: boolean;
  };
}

/** Facts learned along the way that later steps (and resumed workers) need. */
export interface RunBaseline {
  startStatus?: string;
  fromVersionId?: number;
  checkpointDurationMs?: number | null;
  updateOperationId?: string;
  rollbackOperationId?: string;
  /** The ApplicationVersionId our UpdateApplication / RollbackApplication was sent against (the reconcile key). */
  updateSentVersionId?: number;
  rollbackSentVersionId?: number;
  /** Timestamp of the first datapoint of the new job that CloudWatch showed: the observation window starts here. */
  firstDataAt?: string;
  /** When an inconclusive observation was extended (once). */
  extendedAt?: string;
  /** MAINTENANCE / AUTOSCALING seen during the observation: the clock stops and restarts are not counted. */
  pauses?: { status: string; from: string; to?: string }[];
  /** "ok", or why the Flink job view cannot be read (then CloudWatch alone judges, minutes slower). */
  jobView?: string;
  /** "ok", or why the job's CloudWatch Logs cannot be read when the job view is unavailable. */
  logs?: string;
  /** The job's state at the last job-view poll (RESTARTING twice in a row is a loop). */
  jobState?: string;
  /** Why the run waits for the engineer, in words. */
  decisionReason?: string;
}

/** What a step decides: stay (poll again later) or move on, with fields to store. */
export type StepResult =
  | { kind: "wait"; note?: string }
  | { kind: "next"; step: StepName; patch?: Partial<Run>; note?: string }
  | { kind: "finish"; outcome: Outcome; patch?: Partial<Run>; note: string }
  | { kind: "decide"; patch?: Partial<Run>; note: string }
  /** A transient AWS failure: the same step again after a backoff. */
  | { kind: "retry"; reason: string };

export function optionsOf(run: Run): RunOptions {
  return JSON.parse(run.options) as RunOptions;
}

export function baselineOf(run: Run): RunBaseline {
  return run.baseline ? (JSON.parse(run.baseline) as RunBaseline) : {};
}
