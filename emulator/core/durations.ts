import type { EmuDurations } from "./types";
import type { Speed } from "./control-types";

/** Every duration at real AWS speed; `demo` and `test` scale all of them by one factor. */
const REAL: EmuDurations = {
  startMs: 60_000,
  stopMs: 30_000,
  updateMs: 90_000,
  rollbackMs: 90_000,
  snapshotMs: 30_000,
  updateFailMs: 75_000,
  restartLoopIntervalMs: 10_000,
  slowRestartLoopIntervalMs: 180_000,
  metricPeriodMs: 60_000,
  ingestionDelayMs: 120_000,
  checkpointIntervalMs: 60_000,
  maintenanceMs: 60_000,
  autoscalingMs: 60_000,
  restartOutageMs: 20_000,
  lateFailureOnsetMs: 120_000,
  disturbanceOnsetMs: 60_000,
  presignedUrlFirstUseMs: 180_000,
  logsIngestionDelayMs: 6_000,
  logsQueryScheduledMs: 1_200,
  logsQueryMs: 6_000,
};

// The same factors live in lib/upgrades/health/policy.ts (policySpeedFactors) and lib/metrics/cadence.ts on
// purpose: the emulator imports nothing from lib/, so the fact is kept in both places and must change in both.
export const SPEED_FACTORS: Record<Speed, number> = { real: 1, demo: 1 / 12, test: 1 / 60 };

/** Whole milliseconds, so timeline instants stay integers (20 s / 12 = 1667 ms). */
function scaled(factor: number): EmuDurations {
  const out = {} as EmuDurations;
  for (const [key, ms] of Object.entries(REAL) as [keyof EmuDurations, number][]) out[key] = Math.round(ms * factor);
  return out;
}

export function durationsFor(speed: Speed, overrides: Partial<EmuDurations> = {}): EmuDurations {
  return { ...scaled(SPEED_FACTORS[speed]), ...overrides };
}

export function isSpeed(value: unknown): value is Speed {
  return value === "real" || value === "demo" || value === "test";
}
