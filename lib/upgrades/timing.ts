import { env } from "@/lib/env";
import { metricCadenceMs } from "@/lib/metrics/cadence";

/** Real-AWS timings; UPGRADE_TIME_SCALE shrinks them against the emulator's demo and test speeds. */
const realTimings = {
  /** How often an active run is looked at. */
  pollMs: 10_000,
  /** UPDATING for longer than this makes a run STUCK (the docs give no timeout; 15 min is a common heuristic). */
  stuckAfterMs: 15 * 60_000,
  /** A worker that claimed a run and died loses it after this. */
  leaseMs: 60_000,
  /** Transient AWS failures of one step are retried this long before an engineer is asked. */
  stepDeadlineMs: 10 * 60_000,
  /** Longest pause between two retries of a failing step (exponential backoff from pollMs). */
  maxBackoffMs: 60_000,
};

export type Timings = typeof realTimings & {
  /** How late CloudWatch may still deliver a datapoint: one cadence plus the documented 1–3 min delay. */
  metricGraceMs: number;
};

export function timings(): Timings {
  const scale = env().UPGRADE_TIME_SCALE;
  return {
    pollMs: Math.max(250, realTimings.pollMs * scale),
    stuckAfterMs: realTimings.stuckAfterMs * scale,
    leaseMs: Math.max(2_000, realTimings.leaseMs * scale, env().AWS_REQUEST_TIMEOUT_MS * 2),
    stepDeadlineMs: realTimings.stepDeadlineMs * scale,
    maxBackoffMs: Math.max(1_000, realTimings.maxBackoffMs * scale),
    metricGraceMs: metricCadenceMs() + 3 * 60_000 * scale,
  };
}

/** Exponential backoff with full jitter: poll, 2×, 4× … capped, so throttled runs spread out. */
export function backoffMs(attempt: number, t: Timings = timings()): number {
  const ceiling = Math.min(t.maxBackoffMs, t.pollMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(t.pollMs / 2, Math.random() * ceiling);
}
