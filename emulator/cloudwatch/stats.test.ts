import { describe, expect, it } from "vitest";
import { computeStat, parseStat, percentileOf } from "./stats";
import { alignStart } from "./retention";
import { strideFor } from "./synth-series";
import { DURATIONS, FINE, HOUR, MINUTE, SECOND, T0, bucketsOf, makeApp, segment } from "./test-fixtures";

describe("parseStat", () => {
  it("accepts CloudWatch statistics and extended statistics", () => {
    expect(parseStat("Average")).toEqual({ kind: "Average" });
    expect(parseStat("SampleCount")).toEqual({ kind: "SampleCount" });
    expect(parseStat("p99")).toEqual({ kind: "percentile", p: 99 });
    expect(parseStat("p99.9")).toEqual({ kind: "percentile", p: 99.9 });
    expect(parseStat("p0")).toEqual({ kind: "percentile", p: 0 });
    expect(parseStat("tm90")).toEqual({ kind: "trimmedMean", lo: 0, hi: 90 });
    expect(parseStat("IQM")).toEqual({ kind: "trimmedMean", lo: 25, hi: 75 });
    expect(parseStat("TM(10%:90%)")).toEqual({ kind: "trimmedMean", lo: 10, hi: 90 });
  });

  it("rejects anything else", () => {
    for (const bad of ["Avg", "average", "p101", "p", "max", "", "TM(90%:10%)", 42, undefined]) {
      expect(parseStat(bad), String(bad)).toBeUndefined();
    }
  });

  it("computes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOf(sorted, 50)).toBe(50);
    expect(percentileOf(sorted, 90)).toBe(90);
    expect(percentileOf(sorted, 99.5)).toBe(100);
    expect(percentileOf(sorted, 0)).toBe(1);
    expect(percentileOf(sorted, 100)).toBe(100);
  });
});

describe("period aggregation", () => {
  const jobStart = T0 - 2 * HOUR;
  const app = makeApp("agg", [segment(jobStart, { freshJob: true })]);
  const aggregate = (startMs: number, endMs: number, periodS: number, durations = FINE) =>
    bucketsOf(app, "uptime", startMs, endMs, periodS, { durations });

  it("computes every statistic of a period from its datapoints (one per second here)", () => {
    const [bucket] = aggregate(T0 - MINUTE, T0, 60);
    const first = T0 - MINUTE - jobStart;
    const stat = (s: string) => computeStat(bucket!, parseStat(s)!);
    expect(bucket!.t).toBe(T0 - MINUTE);
    expect(stat("SampleCount")).toBe(60);
    expect(stat("Minimum")).toBe(first);
    expect(stat("Maximum")).toBe(first + 59 * SECOND);
    expect(stat("Sum")).toBe(60 * first + (SECOND * (59 * 60)) / 2);
    expect(stat("Average")).toBe(first + 29.5 * SECOND);
    expect(stat("p50")).toBe(first + 29 * SECOND);
    expect(stat("p100")).toBe(first + 59 * SECOND);
    expect(stat("IQM")).toBe(first + 29.5 * SECOND);
  });

  it("rounds StartTime down to the minute (or the sub-minute period) and timestamps periods by their start", () => {
    expect(alignStart(T0 - 59_500, 60, T0)).toBe(T0 - MINUTE);
    expect(alignStart(T0 - 7_000, 5, T0)).toBe(T0 - 10_000);
    expect(alignStart(T0 - 20 * 24 * HOUR + 1, 300, T0)).toBe(T0 - 20 * 24 * HOUR);
    const buckets = aggregate(T0 - 59_500, T0, 10);
    expect(buckets.map((b) => (T0 - b.t) / SECOND)).toEqual([60, 50, 40, 30, 20, 10]);
  });

  it("keeps SampleCount and Average right on long ranges evaluated on a coarser stride", () => {
    expect(strideFor(300_000, 24 * HOUR, 1000)).toBeGreaterThan(1000);
    const long = aggregate(T0 - 2 * HOUR, T0, 300);
    expect(long).toHaveLength(24);
    for (const bucket of long) {
      expect(computeStat(bucket, { kind: "SampleCount" })).toBe(300);
      expect(computeStat(bucket, { kind: "Average" })).toBeCloseTo(bucket.t - jobStart + 149.5 * SECOND, -4);
    }
    const dayApp = makeApp("agg-day", [segment(T0 - 30 * HOUR, { freshJob: true })]);
    const day = bucketsOf(dayApp, "uptime", T0 - 24 * HOUR, T0, 300, { durations: FINE });
    expect(day).toHaveLength(288);
    expect(day.every((b) => b.count === 300)).toBe(true);
  });

  it("at real speed a 60 s period holds exactly one datapoint (SampleCount 1, like AWS)", () => {
    const buckets = aggregate(T0 - 30 * MINUTE, T0, 60, DURATIONS);
    expect(buckets.length).toBeGreaterThan(20);
    for (const bucket of buckets) {
      expect(computeStat(bucket, { kind: "SampleCount" })).toBe(1);
      expect(bucket.min).toBe(bucket.max);
      expect(bucket.max).toBe(bucket.t - jobStart);
    }
  });
});
