import type { EmuDurations } from "./types";
import type { Speed } from "./control-types";

const presets: Record<Speed, EmuDurations> = {
  real: {
    startMs: 60_000,
    stopMs: 30_000,
    updateMs: 90_000,
    rollbackMs: 90_000,
    snapshotMs: 30_000,
    updateFailMs: 75_000,
    restartLoopIntervalMs: 60_000,
  },
  demo: {
    startMs: 5_000,
    stopMs: 3_000,
    updateMs: 8_000,
    rollbackMs: 8_000,
    snapshotMs: 3_000,
    updateFailMs: 6_000,
    restartLoopIntervalMs: 10_000,
  },
  test: {
    startMs: 1_000,
    stopMs: 500,
    updateMs: 1_500,
    rollbackMs: 1_500,
    snapshotMs: 500,
    updateFailMs: 1_000,
    restartLoopIntervalMs: 1_500,
  },
};

export function durationsFor(speed: Speed, overrides: Partial<EmuDurations> = {}): EmuDurations {
  return { ...presets[speed], ...overrides };
}

export function isSpeed(value: unknown): value is Speed {
  return value === "real" || value === "demo" || value === "test";
}
