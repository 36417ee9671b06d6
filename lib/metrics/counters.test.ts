import { describe, expect, it } from "vitest";
import { counterIncrease } from "./counters";

describe("counterIncrease", () => {
  it("sums growth between samples", () => {
    expect(counterIncrease([2, 2, 5, 9])).toBe(7);
  });
  it("rebases after a reset instead of going negative", () => {
    expect(counterIncrease([7, 9, 1, 4])).toBe(2 + 1 + 3);
  });
  it("is zero for a flat or single-sample series", () => {
    expect(counterIncrease([3, 3, 3])).toBe(0);
    expect(counterIncrease([4])).toBe(0);
    expect(counterIncrease([])).toBe(0);
  });
});
