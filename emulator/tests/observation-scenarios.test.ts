// The scenarios that strike after a successful upgrade, while a client observes the job (test speed:
// onset 1 s, maintenance/autoscaling 1 s, late-failure onset 2 s, slow loop 3 s, datapoints every 1 s, readable 2 s later).
import {
  GetMetricDataCommand,
  ListMetricsCommand,
  type CloudWatchClient,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import {
  ListApplicationOperationsCommand,
  ListApplicationSnapshotsCommand,
  RollbackApplicationCommand,
  type KinesisAnalyticsV2Client,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../core/types";
import { cloudWatchClient, msfClient, startEmulator, type StartedEmulator } from "./harness";
import { describeApp, sleep, timelineOf, updateToFlink22, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
let client: KinesisAnalyticsV2Client;
let cw: CloudWatchClient;

beforeAll(async () => {
  emu = await startEmulator();
  client = msfClient(emu.url, "us-east-1");
  cw = cloudWatchClient(emu.url, "us-east-1");
});
afterAll(() => emu.close());

/** Sets the scenario, upgrades to 2.2 with new code and waits for RUNNING; returns when that was seen. */
async function upgradeWith(name: string, scenario: Scenario) {
  await emu.control.setScenario("us-east-1", name, scenario);
  const before = await describeApp(client, name);
  const upgradeAt = Date.now();
  await updateToFlink22(client, name, before.ApplicationVersionId, `${name}-2.2.jar`);
  // The update surely began once its answer came back: on a loaded machine the request can take over a second.
  const updatedAt = Date.now();
  await waitForStatus(client, name, "RUNNING");
  return { before, upgradeAt, updatedAt, runningAt: Date.now() };
}

async function metrics(name: string, since: number, ...names: string[]): Promise<MetricDataResult[]> {
  const out = await cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: names.map((metric, i) => ({
        Id: `m${i}`,
        MetricStat: {
          Metric: {
            Namespace: "AWS/KinesisAnalytics",
            MetricName: metric,
            Dimensions: [{ Name: "Application", Value: name }],
          },
          Period: 1,
          Stat: "Maximum",
        },
      })),
      StartTime: new Date(since),
      EndTime: new Date(Date.now() + 1_000),
      ScanBy: "TimestampAscending",
    }),
  );
  return out.MetricDataResults!;
}

const operations = async (name: string, operation: string) =>
  (await client.send(new ListApplicationOperationsCommand({ ApplicationName: name, Operation: operation })))
    .ApplicationOperationInfoList ?? [];

async function rollbackToOldRuntime(name: string, runtime: string) {
  const d = await describeApp(client, name);
  await client.send(
    new RollbackApplicationCommand({ ApplicationName: name, CurrentApplicationVersionId: d.ApplicationVersionId }),
  );
  const after = await waitForStatus(client, name, "RUNNING");
  expect(after.RuntimeEnvironment).toBe(runtime);
  return after;
}

describe.concurrent("observation scenarios", () => {
  it("slow-restart-loop: update SUCCESSFUL, RUNNING, then one restart per loop period", async () => {
    const name = "sensor-ingest-py";
    const { upgradeAt } = await upgradeWith(name, "slow-restart-loop");
    expect((await operations(name, "UpdateApplication"))[0]!.OperationStatus).toBe("SUCCESSFUL");
    // First restart 2.55 s after RUNNING, on the next datapoint (≤ 1 s later), readable 2 s after that.
    await sleep(6_500);
    expect((await describeApp(client, name)).ApplicationStatus).toBe("RUNNING");
    const [restarts, running] = await metrics(name, upgradeAt, "numRestarts", "runningTime");
    expect(restarts!.Values!.at(-1)).toBeGreaterThanOrEqual(1);
    expect(restarts!.Values!.at(-1)).toBeLessThanOrEqual(2);
    expect(restarts!.Values!.filter((v) => v === 0).length).toBeGreaterThan(1);
    expect(Math.max(...running!.Values!)).toBeGreaterThan(1_000);
    expect(timelineOf(await emu.control.app("us-east-1", name)).at(-1)!.behaviour).toBe("slow-restart-loop");
  });

  it("silent: RUNNING on 2.2 but no datapoint and no 2.2 metric in ListMetrics", async () => {
    const name = "ad-impressions-aggregator";
    const { updatedAt } = await upgradeWith(name, "silent");
    await sleep(3_500);
    expect((await describeApp(client, name)).ApplicationStatus).toBe("RUNNING");
    // From the first second that is surely after the update began (the old job published until then).
    const results = await metrics(name, updatedAt + 1_000, "runningTime", "uptime", "numRestarts", "KPUs");
    for (const result of results) expect(result.Values ?? []).toEqual([]);
    const listed = await cw.send(
      new ListMetricsCommand({ Namespace: "AWS/KinesisAnalytics", Dimensions: [{ Name: "Application", Value: name }] }),
    );
    const names = listed.Metrics!.map((m) => m.MetricName);
    expect(names).toContain("fullRestarts");
    expect(names).not.toContain("runningTime");
  });

  it("late-failure: healthy after RUNNING, then failed checkpoints grow while the job stays RUNNING", async () => {
    const name = "clickstream-sessionizer";
    const { runningAt } = await upgradeWith(name, "late-failure");
    await sleep(1_000);
    expect(timelineOf(await emu.control.app("us-east-1", name)).at(-1)!.behaviour).toBe("healthy");
    await sleep(5_500);
    expect((await describeApp(client, name)).ApplicationStatus).toBe("RUNNING");
    const [failed, duration, restarts] = await metrics(
      name,
      runningAt - 1_000,
      "numberOfFailedCheckpoints",
      "lastCheckpointDuration",
      "numRestarts",
    );
    const onset = timelineOf(await emu.control.app("us-east-1", name)).at(-1)!;
    expect(onset.behaviour).toBe("failing-checkpoints");
    const failedBefore = failed!.Values!.filter((_, i) => failed!.Timestamps![i]!.getTime() < onset.start);
    expect(failedBefore.length).toBeGreaterThan(0);
    expect(failedBefore.every((v) => v === 0)).toBe(true);
    expect(failed!.Values!.at(-1)).toBeGreaterThanOrEqual(2);
    expect(duration!.Timestamps!.every((t) => t.getTime() < onset.start)).toBe(true);
    expect(restarts!.Values!.every((v) => v === 0)).toBe(true);
  });

  it("maintenance-during-observation: MAINTENANCE with an ApplicationMaintenance op, one restart, RUNNING again", async () => {
    const name = "orders-enricher";
    const { runningAt } = await upgradeWith(name, "maintenance-during-observation");
    const during = await waitForStatus(client, name, "MAINTENANCE");
    expect(during.RuntimeEnvironment).toBe("FLINK-2_2");
    const [inProgress] = await operations(name, "ApplicationMaintenance");
    expect(inProgress!.OperationStatus).toBe("IN_PROGRESS");
    const after = await waitForStatus(client, name, "RUNNING");
    expect(after.ApplicationVersionId).toBe(during.ApplicationVersionId);
    const [done] = await operations(name, "ApplicationMaintenance");
    expect(done).toMatchObject({ OperationId: inProgress!.OperationId, OperationStatus: "SUCCESSFUL" });
    await sleep(3_000);
    const [restarts, running] = await metrics(name, runningAt, "numRestarts", "runningTime");
    expect(restarts!.Values![0]).toBe(0);
    expect(restarts!.Values!.at(-1)).toBe(1);
    const values = running!.Values!;
    expect(values.some((v, i) => i > 0 && v < values[i - 1]!)).toBe(true);
    await rollbackToOldRuntime(name, "FLINK-1_20");
  });

  it("autoscaling-during-observation: AUTOSCALING doubles CurrentParallelism, restarts from a savepoint, then RUNNING", async () => {
    const name = "payments-fraud-scorer";
    const { before } = await upgradeWith(name, "autoscaling-during-observation");
    const configured =
      before.ApplicationConfigurationDescription!.FlinkApplicationConfigurationDescription!
        .ParallelismConfigurationDescription!;
    const scaling = await waitForStatus(client, name, "AUTOSCALING");
    const parallelismOf = (d: typeof scaling) =>
      d.ApplicationConfigurationDescription!.FlinkApplicationConfigurationDescription!
        .ParallelismConfigurationDescription!;
    expect(parallelismOf(scaling).CurrentParallelism).toBe(configured.Parallelism! * 2);
    const after = await waitForStatus(client, name, "RUNNING");
    expect(parallelismOf(after)).toMatchObject({
      Parallelism: configured.Parallelism,
      CurrentParallelism: configured.Parallelism! * 2,
    });
    const snapshots = await client.send(new ListApplicationSnapshotsCommand({ ApplicationName: name }));
    expect(snapshots.SnapshotSummaries!.some((s) => s.SnapshotName!.startsWith("scale-"))).toBe(true);
    const kpus = timelineOf(await emu.control.app("us-east-1", name)).at(-1)!;
    expect(kpus).toMatchObject({ status: "RUNNING", parallelism: configured.Parallelism! * 2 });
    const rolledBack = await rollbackToOldRuntime(name, "FLINK-1_19");
    expect(parallelismOf(rolledBack).CurrentParallelism).toBe(configured.Parallelism);
  });
});
