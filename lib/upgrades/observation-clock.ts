import { pausedWithin, type Pause } from "./health";
import type { HealthPolicy, HealthSamples } from "./health";
import type { RunBaseline } from "./run-types";

export interface ObservationClock {
  /** The first datapoint of the new job CloudWatch showed: the window starts here, not at RUNNING. */
  firstDataAt?: Date;
  lastDataAt?: Date;
  /** Time between the first and last datapoint, pauses left out, plus the last datapoint's own period. */
  coveredMs: number;
  pausedMs: number;
  /** When an unproven observation is extended (once) or handed to the engineer. */
  deadline: Date;
}

export function pausesOf(baseline: RunBaseline, now: Date): Pause[] {
  return (baseline.pauses ?? []).map((p) => ({
    status: p.status,
    from: new Date(p.from),
    to: p.to ? new Date(p.to) : now,
  }));
}

/** The datapoints that prove the job exists: its restart counter and its running time. */
export function jobDataTimes(samples: HealthSamples, runningAt: Date): Date[] {
  return [...samples.restarts, ...samples.runningTime]
    .filter((s) => s.t >= runningAt && Number.isFinite(s.v) && s.v >= 0)
    .map((s) => s.t)
    .sort((a, b) => a.getTime() - b.getTime());
}

/**
 * The observation clock runs on data, not on the wall: CloudWatch delivers 1-minute datapoints 1–3 minutes late,
 * so a window is covered only when datapoints span it. The deadline gives that delay (`graceMs`) once, plus the
 * time MSF spent in MAINTENANCE or AUTOSCALING, plus one more window when the observation was extended.
 */
export function observationClock(input: {
  runningAt: Date;
  now: Date;
  dataTimes: readonly Date[];
  baseline: RunBaseline;
  policy: HealthPolicy;
  cadenceMs: number;
  graceMs: number;
}): ObservationClock {
  const { runningAt, now, dataTimes, baseline, policy, cadenceMs, graceMs } = input;
  const pauses = pausesOf(baseline, now);
  const firstDataAt = baseline.firstDataAt ? new Date(baseline.firstDataAt) : dataTimes[0];
  const lastDataAt = dataTimes.at(-1);
  const coveredMs =
    firstDataAt && lastDataAt && lastDataAt >= firstDataAt
      ? lastDataAt.getTime() - firstDataAt.getTime() - pausedWithin(firstDataAt, lastDataAt, pauses) + cadenceMs
      : 0;
  const start = firstDataAt ?? runningAt;
  const pausedMs = pausedWithin(start, now, pauses);
  const windows = baseline.extendedAt ? 2 : 1;
  const deadline = new Date(start.getTime() + windows * policy.observationWindowMs + pausedMs + graceMs);
  return { firstDataAt, lastDataAt, coveredMs, pausedMs, deadline };
}
