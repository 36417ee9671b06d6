import { describe, expect, it } from "vitest";
import { defaultHealthPolicy, policySpeedFactors, scaledPolicy } from "./policy";

describe("scaledPolicy", () => {
  it("scales every duration and keeps thresholds and counts", () => {
    const test = scaledPolicy(policySpeedFactors.test);
    expect(test.observationWindowMs).toBe(5_000);
    expect(test.restartWindowMs).toBe(5_000);
    expect(test.checkpointStallMs).toBe(3_000);
    expect(test.restartThreshold).toBe(defaultHealthPolicy.restartThreshold);
    expect(test.failedCheckpointThreshold).toBe(defaultHealthPolicy.failedCheckpointThreshold);
    expect(test.checkpointDurationFactor).toBe(defaultHealthPolicy.checkpointDurationFactor);
    expect(test.minSamples).toBe(defaultHealthPolicy.minSamples);
  });

  it("leaves the real-speed policy unchanged at factor 1", () => {
    expect(scaledPolicy(policySpeedFactors.real)).toEqual(defaultHealthPolicy);
  });

  it("gives the demo speed a window of five scaled minutes (25 s, five 5-second datapoints)", () => {
    expect(scaledPolicy(policySpeedFactors.demo).restartWindowMs).toBe(25_000);
  });

  it("scales a custom base policy", () => {
    expect(scaledPolicy(2, { ...defaultHealthPolicy, observationWindowMs: 1_000 }).observationWindowMs).toBe(2_000);
  });

  it("rejects factors that are not positive", () => {
    for (const factor of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => scaledPolicy(factor)).toThrow(RangeError);
    }
  });
});

describe("defaultHealthPolicy", () => {
  it("needs two restarts in five minutes and twice the baseline checkpoint time", () => {
    expect(defaultHealthPolicy).toMatchObject({
      restartThreshold: 2,
      restartWindowMs: 300_000,
      checkpointDurationFactor: 2,
    });
  });
});
