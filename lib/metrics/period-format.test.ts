import { describe, expect, it } from "vitest";
import { formatPeriod, periodAdjective } from "./period-format";

describe("period wording", () => {
  it.each([
    [1, "1 s", "1-second"],
    [30, "30 s", "30-second"],
    [60, "1 min", "1-minute"],
    [300, "5 min", "5-minute"],
    [3600, "1 h", "1-hour"],
    [21_600, "6 h", "6-hour"],
    [86_400, "1 d", "1-day"],
    [172_800, "2 d", "2-day"],
    [90, "90 s", "90-second"],
  ])("%i s reads as %s / %s", (periodS, short, adjective) => {
    expect(formatPeriod(periodS)).toBe(short);
    expect(periodAdjective(periodS)).toBe(adjective);
  });
});
