import {
  DescribeApplicationCommand,
  UpdateApplicationCommand,
  type KinesisAnalyticsV2Client,
} from "@aws-sdk/client-kinesis-analytics-v2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";

// Integration, real SDK against the emulator: queries take the dimension sets ListMetrics lists, so the 2.2
// job-state metrics are read even when they carry an extra Flow dimension (the emulator's Flow knob).
let env: AppTestEnv;
let lib: {
  fetchStitched: (typeof import("./fetch-stitched"))["fetchStitched"];
  fetchMetricData: (typeof import("./fetch-metric-data"))["fetchMetricData"];
  dimensions: typeof import("./dimensions");
  msf: (scope: { account: string; region: string }) => KinesisAnalyticsV2Client;
};
const region = "us-east-1";

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region], extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60) } });
  lib = {
    fetchStitched: (await import("./fetch-stitched")).fetchStitched,
    fetchMetricData: (await import("./fetch-metric-data")).fetchMetricData,
    dimensions: await import("./dimensions"),
    msf: (await import("@/lib/aws/clients")).msfClient,
  };
});

afterAll(async () => {
  await env.close();
});

beforeEach(async () => {
  await setFlowDimension(false);
  await env.emulator.control.clearFaults();
  await env.emulator.control.resetCalls();
  lib.dimensions.forgetDimensions();
});

/** The emulator's knob (EMULATOR_FLOW_DIMENSION=1 at start-up): job-state metrics under {Application, Flow=…}. */
async function setFlowDimension(on: boolean): Promise<void> {
  const res = await fetch(`${env.emulator.url}/_emulator/settings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jobStateFlowDimension: on }),
  });
  if (!res.ok) throw new Error(`settings: ${res.status} ${await res.text()}`);
}

async function listMetricsCalls(): Promise<number> {
  return (await env.emulator.control.calls())
    .filter((c) => c.operation === "ListMetrics")
    .reduce((n, c) => n + c.count, 0);
}

const lastMinutes = (minutes: number) => ({ start: new Date(Date.now() - minutes * 60_000), end: new Date() });

function flink2Chart(application: string, from = new Date(0)) {
  return {
    application,
    window: lastMinutes(10),
    segments: [{ from, runtime: "FLINK-2_2" }],
    signals: ["runningTime", "downtime", "cpu"] as const,
  };
}

const pointsOf = (result: Awaited<ReturnType<typeof lib.fetchStitched>>, signal: string) =>
  result.series.find((s) => s.signal === signal)?.points.length ?? 0;

describe("dimension discovery", () => {
  it("reads the 2.2 job-state metrics under the Flow dimension ListMetrics lists", async () => {
    await setFlowDimension(true);
    const result = await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      flink2Chart("recommendations-v2"),
    );
    expect(result.status).toBe("complete");
    expect(pointsOf(result, "runningTime")).toBeGreaterThan(0);
    expect(pointsOf(result, "downtime")).toBeGreaterThan(0);
    expect(pointsOf(result, "cpu")).toBeGreaterThan(0);

    const { sets } = await lib.dimensions.discoverDimensions(
      { account: TEST_ACCOUNT, region: region },
      "recommendations-v2",
    );
    expect(
      sets
        .get("runningTime")?.[0]
        ?.map((d) => d.Name)
        .sort(),
    ).toEqual(["Application", "Flow"]);
    expect(sets.get("cpuUtilization")).toEqual([[{ Name: "Application", Value: "recommendations-v2" }]]);
  });

  it("still reads {Application} when that is how the metrics are published", async () => {
    const result = await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      flink2Chart("recommendations-v2"),
    );
    expect(pointsOf(result, "runningTime")).toBeGreaterThan(0);
    expect(pointsOf(result, "downtime")).toBeGreaterThan(0);
  });

  it("lists each application's metrics once per cache period, not once per chart", async () => {
    await lib.fetchStitched({ account: TEST_ACCOUNT, region: region }, flink2Chart("recommendations-v2"));
    await lib.fetchStitched({ account: TEST_ACCOUNT, region: region }, flink2Chart("recommendations-v2"));
    await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      {
        ...flink2Chart("orders-enricher"),
        segments: [{ from: new Date(0), runtime: "FLINK-1_20" }],
      },
    );
    expect(await listMetricsCalls()).toBe(2);
  });

  it("falls back to {Application}, and says so, when ListMetrics cannot be read", async () => {
    await env.emulator.control.setFaults({ service: "monitoring", operation: "ListMetrics", quota: true });
    const result = await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      flink2Chart("recommendations-v2"),
    );
    expect(pointsOf(result, "runningTime")).toBeGreaterThan(0);
    expect(result.status).toBe("complete");
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: "discovery",
        message: expect.stringMatching(/^ListMetrics failed for recommendations-v2/),
      }),
    ]);
  });

  it("lists again when a metric it had not listed returns no data (e.g. after an upgrade to 2.2)", async () => {
    const application = "MyApplication";
    const before = await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      {
        ...flink2Chart(application),
        segments: [{ from: new Date(0), runtime: "FLINK-1_20" }],
      },
    );
    expect(pointsOf(before, "runningTime")).toBeGreaterThan(0);
    expect(
      (await lib.dimensions.discoverDimensions({ account: TEST_ACCOUNT, region: region }, application)).sets.has(
        "runningTime",
      ),
    ).toBe(false);

    await setFlowDimension(true);
    const updatedAt = await upgradeToFlink2(application);
    const flow = [
      { Name: "Application", Value: application },
      { Name: "Flow", Value: "Job" },
    ];
    await waitFor(async () => {
      const window = lastMinutes(1);
      const probe = await lib.fetchMetricData(
        { account: TEST_ACCOUNT, region: region },
        [{ id: "rt", application, metric: "runningTime", stat: "Maximum", period: 1, dimensions: flow }],
        window.start,
        window.end,
      );
      return probe.get("rt")!.timestamps.length > 0;
    });

    await env.emulator.control.resetCalls();
    const stale = await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      flink2Chart(application, updatedAt),
    );
    expect(pointsOf(stale, "runningTime")).toBe(0);
    expect(await listMetricsCalls()).toBe(0);
    const rediscovered = await lib.fetchStitched(
      { account: TEST_ACCOUNT, region: region },
      flink2Chart(application, updatedAt),
    );
    expect(await listMetricsCalls()).toBe(1);
    expect(pointsOf(rediscovered, "runningTime")).toBeGreaterThan(0);
  });
});

async function upgradeToFlink2(application: string): Promise<Date> {
  const client = lib.msf({ account: TEST_ACCOUNT, region });
  const describe = () => client.send(new DescribeApplicationCommand({ ApplicationName: application }));
  const { ApplicationDetail } = await describe();
  await client.send(
    new UpdateApplicationCommand({
      ApplicationName: application,
      CurrentApplicationVersionId: ApplicationDetail!.ApplicationVersionId,
      RuntimeEnvironmentUpdate: "FLINK-2_2",
    }),
  );
  const updatedAt = new Date();
  await waitFor(async () => (await describe()).ApplicationDetail?.ApplicationStatus === "RUNNING");
  return updatedAt;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 200));
  }
}
