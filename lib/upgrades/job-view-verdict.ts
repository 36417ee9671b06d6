import { formatDuration } from "@/lib/format";
import { touchesPause, type Evidence, type HealthPolicy, type Pause } from "./health";
import type { JobView } from "./job-view";

const failingStates = new Set(["RESTARTING", "FAILING", "FAILED"]);

/**
 * The job's own view of a restart loop: failures in its exception history inside the sliding window, the job
 * RESTARTING/FAILING on two polls in a row, or checkpoints failing while it runs. It sees a loop within seconds; CloudWatch needs minutes to confirm it.
 * Failures while MSF maintained or rescaled the application are MSF's, not the upgrade's.
 */
export function jobViewEvidence(input: {
  view: JobView;
  /** Where the view came from: the Flink dashboard's REST API or the job's CloudWatch Logs. */
  source: "job view" | "logs";
  previousState: string | undefined;
  runningAt: Date;
  now: Date;
  policy: HealthPolicy;
  pauses: readonly Pause[];
  marginMs: number;
}): { unhealthy: boolean; evidence: Evidence } {
  const { view, runningAt, now, policy, pauses, marginMs } = input;
  const label = input.source === "logs" ? "job log" : "job view";
  const windowStart = Math.max(runningAt.getTime(), now.getTime() - policy.restartWindowMs);
  const failures = view.failures.filter(
    (f) => f.at.getTime() >= windowStart && !touchesPause(f.at, f.at, pauses, marginMs),
  );
  const windowPhrase = `in the last ${formatDuration(now.getTime() - windowStart)}`;
  const threshold = policy.restartThreshold;
  const stuckFailing = failingStates.has(view.state) && failingStates.has(input.previousState ?? "");
  // A restart fails its in-flight checkpoint too: only failures while the job kept running are checkpoint trouble.
  const checkpointFailures = view.checkpointFailures.filter(
    (at) =>
      at.getTime() >= windowStart &&
      !touchesPause(at, at, pauses, marginMs) &&
      !view.failures.some((f) => Math.abs(f.at.getTime() - at.getTime()) <= marginMs),
  );
  const checkpointThreshold = policy.failedCheckpointThreshold;
  const checkpointsFailing = checkpointFailures.length >= checkpointThreshold;
  const unhealthy = failures.length >= threshold || stuckFailing || checkpointsFailing;
  const counted = [
    `${failures.length} restart${failures.length === 1 ? "" : "s"}`,
    ...(checkpointFailures.length
      ? [`${checkpointFailures.length} failed checkpoint${checkpointFailures.length === 1 ? "" : "s"}`]
      : []),
  ].join(", ");
  const observation =
    failures.length >= threshold
      ? `${label}: ${failures.length} restarts ${windowPhrase} (threshold ${threshold}); the job is ${view.state}`
      : stuckFailing
        ? `${label}: the job was ${input.previousState} and is ${view.state} on the next poll`
        : checkpointsFailing
          ? `${label}: ${checkpointFailures.length} failed checkpoints ${windowPhrase} (threshold ${checkpointThreshold}) while the job is ${view.state}`
          : `${label}: ${view.state}, ${counted} ${windowPhrase}`;
  return {
    unhealthy,
    evidence: {
      signal: input.source === "logs" ? "logs" : "jobView",
      metric: input.source === "logs" ? "CloudWatch Logs" : "Flink REST /jobs",
      observation,
      severity: unhealthy ? "unhealthy" : failures.length + checkpointFailures.length > 0 ? "degraded" : "ok",
    },
  };
}
