import { describe, expect, it } from "vitest";
import { defaultHealthPolicy } from "./health";
import { observationClock } from "./observation-clock";

const runningAt = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const at = (s: number) => new Date(runningAt.getTime() + s * 1000);
const minutes = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => at((from + i) * 60));
const base = { runningAt, policy: defaultHealthPolicy, cadenceMs: 60_000, graceMs: 240_000, baseline: {} };

describe("the observation clock", () => {
  it("starts at the first visible datapoint, not at RUNNING, and covers only what datapoints span", () => {
    const clock = observationClock({ ...base, now: at(360), dataTimes: minutes(1, 4) });
    expect(clock.firstDataAt).toEqual(at(60));
    expect(clock.coveredMs).toBe(240_000);
    expect(clock.deadline).toEqual(at(60 + 300 + 240));
  });

  it("covers the window once datapoints span it", () => {
    expect(observationClock({ ...base, now: at(500), dataTimes: minutes(1, 5) }).coveredMs).toBe(300_000);
  });

  it("without data, runs from RUNNING and gives the delay once", () => {
    const clock = observationClock({ ...base, now: at(100), dataTimes: [] });
    expect(clock.coveredMs).toBe(0);
    expect(clock.deadline).toEqual(at(300 + 240));
  });

  it("extends by one window after an extension, and by the time spent in MAINTENANCE", () => {
    const baseline = {
      firstDataAt: at(60).toISOString(),
      extendedAt: at(600).toISOString(),
      pauses: [{ status: "MAINTENANCE", from: at(120).toISOString(), to: at(180).toISOString() }],
    };
    const clock = observationClock({ ...base, baseline, now: at(700), dataTimes: minutes(1, 9) });
    expect(clock.pausedMs).toBe(60_000);
    expect(clock.coveredMs).toBe(540_000 - 60_000);
    expect(clock.deadline).toEqual(at(60 + 600 + 60 + 240));
  });
});
