// The emulator's upgrade scenarios and what the engine must make of each: shared by the scenario-matrix test
// and `npm run bench:upgrade`, which run the same matrix at test speed and at real timing.
export interface ScenarioExpectation {
  state: "DONE" | "NEEDS_DECISION";
  outcome: string | null;
  verdict?: string;
  /** The application must not end this run on the new runtime as a success. */
  mustNotSucceed: boolean;
  /** Our own (metric-driven) rollback is right for this scenario. */
  rollbackIsRight: boolean;
  /** The new job fails: the run must name its first fault. */
  hasRootCause?: boolean;
}

const loop = {
  state: "DONE",
  outcome: "ROLLED_BACK",
  verdict: "UNHEALTHY",
  mustNotSucceed: true,
  rollbackIsRight: true,
  hasRootCause: true,
} as const;
const fine = { state: "DONE", outcome: "SUCCEEDED", mustNotSucceed: false, rollbackIsRight: false } as const;

export const scenarioMatrix: Record<string, ScenarioExpectation> = {
  healthy: { ...fine, verdict: "HEALTHY" },
  "binary-incompatible": {
    state: "DONE",
    outcome: "AUTO_ROLLED_BACK",
    mustNotSucceed: true,
    rollbackIsRight: false,
    hasRootCause: true,
  },
  "state-incompatible": loop,
  // DEGRADED is a person's call: watched for a second window, then handed to the engineer.
  "slow-checkpoints": { ...fine, state: "NEEDS_DECISION", outcome: null, verdict: "DEGRADED" },
  "stuck-updating": { state: "NEEDS_DECISION", outcome: "STUCK", mustNotSucceed: true, rollbackIsRight: false },
  "rollback-fails": { ...loop, outcome: "FAILED" },
  "slow-restart-loop": loop,
  silent: {
    state: "NEEDS_DECISION",
    outcome: null,
    verdict: "INCONCLUSIVE",
    mustNotSucceed: true,
    rollbackIsRight: false,
  },
  "late-failure": loop,
  "maintenance-during-observation": fine,
  "autoscaling-during-observation": fine,
};

/** Where the matrix stops moving by itself: finished, or waiting for a person for the expected reason. */
export function isSettled(run: { state: string; outcome: string | null; baseline: string | null }): boolean {
  if (run.state === "DONE") return true;
  return run.state === "NEEDS_DECISION" && (run.outcome === "STUCK" || /decisionReason/.test(run.baseline ?? ""));
}

/** Running 1.15–1.20 applications with system rollback and snapshots on: the runbook's usual starting point. */
export const matrixCandidateFilter = (regions: readonly string[]) => ({
  region: { in: [...regions] },
  status: "RUNNING",
  runtime: { in: ["FLINK-1_15", "FLINK-1_18", "FLINK-1_19", "FLINK-1_20"] },
  rollbackEnabled: true,
  snapshotsEnabled: true,
});
