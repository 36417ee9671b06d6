// Turns an application's timeline into "job spans": the stretches during which a Flink job publishes metrics,
// each carrying the job counters accumulated before it (counters reset at every freshJob segment).
import type { EmuDurations, JobBehaviour, TimelineSegment } from "../core/types";
import { runtimeFamily, type RuntimeFamily } from "./metric-catalog";

/** Behaviours that publish datapoints (idle and silent jobs publish none). */
export type ActiveBehaviour = Exclude<JobBehaviour, "idle" | "silent">;

/** After these the job's uptime starts again even without a fresh job. */
const INTERRUPTING: ReadonlySet<JobBehaviour> = new Set(["restart-loop", "slow-restart-loop", "restarting", "idle"]);

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

/** Everything about a job's rhythm the synthesis needs besides the timeline. */
export interface SynthShapes {
  loop: LoopShape;
  /** The slow-restart-loop scenario: mostly running, one restart per interval. */
  slowLoop: LoopShape;
  checkpointIntervalMs: number;
}

export function shapesFor(durations: EmuDurations): SynthShapes {
  return {
    loop: loopShapeFor(durations.restartLoopIntervalMs),
    slowLoop: loopShapeFor(durations.slowRestartLoopIntervalMs, 0.85),
    checkpointIntervalMs: Math.max(1, durations.checkpointIntervalMs),
  };
}

export function loopShapeFor(restartLoopIntervalMs: number, runShare = 0.6): LoopShape {
  const intervalMs =
    Number.isFinite(restartLoopIntervalMs) && restartLoopIntervalMs >= 2 ? Math.round(restartLoopIntervalMs) : 30_000;
  const runMs = Math.max(1, Math.round(intervalMs * runShare));
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

/** Failed checkpoints of a failing-checkpoints stretch strictly before `elapsed` ms (the first fails at once). */
export function failedCheckpointsBefore(elapsed: number, intervalMs: number): number {
  return elapsed <= 0 ? 0 : Math.ceil(elapsed / intervalMs);
}

export function planSpans(timeline: readonly TimelineSegment[], shapes: SynthShapes): JobSpan[] {
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
    } else if (previous && INTERRUPTING.has(previous.behaviour)) {
      // Recovered from a restart (loop) or resumed after idle without a new job: uptime restarts here.
      upSince = segment.start;
    }
    const { behaviour } = segment;
    if (behaviour !== "idle" && behaviour !== "silent" && end > segment.start) {
      spans.push({
        start: segment.start,
        end,
        behaviour,
        family: runtimeFamily(segment.runtime),
        kpus: segment.kpus,
        upSince,
        restartsBase: restarts,
        failedCheckpointsBase: failedCheckpoints,
      });
    }
    if (Number.isFinite(end)) {
      const elapsed = end - segment.start;
      if (behaviour === "restart-loop" || behaviour === "slow-restart-loop") {
        const failures = failuresBefore(elapsed, behaviour === "restart-loop" ? shapes.loop : shapes.slowLoop);
        restarts += failures;
        failedCheckpoints += failures;
      } else if (behaviour === "restarting" && elapsed > 0) restarts += 1;
      else if (behaviour === "failing-checkpoints")
        failedCheckpoints += failedCheckpointsBefore(elapsed, shapes.checkpointIntervalMs);
    }
    previous = segment;
  }
  return spans;
}
