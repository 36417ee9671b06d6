// The Flink job of an application at one instant, derived from the same timeline + loop shapes as the
// CloudWatch metrics (cloudwatch/synth-spans.ts), so restarts and failed checkpoints agree with numRestarts and
// numberOfFailedCheckpoints. A job starts at every freshJob segment; undefined = no JobManager to answer.
import { createHash } from "node:crypto";
import {
  failedCheckpointsBefore,
  failuresBefore,
  failuresUpTo,
  shapesFor,
  type LoopShape,
} from "../cloudwatch/synth-spans";
import type { EmuDurations, TimelineSegment } from "../core/types";
import type { MsfApp } from "../msf/model";
import { checkpointsOf, type CheckpointFailure, type CheckpointStats } from "./checkpoints";
import { binaryFailureOf, stateFailureOf, type FailureKind } from "./failures";
import { lastAt, type EventRun } from "./series";

export type JobStatus = "RUNNING" | "RESTARTING";

export interface JobView {
  jid: string;
  name: string;
  runtime: string;
  parallelism: number;
  startTime: number;
  state: JobStatus;
  /** Last time the job (re-)entered RUNNING. */
  runningSince: number;
  /** Last restart (failure) instant, if any. */
  lastFailureAt?: number;
  /** First quarter of a restart-loop outage: the failed tasks are still being cancelled. */
  cancellingTasks: boolean;
  /** Chronological; the k-th failure (0-based) is execution attempt #k failing. */
  failures: EventRun<FailureKind>[];
  checkpoints: CheckpointStats;
}

/** Flink job ids are 32 hex characters; a new one per submitted job. */
export function jobIdOf(arn: string, submittedAt: number): string {
  return createHash("md5").update(`${arn}#job#${submittedAt}`).digest("hex");
}

export function jobViewAt(app: MsfApp, now: number, durations: EmuDurations): JobView | undefined {
  const last = app.timeline[app.timeline.length - 1];
  if (!last) return undefined;
  const pending = app.pending;
  if (pending?.kind === "update" && pending.outcome === "fail" && last.status === "UPDATING") {
    // The new job of a binary-incompatible update crash-loops until the update is marked FAILED.
    const segment: TimelineSegment = { ...last, behaviour: "restart-loop" };
    return buildView(app, [segment], now, durations, binaryFailureOf(app));
  }
  if (last.behaviour === "idle") return undefined;
  let first = app.timeline.length - 1;
  while (first > 0 && !app.timeline[first]!.freshJob) first--;
  return buildView(app, app.timeline.slice(first), now, durations, stateFailureOf(app));
}

function buildView(
  app: MsfApp,
  segments: readonly TimelineSegment[],
  now: number,
  durations: EmuDurations,
  loopFailure: FailureKind,
): JobView {
  const shapes = shapesFor(durations);
  const checkpointMs = shapes.checkpointIntervalMs;
  const startTime = segments[0]!.start;
  const failures: EventRun<FailureKind>[] = [];
  const failedCheckpoints: EventRun<CheckpointFailure>[] = [];
  let state: JobStatus = "RUNNING";
  let runningSince = startTime;
  let cancellingTasks = false;
  let restored = 0;

  segments.forEach((segment, i) => {
    const open = i === segments.length - 1;
    const end = open ? now : Math.min(segments[i + 1]!.start, now);
    const elapsed = end - segment.start;
    switch (segment.behaviour) {
      case "restart-loop":
      case "slow-restart-loop": {
        const shape: LoopShape = segment.behaviour === "restart-loop" ? shapes.loop : shapes.slowLoop;
        const count = open ? failuresUpTo(elapsed, shape) : failuresBefore(elapsed, shape);
        const first = segment.start + shape.runMs;
        failures.push({ first, step: shape.intervalMs, count, kind: loopFailure });
        failedCheckpoints.push({ first, step: shape.intervalMs, count, kind: "job-failure" });
        if (!open) runningSince = end;
        else {
          const phase = elapsed % shape.intervalMs;
          state = phase < shape.runMs ? "RUNNING" : "RESTARTING";
          cancellingTasks = state === "RESTARTING" && phase - shape.runMs < shape.failingMs;
          if (state === "RUNNING" && count > 0) runningSince = now - phase;
          else if (state === "RUNNING") runningSince = segment.start;
        }
        return;
      }
      case "restarting":
        failures.push({ first: segment.start, step: 1, count: 1, kind: "maintenance" });
        if (open) state = "RESTARTING";
        else {
          restored++;
          runningSince = end;
        }
        return;
      case "failing-checkpoints": {
        const count = open ? Math.floor(elapsed / checkpointMs) + 1 : failedCheckpointsBefore(elapsed, checkpointMs);
        failedCheckpoints.push({ first: segment.start, step: checkpointMs, count, kind: "expired" });
        return;
      }
      default:
        return;
    }
  });

  const current = segments[segments.length - 1]!;
  return {
    jid: jobIdOf(app.arn, startTime),
    name: app.name,
    runtime: current.runtime,
    parallelism: current.parallelism,
    startTime,
    state,
    runningSince,
    lastFailureAt: lastAt(failures),
    cancellingTasks,
    failures: failures.filter((run) => run.count > 0),
    checkpoints: checkpointsOf(
      app,
      segments,
      now,
      durations,
      failedCheckpoints.filter((run) => run.count > 0),
      restored,
    ),
  };
}
