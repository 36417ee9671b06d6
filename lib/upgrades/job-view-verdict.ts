import { formatDuration } from "@/lib/format";
import { touchesPause, type Evidence, type HealthPolicy, type Pause } from "./health";
import type { JobView } from "./job-view";

const failingStates = new Set(["RESTARTING", "FAILING", "FAILED"]);

/**
 * The job's own view of a restart loop: failures in its exception history inside the sliding window, or the job
 * RESTARTING/FAILING on two polls in a row. It sees a loop within seconds; CloudWatch needs minutes to confirm it.
 * Failures while MSF maintained or rescaled the application are MSF's, not the upgrade's.
 */
export function jobViewEvidence(input: {
  view: JobView;
  previousState: string | undefined;
  runningAt: Date;
  now: Date;
  policy: HealthPolicy;
  pauses: readonly Pause[];
  marginMs: number;
}): { unhealthy: boolean; evidence: Evidence } {
  const { view, runningAt, now, policy, pauses, marginMs } = input;
  const windowStart = Math.max(runningAt.getTime(), now.getTime() - policy.restartWindowMs);
  const failures = view.failures.filter(
    (f) => f.at.getTime() >= windowStart && !touchesPause(f.at, f.at, pauses, marginMs),
  );
  const windowPhrase = `in the last ${formatDuration(now.getTime() - windowStart)}`;
  const threshold = policy.restartThreshold;
  const stuckFailing = failingStates.has(view.state) && failingStates.has(input.previousState ?? "");
  const unhealthy = failures.length >= threshold || stuckFailing;
  const observation =
    failures.length >= threshold
      ? `job view: ${failures.length} restarts ${windowPhrase} (threshold ${threshold}); the job is ${view.state}`
      : stuckFailing
        ? `job view: the job was ${input.previousState} and is ${view.state} on the next poll`
        : `job view: ${view.state}, ${failures.length} restart${failures.length === 1 ? "" : "s"} ${windowPhrase}`;
  return {
    unhealthy,
    evidence: {
      signal: "jobView",
      metric: "Flink REST /jobs",
      observation,
      severity: unhealthy ? "unhealthy" : failures.length > 0 ? "degraded" : "ok",
    },
  };
}
