// Checkpoint statistics of a job: one checkpoint per checkpointIntervalMs while the job runs healthy; failed
// ones are the runs the job view collected (one per restart-loop failure, one per interval when late-failure
// strikes), the same counts as CloudWatch numberOfFailedCheckpoints. Durations and sizes are the CloudWatch
// lastCheckpointDuration / lastCheckpointSize values at the same instant.
import { findMetricDef } from "../cloudwatch/metric-catalog";
import { buildAppMetrics, type AppMetrics } from "../cloudwatch/metric-source";
import { metricValueAt } from "../cloudwatch/synth-values";
import type { EmuDurations, JobBehaviour, TimelineSegment } from "../core/types";
import type { MsfApp } from "../msf/model";
import { newestEvents, totalOf, type EventRun } from "./series";

export type CheckpointFailure = "job-failure" | "expired";

export interface CheckpointRecord {
  id: number;
  status: "COMPLETED" | "FAILED";
  /** When it completed or failed. */
  at: number;
  durationMs: number;
  sizeBytes: number;
  failure?: CheckpointFailure;
}

export interface CheckpointStats {
  completed: number;
  failed: number;
  restored: number;
  latestCompleted?: CheckpointRecord;
  latestFailed?: CheckpointRecord;
  /** Newest first, at most HISTORY_SIZE (Flink's web.checkpoints.history default is 10). */
  history: CheckpointRecord[];
}

const HISTORY_SIZE = 10;
const RUNNING_CHECKPOINTS: ReadonlySet<JobBehaviour> = new Set(["healthy", "slow-checkpoints", "silent"]);

export function completedRuns(
  segments: readonly TimelineSegment[],
  now: number,
  intervalMs: number,
): EventRun<"done">[] {
  const runs: EventRun<"done">[] = [];
  segments.forEach((segment, i) => {
    if (!RUNNING_CHECKPOINTS.has(segment.behaviour)) return;
    const next = segments[i + 1]?.start;
    const elapsed = (next === undefined ? now : Math.min(next, now)) - segment.start;
    // An open segment includes `now`; a closed one excludes its end instant (the next segment owns it).
    const count =
      next === undefined ? Math.floor(elapsed / intervalMs) : Math.max(0, Math.ceil(elapsed / intervalMs) - 1);
    if (count > 0) runs.push({ first: segment.start + intervalMs, step: intervalMs, count, kind: "done" });
  });
  return runs;
}

/** Events at or before `t` across runs: the checkpoint id of the event at `t`. */
function positionAt(runs: readonly EventRun[], t: number): number {
  let n = 0;
  for (const run of runs) if (t >= run.first) n += Math.min(run.count, Math.floor((t - run.first) / run.step) + 1);
  return n;
}

export function checkpointsOf(
  app: MsfApp,
  segments: readonly TimelineSegment[],
  now: number,
  durations: EmuDurations,
  failedRuns: readonly EventRun<CheckpointFailure>[],
  restored: number,
): CheckpointStats {
  const done = completedRuns(segments, now, Math.max(1, durations.checkpointIntervalMs));
  const all: EventRun[] = [...done, ...failedRuns];
  const metrics = buildAppMetrics(app, durations);
  const record = (at: number, failure?: CheckpointFailure): CheckpointRecord => ({
    id: positionAt(all, at),
    status: failure ? "FAILED" : "COMPLETED",
    at,
    durationMs: failure ? 0 : valueAt(metrics, "lastCheckpointDuration", at, app.profile.checkpointDurationMs),
    sizeBytes: failure ? 0 : valueAt(metrics, "lastCheckpointSize", at, app.profile.checkpointSizeBytes),
    failure,
  });
  const history = [
    ...newestEvents(done, HISTORY_SIZE).map((e) => record(e.at)),
    ...newestEvents(failedRuns, HISTORY_SIZE).map((e) => record(e.at, e.kind)),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, HISTORY_SIZE);
  const latestDone = newestEvents(done, 1)[0];
  const latestFailed = newestEvents(failedRuns, 1)[0];
  return {
    completed: totalOf(done),
    failed: totalOf(failedRuns),
    restored,
    latestCompleted: latestDone && record(latestDone.at),
    latestFailed: latestFailed && record(latestFailed.at, latestFailed.kind),
    history,
  };
}

function valueAt(metrics: AppMetrics, name: string, t: number, fallback: number): number {
  const def = findMetricDef(name);
  const span = metrics.spans.find((s) => s.start <= t && t < s.end);
  const value = def && span ? metricValueAt(def, span, t, metrics.env) : undefined;
  return Math.round(value ?? fallback);
}
