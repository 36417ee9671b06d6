import { env } from "@/lib/env";

/** Real-AWS timings; UPGRADE_TIME_SCALE shrinks them against the emulator's demo and test speeds. */
const realTimings = {
  /** How often an active run is looked at. */
  pollMs: 10_000,
  /** UPDATING for longer than this makes a run STUCK (the docs give no timeout; 15 min is a common heuristic). */
  stuckAfterMs: 15 * 60_000,
  /** A worker that claimed a run and died loses it after this. */
  leaseMs: 60_000,
};

export type Timings = typeof realTimings;

export function timings(): Timings {
  const scale = env().UPGRADE_TIME_SCALE;
  return {
    pollMs: Math.max(250, realTimings.pollMs * scale),
    stuckAfterMs: realTimings.stuckAfterMs * scale,
    leaseMs: Math.max(2_000, realTimings.leaseMs * scale),
  };
}
