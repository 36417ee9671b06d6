import { describe, expect, it } from "vitest";
import { durationsFor } from "../core/durations";
import { computeStat } from "./stats";
import { DURATIONS, HOUR, MINUTE, SECOND, T0, bucketsOf, makeApp, segment } from "./test-fixtures";

const DAY = 24 * HOUR;
const jobStart = T0 - 2 * HOUR;
const app = makeApp("cadence", [segment(jobStart, { freshJob: true })]);
const count = (bucket: Parameters<typeof computeStat>[0]) => computeStat(bucket, { kind: "SampleCount" });

describe("publish cadence", () => {
  it("real speed: one datapoint per minute on the minute grid", () => {
    const buckets = bucketsOf(app, "uptime", T0 - 10 * MINUTE, T0, 60);
    expect(buckets.map((b) => (T0 - b.t) / MINUTE)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2]);
    for (const bucket of buckets) {
      expect(count(bucket)).toBe(1);
      expect(bucket.max).toBe(bucket.t - jobStart);
    }
    const fiveMinutes = bucketsOf(app, "uptime", T0 - HOUR, T0, 300);
    expect(fiveMinutes.slice(0, -1).every((b) => count(b) === 5)).toBe(true);
  });

  it("demo and test speeds scale the cadence: 5 s and 1 s", () => {
    const demo = bucketsOf(app, "uptime", T0 - 10 * MINUTE, T0 - 5 * MINUTE, 60, { durations: durationsFor("demo") });
    const test = bucketsOf(app, "uptime", T0 - 10 * MINUTE, T0 - 5 * MINUTE, 60, { durations: durationsFor("test") });
    expect(demo.map(count)).toEqual([12, 12, 12, 12, 12]);
    expect(test.map(count)).toEqual([60, 60, 60, 60, 60]);
    for (const bucket of demo) expect(bucket.max - bucket.min).toBe(55 * SECOND);
  });

  it("KPUs: one datapoint per billing hour (scaled alike)", () => {
    const long = makeApp("kpus", [segment(T0 - 10 * HOUR, { freshJob: true })]);
    const hourly = bucketsOf(long, "KPUs", T0 - 6 * HOUR, T0, 60);
    expect(hourly.map((b) => (T0 - b.t) / HOUR)).toEqual([6, 5, 4, 3, 2, 1]);
    const demo = bucketsOf(long, "KPUs", T0 - HOUR, T0, 60, { durations: durationsFor("demo") });
    expect(demo.map((b) => (T0 - b.t) / MINUTE)).toEqual([60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5]);
  });

  it("periods finer than the cadence only have the buckets that hold a grid datapoint", () => {
    for (const period of [1, 10, 30]) {
      const buckets = bucketsOf(app, "uptime", T0 - 10 * MINUTE, T0, period);
      expect(
        buckets.map((b) => (T0 - b.t) / MINUTE),
        `period ${period}`,
      ).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2]);
      expect(buckets.every((b) => count(b) === 1)).toBe(true);
    }
  });
});

describe("ingestion delay", () => {
  const point = T0 - 5 * MINUTE;
  const newest = (now: number, durations = DURATIONS) =>
    bucketsOf(app, "uptime", T0 - 30 * MINUTE, T0, 60, { now, durations }).at(-1)?.t;

  it("a datapoint at t is invisible before t + 120 s and visible from then on (real speed)", () => {
    expect(newest(point + 2 * MINUTE - 1)).toBe(point - MINUTE);
    expect(newest(point + 2 * MINUTE)).toBe(point);
  });

  it("scales with the speed (test: 2 s)", () => {
    const test = durationsFor("test");
    const t = T0 - 40 * SECOND;
    const fine = (now: number) => bucketsOf(app, "uptime", T0 - MINUTE, T0, 1, { now, durations: test }).at(-1)?.t;
    expect(fine(t + 2 * SECOND - 1)).toBe(t - SECOND);
    expect(fine(t + 2 * SECOND)).toBe(t);
  });

  it("a job that just started has no readable datapoint yet", () => {
    const fresh = makeApp("fresh", [segment(T0 - 90 * SECOND, { freshJob: true })]);
    expect(bucketsOf(fresh, "uptime", T0 - HOUR, T0, 60)).toEqual([]);
    expect(bucketsOf(fresh, "uptime", T0 - HOUR, T0, 60, { now: T0 + MINUTE })).toHaveLength(1);
  });
});

describe("period rules by data age (standard resolution, never scaled with speed)", () => {
  const old = makeApp("old", [segment(T0 - 100 * DAY, { freshJob: true })]);
  const oldest = (startMs: number, endMs: number, period: number, durations = DURATIONS) =>
    bucketsOf(old, "uptime", startMs, endMs, period, { durations })[0]?.t;

  it("data older than 3 h only at multiples of 60 s", () => {
    expect(oldest(T0 - 5 * HOUR, T0, 30)).toBe(T0 - 3 * HOUR);
    expect(oldest(T0 - 5 * HOUR, T0, 60)).toBe(T0 - 5 * HOUR);
    expect(oldest(T0 - 5 * HOUR, T0, 30, durationsFor("test"))).toBe(T0 - 3 * HOUR);
  });

  it("older than 15 days only at multiples of 300 s, older than 63 days only at 3600 s", () => {
    expect(oldest(T0 - 20 * DAY, T0 - 10 * DAY, 60)).toBe(T0 - 15 * DAY);
    expect(oldest(T0 - 20 * DAY, T0 - 10 * DAY, 120)).toBe(T0 - 15 * DAY);
    expect(oldest(T0 - 20 * DAY, T0 - 10 * DAY, 300)).toBe(T0 - 20 * DAY);
    expect(oldest(T0 - 70 * DAY, T0 - 60 * DAY, 300)).toBe(T0 - 63 * DAY);
    expect(oldest(T0 - 70 * DAY, T0 - 60 * DAY, 3600)).toBe(T0 - 70 * DAY);
    expect(oldest(T0 - 70 * DAY, T0 - 60 * DAY, 3600, durationsFor("demo"))).toBe(T0 - 70 * DAY);
    expect(oldest(T0 - 20 * DAY, T0 - 16 * DAY, 60, durationsFor("test"))).toBeUndefined();
  });
});
