import { describe, expect, it } from "vitest";
import type { EmuApp } from "../core/types";
import { getMetricData } from "./get-metric-data";
import { listMetrics } from "./list-metrics";
import { computeStat, parseStat } from "./stats";
import { HOUR, MINUTE, SECOND, T0, bucketsOf, makeApp, makeCtx, seconds, segment, statQuery } from "./test-fixtures";

/** Real speed: datapoints once a minute, readable two minutes later. */
function series(app: EmuApp, metric: string, startMs: number, endMs: number, period: number, stat = "Maximum") {
  return bucketsOf(app, metric, startMs, endMs, period).map((b) => ({ t: b.t, v: computeStat(b, parseStat(stat)!) }));
}
const values = (points: { v: number }[]) => points.map((p) => p.v);
const since = (start: number, runtime = "FLINK-2_2", behaviour: "healthy" = "healthy") =>
  segment(start, { runtime, behaviour, freshJob: true });

describe("restart loops at real cadence", () => {
  it("a 10 s loop sampled once a minute shows six restarts per datapoint, while uptime aliases away", () => {
    const start = T0 - 30 * MINUTE;
    const app = makeApp("loop", [segment(start, { runtime: "FLINK-2_2", behaviour: "restart-loop", freshJob: true })]);
    const restarts = values(series(app, "numRestarts", start, T0, 60));
    // Runs 6 s, fails at 6 s, 16 s, 26 s …: at minute n, 6n restarts.
    expect(restarts).toEqual(Array.from({ length: 29 }, (_, n) => 6 * n));
    expect(values(series(app, "numberOfFailedCheckpoints", start, T0, 60)).at(-1)).toBe(6 * 28);
    // 60 s is a multiple of the 10 s loop, so every datapoint falls on the same phase: the saw-tooth is invisible.
    expect(new Set(values(series(app, "runningTime", start, T0, 60))).size).toBe(1);
  });

  it("slow-restart-loop: one restart per 180 s, running most of the time", () => {
    const start = T0 - 30 * MINUTE;
    const app = makeApp("slow-loop", [
      segment(start, { runtime: "FLINK-2_2", behaviour: "slow-restart-loop", freshJob: true }),
    ]);
    const restarts = series(app, "numRestarts", start, T0, 60);
    expect(restarts.find((p) => p.t === start + 9 * MINUTE)!.v).toBe(3);
    expect(restarts.find((p) => p.t === start + 27 * MINUTE)!.v).toBe(9);
    const running = values(series(app, "runningTime", start, T0, 60));
    expect(running.filter((v) => v > 0).length).toBeGreaterThan(running.length / 2);
    expect(Math.max(...running)).toBeLessThan(180 * SECOND);
  });
});

describe("late failure, maintenance restart and silence", () => {
  it("failing-checkpoints: the failed-checkpoint counter grows by one per minute, no completed checkpoint", () => {
    const running = T0 - 20 * MINUTE;
    const onset = running + 2 * MINUTE;
    const app = makeApp("late", [
      since(running),
      segment(onset, { runtime: "FLINK-2_2", behaviour: "failing-checkpoints" }),
    ]);
    const failed = series(app, "numberOfFailedCheckpoints", running, T0, 60);
    expect(failed.filter((p) => p.t < onset).every((p) => p.v === 0)).toBe(true);
    expect(failed.filter((p) => p.t >= onset).map((p) => p.v)).toEqual(Array.from({ length: 17 }, (_, n) => n + 1));
    const checkpoints = series(app, "lastCheckpointDuration", running, T0, 60);
    expect(checkpoints.map((p) => p.t)).toEqual([running, running + MINUTE]);
    expect(values(series(app, "runningTime", running, T0, 60)).at(-1)).toBe(18 * MINUTE);
    expect(values(series(app, "numRestarts", running, T0, 60)).every((v) => v === 0)).toBe(true);
  });

  it("restarting (maintenance): one restart, a short outage, then uptime starts again", () => {
    const running = T0 - 20 * MINUTE;
    const down = running + 5 * MINUTE + 10 * SECOND;
    const back = down + 20 * SECOND;
    const app = makeApp("maint", [
      since(running, "FLINK-1_15"),
      segment(down, { status: "MAINTENANCE", behaviour: "restarting" }),
      segment(back, { status: "MAINTENANCE" }),
      segment(back + MINUTE, {}),
    ]);
    const restarts = series(app, "fullRestarts", running, T0, 60);
    expect(restarts.filter((p) => p.t < down).every((p) => p.v === 0)).toBe(true);
    expect(restarts.filter((p) => p.t >= down).every((p) => p.v === 1)).toBe(true);
    expect(values(series(app, "numRestarts", running, T0, 60)).at(-1)).toBe(1);
    const uptime = series(app, "uptime", running, T0, 60);
    expect(uptime.find((p) => p.t === running + 5 * MINUTE)!.v).toBe(5 * MINUTE);
    expect(uptime.find((p) => p.t === running + 6 * MINUTE)!.v).toBe(30 * SECOND);
    expect(uptime.at(-1)!.v).toBe(T0 - 2 * MINUTE - back);
    // The 20 s outage falls between two minute datapoints here: downtime can alias away, like on AWS.
    expect(values(series(app, "downtime", running, T0, 60)).every((v) => v === 0)).toBe(true);
  });

  it("silent: RUNNING but no datapoints and nothing new in ListMetrics", () => {
    const upgradeAt = T0 - HOUR;
    const app = makeApp("quiet", [
      segment(T0 - 2 * HOUR, { freshJob: true }),
      segment(upgradeAt, { runtime: "FLINK-2_2", behaviour: "silent", freshJob: true }),
    ]);
    expect(series(app, "uptime", upgradeAt, T0, 60)).toEqual([]);
    expect(series(app, "KPUs", upgradeAt, T0, 60)).toEqual([]);
    const names = listMetrics({}, makeCtx([app], T0)).Metrics.map((m) => m.MetricName);
    expect(names).toContain("fullRestarts");
    expect(names).not.toContain("runningTime");
    expect(listMetrics({ RecentlyActive: "PT3H" }, makeCtx([app], T0 + 3 * HOUR)).Metrics).toEqual([]);
  });
});

describe("job-state metrics under {Application, Flow} (EMULATOR_FLOW_DIMENSION)", () => {
  const app = makeApp("v2", [since(T0 - HOUR)]);
  const range = { StartTime: seconds(T0 - 30 * MINUTE), EndTime: seconds(T0) };
  const withFlow = (q: ReturnType<typeof statQuery>) => ({
    ...q,
    MetricStat: {
      ...q.MetricStat,
      Metric: {
        ...q.MetricStat.Metric,
        Dimensions: [...q.MetricStat.Metric.Dimensions, { Name: "Flow", Value: "Job" }],
      },
    },
  });

  it("publishes runningTime & co. only under {Application, Flow=Job}; {Application} alone matches nothing", () => {
    const queries = [
      statQuery("app", "v2", "runningTime", 60, "Maximum"),
      withFlow(statQuery("flow", "v2", "runningTime", 60, "Maximum")),
      statQuery("uptime", "v2", "uptime", 60, "Maximum"),
    ];
    const counts = (flowDimension: boolean) =>
      getMetricData(
        { ...range, MetricDataQueries: queries },
        makeCtx([app], T0, { flowDimension }),
      ).MetricDataResults.map((r) => r.Timestamps.length);
    expect(counts(true)).toEqual([0, 29, 29]);
    expect(counts(false)).toEqual([29, 0, 29]);
  });

  it("ListMetrics lists exactly the published dimension set", () => {
    const listed = (flowDimension: boolean) =>
      listMetrics({ MetricName: "restartingTime" }, makeCtx([app], T0, { flowDimension })).Metrics.map(
        (m) => m.Dimensions,
      );
    expect(listed(true)).toEqual([
      [
        { Name: "Application", Value: "v2" },
        { Name: "Flow", Value: "Job" },
      ],
    ]);
    expect(listed(false)).toEqual([[{ Name: "Application", Value: "v2" }]]);
    const uptime = listMetrics({ MetricName: "uptime" }, makeCtx([app], T0, { flowDimension: true })).Metrics;
    expect(uptime[0]!.Dimensions).toEqual([{ Name: "Application", Value: "v2" }]);
  });
});

describe("GetMetricData StatusCode", () => {
  const app = makeApp("v2", [since(T0 - HOUR)]);
  const input = {
    StartTime: seconds(T0 - 30 * MINUTE),
    EndTime: seconds(T0),
    MetricDataQueries: [
      statQuery("a", "v2", "runningTime", 60, "Maximum"),
      statQuery("b", "v2", "cpuUtilization", 60, "Maximum"),
    ],
  };

  it("every result carries a StatusCode", () => {
    for (const result of getMetricData(input, makeCtx([app], T0)).MetricDataResults) {
      expect(result.StatusCode).toBe("Complete");
      expect(result.Timestamps.length).toBeGreaterThan(0);
    }
  });

  for (const status of ["Forbidden", "InternalError"] as const) {
    it(`an injected ${status} answers every result with it, no datapoints and a message`, () => {
      const ctx = { ...makeCtx([app], T0), metricStatus: status };
      const out = getMetricData(input, ctx);
      expect(out.NextToken).toBeUndefined();
      expect(out.MetricDataResults).toHaveLength(2);
      for (const result of out.MetricDataResults) {
        expect(result).toMatchObject({ StatusCode: status, Timestamps: [], Values: [] });
        expect(result.Messages).toEqual([{ Code: status, Value: expect.any(String) as string }]);
      }
    });
  }
});
