// Sample series shaped like the emulator's scenarios (emulator/cloudwatch/synth-values.ts), for tests.
import { defaultHealthPolicy } from "./policy";
import type { HealthInput, HealthSamples, Sample } from "./types";

export const UPDATED_AT = new Date(Date.UTC(2026, 4, 1, 12, 0, 0));
export const BASELINE_CHECKPOINT_MS = 2_000;

export const secondsAfterUpdate = (seconds: number) => new Date(UPDATED_AT.getTime() + seconds * 1000);

/** One sample per `stepS` seconds from the update up to `untilS`, valued by `value(elapsedMs)`. */
export function sampleEvery(stepS: number, untilS: number, value: (elapsedMs: number) => number | undefined): Sample[] {
  const samples: Sample[] = [];
  for (let s = stepS; s <= untilS; s += stepS) {
    const v = value(s * 1000);
    if (v !== undefined) samples.push({ t: secondsAfterUpdate(s), v });
  }
  return samples;
}

/** A wobble of ±10 % that is the same on every run. */
const wobble = (elapsedMs: number) => 1 + 0.1 * Math.sin(elapsedMs / 7_000);

export function healthySamples(untilS: number, stepS = 10): HealthSamples {
  return {
    restarts: sampleEvery(stepS, untilS, () => 0),
    runningTime: sampleEvery(stepS, untilS, (ms) => ms),
    failedCheckpoints: sampleEvery(stepS, untilS, () => 0),
    checkpointDuration: sampleEvery(stepS, untilS, (ms) => Math.round(BASELINE_CHECKPOINT_MS * wobble(ms))),
    downtime: sampleEvery(stepS, untilS, () => 0),
  };
}

export function slowCheckpointSamples(untilS: number, stepS = 10): HealthSamples {
  return {
    ...healthySamples(untilS, stepS),
    checkpointDuration: sampleEvery(stepS, untilS, (ms) => Math.round(BASELINE_CHECKPOINT_MS * (4 * wobble(ms)))),
  };
}

/** The job runs 60 % of each cycle, then fails and restarts: counters climb, running time saw-tooths. */
export function restartLoopSamples(untilS: number, intervalMs: number, stepS: number): HealthSamples {
  const runMs = intervalMs * 0.6;
  const failures = (ms: number) => (ms < runMs ? 0 : Math.floor((ms - runMs) / intervalMs) + 1);
  const phase = (ms: number) => ms % intervalMs;
  return {
    restarts: sampleEvery(stepS, untilS, failures),
    runningTime: sampleEvery(stepS, untilS, (ms) => (phase(ms) < runMs ? phase(ms) : 0)),
    failedCheckpoints: sampleEvery(stepS, untilS, failures),
    checkpointDuration: sampleEvery(stepS, untilS, (ms) =>
      phase(ms) < runMs ? BASELINE_CHECKPOINT_MS * 8 : undefined,
    ),
    downtime: sampleEvery(stepS, untilS, (ms) => (phase(ms) < runMs ? 0 : phase(ms) - runMs)),
  };
}

export function healthInput(untilS: number, samples: HealthSamples, overrides: Partial<HealthInput> = {}): HealthInput {
  return {
    runtime: "FLINK-2_2",
    observedFrom: UPDATED_AT,
    now: secondsAfterUpdate(untilS),
    samples,
    baseline: { checkpointDurationMs: BASELINE_CHECKPOINT_MS },
    policy: defaultHealthPolicy,
    ...overrides,
  };
}
