// An application's log as line runs, derived from its timeline with the Flink job view's rules
// (flink/job-view.ts, cloudwatch/synth-spans.ts): the same job ids, one task failure per numRestarts increment at
// the same instant, execution attempts numbered per job like the REST exception history, the same root causes.
import {
  failedCheckpointsBefore,
  failuresBefore,
  failuresUpTo,
  shapesFor,
  type LoopShape,
} from "../cloudwatch/synth-spans";
import type { EmuDurations, TimelineSegment } from "../core/types";
import { binaryFailureOf, failureText, stateFailureOf, type FailureKind } from "../flink/failures";
import { jobIdOf } from "../flink/job-view";
import { FAILING_VERTEX, sourceClassOf, taskManager, verticesOf } from "../flink/rest-render";
import { isSqlApp, type MsfApp } from "../msf/model";
import { kryoTypesOf } from "./kryo-types";
import type { LineRun, LogLevel, LogLine } from "./line-model";
import {
  checkpointFailedLine,
  jobMasterStartLine,
  jobSwitchLine,
  kryoLine,
  restartStrategyLine,
  taskFailedLine,
  type JobIdentity,
} from "./line-texts";

interface Job extends JobIdentity {
  /** Task failures so far: the next one is execution attempt #attempts. */
  attempts: number;
  /** Failed and not yet running again. */
  restarting: boolean;
  /** Checkpoints (completed and failed) so far: checkpoint ids are 1-based positions in that sequence. */
  checkpoints: number;
}

/** Lines written up to `asOf` (later timeline segments are ignored, so a page chain can be frozen at one instant). */
export function lineRunsOf(app: MsfApp, asOf: number, durations: EmuDurations): LineRun[] {
  // SQL-1_0 applications run no Flink job; their error records are not emulated.
  if (isSqlApp(app)) return [];
  const timeline = app.timeline.filter((segment) => segment.start <= asOf);
  const shapes = shapesFor(durations);
  const runs: LineRun[] = [];
  const add = (run: Omit<LineRun, "order">) => {
    if (run.count > 0) runs.push({ ...run, order: runs.length });
  };
  const once = (at: number, level: LogLevel, line: LogLine, priorVersion?: boolean) =>
    add({ first: at, step: 1, count: 1, level, priorVersion, line: () => line });

  const startJob = (segment: TimelineSegment, jid: string): Job => {
    const job: Job = {
      appName: app.name,
      jid,
      runtime: segment.runtime,
      attempts: 0,
      restarting: false,
      checkpoints: 0,
    };
    // Type extraction and scheduler set-up happen while the job graph is built, just before the job runs.
    kryoTypesOf(app, segment.runtime).forEach((type, i) => once(segment.start - 4 + i, "INFO", kryoLine(type)));
    once(segment.start - 2, "INFO", restartStrategyLine(job));
    once(segment.start - 1, "INFO", jobMasterStartLine(job));
    once(segment.start, "INFO", jobSwitchLine(job, "CREATED", "RUNNING"));
    return job;
  };
  const endJob = (job: Job, at: number) =>
    once(at, "INFO", jobSwitchLine(job, job.restarting ? "RESTARTING" : "RUNNING", "CANCELED"), true);

  const failures = (
    job: Job,
    segment: TimelineSegment,
    first: number,
    step: number,
    count: number,
    kind: FailureKind,
  ) => {
    const vertex = verticesOf(app, job)[FAILING_VERTEX[kind]]!;
    const stacktrace = failureText(kind, sourceClassOf(app), vertex.id).stacktrace.split("\n");
    const taskManagerId = taskManager(app, 1).id;
    const base = job.attempts;
    const task = { vertexName: vertex.name, parallelism: segment.parallelism, taskManagerId, stacktrace };
    add({ first, step, count, level: "WARN", line: (k) => taskFailedLine(job, { ...task, attempt: base + k }) });
    const restarting = jobSwitchLine(job, "RUNNING", "RESTARTING");
    add({ first, step, count, level: "INFO", line: () => restarting });
    job.attempts += count;
  };

  const loop = (
    job: Job,
    segment: TimelineSegment,
    end: number,
    open: boolean,
    shape: LoopShape,
    kind: FailureKind,
  ) => {
    const elapsed = end - segment.start;
    const count = open ? failuresUpTo(elapsed, shape) : failuresBefore(elapsed, shape);
    failures(job, segment, segment.start + shape.runMs, shape.intervalMs, count, kind);
    // Running again at the start of the next cycle: at or before now while open, strictly before a closed end.
    const again = open
      ? Math.floor(elapsed / shape.intervalMs)
      : Math.max(0, Math.ceil(elapsed / shape.intervalMs) - 1);
    const running = jobSwitchLine(job, "RESTARTING", "RUNNING");
    add({
      first: segment.start + shape.intervalMs,
      step: shape.intervalMs,
      count: again,
      level: "INFO",
      line: () => running,
    });
    job.restarting = count > again;
    // Every loop failure also fails the checkpoint in flight (the job view's "job-failure" checkpoints).
    job.checkpoints += count;
  };

  let job: Job | undefined;
  timeline.forEach((segment, i) => {
    const next = timeline[i + 1];
    const open = next === undefined;
    const end = open ? asOf : next.start;
    const elapsed = end - segment.start;
    if (segment.behaviour === "idle") {
      if (job) endJob(job, segment.start);
      job = undefined;
      if (isFailingUpdate(app, segment, open)) {
        // A binary-incompatible update's new job crash-loops until the update is marked FAILED.
        const crash = startJob(segment, jobIdOf(app.arn, segment.start));
        loop(crash, segment, end, open, shapes.loop, binaryFailureOf(app));
        if (!open) endJob(crash, end);
      }
      return;
    }
    if (!job || segment.freshJob) {
      if (job) endJob(job, segment.start);
      job = startJob(segment, jobIdOf(app.arn, jobStartOf(timeline, i)));
    } else if (job.restarting) {
      once(segment.start, "INFO", jobSwitchLine(job, "RESTARTING", "RUNNING"));
      job.restarting = false;
    }
    switch (segment.behaviour) {
      case "restart-loop":
      case "slow-restart-loop": {
        const shape = segment.behaviour === "restart-loop" ? shapes.loop : shapes.slowLoop;
        loop(job, segment, end, open, shape, stateFailureOf(app));
        return;
      }
      case "restarting":
        // Maintenance: one TaskManager replacement inside the same job.
        failures(job, segment, segment.start, 1, 1, "maintenance");
        job.restarting = true;
        return;
      case "failing-checkpoints": {
        const interval = shapes.checkpointIntervalMs;
        const count = open ? Math.floor(elapsed / interval) + 1 : failedCheckpointsBefore(elapsed, interval);
        const base = job.checkpoints;
        const owner = job;
        add({
          first: segment.start,
          step: interval,
          count,
          level: "WARN",
          line: (k) => checkpointFailedLine(owner, base + k + 1, k),
        });
        job.checkpoints += count;
        return;
      }
      default:
        // Completed checkpoints write no line; they only advance the id sequence (as flink/checkpoints.ts counts).
        if (!open && elapsed > 0) job.checkpoints += Math.max(0, Math.ceil(elapsed / shapes.checkpointIntervalMs) - 1);
    }
  });
  return runs;
}

/** The job id of a segment: the job view's rule (the last freshJob segment at or before it, else the first). */
function jobStartOf(timeline: readonly TimelineSegment[], index: number): number {
  let first = index;
  while (first > 0 && !timeline[first]!.freshJob) first--;
  return timeline[first]!.start;
}

/** An UPDATING stretch of a binary-incompatible update: it failed, or is still failing. */
function isFailingUpdate(app: MsfApp, segment: TimelineSegment, open: boolean): boolean {
  if (segment.status !== "UPDATING") return false;
  if (open && app.pending?.kind === "update" && app.pending.outcome === "fail") return true;
  return app.operations.some(
    (op) => op.operation === "UpdateApplication" && op.startTime === segment.start && op.status === "FAILED",
  );
}
