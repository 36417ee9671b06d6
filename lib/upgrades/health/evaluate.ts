import { checkpointDurationEvidence, checkpointProgressEvidence, failedCheckpointsEvidence } from "./checkpoint-rules";
import { healthMetricsFor } from "./metrics";
import { downtimeEvidence, restartsEvidence, runningTimeEvidence } from "./restart-rules";
import type { RuleContext } from "./rule-context";
import { samplesBetween } from "./samples";
import type { Evidence, HealthInput, HealthResult, HealthVerdict, Sample, Severity } from "./types";

const SEVERITY_ORDER: Record<Severity, number> = { unhealthy: 0, degraded: 1, unknown: 2, ok: 3 };

/**
 * The cluster-health idea of the Flink Kubernetes operator, over CloudWatch samples: is the job that
 * MSF reports RUNNING after an update actually running, checkpointing and not restart-looping?
 */
export function evaluateHealth(input: HealthInput): HealthResult {
  const { observedFrom, now, policy, baseline } = input;
  const ctx: RuleContext = {
    observedFrom,
    now,
    policy,
    baseline,
    metrics: healthMetricsFor(input.runtime),
    pauses: input.pauses ?? [],
    dataEnd: now,
    pauseMarginMs: input.cadenceMs ?? 60_000,
  };
  const observe = (samples: readonly Sample[] | undefined) => samplesBetween(samples, observedFrom, now);
  ctx.dataEnd = newestTime(
    [input.samples.restarts, input.samples.runningTime, input.samples.failedCheckpoints].map(observe),
    now,
  );
  const restarts = observe(input.samples.restarts);
  const runningTime = observe(input.samples.runningTime);
  const failedCheckpoints = observe(input.samples.failedCheckpoints);
  const checkpointDuration = observe(input.samples.checkpointDuration);
  const downtime = input.samples.downtime && observe(input.samples.downtime);

  const reasons = [
    restartsEvidence(restarts, ctx),
    runningTimeEvidence(runningTime, ctx),
    downtimeEvidence(downtime, ctx),
    failedCheckpointsEvidence(failedCheckpoints, ctx),
    checkpointProgressEvidence(checkpointDuration, runningTime, ctx),
    checkpointDurationEvidence(checkpointDuration, ctx),
  ].filter((evidence): evidence is Evidence => evidence !== null);

  const hasAnyData = [restarts, runningTime, failedCheckpoints, checkpointDuration, downtime ?? []].some(
    (s) => s.length > 0,
  );
  // HEALTHY needs positive proof that the job is up: enough restart-counter or running-time datapoints.
  const jobSamples = Math.max(restarts.length, runningTime.length);
  const verdict = verdictFrom(reasons, hasAnyData, jobSamples >= policy.minSamples);
  if (verdict === "INCONCLUSIVE" && hasAnyData) {
    reasons.push({
      signal: runningTime.length >= restarts.length ? "runningTime" : "restarts",
      severity: "unknown",
      observation: `only ${jobSamples} job datapoints since the update; ${policy.minSamples} needed to call it healthy`,
    });
  }
  reasons.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { verdict, reasons, checkedAt: now };
}

function verdictFrom(reasons: readonly Evidence[], hasAnyData: boolean, hasEnoughJobData: boolean): HealthVerdict {
  if (!hasAnyData) return "INCONCLUSIVE";
  if (reasons.some((r) => r.severity === "unhealthy")) return "UNHEALTHY";
  if (reasons.some((r) => r.severity === "degraded")) return "DEGRADED";
  return hasEnoughJobData ? "HEALTHY" : "INCONCLUSIVE";
}

function newestTime(series: readonly Sample[][], fallback: Date): Date {
  const newest = Math.max(...series.map((s) => s.at(-1)?.t.getTime() ?? -Infinity));
  return Number.isFinite(newest) ? new Date(newest) : fallback;
}
