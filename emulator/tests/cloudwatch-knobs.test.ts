// The Flow-dimension knob and the ingestion delay, through the real CloudWatch SDK (test speed).
import { GetMetricDataCommand, ListMetricsCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { StartApplicationCommand } from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloudWatchClient, msfClient, startEmulator, type StartedEmulator } from "./harness";
import { sleep, waitForStatus } from "./msf-helpers";

let emu: StartedEmulator;
let cw: CloudWatchClient;

beforeAll(async () => {
  emu = await startEmulator();
  cw = cloudWatchClient(emu.url, "us-east-1", { maxAttempts: 1 });
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

const APP = "recommendations-v2";
const appDim = { Name: "Application", Value: APP };
const flowDim = { Name: "Flow", Value: "Job" };

async function runningTimePoints(dimensions: { Name: string; Value: string }[]): Promise<number> {
  const now = Date.now();
  const out = await cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: [
        {
          Id: "rt",
          MetricStat: {
            Metric: { Namespace: "AWS/KinesisAnalytics", MetricName: "runningTime", Dimensions: dimensions },
            Period: 60,
            Stat: "Maximum",
          },
        },
      ],
      StartTime: new Date(now - 30 * 60_000),
      EndTime: new Date(now),
    }),
  );
  return out.MetricDataResults![0]!.Values!.length;
}

const listedDimensions = async (metricName: string) =>
  (await cw.send(new ListMetricsCommand({ MetricName: metricName, Dimensions: [appDim] }))).Metrics!.map(
    (m) => m.Dimensions,
  );

describe("job-state metrics dimension knob", () => {
  it("POST /_emulator/settings moves runningTime & co. to {Application, Flow=Job}; reset restores it", async () => {
    expect(await runningTimePoints([appDim])).toBeGreaterThan(0);
    expect(await emu.control.setSettings({ jobStateFlowDimension: true })).toEqual({ jobStateFlowDimension: true });
    expect(await runningTimePoints([appDim])).toBe(0);
    expect(await runningTimePoints([appDim, flowDim])).toBeGreaterThan(0);
    expect(await listedDimensions("failingTime")).toEqual([[appDim, flowDim]]);
    expect(await listedDimensions("uptime")).toEqual([[appDim]]);
    await emu.control.reset();
    expect(await listedDimensions("failingTime")).toEqual([[appDim]]);
  });

  it("can be on from start-up (EMULATOR_FLOW_DIMENSION=1)", async () => {
    const flow = await startEmulator({ jobStateFlowDimension: true });
    try {
      const client = cloudWatchClient(flow.url, "us-east-1", { maxAttempts: 1 });
      const listed = await client.send(new ListMetricsCommand({ MetricName: "restartingTime", Dimensions: [appDim] }));
      expect(listed.Metrics!.map((m) => m.Dimensions)).toEqual([[appDim, flowDim]]);
      await flow.control.reset();
      const again = await client.send(new ListMetricsCommand({ MetricName: "restartingTime", Dimensions: [appDim] }));
      expect(again.Metrics!.map((m) => m.Dimensions)).toEqual([[appDim, flowDim]]);
    } finally {
      await flow.close();
    }
  });
});

describe("ingestion delay", () => {
  it("a job that just started is not RecentlyActive until its first datapoint is readable", async () => {
    const name = "churn-features-py";
    const msf = msfClient(emu.url, "us-east-1");
    await msf.send(new StartApplicationCommand({ ApplicationName: name }));
    await waitForStatus(msf, name, "RUNNING");
    const recent = async () =>
      (
        await cw.send(
          new ListMetricsCommand({ RecentlyActive: "PT3H", Dimensions: [{ Name: "Application", Value: name }] }),
        )
      ).Metrics!.length;
    expect(await recent()).toBe(0);
    await sleep(3_200);
    expect(await recent()).toBeGreaterThan(0);
  });
});
