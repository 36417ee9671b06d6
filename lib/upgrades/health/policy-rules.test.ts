import { describe, expect, it } from "vitest";
import { defaultHealthPolicy, policySpeedFactors, scaledPolicy } from "./policy";
import { datapointsIn, policyIssues, policyProblems } from "./policy-rules";
import type { HealthPolicy } from "./types";

const MINUTE = 60_000;

function policy(overrides: Partial<HealthPolicy>): HealthPolicy {
  return { ...defaultHealthPolicy, ...overrides };
}

function fieldsOf(p: HealthPolicy, cadenceMs = MINUTE) {
  return policyIssues(p, cadenceMs).map((issue) => issue.field);
}

describe("datapointsIn", () => {
  it("counts the datapoints a window is sure to hold, including exact multiples", () => {
    expect(datapointsIn(5 * MINUTE, MINUTE)).toBe(5);
    expect(datapointsIn(5 * MINUTE - 1, MINUTE)).toBe(4);
    expect(datapointsIn(25_000, 5_000)).toBe(5);
    expect(datapointsIn(0.3, 0.1)).toBe(3);
  });
});

describe("policyIssues", () => {
  it.each(Object.entries(policySpeedFactors))("accepts the default policy at the %s speed", (_, factor) => {
    expect(policyIssues(scaledPolicy(factor), MINUTE * factor)).toEqual([]);
  });

  describe("observation window", () => {
    it("needs minSamples datapoints plus a starting point at the cadence", () => {
      expect(fieldsOf(policy({ observationWindowMs: 4 * MINUTE }))).toEqual([]);
      expect(fieldsOf(policy({ observationWindowMs: 4 * MINUTE - 1_000 }))).toContain("observationWindowMs");
    });

    it("says why and how long is enough, in seconds like the field", () => {
      const [issue] = policyIssues(policy({ observationWindowMs: 90_000 }), MINUTE);
      expect(issue).toEqual({
        field: "observationWindowMs",
        message:
          "Too short: MSF publishes metrics once a minute, so 90 s holds 1 datapoint and a verdict needs 4 " +
          "(3 plus a starting point). Watch for at least 240 s.",
      });
    });

    it("follows a larger minSamples", () => {
      expect(fieldsOf(policy({ minSamples: 5, observationWindowMs: 5 * MINUTE }))).toContain("observationWindowMs");
    });

    it("scales with the emulator's cadence (demo: every 5 s)", () => {
      expect(fieldsOf(policy({ observationWindowMs: 20_000 }), 5_000)).not.toContain("observationWindowMs");
      const [issue] = policyIssues(policy({ observationWindowMs: 15_000 }), 5_000);
      expect(issue?.message).toMatch(/publishes metrics every 5 s, so 15 s holds 3 datapoints/);
    });
  });

  describe("restart threshold", () => {
    it("needs threshold + 1 datapoints inside the restart window", () => {
      expect(fieldsOf(policy({ restartThreshold: 4 }))).toEqual([]);
      expect(fieldsOf(policy({ restartThreshold: 5 }))).toEqual(["restartThreshold"]);
    });

    it("counts the sliding window, not only the observation window", () => {
      const long = policy({ observationWindowMs: 30 * MINUTE, restartWindowMs: 3 * MINUTE, restartThreshold: 3 });
      expect(policyIssues(long, MINUTE)).toEqual([
        {
          field: "restartThreshold",
          message:
            "Unreachable: 3 restarts need 4 datapoints (one before and one after each), and the 3 min sliding " +
            "window holds 3 (metrics arrive once a minute). Use at most 2, or watch longer.",
        },
      ]);
    });

    it("is capped by the observation window, since old-job restarts never count", () => {
      const short = policy({ observationWindowMs: 4 * MINUTE, restartWindowMs: 30 * MINUTE, restartThreshold: 4 });
      expect(fieldsOf(short)).toEqual(["restartThreshold"]);
    });
  });

  describe("failed-checkpoint threshold", () => {
    it("needs threshold + 1 datapoints in the sliding window", () => {
      expect(fieldsOf(policy({ failedCheckpointThreshold: 4 }))).toEqual([]);
      const [issue] = policyIssues(policy({ failedCheckpointThreshold: 5 }), MINUTE);
      expect(issue?.field).toBe("failedCheckpointThreshold");
      expect(issue?.message).toMatch(/^Unreachable: 5 failed checkpoints need 6 datapoints .* holds 5\. Use at most 4/);
    });

    it("is judged in the sliding window, like the evaluation counts them", () => {
      const long = policy({
        observationWindowMs: 30 * MINUTE,
        restartWindowMs: 3 * MINUTE,
        failedCheckpointThreshold: 3,
      });
      expect(fieldsOf(long)).toEqual(["failedCheckpointThreshold"]);
    });
  });

  it("reports every field at fault, one issue each", () => {
    const tooShort = policy({ observationWindowMs: 2 * MINUTE });
    expect(fieldsOf(tooShort)).toEqual(["observationWindowMs", "restartThreshold", "failedCheckpointThreshold"]);
    expect(policyProblems(tooShort, MINUTE)).toHaveLength(3);
  });

  it("refuses a cadence that is not a positive number", () => {
    for (const cadence of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => policyIssues(defaultHealthPolicy, cadence)).toThrow(RangeError);
    }
  });
});
