import { describe, expect, it } from "vitest";
import { MAX_POINTS, choosePeriod, planPeriod } from "./period";

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

const now = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const awsCadence = 60 * second;
const demoCadence = 5 * second;
const testCadence = 1 * second;

/** A window from `ageMs` ago (real time) to `endAgeMs` ago. */
function windowFrom(ageMs: number, endAgeMs = 0) {
  return { start: new Date(now.getTime() - ageMs), end: new Date(now.getTime() - endAgeMs) };
}

function isValidPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || period % 60 === 0;
}

describe("choosePeriod", () => {
  it.each([
    [0, 1],
    [6 * minute, 1],
    [6 * minute + second, 5],
    [30 * minute, 5],
    [hour, 10],
    [3 * hour, 30],
    [6 * hour, 60],
    [day, 300],
    [3 * day, 900],
    [7 * day, 3600],
    [30 * day, 21_600],
    [365 * day, 2 * 86_400],
  ])("against the emulator at test speed, picks %i ms → %i s (the point budget)", (windowMs, expected) => {
    expect(choosePeriod(windowMs, testCadence)).toBe(expected);
  });

  it.each([
    [0, 60],
    [30 * minute, 60],
    [3 * hour, 60],
    [6 * hour, 60],
    [day, 300],
    [7 * day, 3600],
  ])("on AWS never goes below one minute: %i ms → %i s", (windowMs, expected) => {
    expect(choosePeriod(windowMs, awsCadence)).toBe(expected);
  });

  it("at demo speed never goes below the scaled minute (5 s)", () => {
    expect(choosePeriod(minute, demoCadence)).toBe(5);
    expect(choosePeriod(hour, demoCadence)).toBe(10);
  });

  it("keeps every window at or under the point budget with a period CloudWatch accepts", () => {
    for (const cadence of [testCadence, demoCadence, awsCadence])
      for (const windowMs of [1, 999, 61 * minute, 2 * hour + 7, 5 * day, 90 * day, 2000 * day]) {
        const period = choosePeriod(windowMs, cadence);
        expect(Math.ceil(windowMs / 1000 / period)).toBeLessThanOrEqual(MAX_POINTS);
        expect(isValidPeriod(period)).toBe(true);
      }
  });
});

describe("planPeriod: retention by the age of the window's start", () => {
  it.each([
    // [start age, asked for (s), period, coarser reason]
    [10 * minute, 5, 5, null],
    [2 * hour + 58 * minute, 5, 5, null],
    [3 * hour + second, 5, 60, "CloudWatch keeps sub-minute data for 3 hours; showing 1-minute points"],
    [3 * hour + second, 30, 60, "CloudWatch keeps sub-minute data for 3 hours; showing 1-minute points"],
    [14 * day, 60, 60, null],
    [16 * day, 60, 300, "CloudWatch keeps 1-minute data for 15 days; showing 5-minute points"],
    [16 * day, 120, 300, "CloudWatch keeps 1-minute data for 15 days; showing 5-minute points"],
    [16 * day, 900, 900, null],
    [62 * day, 300, 300, null],
    [64 * day, 300, 3600, "CloudWatch keeps 5-minute data for 63 days; showing 1-hour points"],
    [64 * day, 900, 3600, "CloudWatch keeps 5-minute data for 63 days; showing 1-hour points"],
    [100 * day, 86_400, 86_400, null],
  ])("a window starting %i ms ago, asked for %i s → %i s", (ageMs, requested, period, reason) => {
    const choice = planPeriod({ window: windowFrom(ageMs), requested, now, cadenceMs: testCadence });
    expect(choice).toEqual({ period, requestedPeriod: requested, coarserReason: reason });
  });

  it("judges the age by where the window starts, not where it ends", () => {
    const old = planPeriod({ window: windowFrom(20 * day, 19 * day), requested: 60, now, cadenceMs: testCadence });
    expect(old.period).toBe(300);
  });

  it("uses the point budget when no period is asked for, and says when retention coarsens it", () => {
    const threeHours = planPeriod({ window: windowFrom(3 * hour), now, cadenceMs: testCadence });
    expect(threeHours).toEqual({
      period: 60,
      requestedPeriod: 30,
      coarserReason: "CloudWatch keeps sub-minute data for 3 hours; showing 1-minute points",
    });
    expect(planPeriod({ window: windowFrom(hour), now, cadenceMs: testCadence })).toEqual({
      period: 10,
      requestedPeriod: 10,
      coarserReason: null,
    });
  });

  it("keeps every choice valid for CloudWatch and for the data's age", () => {
    for (const cadence of [testCadence, demoCadence, awsCadence])
      for (const ageMs of [minute, 2 * hour, 4 * hour, 10 * day, 20 * day, 70 * day, 400 * day])
        for (const requested of [undefined, 1, 5, 30, 45, 60, 120, 900, 7200]) {
          const { period } = planPeriod({ window: windowFrom(ageMs), requested, now, cadenceMs: cadence });
          expect(isValidPeriod(period), `${period}`).toBe(true);
          expect(period).toBeGreaterThanOrEqual(Math.max(requested ?? 0, cadence / 1000));
          if (ageMs > 3 * hour) expect(period % 60).toBe(0);
          if (ageMs > 15 * day) expect(period % 300).toBe(0);
          if (ageMs > 63 * day) expect(period % 3600).toBe(0);
        }
  });
});

describe("planPeriod: the publishing cadence", () => {
  it("never asks AWS for less than a minute, and says why", () => {
    expect(planPeriod({ window: windowFrom(hour), requested: 5, now, cadenceMs: awsCadence })).toEqual({
      period: 60,
      requestedPeriod: 5,
      coarserReason: "MSF publishes these metrics once a minute; showing 1-minute points",
    });
  });

  it("names the scaled minute against a fast emulator", () => {
    expect(planPeriod({ window: windowFrom(minute), requested: 1, now, cadenceMs: demoCadence })).toEqual({
      period: 5,
      requestedPeriod: 1,
      coarserReason: "MSF publishes these metrics once a minute (every 5 s here); showing 5-second points",
    });
  });

  it("prefers the cadence as the reason when it alone explains the period", () => {
    const choice = planPeriod({ window: windowFrom(4 * hour), requested: 30, now, cadenceMs: awsCadence });
    expect(choice.period).toBe(60);
    expect(choice.coarserReason).toMatch(/^MSF publishes these metrics once a minute;/);
  });

  it("rounds a period CloudWatch does not take up to one it does", () => {
    expect(planPeriod({ window: windowFrom(hour), requested: 45, now, cadenceMs: testCadence })).toEqual({
      period: 60,
      requestedPeriod: 45,
      coarserReason: "CloudWatch takes periods of 1, 5, 10, 20 or 30 s or whole minutes; showing 1-minute points",
    });
  });
});
