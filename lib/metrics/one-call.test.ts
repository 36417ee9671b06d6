import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";
import { driveRun, isDone, testActor, upgradeInput } from "@/tests/support/upgrade-driver";

// Integration: each chart (every series it draws) costs exactly one GetMetricData call, counted by the emulator.
let env: AppTestEnv;
let lib: {
  db: (typeof import("@/lib/db"))["db"];
  app: typeof import("./app-series");
  run: typeof import("./run-chart");
  start: typeof import("@/lib/upgrades/start-upgrade");
};
const region = "us-east-1";

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region], extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60) } });
  lib = {
    db: (await import("@/lib/db")).db,
    app: await import("./app-series"),
    run: await import("./run-chart"),
    start: await import("@/lib/upgrades/start-upgrade"),
  };
  const sync = await import("@/lib/fleet/sync");
  await sync.requestSync(testActor);
  await sync.runQueuedSync();
});

afterAll(async () => {
  await lib.db.$disconnect();
  await env.close();
});

beforeEach(async () => {
  await lib.db.upgradeRun.deleteMany();
  await env.emulator.control.resetCalls();
});

async function getMetricDataCalls(): Promise<number> {
  return (await env.emulator.control.calls())
    .filter((c) => c.operation === "GetMetricData")
    .reduce((n, c) => n + c.count, 0);
}

describe("one chart, one GetMetricData call", () => {
  for (const range of ["3h", "24h", "7d"] as const) {
    it(`the application page's ${range} charts, on-demand signals included`, async () => {
      const data = await lib.app.fetchAppSeries({ account: TEST_ACCOUNT, region, name: "orders-enricher" }, range);
      expect(await getMetricDataCalls()).toBe(1);
      expect(data!.series.map((s) => s.signal)).toEqual([
        "restarts",
        "runningTime",
        "failedCheckpoints",
        "checkpointDuration",
      ]);
      expect(data!.extraSeries.map((s) => s.signal)).toEqual(["checkpointSize", "cpu", "heap"]);
      for (const s of [...data!.series, ...data!.extraSeries]) expect(s.points.length, s.signal).toBeGreaterThan(0);
      expect(data!.series[0]!.points[0]!.metric).toBe("fullRestarts");
      expect(data!.problems).toEqual([]);
      // Sub-minute points exist for 3 h only, so a window starting 3 h ago is read at one minute and says why.
      expect({ period: data!.period, coarserReason: data!.coarserReason }).toEqual(
        range === "3h"
          ? { period: 60, coarserReason: "CloudWatch keeps sub-minute data for 3 hours; showing 1-minute points" }
          : { period: range === "24h" ? 300 : 3600, coarserReason: null },
      );
    });
  }

  it("a run's charts: one call live, stitched fullRestarts → numRestarts; none once stored; one more for extra signals", async () => {
    const stored = await lib.db.fleetApp.findUniqueOrThrow({
      where: { account_region_name: { account: TEST_ACCOUNT, region, name: "orders-enricher" } },
    });
    const { runId } = await lib.start.startUpgrade(
      testActor,
      upgradeInput(region, "orders-enricher", { expectedVersionId: stored.versionId }),
    );
    const run = await driveRun(runId, isDone);
    expect(run.outcome).toBe("SUCCEEDED");
    // The worker's steps run in the background; the run's end (storing its window) may still be in flight.
    await (await import("@/lib/upgrades/advance")).settleInFlight();

    await env.emulator.control.resetCalls();
    const fromStore = await lib.run.runChartData(runId);
    expect(fromStore!.source).toBe("stored");
    expect(await getMetricDataCalls()).toBe(0);
    const restarts = fromStore!.series.find((s) => s.signal === "restarts")!;
    expect(restarts.nameChanges.map((c) => `${c.from} → ${c.to}`)).toEqual(["fullRestarts → numRestarts"]);
    expect(fromStore!.window).toEqual({ from: run.updateCalledAt!.toISOString(), to: run.verdictAt!.toISOString() });
    expect(fromStore!.events.map((e) => e.label)).toEqual([
      "snapshot ready",
      "update → Flink 2.2",
      "RUNNING",
      "verdict: HEALTHY",
    ]);

    // What the run page renders with: the stored window, and without one nothing (never a CloudWatch read).
    expect(await lib.run.runChartData(runId, { storedOnly: true })).toEqual(fromStore);
    await lib.db.upgradeRun.update({ where: { id: runId }, data: { metrics: null } });
    expect(await lib.run.runChartData(runId, { storedOnly: true })).toBeNull();
    expect(await getMetricDataCalls()).toBe(0);
    const live = await lib.run.runChartData(runId);
    expect(live!.source).toBe("live");
    expect(await getMetricDataCalls()).toBe(1);
    expect(live!.series.map((s) => s.signal)).toEqual(fromStore!.series.map((s) => s.signal));

    await env.emulator.control.resetCalls();
    const withExtra = await lib.run.runChartData(runId, { extra: true });
    expect(await getMetricDataCalls()).toBe(2);
    expect(withExtra!.extraSeries!.map((s) => s.signal)).toEqual(["checkpointSize", "cpu", "heap"]);
  });

  it("an unknown run or application has no chart and makes no call", async () => {
    expect(await lib.run.runChartData("no-such-run")).toBeNull();
    expect(await lib.app.fetchAppSeries({ account: TEST_ACCOUNT, region, name: "no-such-app" }, "24h")).toBeNull();
    expect(await getMetricDataCalls()).toBe(0);
  });
});
