import { describe, expect, it } from "vitest";
import { evaluateHealth } from "./evaluate";
import { policySpeedFactors, scaledPolicy } from "./policy";
import {
  BASELINE_CHECKPOINT_MS,
  healthInput,
  healthySamples,
  restartLoopSamples,
  sampleEvery,
  secondsAfterUpdate,
  slowCheckpointSamples,
} from "./test-fixtures";
import type { HealthResult, HealthSamples, Severity } from "./types";

const severityOf = (result: HealthResult, signal: string): Severity[] =>
  result.reasons.filter((r) => r.signal === signal).map((r) => r.severity);

const empty: HealthSamples = { restarts: [], runningTime: [], failedCheckpoints: [], checkpointDuration: [] };

describe("a healthy job right after the update", () => {
  it("is HEALTHY with running time growing from 0 and counters at 0", () => {
    const result = evaluateHealth(healthInput(300, healthySamples(300)));
    expect(result.verdict).toBe("HEALTHY");
    expect(result.reasons.every((r) => r.severity === "ok")).toBe(true);
    expect(result.reasons.find((r) => r.signal === "restarts")?.observation).toBe(
      "0 restarts in the last 5 min 0 s of data (threshold 2)",
    );
    expect(result.checkedAt).toEqual(secondsAfterUpdate(300));
  });

  it("is not yet final before the observation window elapsed, and final after", () => {
    const early = evaluateHealth(healthInput(60, healthySamples(60)));
    expect(early.verdict).toBe("HEALTHY");
  });

  it("ignores restarts of the old job before the update", () => {
    const samples = healthySamples(120);
    samples.restarts.unshift({ t: secondsAfterUpdate(-600), v: 40 }, { t: secondsAfterUpdate(-300), v: 55 });
    samples.runningTime.unshift({ t: secondsAfterUpdate(-30), v: 9_000_000 });
    expect(evaluateHealth(healthInput(120, samples)).verdict).toBe("HEALTHY");
  });

  it("treats -1 (not applicable) gauge values as missing, not as resets", () => {
    const samples = healthySamples(120);
    samples.runningTime.splice(3, 0, { t: secondsAfterUpdate(35), v: -1 });
    samples.checkpointDuration[0] = { t: secondsAfterUpdate(10), v: -1 };
    expect(evaluateHealth(healthInput(120, samples)).verdict).toBe("HEALTHY");
  });
});

describe("a restart loop", () => {
  const input = healthInput(150, restartLoopSamples(150, 60_000, 10));

  it("is UNHEALTHY as soon as the restart threshold is crossed", () => {
    const result = evaluateHealth(input);
    expect(result.verdict).toBe("UNHEALTHY");
    expect(result.reasons[0]?.severity).toBe("unhealthy");
    expect(result.reasons.find((r) => r.signal === "restarts")?.observation).toBe(
      "2 restarts in the last 2 min 30 s of data (threshold 2)",
    );
  });

  it("is only DEGRADED after the first restart", () => {
    const result = evaluateHealth(healthInput(70, restartLoopSamples(70, 60_000, 10)));
    expect(result.verdict).toBe("DEGRADED");
  });

  it("is caught from the saw-tooth running time alone when no restart counter is published", () => {
    const samples = {
      ...restartLoopSamples(150, 60_000, 10),
      restarts: [],
      failedCheckpoints: [],
      downtime: undefined,
    };
    const result = evaluateHealth(healthInput(150, samples));
    expect(result.verdict).toBe("UNHEALTHY");
    expect(severityOf(result, "runningTime")).toEqual(["unhealthy"]);
    expect(severityOf(result, "restarts")).toEqual(["unknown"]);
  });

  it("is caught within a few seconds at test speed", () => {
    const policy = scaledPolicy(policySpeedFactors.test);
    const result = evaluateHealth(healthInput(3, restartLoopSamples(3, 1_500, 0.5), { policy }));
    expect(result.verdict).toBe("UNHEALTHY");
  });

  it("counts only restarts inside the sliding window", () => {
    const samples = healthySamples(900);
    // Two restarts early on, then 12 quiet minutes: the window has moved past them.
    samples.restarts = sampleEvery(10, 900, (ms) => (ms < 60_000 ? 0 : ms < 120_000 ? 1 : 2));
    expect(severityOf(evaluateHealth(healthInput(900, samples)), "restarts")).toEqual(["ok"]);
    expect(
      severityOf(evaluateHealth(healthInput(200, { ...samples, restarts: samples.restarts.slice(0, 20) })), "restarts"),
    ).toEqual(["unhealthy"]);
  });
});

describe("a counter reset", () => {
  it("rebases the baseline instead of counting the drop", () => {
    const samples = healthySamples(120);
    // The job was resubmitted (counter back to 0) and has not restarted since.
    samples.restarts = sampleEvery(10, 120, (ms) => (ms < 50_000 ? 6 : 0));
    const result = evaluateHealth(healthInput(120, samples));
    expect(severityOf(result, "restarts")).toEqual(["ok"]);
  });

  it("counts growth after the reset from the new zero", () => {
    const samples = healthySamples(120);
    samples.restarts = sampleEvery(10, 120, (ms) => (ms < 50_000 ? 6 : ms < 80_000 ? 0 : 1));
    const result = evaluateHealth(healthInput(120, samples));
    expect(result.reasons.find((r) => r.signal === "restarts")?.observation).toMatch(/^1 restart in/);
    expect(result.verdict).toBe("DEGRADED");
  });
});

describe("slow checkpoints", () => {
  it("are DEGRADED, never UNHEALTHY, and say how much slower", () => {
    for (const seconds of [60, 150, 300, 600]) {
      const result = evaluateHealth(healthInput(seconds, slowCheckpointSamples(seconds)));
      expect(result.verdict, `${seconds} s`).toBe("DEGRADED");
      expect(result.reasons.some((r) => r.severity === "unhealthy")).toBe(false);
    }
    const result = evaluateHealth(healthInput(300, slowCheckpointSamples(300)));
    expect(result.reasons[0]).toMatchObject({
      signal: "checkpointDuration",
      metric: "lastCheckpointDuration",
      severity: "degraded",
    });
    expect(result.reasons[0]?.observation).toMatch(/vs 2\.0 s before the upgrade \(\d\.\d×, threshold 2×\)/);
  });

  it("stay HEALTHY up to the factor", () => {
    const samples = {
      ...healthySamples(300),
      checkpointDuration: sampleEvery(10, 300, () => BASELINE_CHECKPOINT_MS * 1.9),
    };
    expect(evaluateHealth(healthInput(300, samples)).verdict).toBe("HEALTHY");
  });

  it("are not judged without a pre-upgrade baseline", () => {
    const result = evaluateHealth(
      healthInput(300, slowCheckpointSamples(300), { baseline: { checkpointDurationMs: null } }),
    );
    expect(result.verdict).toBe("HEALTHY");
    expect(severityOf(result, "checkpointDuration")).toEqual(["unknown"]);
  });

  it("need minSamples datapoints before they count", () => {
    const samples = {
      ...healthySamples(60),
      checkpointDuration: sampleEvery(30, 60, () => BASELINE_CHECKPOINT_MS * 5),
    };
    expect(evaluateHealth(healthInput(60, samples)).verdict).toBe("HEALTHY");
  });
});

describe("no checkpoint progress", () => {
  it("is DEGRADED when a job up for longer than the stall reports no checkpoint", () => {
    const samples = { ...healthySamples(300), checkpointDuration: sampleEvery(10, 60, () => BASELINE_CHECKPOINT_MS) };
    const result = evaluateHealth(healthInput(300, samples));
    expect(result.verdict).toBe("DEGRADED");
    expect(result.reasons[0]?.observation).toMatch(/checkpoints are not completing/);
  });

  it("is not claimed while the job has been up for less than the stall", () => {
    const samples = { ...healthySamples(170), checkpointDuration: [] };
    expect(evaluateHealth(healthInput(170, samples)).reasons.some((r) => r.severity === "degraded")).toBe(false);
  });
});

describe("failed checkpoints", () => {
  const withFailures = (count: number) => ({
    ...healthySamples(300),
    failedCheckpoints: sampleEvery(10, 300, (ms) => (ms < 100_000 ? 0 : ms < 200_000 ? Math.min(count, 1) : count)),
  });

  it("make one failure DEGRADED", () => {
    const result = evaluateHealth(healthInput(300, withFailures(1)));
    expect(result.verdict).toBe("DEGRADED");
    expect(severityOf(result, "failedCheckpoints")).toEqual(["degraded"]);
  });

  it("make the threshold UNHEALTHY", () => {
    const result = evaluateHealth(healthInput(300, withFailures(2)));
    expect(result.verdict).toBe("UNHEALTHY");
    expect(result.reasons[0]?.observation).toMatch(
      /^2 failed checkpoints in the last 5 min 0 s of data \(threshold 2\)$/,
    );
  });

  it("count from the first datapoint after the update, not from zero", () => {
    const samples = { ...healthySamples(300), failedCheckpoints: sampleEvery(10, 300, () => 7) };
    expect(evaluateHealth(healthInput(300, samples)).verdict).toBe("HEALTHY");
  });
});

describe("downtime", () => {
  it("above 0 is DEGRADED supporting evidence", () => {
    const samples = { ...healthySamples(300), downtime: sampleEvery(10, 300, (ms) => (ms === 250_000 ? 12_000 : 0)) };
    const result = evaluateHealth(healthInput(300, samples));
    expect(result.verdict).toBe("DEGRADED");
    expect(result.reasons[0]).toMatchObject({
      signal: "downtime",
      metric: "restartingTime + failingTime + cancellingTime",
    });
  });

  it("is left out when not fetched", () => {
    const result = evaluateHealth(healthInput(300, { ...healthySamples(300), downtime: undefined }));
    expect(severityOf(result, "downtime")).toEqual([]);
    expect(result.verdict).toBe("HEALTHY");
  });
});

describe("no data", () => {
  it("is INCONCLUSIVE and says which metric was missing", () => {
    const result = evaluateHealth(healthInput(300, empty));
    expect(result.verdict).toBe("INCONCLUSIVE");
    expect(result.reasons.find((r) => r.signal === "restarts")?.observation).toBe(
      "no numRestarts datapoints in the last 5 min 0 s of data",
    );
  });

  it("is INCONCLUSIVE with too few job datapoints to call it healthy", () => {
    const result = evaluateHealth(healthInput(20, healthySamples(20)));
    expect(result.verdict).toBe("INCONCLUSIVE");
    expect(result.reasons.some((r) => r.observation.includes("2 job datapoints since the update; 3 needed"))).toBe(
      true,
    );
  });
});

describe("metric names follow the runtime", () => {
  it("names fullRestarts, uptime and downtime on 1.x", () => {
    const result = evaluateHealth(healthInput(300, healthySamples(300), { runtime: "FLINK-1_15" }));
    const metricOf = (signal: string) => result.reasons.find((r) => r.signal === signal)?.metric;
    expect([metricOf("restarts"), metricOf("runningTime"), metricOf("downtime")]).toEqual([
      "fullRestarts",
      "uptime",
      "downtime",
    ]);
  });

  it("names numRestarts and runningTime on 2.2", () => {
    const result = evaluateHealth(healthInput(300, healthySamples(300), { runtime: "FLINK-2_2" }));
    const metricOf = (signal: string) => result.reasons.find((r) => r.signal === signal)?.metric;
    expect([metricOf("restarts"), metricOf("runningTime")]).toEqual(["numRestarts", "runningTime"]);
  });
});

describe("a job that never came up", () => {
  it("is DEGRADED when running time stays at 0", () => {
    const samples = { ...healthySamples(120), runningTime: sampleEvery(10, 120, () => 0) };
    const result = evaluateHealth(healthInput(120, samples));
    expect(result.verdict).toBe("DEGRADED");
    expect(severityOf(result, "runningTime")).toEqual(["degraded"]);
  });
});
