import { describe, expect, it } from "vitest";
import { evaluateHealth } from "./evaluate";
import { counterGrowth, pausedWithin, touchesPause } from "./pauses";
import { healthInput, healthySamples, sampleEvery, secondsAfterUpdate } from "./test-fixtures";

const pause = (fromS: number, toS: number) => ({
  status: "MAINTENANCE",
  from: secondsAfterUpdate(fromS),
  to: secondsAfterUpdate(toS),
});

describe("pauses", () => {
  it("touch the steps between datapoints that straddle them, widened by the margin", () => {
    const p = [pause(100, 160)];
    expect(touchesPause(secondsAfterUpdate(90), secondsAfterUpdate(120), p, 0)).toBe(true);
    expect(touchesPause(secondsAfterUpdate(170), secondsAfterUpdate(200), p, 0)).toBe(false);
    expect(touchesPause(secondsAfterUpdate(170), secondsAfterUpdate(200), p, 15_000)).toBe(true);
    expect(touchesPause(secondsAfterUpdate(40), secondsAfterUpdate(80), p, 10_000)).toBe(false);
  });

  it("measure the paused time inside a stretch", () => {
    expect(pausedWithin(secondsAfterUpdate(0), secondsAfterUpdate(130), [pause(100, 160)])).toBe(30_000);
  });

  it("leave a counter's growth out when it happened during the pause", () => {
    const samples = sampleEvery(60, 360, (ms) => (ms >= 180_000 ? 1 : 0));
    expect(counterGrowth(samples, secondsAfterUpdate(0), [], 0).growth).toBe(1);
    expect(counterGrowth(samples, secondsAfterUpdate(0), [pause(130, 170)], 0).growth).toBe(0);
  });
});

describe("a restart during MAINTENANCE", () => {
  it("is not counted, so two restarts (one of them MSF's) stay below the threshold", () => {
    const samples = healthySamples(300, 60);
    samples.restarts = sampleEvery(60, 300, (ms) => (ms >= 120_000 ? 1 : 0) + (ms >= 240_000 ? 1 : 0));
    samples.runningTime = sampleEvery(60, 300, (ms) => (ms >= 120_000 ? ms - 120_000 : ms));
    const counted = evaluateHealth(healthInput(300, samples, { cadenceMs: 60_000 }));
    expect(counted.verdict).toBe("UNHEALTHY");
    const paused = evaluateHealth(healthInput(300, samples, { cadenceMs: 10_000, pauses: [pause(70, 115)] }));
    expect(paused.verdict).toBe("DEGRADED");
    expect(paused.reasons.find((r) => r.signal === "restarts")?.observation).toMatch(/^1 restart in/);
  });
});

describe("failed checkpoints", () => {
  it("count in a sliding window: early failures age out, late ones are caught", () => {
    const early = {
      ...healthySamples(900, 60),
      failedCheckpoints: sampleEvery(60, 900, (ms) => (ms >= 120_000 ? 2 : 0)),
    };
    expect(evaluateHealth(healthInput(240, early)).verdict).toBe("UNHEALTHY");
    expect(evaluateHealth(healthInput(900, early)).verdict).toBe("HEALTHY");
    const late = {
      ...healthySamples(900, 60),
      failedCheckpoints: sampleEvery(60, 900, (ms) => Math.max(0, Math.floor((ms - 600_000) / 60_000))),
    };
    expect(evaluateHealth(healthInput(900, late)).verdict).toBe("UNHEALTHY");
  });
});

describe("the sliding window", () => {
  it("ends at the newest datapoint, so data minutes late still fills the whole window", () => {
    // Restarts at 90 s and 200 s; datapoints only up to 5 min, read at 8 min (CloudWatch's delay).
    const samples = healthySamples(300, 60);
    samples.restarts = sampleEvery(60, 300, (ms) => (ms >= 90_000 ? 1 : 0) + (ms >= 200_000 ? 1 : 0));
    const result = evaluateHealth(healthInput(480, samples));
    expect(result.verdict).toBe("UNHEALTHY");
    expect(result.reasons[0]?.observation).toBe("2 restarts in the last 5 min 0 s of data (threshold 2)");
  });
});
