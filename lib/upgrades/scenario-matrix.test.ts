import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv } from "@/tests/support/app-test-env";
import { settleRuns, testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import { isSettled, matrixCandidateFilter, scenarioMatrix } from "@/tests/support/scenario-matrix";

// Every emulator scenario upgraded at once at test speed, where every AWS duration, the 1-minute metric cadence
// and CloudWatch's ingestion delay are scaled by the same 1/60: the verdict must hold under AWS's timing ratios.
let env: AppTestEnv;
let db: (typeof import("@/lib/db"))["db"];
const regions = ["us-east-1", "eu-west-1"];

beforeAll(async () => {
  env = await setupAppTestEnv({ regions, extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60), JOB_VIEW: "on" } });
  db = (await import("@/lib/db")).db;
  const sync = await import("@/lib/fleet/sync");
  await sync.requestSync(testActor);
  await sync.runQueuedSync();
});

afterAll(async () => {
  await settleRuns();
  await db.$disconnect();
  await env.close();
});

async function candidates(count: number) {
  const apps = await db.fleetApp.findMany({ where: matrixCandidateFilter(regions), orderBy: { name: "asc" } });
  expect(apps.length).toBeGreaterThanOrEqual(count);
  return apps.slice(0, count);
}

describe("the scenario matrix at test speed", () => {
  it("ends every scenario correctly, with one UpdateApplication each and no false success or rollback", async () => {
    const { startUpgrade } = await import("./start-upgrade");
    const { defaultPolicyInput } = await import("./defaults");
    const { advanceDueRuns } = await import("./advance");
    const scenarios = Object.keys(scenarioMatrix);
    const apps = await candidates(scenarios.length);
    await env.emulator.control.resetCalls();
    const runs = await Promise.all(
      scenarios.map(async (scenario, i) => {
        const app = apps[i]!;
        await env.emulator.control.setScenario(app.region, app.name, scenario as never);
        const input = upgradeInput(app.region, app.name, {
          expectedVersionId: app.versionId,
          policy: { ...defaultPolicyInput(), autoRollback: true },
        });
        return { scenario, app: app.name, region: app.region, runId: (await startUpgrade(testActor, input)).runId };
      }),
    );
    const deadline = Date.now() + 150_000;
    for (;;) {
      const current = await db.upgradeRun.findMany({ where: { id: { in: runs.map((r) => r.runId) } } });
      if (current.every(isSettled) || Date.now() > deadline) break;
      await advanceDueRuns("matrix");
      await new Promise((r) => setTimeout(r, 100));
    }
    const calls = await env.emulator.control.calls();
    for (const { scenario, app, region, runId } of runs) {
      const run = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
      const want = scenarioMatrix[scenario]!;
      expect({ scenario, state: run.state, outcome: run.outcome }).toEqual({
        scenario,
        state: want.state,
        outcome: want.outcome,
      });
      if (want.verdict) expect({ scenario, verdict: run.verdict }).toEqual({ scenario, verdict: want.verdict });
      const updates = calls.filter((c) => c.app === app && c.region === region && c.operation === "UpdateApplication");
      expect({ scenario, updates: updates.reduce((n, c) => n + c.count, 0) }).toEqual({ scenario, updates: 1 });
      const rollbacks = calls.filter(
        (c) => c.app === app && c.region === region && c.operation === "RollbackApplication",
      );
      expect(rollbacks.reduce((n, c) => n + c.count, 0)).toBeLessThanOrEqual(1);
    }
    // The job view decides restart loops, and names the first fault of every failing job it saw.
    for (const scenario of ["state-incompatible", "slow-restart-loop"]) {
      const run = await db.upgradeRun.findUniqueOrThrow({
        where: { id: runs.find((r) => r.scenario === scenario)!.runId },
      });
      expect({ scenario, decidedBy: JSON.parse(run.verdictDetail!).decidedBy, faultClass: run.faultClass }).toEqual({
        scenario,
        decidedBy: "job view",
        faultClass: "state-incompatibility",
      });
    }
    // Every failing job is named: from the job view, or from the logs where the view has no exception.
    for (const { scenario, runId } of runs) {
      const run = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
      if (scenarioMatrix[scenario]!.hasRootCause)
        expect({ scenario, named: run.faultClass !== null }).toEqual({ scenario, named: true });
    }
    const binary = await db.upgradeRun.findUniqueOrThrow({
      where: { id: runs.find((r) => r.scenario === "binary-incompatible")!.runId },
    });
    expect(binary.faultClass).toBe("binary-incompatibility");
    const silent = runs.find((r) => r.scenario === "silent")!;
    const silentRun = await db.upgradeRun.findUniqueOrThrow({ where: { id: silent.runId } });
    expect(JSON.parse(silentRun.baseline!).decisionReason).toMatch(/^not proven healthy: no metrics since/);
    const events = await db.upgradeEvent.findMany({ where: { runId: silent.runId } });
    expect(events.some((e) => /observing once more/.test(e.message))).toBe(true);
    const maintenance = runs.find((r) => r.scenario === "maintenance-during-observation")!;
    const maintained = await db.upgradeRun.findUniqueOrThrow({ where: { id: maintenance.runId } });
    expect(maintained.faultClass).toBeNull();
    const paused = await db.upgradeEvent.findMany({ where: { runId: maintenance.runId } });
    expect(paused.some((e) => /^MAINTENANCE: .*clock stops/.test(e.message))).toBe(true);
  });
});
