import {
  DescribeApplicationCommand,
  DescribeApplicationVersionCommand,
  UpdateApplicationCommand,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { describe, expect, it } from "vitest";
import { msfClient } from "@/emulator/tests/harness";
import { driveRun, isDone, settleRuns, testActor, upgradeInput } from "@/tests/support/upgrade-driver";
import { upgradeSuite } from "@/tests/support/upgrade-suite";

// The engine against AWS's faults, through the real SDK and the emulator: lost responses, throttling and 5xx,
// commands racing the worker, restore settings, and the endings where nothing goes back to normal.
const region = "us-east-1";
const app = "orders-enricher";
const suite = upgradeSuite(region, { AWS_REQUEST_TIMEOUT_MS: "2000" });
const start = (name: string, scenario: string, overrides = {}) => suite.start(name, scenario, overrides);

/** Requests AWS received for an operation, whatever their answer (lost and failed ones included). */
async function requests(operation: string) {
  const calls = (await suite.env.emulator.control.calls()).filter((c) => c.operation === operation);
  return calls.reduce((n, c) => n + c.count, 0);
}

const describeApp = async (name: string) =>
  (await msfClient(suite.env.emulator.url, region).send(new DescribeApplicationCommand({ ApplicationName: name })))
    .ApplicationDetail!;

describe("lost responses", () => {
  it("UpdateApplication applied but answered 500: reconciled from AWS, sent once, upgrade carries on", async () => {
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "UpdateApplication",
      lose: "5xx",
      remaining: 1,
    });
    const runId = await start(app, "healthy");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    expect(await requests("UpdateApplication")).toBe(1);
    const events = await suite.db.upgradeEvent.findMany({ where: { runId } });
    expect(events.some((e) => /had reached AWS; not sending it again/.test(e.message))).toBe(true);
  });

  it("RollbackApplication applied but the connection reset: rolled back once, ROLLED_BACK", async () => {
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "RollbackApplication",
      lose: "reset",
      remaining: 1,
    });
    const runId = await start(app, "state-incompatible");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(await requests("RollbackApplication")).toBe(1);
    expect((await describeApp(app)).RuntimeEnvironment).toBe("FLINK-1_20");
  });
});

describe("a hung mutation", () => {
  it("UpdateApplication never answered: the request times out, AWS shows it did not land, it is sent once more", async () => {
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "UpdateApplication",
      hang: true,
      remaining: 1,
    });
    const runId = await start(app, "healthy");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    const calls = (await suite.env.emulator.control.calls()).filter((c) => c.operation === "UpdateApplication");
    expect(calls.reduce((n, c) => n + (c.hung ?? 0), 0)).toBe(1);
    expect(calls.reduce((n, c) => n + c.count - (c.hung ?? 0), 0)).toBe(1);
    const events = await suite.db.upgradeEvent.findMany({ where: { runId } });
    expect(events.map((e) => e.message)).toContain("update: retrying (2nd attempt, timed out)");
  });
});

describe("transient errors", () => {
  it("30 % throttling and 5 % 5xx: retried with backoff, each mutation lands once, the page says why", async () => {
    await suite.env.emulator.control.setFaults({ service: "kinesisanalytics", throttleRate: 0.3, errorRate: 0.05 });
    const runId = await start(app, "state-incompatible");
    const run = await driveRun(runId, isDone, 120_000);
    expect(run.outcome).toBe("ROLLED_BACK");
    const calls = await suite.env.emulator.control.calls();
    const landed = (op: string) =>
      calls.filter((c) => c.operation === op).reduce((n, c) => n + c.count - (c.throttled ?? 0) - (c.failed ?? 0), 0);
    expect(landed("UpdateApplication")).toBe(1);
    expect(landed("RollbackApplication")).toBe(1);
  });

  it("a throttled mutation is retried by the engine, not by the SDK, and the run says so", async () => {
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "UpdateApplication",
      throttleRate: 1,
      remaining: 2,
    });
    const runId = await start(app, "healthy");
    const retrying = await driveRun(runId, (r) => (r as { retryCount?: number }).retryCount === 2);
    expect(retrying).toMatchObject({ step: "update", retryReason: "throttled" });
    const events = await suite.db.upgradeEvent.findMany({ where: { runId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.message)).toContain("update: retrying (3rd attempt, throttled)");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    expect(await requests("UpdateApplication")).toBe(3);
  });
});

describe("rollback rules", () => {
  it("a rollback before the update was sent is refused; cancel is offered instead", async () => {
    const runId = await start(app, "healthy");
    await expect(suite.commands.requestRollback(testActor, { runId, reason: "too early" })).rejects.toThrow(
      /not been sent yet.*cancel instead/,
    );
    await suite.commands.cancelRun(testActor, runId, "snapshot window closed");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("CANCELLED");
    expect(await requests("UpdateApplication")).toBe(0);
    expect(await requests("RollbackApplication")).toBe(0);
  });

  it("a snapshot over quota asks the engineer, who cancels: nothing is updated", async () => {
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "CreateApplicationSnapshot",
      quota: true,
    });
    const runId = await start(app, "healthy");
    const asked = await driveRun(runId, (r) => r.state === "NEEDS_DECISION");
    expect(asked.step).toBe("snapshot");
    const events = await suite.db.upgradeEvent.findMany({ where: { runId } });
    expect(events.some((e) => /snapshot quota.*cancel the upgrade/.test(e.message))).toBe(true);
    await suite.commands.cancelRun(testActor, runId, "snapshot quota");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("CANCELLED");
    expect(await requests("UpdateApplication")).toBe(0);
  });

  it("a rollback command racing a worker step is applied, not overwritten", async () => {
    const runId = await start(app, "healthy", {
      policy: { ...upgradeInput(region, app).policy, observationSeconds: 60 },
    });
    await driveRun(runId, (r) => r.step === "observe");
    await settleRuns();
    await suite.env.emulator.control.setFaults({
      service: "kinesisanalytics",
      operation: "DescribeApplication",
      latencyMs: 1_200,
    });
    await suite.db.upgradeRun.update({ where: { id: runId }, data: { leaseUntil: null } });
    const step = suite.advance.advanceRun(runId, "slow-worker");
    await new Promise((r) => setTimeout(r, 300));
    await suite.commands.requestRollback(testActor, { runId, reason: "business asked" });
    await step;
    await suite.env.emulator.control.clearFaults();
    const after = await suite.db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
    expect(after).toMatchObject({ step: "rollback", pendingCommand: null, rolledBackBy: testActor.id });
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("ROLLED_BACK");
    expect(await requests("RollbackApplication")).toBe(1);
  });

  it("a rollback that ends READY is FAILED with the state found and what to do", async () => {
    const runId = await start(app, "rollback-fails");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("FAILED");
    expect(run.error).toMatch(/is READY on FLINK-1_20 .*Start it on FLINK-1_20 from the snapshot/);
  });

  it("a failed update with MSF's own rollback off is FAILED, READY, and says how to recover", async () => {
    const name = "inventory-sync";
    const runId = await start(name, "binary-incompatible", { enableRollback: false });
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("FAILED");
    expect(run.error).toMatch(/MSF did not roll back .* is READY on FLINK-2_2/);
    expect(await requests("RollbackApplication")).toBe(0);
  });
});

describe("restore settings", () => {
  it("AllowNonRestoredState survives the safety update and the runtime update", async () => {
    const name = "MyApplication";
    const before = await describeApp(name);
    await msfClient(suite.env.emulator.url, region).send(
      new UpdateApplicationCommand({
        ApplicationName: name,
        CurrentApplicationVersionId: before.ApplicationVersionId,
        RunConfigurationUpdate: { FlinkRunConfiguration: { AllowNonRestoredState: true } },
      }),
    );
    await suite.syncInventory();
    const runId = await start(name, "healthy");
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    const after = await describeApp(name);
    expect(after.RuntimeEnvironment).toBe("FLINK-2_2");
    expect(
      after.ApplicationConfigurationDescription?.ApplicationSnapshotConfigurationDescription?.SnapshotsEnabled,
    ).toBe(true);
    // Every version our run created (the safety update's and the runtime update's) kept the setting.
    const client = msfClient(suite.env.emulator.url, region);
    const ours = Array.from(
      { length: after.ApplicationVersionId! - before.ApplicationVersionId! - 1 },
      (_, i) => before.ApplicationVersionId! + 2 + i,
    );
    expect(ours.length).toBe(2);
    for (const version of ours) {
      const { ApplicationVersionDetail: detail } = await client.send(
        new DescribeApplicationVersionCommand({ ApplicationName: name, ApplicationVersionId: version }),
      );
      expect({
        version,
        allow:
          detail?.ApplicationConfigurationDescription?.RunConfigurationDescription?.FlinkRunConfigurationDescription
            ?.AllowNonRestoredState,
      }).toEqual({ version, allow: true });
    }
  });
});
