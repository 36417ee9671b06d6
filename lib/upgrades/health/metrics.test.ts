import { describe, expect, it } from "vitest";
import type { MetricSeries } from "@/lib/metrics/fetch-metric-data";
import { planStitch, stitchSeries } from "@/lib/metrics/stitch";
import { baselineFrom } from "./baseline";
import { evaluateHealth } from "./evaluate";
import { HEALTH_SIGNALS, healthMetricsFor, samplesFromSeries } from "./metrics";
import { defaultHealthPolicy } from "./policy";
import { UPDATED_AT, secondsAfterUpdate } from "./test-fixtures";

describe("healthMetricsFor", () => {
  it("reads the 1.x metric names on Flink 1.x", () => {
    expect(healthMetricsFor("FLINK-1_15")).toEqual({
      restarts: "fullRestarts",
      runningTime: "uptime",
      downtime: "downtime",
      failedCheckpoints: "numberOfFailedCheckpoints",
      checkpointDuration: "lastCheckpointDuration",
    });
  });

  it("reads numRestarts, runningTime and the summed state times on Flink 2.2", () => {
    expect(healthMetricsFor("FLINK-2_2")).toMatchObject({
      restarts: "numRestarts",
      runningTime: "runningTime",
      downtime: "restartingTime + failingTime + cancellingTime",
    });
  });
});

describe("samplesFromSeries", () => {
  const minute = (m: number) => secondsAfterUpdate(60 * m);
  const series = (points: [number, number][]): MetricSeries => ({
    timestamps: points.map(([m]) => minute(m)),
    values: points.map(([, v]) => v),
  });
  const plan = planStitch({
    application: "orders",
    window: { start: minute(-60), end: minute(5) },
    segments: [
      { from: minute(-600), runtime: "FLINK-1_15" },
      { from: UPDATED_AT, runtime: "FLINK-2_2" },
    ],
    signals: HEALTH_SIGNALS,
    period: 60,
  });
  const afterUpdate = [1, 2, 3, 4, 5];
  const results = new Map<string, MetricSeries>([
    [
      "restarts_fullRestarts",
      series([
        [-30, 3],
        [-10, 3],
      ]),
    ],
    // Before the update the 1.x job also counted numRestarts (climbing); only the 2.2 job's values count.
    ["restarts_numRestarts", series([[-30, 10], [-10, 20], ...afterUpdate.map((m): [number, number] => [m, 0])])],
    ["runningTime_uptime", series([[-30, 5_000_000]])],
    ["runningTime_runningTime", series(afterUpdate.map((m) => [m, m * 60_000]))],
    ["failedCheckpoints_numberOfFailedCheckpoints", series(afterUpdate.map((m) => [m, 0]))],
    [
      "checkpointDuration_lastCheckpointDuration",
      series([[-40, 2_000], [-20, 2_200], ...afterUpdate.map((m): [number, number] => [m, 2_100])]),
    ],
    ["downtime_restartingTime", series(afterUpdate.map((m) => [m, 0]))],
  ]);
  const stitched = stitchSeries(plan, results);
  const samples = samplesFromSeries(stitched);

  it("takes each signal from the stitched series", () => {
    expect(samples.restarts.map((s) => s.v)).toEqual([3, 3, 0, 0, 0, 0, 0]);
    expect(samples.downtime?.map((s) => s.v)).toEqual([0, 0, 0, 0, 0]);
  });

  it("feeds one fetch to both the baseline and the verdict of a 1.x → 2.2 upgrade", () => {
    const baseline = baselineFrom(samples.checkpointDuration, UPDATED_AT);
    expect(baseline.checkpointDurationMs).toBe(2_100);
    const result = evaluateHealth({
      runtime: "FLINK-2_2",
      observedFrom: UPDATED_AT,
      now: minute(5),
      samples,
      baseline,
      policy: defaultHealthPolicy,
    });
    expect(result.verdict).toBe("HEALTHY");
    expect(result.reasons.find((r) => r.signal === "restarts")?.metric).toBe("numRestarts");
  });

  it("leaves downtime out when it was not planned", () => {
    expect(samplesFromSeries([]).downtime).toBeUndefined();
    expect(samplesFromSeries([]).restarts).toEqual([]);
  });
});
