import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setupAppTestEnv, type AppTestEnv, TEST_ACCOUNT } from "@/tests/support/app-test-env";

// Integration, real SDK against the emulator: each MetricDataResult's StatusCode is honoured, per query.
let env: AppTestEnv;
let lib: {
  fetchMetricData: (typeof import("./fetch-metric-data"))["fetchMetricData"];
  fetchStitched: (typeof import("./fetch-stitched"))["fetchStitched"];
  toChartResult: (typeof import("./chart-types"))["toChartResult"];
  forgetDimensions: (typeof import("./dimensions"))["forgetDimensions"];
};
const region = "us-east-1";
const application = "orders-enricher";

beforeAll(async () => {
  env = await setupAppTestEnv({ regions: [region], extraEnv: { UPGRADE_TIME_SCALE: String(1 / 60) } });
  lib = {
    fetchMetricData: (await import("./fetch-metric-data")).fetchMetricData,
    fetchStitched: (await import("./fetch-stitched")).fetchStitched,
    toChartResult: (await import("./chart-types")).toChartResult,
    forgetDimensions: (await import("./dimensions")).forgetDimensions,
  };
});

afterAll(async () => {
  delete process.env.EMULATOR_CW_MAX_DATAPOINTS;
  await env.close();
});

beforeEach(async () => {
  delete process.env.EMULATOR_CW_MAX_DATAPOINTS;
  await env.emulator.control.clearFaults();
  await env.emulator.control.resetCalls();
  lib.forgetDimensions();
});

async function getMetricDataCalls(): Promise<number> {
  return (await env.emulator.control.calls())
    .filter((c) => c.operation === "GetMetricData")
    .reduce((n, c) => n + c.count, 0);
}

const lastMinutes = (minutes: number) => {
  const end = new Date(Date.now() - 30_000);
  return { start: new Date(end.getTime() - minutes * 60_000), end };
};

function chartInput(window: { start: Date; end: Date }) {
  return {
    application,
    window,
    segments: [{ from: new Date(0), runtime: "FLINK-1_20" }],
    signals: ["restarts", "runningTime", "cpu"] as const,
  };
}

describe("PartialData", () => {
  it("follows NextToken until every result is Complete, losing no datapoint", async () => {
    const { start, end } = lastMinutes(20);
    const queries = ["uptime", "cpuUtilization", "heapMemoryUtilization"].map((metric, i) => ({
      id: `q${i}`,
      application,
      metric,
      stat: "Maximum",
      period: 5,
    }));
    const whole = await lib.fetchMetricData({ account: TEST_ACCOUNT, region: region }, queries, start, end);
    expect(await getMetricDataCalls()).toBe(1);

    process.env.EMULATOR_CW_MAX_DATAPOINTS = "50";
    await env.emulator.control.resetCalls();
    const paged = await lib.fetchMetricData({ account: TEST_ACCOUNT, region: region }, queries, start, end);
    expect(await getMetricDataCalls()).toBeGreaterThan(3);
    for (const { id } of queries) {
      const result = paged.get(id)!;
      expect(result.status, id).toBe("Complete");
      expect(result.timestamps.length, id).toBeGreaterThan(100);
      expect(result.timestamps).toEqual(whole.get(id)!.timestamps);
      expect(result.values).toEqual(whole.get(id)!.values);
    }
  });
});

describe("Forbidden", () => {
  it("is a permission problem on every refused query, never an empty series", async () => {
    await env.emulator.control.setFaults({
      service: "monitoring",
      operation: "GetMetricData",
      metricStatus: "Forbidden",
    });
    const result = await lib.fetchStitched({ account: TEST_ACCOUNT, region: region }, chartInput(lastMinutes(10)));

    expect(result.status).toBe("forbidden");
    expect(result.problems.map((p) => [p.kind, p.signal, p.metric])).toEqual([
      ["forbidden", "restarts", "fullRestarts"],
      ["forbidden", "runningTime", "uptime"],
      ["forbidden", "cpu", "cpuUtilization"],
    ]);
    expect(result.problems[0]!.message).toMatch(
      /^CloudWatch refused GetMetricData for fullRestarts of orders-enricher/,
    );
    expect(result.problems[0]!.message).toContain(
      "in us-east-1: check cloudwatch:GetMetricData permission / cross-account access",
    );
    expect(result.problems[0]!.message).toContain("You are not authorized");
    const chart = lib.toChartResult(result);
    expect(chart.series.map((s) => s.problem?.kind)).toEqual(["forbidden", "forbidden", "forbidden"]);
  });

  it("is reported per call: once the refusal is gone the same chart reads complete", async () => {
    await env.emulator.control.setFaults({
      service: "monitoring",
      operation: "GetMetricData",
      metricStatus: "Forbidden",
      remaining: 1,
    });
    const refused = await lib.fetchStitched({ account: TEST_ACCOUNT, region: region }, chartInput(lastMinutes(10)));
    const allowed = await lib.fetchStitched({ account: TEST_ACCOUNT, region: region }, chartInput(lastMinutes(10)));
    expect(refused.status).toBe("forbidden");
    expect(allowed).toMatchObject({ status: "complete", problems: [] });
    expect(allowed.series.every((s) => s.points.length > 0)).toBe(true);
  });
});

describe("InternalError", () => {
  it("marks the series as failed with CloudWatch's messages", async () => {
    await env.emulator.control.setFaults({
      service: "monitoring",
      operation: "GetMetricData",
      metricStatus: "InternalError",
    });
    const window = lastMinutes(10);
    const raw = await lib.fetchMetricData(
      { account: TEST_ACCOUNT, region: region },
      [{ id: "up", application, metric: "uptime", stat: "Maximum", period: 5 }],
      window.start,
      window.end,
    );
    expect(raw.get("up")).toMatchObject({ status: "InternalError", timestamps: [] });
    expect(raw.get("up")!.messages[0]).toMatch(/^InternalError: An internal error occurred/);

    const result = await lib.fetchStitched({ account: TEST_ACCOUNT, region: region }, chartInput(window));
    expect(result.status).toBe("failed");
    expect(result.problems.every((p) => p.kind === "failed")).toBe(true);
    expect(result.problems[1]!.message).toMatch(
      /^CloudWatch could not read uptime of orders-enricher in us-east-1: InternalError: An internal error occurred/,
    );
  });
});
