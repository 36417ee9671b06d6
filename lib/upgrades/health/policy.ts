import type { HealthPolicy } from "./types";

// Real-speed defaults. A restart loop from incompatible state restarts every ~minute, so two restarts
// within five minutes is already a loop, while one restart (e.g. maintenance) is only a blip.
export const defaultHealthPolicy: HealthPolicy = {
  observationWindowMs: 5 * 60_000,
  restartThreshold: 2,
  restartWindowMs: 5 * 60_000,
  failedCheckpointThreshold: 2,
  checkpointDurationFactor: 2,
  checkpointStallMs: 3 * 60_000,
  minSamples: 3,
};

/** The emulator's speeds: every real duration (and the 1-minute metric cadence) scaled by one factor. */
export const policySpeedFactors = { real: 1, demo: 1 / 12, test: 1 / 60 } as const;

/** The same policy with every duration multiplied by `factor`; thresholds and counts stay. */
export function scaledPolicy(factor: number, base: HealthPolicy = defaultHealthPolicy): HealthPolicy {
  if (!(factor > 0) || !Number.isFinite(factor))
    throw new RangeError(`scale factor must be a positive number, got ${factor}`);
  return {
    ...base,
    observationWindowMs: base.observationWindowMs * factor,
    restartWindowMs: base.restartWindowMs * factor,
    checkpointStallMs: base.checkpointStallMs * factor,
  };
}
