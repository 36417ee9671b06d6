// Turns an application's timeline into "job spans": the stretches during which a Flink job publishes metrics,
// each carrying the job counters accumulated before it (counters reset at every freshJob segment).
import type { JobBehaviour, TimelineSegment } from "../core/types";
import { runtimeFamily, type RuntimeFamily } from "./metric-catalog";

export type ActiveBehaviour = Exclude<JobBehaviour, "idle">;

export interface JobSpan {
  /** epoch ms, inclusive */
  start: number;
  /** epoch ms, exclusive (Infinity for the open last segment; callers clip to `now`) */
  end: number;
  behaviour: ActiveBehaviour;
  family: RuntimeFamily;
  kpus: number;
  /** Healthy/slow spans: the job has been running uninterrupted since then. */
  upSince: number;
  /** Restarts (numRestarts/fullRestarts) counted since the last freshJob, as of `start`. */
  restartsBase: number;
  /** numberOfFailedCheckpoints since the last freshJob, as of `start`. */
  failedCheckpointsBase: number;
}

/** Shape of one restart-loop cycle: the job runs `runMs`, then fails (`failingMs`) and restarts (rest). */
export interface LoopShape {
  intervalMs: number;
  runMs: number;
  failingMs: number;
}

export function loopShapeFor(restartLoopIntervalMs: number): LoopShape {
  const intervalMs =
    Number.isFinite(restartLoopIntervalMs) && restartLoopIntervalMs >= 2 ? Math.round(restartLoopIntervalMs) : 30_000;
  const runMs = Math.max(1, Math.round(intervalMs * 0.6));
  const failingMs = Math.round((intervalMs - runMs) * 0.25);
  return { intervalMs, runMs, failingMs };
}

/** Failures (= restarts) that happened at or before `elapsed` ms into a restart loop. */
export function failuresUpTo(elapsed: number, shape: LoopShape): number {
  return elapsed < shape.runMs ? 0 : Math.floor((elapsed - shape.runMs) / shape.intervalMs) + 1;
}

/** Failures strictly before `elapsed` ms into a restart loop (what the next segment inherits). */
export function failuresBefore(elapsed: number, shape: LoopShape): number {
  return elapsed <= shape.runMs ? 0 : Math.ceil((elapsed - shape.runMs) / shape.intervalMs);
}

export function planSpans(timeline: readonly TimelineSegment[], shape: LoopShape): JobSpan[] {
  const spans: JobSpan[] = [];
  let restarts = 0;
  let failedCheckpoints = 0;
  let upSince = timeline[0]?.start ?? 0;
  let previous: TimelineSegment | undefined;
  for (let i = 0; i < timeline.length; i++) {
    const segment = timeline[i]!;
    const end = timeline[i + 1]?.start ?? Infinity;
    if (segment.freshJob) {
      restarts = 0;
      failedCheckpoints = 0;
      upSince = segment.start;
    } else if (previous && (previous.behaviour === "restart-loop" || previous.behaviour === "idle")) {
      // Recovered from a restart loop (or resumed after idle) without a new job: uptime restarts here.
      upSince = segment.start;
    }
    if (segment.behaviour !== "idle" && end > segment.start) {
      spans.push({
        start: segment.start,
        end,
        behaviour: segment.behaviour,
        family: runtimeFamily(segment.runtime),
        kpus: segment.kpus,
        upSince,
        restartsBase: restarts,
        failedCheckpointsBase: failedCheckpoints,
      });
    }
    if (segment.behaviour === "restart-loop" && Number.isFinite(end)) {
      const failures = failuresBefore(end - segment.start, shape);
      restarts += failures;
      failedCheckpoints += failures;
    }
    previous = segment;
  }
  return spans;
}
