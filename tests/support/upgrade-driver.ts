// Drives upgrade runs in-process the way the worker does, for orchestrator tests.
import type { StartUpgradeInput } from "@/lib/upgrades/inputs";
import { TEST_ACCOUNT } from "./app-test-env";

export const testActor = { id: "engineer@example.com", source: "user" as const };

export function upgradeInput(
  region: string,
  name: string,
  overrides: Partial<StartUpgradeInput> = {},
): StartUpgradeInput {
  return {
    account: TEST_ACCOUNT,
    region,
    name,
    targetRuntime: "FLINK-2_2",
    codeKey: `${name}-flink-2.2.jar`,
    expectedVersionId: 0,
    enableRollback: true,
    enableSnapshots: true,
    takeSnapshot: true,
    confirmName: name,
    // Engine tests upgrade every scenario's code as seeded, breaking builds included: the override path, on purpose.
    scanOverride: "engine test: upgrade the scenario's build as seeded",
    policy: {
      observationSeconds: 8,
      restartThreshold: 2,
      failedCheckpointThreshold: 2,
      checkpointDurationFactor: 2,
      autoRollback: true,
    },
    ...overrides,
  };
}

export async function driveRun(
  runId: string,
  until: (run: { state: string; step: string }) => boolean,
  timeoutMs = 60_000,
) {
  const { advanceDueRuns } = await import("@/lib/upgrades/advance");
  const { db } = await import("@/lib/db");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    if (until(run)) {
      // The step that got here may still be finishing its run (metric window, inventory refresh): let it.
      const { settleInFlight } = await import("@/lib/upgrades/advance");
      await settleInFlight();
      return db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    }
    if (Date.now() > deadline)
      throw new Error(`run ${runId} stuck at ${run.state}/${run.step} (${run.error ?? "no error"})`);
    await advanceDueRuns("test-worker");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const isDone = (run: { state: string }) => run.state === "DONE";

/** Waits for every run step still in flight in this process (before resetting state between tests). */
export async function settleRuns() {
  const { settleInFlight } = await import("@/lib/upgrades/advance");
  await settleInFlight();
}
