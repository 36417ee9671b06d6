import { describe, expect, it } from "vitest";
import { getMetricStatistics } from "./get-metric-statistics";
import { HOUR, MINUTE, T0, appDims, healthyApp, makeCtx, seconds } from "./test-fixtures";

const APP = "orders-enricher";
const base = {
  Namespace: "AWS/KinesisAnalytics",
  MetricName: "uptime",
  Dimensions: appDims(APP),
  StartTime: seconds(T0 - 10 * MINUTE),
  EndTime: seconds(T0),
  Period: 60,
};
const call = (input: Record<string, unknown>) => getMetricStatistics(input, makeCtx([healthyApp(APP)], T0));
const expectError = (input: Record<string, unknown>, queryCode: string, message?: RegExp) =>
  expect(() => call(input)).toThrowError(
    expect.objectContaining({
      queryCode,
      ...(message ? { message: expect.stringMatching(message) } : {}),
    }) as Error,
  );

describe("GetMetricStatistics", () => {
  it("returns the requested statistics per period with the metric's unit", () => {
    const fiveMinutes = { StartTime: seconds(T0 - 30 * MINUTE), EndTime: seconds(T0 - 5 * MINUTE), Period: 300 };
    const out = call({ ...base, ...fiveMinutes, Statistics: ["Average", "Maximum", "SampleCount"] });
    expect(out.Label).toBe("uptime");
    expect(out.Datapoints).toHaveLength(5);
    for (const point of out.Datapoints) {
      expect(point.Unit).toBe("Milliseconds");
      // One datapoint per minute, like MSF publishes them.
      expect(point.SampleCount).toBe(5);
      expect(point.Maximum).toBe(point.Timestamp * 1000 - (T0 - 24 * HOUR) + 4 * MINUTE);
      expect(point.Average).toBeLessThan(point.Maximum!);
      expect(point.Sum).toBeUndefined();
    }
  });

  it("returns percentiles under ExtendedStatistics", () => {
    const out = call({ ...base, MetricName: "cpuUtilization", ExtendedStatistics: ["p50", "p99"] });
    expect(out.Datapoints).toHaveLength(9);
    for (const point of out.Datapoints) {
      expect(point.Unit).toBe("Percent");
      expect(point.ExtendedStatistics!.p99).toBeGreaterThanOrEqual(point.ExtendedStatistics!.p50!);
      expect(point.Average).toBeUndefined();
    }
  });

  it("returns no datapoints for an unpublished metric or a mismatched unit", () => {
    expect(call({ ...base, MetricName: "runningTime", Statistics: ["Maximum"] }).Datapoints).toEqual([]);
    expect(call({ ...base, Unit: "Seconds", Statistics: ["Maximum"] }).Datapoints).toEqual([]);
    expect(call({ ...base, Dimensions: [], Statistics: ["Maximum"] }).Datapoints).toEqual([]);
  });

  it("validates parameters with the modelled query errors", () => {
    expectError(
      { ...base, Statistics: ["Mean"] },
      "InvalidParameterValue",
      /Statistics\.member\.1 must be a value in the set/,
    );
    expectError({ ...base, Period: 45, Statistics: ["Maximum"] }, "InvalidParameterValue", /Period/);
    expectError({ ...base, Statistics: ["Maximum"], ExtendedStatistics: ["p99"] }, "InvalidParameterCombination");
    expectError({ ...base }, "MissingParameter", /Statistics or ExtendedStatistics/);
    expectError({ ...base, Namespace: undefined, Statistics: ["Maximum"] }, "MissingParameter", /Namespace/);
    expectError(
      { ...base, StartTime: seconds(T0), EndTime: seconds(T0 - HOUR), Statistics: ["Maximum"] },
      "InvalidParameterValue",
    );
    expectError(
      { ...base, StartTime: seconds(T0 - 24 * HOUR), Period: 1, Statistics: ["Maximum"] },
      "InvalidParameterCombination",
      /exceeds the limit of 1440/,
    );
  });
});
