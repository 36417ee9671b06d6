import type { UpgradeRun } from "@/generated/prisma/client";
import type { HealthPolicy } from "@/lib/upgrades/health";

export type Run = UpgradeRun;

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

export type Outcome = "SUCCEEDED" | "AUTO_ROLLED_BACK" | "ROLLED_BACK" | "FAILED" | "STUCK";

/** What the engineer chose in the wizard, stored with the run. */
export interface RunOptions {
  enableRollback: boolean;
  enableSnapshots: boolean;
  takeSnapshot: boolean;
  autoRollback: boolean;
  policy: HealthPolicy;
}

/** Facts learned along the way that later steps (and resumed workers) need. */
export interface RunBaseline {
  startStatus?: string;
  fromVersionId?: number;
  checkpointDurationMs?: number | null;
  updateOperationId?: string;
  rollbackOperationId?: string;
}

/** What a step decides: stay (poll again later) or move on, with fields to store. */
export type StepResult =
  | { kind: "wait"; note?: string }
  | { kind: "next"; step: StepName; patch?: Partial<Run>; note?: string }
  | { kind: "finish"; outcome: Outcome; patch?: Partial<Run>; note: string }
  | { kind: "decide"; patch?: Partial<Run>; note: string };

export function optionsOf(run: Run): RunOptions {
  return JSON.parse(run.options) as RunOptions;
}

export function baselineOf(run: Run): RunBaseline {
  return run.baseline ? (JSON.parse(run.baseline) as RunBaseline) : {};
}
