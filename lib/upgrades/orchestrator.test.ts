import { TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { describe, expect, it } from "vitest";
import { driveRun, isDone, testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import { upgradeSuite } from "@/tests/support/upgrade-suite";

// Integration: the orchestrator against the emulator's upgrade scenarios, through the real SDK.
const region = "us-east-1";
const app = "orders-enricher";
const suite = upgradeSuite(region);
const start = (name: string, scenario: string, overrides = {}) => suite.start(name, scenario, overrides);
async function emulatedApp(name: string) {
  const state = await suite.env.emulator.control.state();
  return state.accounts
    .flatMap((a) => a.regions)
    .find((r) => r.region === region)!
    .apps.find((a) => a.name === name)!;
}

async function callCount(operation: string) {
  return (await suite.env.emulator.control.calls())
    .filter((c) => c.operation === operation && !c.throttled)
    .reduce((n, c) => n + c.count, 0);
}

describe("upgrade orchestrator", () => {
  it("healthy: SUCCEEDED on the new runtime, HEALTHY verdict, the runbook's calls in order", async () => {
    const runId = await start(app, "healthy");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    expect(run.verdict).toBe("HEALTHY");
    expect((await emulatedApp(app)).runtime).toBe("FLINK-2_2");
    const events = await suite.db.upgradeEvent.findMany({ where: { runId, kind: "aws" }, orderBy: { id: "asc" } });
    const mutations = events
      .map((e) => e.operation)
      .filter((o) => ["UpdateApplication", "CreateApplicationSnapshot", "RollbackApplication"].includes(o!));
    expect(mutations.at(-1)).toBe("UpdateApplication");
    expect(mutations).toContain("CreateApplicationSnapshot");
    expect(events.every((e) => e.requestId)).toBe(true);
    expect(events.some((e) => e.operation === "GetMetricData")).toBe(true);
    expect(await callCount("RollbackApplication")).toBe(0);
    const steps = await suite.db.upgradeStep.findMany({ where: { runId } });
    expect(steps.map((s) => s.name).sort()).toEqual(
      ["observe", "preflight", "safety", "snapshot", "update", "wait-running"].sort(),
    );
    expect(run.metrics).not.toBeNull();
    const inventory = await suite.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: app } },
    });
    expect(inventory).toMatchObject({ runtime: "FLINK-2_2", status: "RUNNING" });
    expect(JSON.parse(inventory.risk).summary).toMatch(/Already on Flink 2.2/);
  });

  it("binary-incompatible with system rollback: AUTO_ROLLED_BACK, detected through the operations API", async () => {
    const runId = await start(app, "binary-incompatible");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("AUTO_ROLLED_BACK");
    expect(run.rolledBackBy).toBe("MSF");
    expect((await emulatedApp(app)).runtime).toBe("FLINK-1_20");
    expect(await callCount("RollbackApplication")).toBe(0);
  });

  it("state-incompatible: UNHEALTHY caught while MSF says RUNNING, rolled back automatically", async () => {
    const runId = await start(app, "state-incompatible");
    const run = await driveRun(runId, isDone);
    expect(run.verdict).toBe("UNHEALTHY");
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(run.rolledBackBy).toBe("auto");
    // Either signal of the loop may cross its threshold first: the restart counter or runningTime resets.
    expect(run.rollbackReason).toMatch(/restarts? in the last|runningTime dropped back|failed checkpoints in the last/);
    expect(await callCount("RollbackApplication")).toBe(1);
    const after = await emulatedApp(app);
    expect(after.runtime).toBe("FLINK-1_20");
    expect(after.status).toBe("RUNNING");
  });

  it("state-incompatible with the ask policy: waits for the engineer instead of rolling back", async () => {
    const runId = await start(app, "state-incompatible", {
      policy: { ...upgradeInput(region, app).policy, autoRollback: false },
    });
    const run = await driveRun(runId, (r) => r.state === "NEEDS_DECISION");
    expect(run.verdict).toBe("UNHEALTHY");
    // Waiting for a person is final: long after the restart window has moved on, the run still waits.
    await driveRun(runId, () => false, 12_000).catch(() => undefined);
    const waiting = await suite.db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(waiting).toMatchObject({ state: "NEEDS_DECISION", outcome: null, step: "observe" });
    expect(await callCount("RollbackApplication")).toBe(0);
    await suite.commands.requestRollback(testActor, { runId, reason: "restart loop confirmed" });
    const done = await driveRun(runId, isDone);
    expect(done.outcome).toBe("ROLLED_BACK");
    expect(done.rolledBackBy).toBe(testActor.id);
  });

  it("slow-checkpoints: DEGRADED is watched twice, then accepted by a person, never by the clock", async () => {
    const runId = await start(app, "slow-checkpoints");
    const asked = await driveRun(runId, (r) => r.state === "NEEDS_DECISION");
    expect(asked.verdict).toBe("DEGRADED");
    expect(JSON.parse(asked.baseline!).decisionReason).toMatch(
      /^DEGRADED: median .* before the upgrade .*Accept it and keep/,
    );
    const events = await suite.db.upgradeEvent.findMany({ where: { runId } });
    expect(events.some((e) => /observing once more/.test(e.message))).toBe(true);
    await suite.commands.abortMonitoring(testActor, runId);
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    expect(await callCount("RollbackApplication")).toBe(0);
  });

  it("stuck-updating: STUCK, and a manual rollback brings it back", async () => {
    const runId = await start(app, "stuck-updating");
    const stuck = await driveRun(runId, (r) => r.state === "NEEDS_DECISION", 60_000);
    expect(stuck.outcome).toBe("STUCK");
    await suite.commands.requestRollback(testActor, { runId, reason: "stuck in UPDATING" });
    const done = await driveRun(runId, isDone);
    expect(done.outcome).toBe("ROLLED_BACK");
    expect((await emulatedApp(app)).runtime).toBe("FLINK-1_20");
  });

  it("manual rollback of a healthy upgrade during observation", async () => {
    const runId = await start(app, "healthy", {
      policy: { ...upgradeInput(region, app).policy, observationSeconds: 60 },
    });
    await driveRun(runId, (r) => r.step === "observe");
    await suite.commands.requestRollback(testActor, { runId, reason: "business asked to wait" });
    const done = await driveRun(runId, isDone);
    expect(done.outcome).toBe("ROLLED_BACK");
    expect(done.rollbackReason).toBe("business asked to wait");
    expect((await emulatedApp(app)).runtime).toBe("FLINK-1_20");
  });

  it("a rollback from the application page after the upgrade ended runs as its own rollback run", async () => {
    const runId = await start(app, "healthy");
    expect((await driveRun(runId, isDone)).outcome).toBe("SUCCEEDED");
    await suite.env.emulator.control.resetCalls();
    const { runId: rollbackId } = await suite.commands.requestRollback(testActor, {
      account: TEST_ACCOUNT,
      region,
      name: app,
      reason: "downstream consumers not ready",
    });
    expect(rollbackId).not.toBe(runId);
    const done = await driveRun(rollbackId, isDone);
    expect(done).toMatchObject({
      kind: "ROLLBACK",
      outcome: "ROLLED_BACK",
      rolledBackBy: testActor.id,
      rollbackReason: "downstream consumers not ready",
    });
    expect(await callCount("RollbackApplication")).toBe(1);
    expect(await callCount("UpdateApplication")).toBe(0);
    expect((await emulatedApp(app)).runtime).toBe("FLINK-1_20");
  });

  it("aborting the observation keeps the new runtime, unverified, and stores the metric window", async () => {
    const runId = await start(app, "healthy", {
      policy: { ...upgradeInput(region, app).policy, observationSeconds: 60 },
    });
    await driveRun(runId, (r) => r.step === "observe");
    await suite.commands.abortMonitoring(testActor, runId);
    const run = await driveRun(runId, isDone);
    // Stopped before a HEALTHY verdict: kept, but never called a success.
    expect(run).toMatchObject({ state: "DONE", outcome: "UNVERIFIED", activeKey: null });
    expect(run.metrics).not.toBeNull();
    expect((await emulatedApp(app)).runtime).toBe("FLINK-2_2");
    await expect(suite.commands.abortMonitoring(testActor, runId)).rejects.toThrow(/already ended/);
  });

  it("a stale version id: a clear error and nothing half-done", async () => {
    const runId = await start(app, "healthy");
    // Someone else changes the application after the engineer loaded it.
    const { msfClient } = await import("@/emulator/tests/harness");
    const { UpdateApplicationCommand } = await import("@aws-sdk/client-kinesis-analytics-v2");
    const stored = await suite.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: app } },
    });
    await msfClient(suite.env.emulator.url, region).send(
      new UpdateApplicationCommand({
        ApplicationName: app,
        CurrentApplicationVersionId: stored.versionId,
        ApplicationConfigurationUpdate: {
          FlinkApplicationConfigurationUpdate: {
            ParallelismConfigurationUpdate: { ConfigurationTypeUpdate: "CUSTOM", ParallelismUpdate: 3 },
          },
        },
      }),
    );
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("FAILED");
    expect(run.error).toMatch(/Someone else changed orders-enricher/);
    expect(run.error).toMatch(/Nothing was changed/);
    expect(await callCount("UpdateApplication")).toBe(1);
    expect(await callCount("CreateApplicationSnapshot")).toBe(0);
    expect((await emulatedApp(app)).runtime).toBe("FLINK-1_20");
  });

  it("a double-clicked start makes one run", async () => {
    const stored = await suite.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: app } },
    });
    const input = upgradeInput(region, app, { expectedVersionId: stored.versionId });
    const [a, b] = await Promise.all([suite.startUpgrade(testActor, input), suite.startUpgrade(testActor, input)]);
    expect(a.runId).toBe(b.runId);
    expect(await suite.db.upgradeRun.count()).toBe(1);
  });

  it("a stopped (READY) application is upgraded, but not proven healthy until it starts", async () => {
    const name = "search-signals-aggregator";
    const runId = await start(name, "healthy");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("UNVERIFIED");
    expect(run.runningAt).toBeNull();
    expect(run.verdictDetail).toMatch(/next start/);
    expect((await emulatedApp(name)).runtime).toBe("FLINK-2_2");
  });

  it("refuses a blocked application and asks for the name on high risk", async () => {
    const studio = await suite.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: "analytics-studio" } },
    });
    await expect(
      suite.startUpgrade(testActor, upgradeInput(region, "analytics-studio", { expectedVersionId: studio.versionId })),
    ).rejects.toThrow(/Blocked/);
    const high = await suite.db.fleetApp.findFirst({ where: { region, riskLevel: "high" } });
    expect(high).not.toBeNull();
    await expect(
      suite.startUpgrade(
        testActor,
        upgradeInput(region, high!.name, { expectedVersionId: high!.versionId, confirmName: "wrong" }),
      ),
    ).rejects.toThrow(/type the application name/);
  });
});
