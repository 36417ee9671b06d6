import { describe, expect, it } from "vitest";
import { approvalReasons } from "./policy";

const rule = { tag: "env=prod", risk: "high" as const };
const low = { level: "low" as const, score: 5 };

describe("approvalReasons", () => {
  it("names the production tag and a risk at or above the configured level", () => {
    expect(approvalReasons({ env: "prod" }, low, rule)).toEqual(["production application (tag env=prod)"]);
    expect(approvalReasons({ env: "staging" }, { level: "high", score: 70 }, rule)).toEqual(["high risk (score 70)"]);
    expect(approvalReasons({ env: "staging" }, { level: "medium", score: 40 }, rule)).toEqual([]);
    expect(approvalReasons({ env: "staging" }, { level: "medium", score: 40 }, { ...rule, risk: "medium" })).toEqual([
      "medium risk (score 40)",
    ]);
  });

  it("an application whose risk was never assessed is not treated as low risk", () => {
    expect(approvalReasons({}, null, rule)).toEqual(["risk not assessed"]);
  });

  it("a configurable tag, and either rule can be turned off", () => {
    expect(approvalReasons({ stage: "live" }, low, { tag: "stage=live", risk: "off" })).toHaveLength(1);
    expect(approvalReasons({ env: "prod" }, { level: "high", score: 90 }, { tag: "", risk: "off" })).toEqual([]);
  });
});
