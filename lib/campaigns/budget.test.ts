import { describe, expect, it } from "vitest";
import { allowedFailures, budgetExceeded, concurrencyOf, parseAmount } from "./budget";

/** The failure at which a stage of `total` applications stops starting new upgrades. */
function stopsAt(budget: string, total: number): number {
  const allowed = allowedFailures(parseAmount(budget)!, total);
  let failures = 0;
  while (!budgetExceeded(failures, allowed)) failures++;
  return failures;
}

describe("error budget: SSM's MaxErrors", () => {
  it("3 stops at the 4th failure; 0 at the 1st (SSM's first worked example)", () => {
    expect(stopsAt("3", 50)).toBe(4);
    expect(stopsAt("0", 50)).toBe(1);
  });

  it("10% of 50 stops at the 6th failure (SSM's second worked example)", () => {
    expect(stopsAt("10%", 50)).toBe(6);
  });

  it("a share that is not whole rounds down: 10% of 15 allows 1, stops at the 2nd", () => {
    expect(allowedFailures(parseAmount("10%")!, 15)).toBe(1);
    expect(stopsAt("10%", 15)).toBe(2);
  });
});

describe("amounts and concurrency", () => {
  it("parses numbers and percentages up to 100%", () => {
    expect(parseAmount("5")).toEqual({ kind: "count", n: 5 });
    expect(parseAmount(" 25% ")).toEqual({ kind: "percent", p: 25 });
    expect(parseAmount("101%")).toBeNull();
    expect(parseAmount("-1")).toBeNull();
    expect(parseAmount("five")).toBeNull();
  });

  it("a concurrency share rounds down but is at least one", () => {
    expect(concurrencyOf(parseAmount("10%")!, 50)).toBe(5);
    expect(concurrencyOf(parseAmount("10%")!, 3)).toBe(1);
    expect(concurrencyOf(parseAmount("4")!, 3)).toBe(4);
  });
});
