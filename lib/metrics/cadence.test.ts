import { describe, expect, it } from "vitest";
import { minimumPeriodS } from "./cadence";

describe("minimumPeriodS", () => {
  it("is one minute on AWS and never finer than the scaled cadence against the emulator", () => {
    expect(minimumPeriodS(60_000)).toBe(60);
    expect(minimumPeriodS(5_000)).toBe(5);
    expect(minimumPeriodS(1_000)).toBe(1);
    expect(minimumPeriodS(1_500)).toBe(5);
    expect(minimumPeriodS(90_000)).toBe(120);
  });
});
