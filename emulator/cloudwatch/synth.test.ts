import { describe, expect, it } from "vitest";
import type { EmuApp } from "../core/types";
import { runtimeFamily } from "./metric-catalog";
import { computeStat, parseStat } from "./stats";
import { FINE, HOUR, MINUTE, SECOND, T0, bucketsOf, healthyApp, makeApp, segment } from "./test-fixtures";

/** Shapes of the synthetic values, observed every second (FINE); cadence rules are tested in cadence.test.ts. */
function series(app: EmuApp, metric: string, startMs: number, endMs: number, period: number, stat: string, now = T0) {
  const buckets = bucketsOf(app, metric, startMs, endMs, period, { now, durations: FINE });
  return buckets.map((bucket) => ({ t: bucket.t, v: computeStat(bucket, parseStat(stat)!) }));
}
const values = (points: { v: number }[]) => points.map((p) => p.v);

const LOOP_START = T0 - 10 * MINUTE;
const INTERVAL = FINE.restartLoopIntervalMs;

/** Healthy on FLINK-1_15 for a day, then an upgrade at LOOP_START started a fresh job that restart-loops. */
function loopingApp(runtime: string): EmuApp {
  return makeApp("payments-loop", [
    segment(T0 - 24 * HOUR, { freshJob: true }),
    segment(LOOP_START - 8 * SECOND, { status: "UPDATING", behaviour: "idle" }),
    segment(LOOP_START, { runtime, behaviour: "restart-loop", freshJob: true }),
  ]);
}

describe("metric sets per runtime", () => {
  it("maps runtimes to families: FLINK-2_x is the 2.x set, everything else 1.x", () => {
    expect(runtimeFamily("FLINK-1_15")).toBe("v1");
    expect(runtimeFamily("FLINK-1_20")).toBe("v1");
    expect(runtimeFamily("SQL-1_0")).toBe("v1");
    expect(runtimeFamily("ZEPPELIN-FLINK-3_0")).toBe("v1");
    expect(runtimeFamily("FLINK-2_2")).toBe("v2");
    expect(runtimeFamily("FLINK-2_3")).toBe("v2");
  });

  it("1.x publishes fullRestarts, numRestarts, uptime, downtime but none of the 2.2 job-state metrics", () => {
    const app = healthyApp();
    const range = [T0 - 5 * MINUTE, T0] as const;
    for (const metric of [
      "fullRestarts",
      "numRestarts",
      "uptime",
      "downtime",
      "lastCheckpointDuration",
      "lastCheckpointSize",
      "numberOfFailedCheckpoints",
      "cpuUtilization",
      "heapMemoryUtilization",
      "KPUs",
      "millisBehindLatest",
    ]) {
      expect(series(app, metric, ...range, 60, "Maximum"), metric).toHaveLength(5);
    }
    for (const metric of ["runningTime", "restartingTime", "cancellingTime", "failingTime", "records_lag_max"]) {
      expect(series(app, metric, ...range, 60, "Maximum"), metric).toHaveLength(0);
    }
  });

  it("FLINK-2_2 publishes runningTime & co., keeps deprecated uptime/downtime, and drops fullRestarts", () => {
    const app = healthyApp("orders-v2", "FLINK-2_2");
    const range = [T0 - 5 * MINUTE, T0] as const;
    for (const metric of [
      "numRestarts",
      "runningTime",
      "restartingTime",
      "cancellingTime",
      "failingTime",
      "uptime",
      "downtime",
    ]) {
      expect(series(app, metric, ...range, 60, "Maximum"), metric).toHaveLength(5);
    }
    expect(series(app, "fullRestarts", ...range, 60, "Maximum")).toEqual([]);
  });

  it("follows the runtime of each segment: an upgraded app has fullRestarts only before the upgrade", () => {
    const upgradeAt = T0 - 30 * MINUTE;
    const app = makeApp("upgraded", [
      segment(T0 - 24 * HOUR, { freshJob: true }),
      segment(upgradeAt, { runtime: "FLINK-2_2", freshJob: true }),
    ]);
    const full = series(app, "fullRestarts", T0 - HOUR, T0, 60, "Maximum");
    const running = series(app, "runningTime", T0 - HOUR, T0, 60, "Maximum");
    expect(full.length).toBe(30);
    expect(full.every((p) => p.t < upgradeAt)).toBe(true);
    expect(running.length).toBe(30);
    expect(running.every((p) => p.t >= upgradeAt)).toBe(true);
  });

  it("publishes records_lag_max instead of millisBehindLatest for Kafka sources", () => {
    const app = makeApp("kafka-app", [segment(T0 - HOUR, { freshJob: true })], {
      profile: { source: { kind: "kafka", topic: "orders" } },
    });
    expect(series(app, "records_lag_max", T0 - 2 * MINUTE, T0, 60, "Maximum")).toHaveLength(2);
    expect(series(app, "millisBehindLatest", T0 - 2 * MINUTE, T0, 60, "Maximum")).toHaveLength(0);
  });
});

describe("healthy behaviour", () => {
  const start = T0 - 2 * HOUR;
  const app = makeApp("steady", [segment(start, { freshJob: true })]);

  it("uptime is the time since the fresh job started; restarts and failed checkpoints stay flat", () => {
    const uptime = series(app, "uptime", T0 - 10 * SECOND, T0, 1, "Maximum");
    expect(uptime).toHaveLength(10);
    for (const point of uptime) expect(point.v).toBe(point.t - start);
    expect(new Set(values(series(app, "fullRestarts", T0 - HOUR, T0, 60, "Maximum")))).toEqual(new Set([0]));
    expect(new Set(values(series(app, "numberOfFailedCheckpoints", T0 - HOUR, T0, 60, "Maximum")))).toEqual(
      new Set([0]),
    );
    expect(new Set(values(series(app, "downtime", T0 - HOUR, T0, 60, "Maximum")))).toEqual(new Set([0]));
  });

  it("checkpoint duration stays within ±10 % of the profile baseline", () => {
    const durations = values(series(app, "lastCheckpointDuration", T0 - HOUR, T0, 10, "Average"));
    expect(durations.length).toBe(360);
    for (const v of durations) expect(Math.abs(v / 2_000 - 1)).toBeLessThanOrEqual(0.1);
    expect(new Set(durations).size).toBeGreaterThan(10);
  });
});

describe("restart loop", () => {
  for (const runtime of ["FLINK-1_15", "FLINK-2_2"]) {
    const counter = runtime === "FLINK-2_2" ? "numRestarts" : "fullRestarts";
    const upMetric = runtime === "FLINK-2_2" ? "runningTime" : "uptime";
    const downMetric = runtime === "FLINK-2_2" ? "restartingTime" : "downtime";

    it(`${runtime}: ${counter} grows by one per interval since the loop began`, () => {
      const points = series(loopingApp(runtime), counter, LOOP_START, T0, 1, "Maximum");
      for (let n = 1; n <= 60; n++) {
        const at = points.find((p) => p.t === LOOP_START + n * INTERVAL);
        if (at) expect(at.v).toBe(n);
      }
      expect(points.at(-1)!.v).toBe((T0 - LOOP_START) / INTERVAL);
      const perInterval = series(loopingApp(runtime), counter, LOOP_START, T0, 10, "Maximum");
      expect(values(perInterval).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    });

    it(`${runtime}: ${upMetric} saw-tooths below the interval and ${downMetric} is > 0 in every interval`, () => {
      const up = series(loopingApp(runtime), upMetric, LOOP_START, T0, 1, "Maximum");
      expect(Math.max(...values(up))).toBeLessThan(INTERVAL);
      const perInterval = series(loopingApp(runtime), upMetric, LOOP_START, T0, 10, "Minimum");
      expect(values(perInterval).every((v) => v === 0)).toBe(true);
      const peaks = series(loopingApp(runtime), upMetric, LOOP_START, T0, 10, "Maximum");
      expect(values(peaks).every((v) => v > 0)).toBe(true);
      const down = series(loopingApp(runtime), downMetric, LOOP_START, T0, 10, "Maximum");
      expect(down).toHaveLength(60);
      expect(values(down).every((v) => v > 0)).toBe(true);
    });
  }

  it("keeps the saw-tooth's true peak on long ranges evaluated on a coarse stride (no aliasing)", () => {
    const app = makeApp("long-loop", [
      segment(T0 - 24 * HOUR, { runtime: "FLINK-2_2", behaviour: "restart-loop", freshJob: true }),
    ]);
    const peaks = values(series(app, "runningTime", T0 - 24 * HOUR, T0, 1800, "Maximum"));
    const troughs = values(series(app, "runningTime", T0 - 24 * HOUR, T0, 1800, "Minimum"));
    expect(peaks).toHaveLength(48);
    for (const peak of peaks) expect(peak).toBeGreaterThanOrEqual(0.4 * INTERVAL);
    for (const peak of peaks) expect(peak).toBeLessThan(INTERVAL);
    expect(new Set(troughs)).toEqual(new Set([0]));
  });

  it("numberOfFailedCheckpoints climbs and checkpoint duration is large or missing", () => {
    const failed = values(series(loopingApp("FLINK-2_2"), "numberOfFailedCheckpoints", LOOP_START, T0, 60, "Maximum"));
    expect(failed).toEqual([6, 12, 18, 24, 30, 36, 42, 48, 54, 60]);
    const durations = series(loopingApp("FLINK-2_2"), "lastCheckpointDuration", LOOP_START, T0, 1, "Maximum");
    expect(durations.length).toBeLessThan(600 * 0.7);
    for (const point of durations) expect(point.v).toBeGreaterThanOrEqual(6 * 2_000);
  });
});

describe("counters across segments", () => {
  const loopEnd = LOOP_START + 60 * SECOND;

  it("reset at the next freshJob segment (e.g. the rollback)", () => {
    const app = makeApp("rolled-back", [
      segment(T0 - 24 * HOUR, { freshJob: true }),
      segment(LOOP_START, { behaviour: "restart-loop", freshJob: true }),
      segment(loopEnd, { freshJob: true }),
    ]);
    const restarts = series(app, "fullRestarts", LOOP_START, T0, 10, "Maximum");
    expect(restarts.find((p) => p.t === loopEnd - 10 * SECOND)!.v).toBe(6);
    expect(restarts.filter((p) => p.t >= loopEnd).every((p) => p.v === 0)).toBe(true);
    const uptime = series(app, "uptime", loopEnd, T0, 1, "Maximum");
    expect(uptime[0]!.v).toBe(0);
  });

  it("carry over into a following segment without a fresh job, whose uptime restarts", () => {
    const app = makeApp("recovered", [
      segment(T0 - 24 * HOUR, { freshJob: true }),
      segment(LOOP_START, { behaviour: "restart-loop", freshJob: true }),
      segment(loopEnd, { status: "AUTOSCALING" }),
    ]);
    const after = values(series(app, "numberOfFailedCheckpoints", loopEnd, T0, 60, "Maximum"));
    expect(new Set(after)).toEqual(new Set([6]));
    expect(series(app, "uptime", loopEnd + 5 * SECOND, loopEnd + 6 * SECOND, 1, "Maximum")[0]!.v).toBe(5_000);
  });
});

describe("slow checkpoints and idle gaps", () => {
  it("slow-checkpoints keeps the job healthy with checkpoints 3–5× the baseline", () => {
    const app = makeApp("slow", [
      segment(T0 - HOUR, { runtime: "FLINK-2_2", behaviour: "slow-checkpoints", freshJob: true }),
    ]);
    const ratios = values(series(app, "lastCheckpointDuration", T0 - HOUR, T0, 10, "Average")).map((v) => v / 2_000);
    expect(ratios).toHaveLength(360);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(5);
    expect(new Set(values(series(app, "numRestarts", T0 - HOUR, T0, 60, "Maximum")))).toEqual(new Set([0]));
    expect(series(app, "runningTime", T0 - SECOND, T0, 1, "Maximum")[0]!.v).toBe(HOUR - SECOND);
  });

  it("idle segments publish nothing, so charts show a gap", () => {
    const stopAt = T0 - 40 * MINUTE;
    const restartAt = T0 - 20 * MINUTE;
    const app = makeApp("stopped-a-while", [
      segment(T0 - 24 * HOUR, { freshJob: true }),
      segment(stopAt, { status: "READY", behaviour: "idle" }),
      segment(restartAt, { freshJob: true }),
    ]);
    for (const metric of ["uptime", "cpuUtilization", "KPUs", "millisBehindLatest"]) {
      const points = series(app, metric, T0 - HOUR, T0, 60, "Maximum");
      expect(points, metric).toHaveLength(40);
      expect(
        points.some((p) => p.t >= stopAt && p.t < restartAt),
        metric,
      ).toBe(false);
    }
  });

  it("has no data before the first segment nor after now", () => {
    const app = healthyApp();
    const now = T0 - 30 * SECOND;
    const points = series(app, "uptime", T0 - 25 * HOUR, T0 + HOUR, 3600, "SampleCount", now);
    expect(points[0]!.t).toBe(T0 - 24 * HOUR);
    expect(points.at(-1)!.t).toBeLessThanOrEqual(now);
    const fine = series(app, "uptime", T0 - MINUTE, T0 + MINUTE, 1, "Maximum", now);
    expect(fine.at(-1)!.t).toBe(now);
  });

  it("is deterministic per app and differs between apps", () => {
    const a = values(series(healthyApp("a-app"), "cpuUtilization", T0 - 5 * MINUTE, T0, 1, "Average"));
    const again = values(series(healthyApp("a-app"), "cpuUtilization", T0 - 5 * MINUTE, T0, 1, "Average"));
    const b = values(series(healthyApp("b-app"), "cpuUtilization", T0 - 5 * MINUTE, T0, 1, "Average"));
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
    for (const v of a) expect(v).toBeGreaterThanOrEqual(34);
  });
});
