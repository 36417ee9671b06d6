import { describe, expect, it } from "vitest";
import { MAX_POINTS, choosePeriod } from "./period";

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe("choosePeriod", () => {
  it.each([
    [0, 1],
    [5 * second, 1],
    [30 * second, 1],
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
    [300 * day, 86_400],
    [365 * day, 2 * 86_400],
  ])("picks %i ms → %i s", (windowMs, expected) => {
    expect(choosePeriod(windowMs)).toBe(expected);
  });

  it("keeps every window at or under the point budget with a period CloudWatch accepts", () => {
    for (const windowMs of [1, 999, 61 * minute, 2 * hour + 7, 5 * day, 90 * day, 2000 * day]) {
      const period = choosePeriod(windowMs);
      expect(Math.ceil(windowMs / 1000 / period)).toBeLessThanOrEqual(MAX_POINTS);
      expect([1, 5, 10, 30].includes(period) || period % 60 === 0).toBe(true);
    }
  });

  it("goes beyond a day for multi-year windows", () => {
    expect(choosePeriod(2000 * day)).toBe(6 * 86_400);
  });
});
