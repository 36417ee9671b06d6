import { formatDuration } from "@/lib/format";
import { counterGrowth } from "./pauses";
import { observationPhrase, restartWindowPhrase, restartWindowStart, type RuleContext } from "./rule-context";
import { median, plural } from "./samples";
import type { Evidence, Sample } from "./types";

/**
 * Failed checkpoints inside the sliding window. Repeated failures mean the new job cannot persist its state
 * (UNHEALTHY at the threshold); a single one can be a transient storage hiccup (DEGRADED). A window rather than
 * "since the update", so a failure that starts late in the observation is judged at the same rate.
 */
export function failedCheckpointsEvidence(samples: readonly Sample[], ctx: RuleContext): Evidence {
  const metric = ctx.metrics.failedCheckpoints;
  const phrase = restartWindowPhrase(ctx);
  const { growth: count, points } = counterGrowth(samples, restartWindowStart(ctx), ctx.pauses, ctx.pauseMarginMs);
  if (points === 0)
    return {
      signal: "failedCheckpoints",
      metric,
      severity: "unknown",
      observation: `no ${metric} datapoints ${phrase}`,
    };
  const threshold = ctx.policy.failedCheckpointThreshold;
  const severity = count >= threshold ? "unhealthy" : count > 0 ? "degraded" : "ok";
  return {
    signal: "failedCheckpoints",
    metric,
    severity,
    observation: `${plural(count, "failed checkpoint")} ${phrase} (threshold ${threshold})`,
  };
}

/**
 * No checkpoint reported for a stretch while the job has been up longer than that stretch. Only
 * judged when the job checkpointed before the upgrade: without a baseline checkpointing may be off.
 * MSF publishes no completed-checkpoint counter, so a missing lastCheckpointDuration is the proxy.
 */
export function checkpointProgressEvidence(
  durations: readonly Sample[],
  runningTime: readonly Sample[],
  ctx: RuleContext,
): Evidence | null {
  const stallMs = ctx.policy.checkpointStallMs;
  const lastRunning = runningTime[runningTime.length - 1];
  if (!lastRunning || lastRunning.v < stallMs) return null;
  // Measured back from the last running datapoint, not from now, so CloudWatch ingestion delay is no stall.
  const since = lastRunning.t.getTime() - stallMs;
  if (durations.some((s) => s.t.getTime() >= since)) return null;
  const metric = ctx.metrics.checkpointDuration;
  const phrase = `no ${metric} datapoint in the last ${formatDuration(stallMs)} while the job was up for ${formatDuration(lastRunning.v)}`;
  return ctx.baseline.checkpointDurationMs === null
    ? {
        signal: "checkpointDuration",
        metric,
        severity: "unknown",
        observation: `${phrase} (no pre-upgrade checkpoints either: checkpointing may be off)`,
      }
    : {
        signal: "checkpointDuration",
        metric,
        severity: "degraded",
        observation: `${phrase}: checkpoints are not completing`,
      };
}

/**
 * Median checkpoint duration after the update against the same application's pre-upgrade median.
 * Slow checkpoints hurt recovery time but lose nothing, so this never goes past DEGRADED.
 */
export function checkpointDurationEvidence(samples: readonly Sample[], ctx: RuleContext): Evidence {
  const metric = ctx.metrics.checkpointDuration;
  const baseline = ctx.baseline.checkpointDurationMs;
  const { minSamples, checkpointDurationFactor: factor } = ctx.policy;
  if (baseline === null) {
    return {
      signal: "checkpointDuration",
      metric,
      severity: "unknown",
      observation: `no pre-upgrade ${metric} to compare with`,
    };
  }
  const after = median(samples.map((s) => s.v));
  if (after === null || samples.length < minSamples) {
    return {
      signal: "checkpointDuration",
      metric,
      severity: "unknown",
      observation: `${plural(samples.length, `${metric} datapoint`)} ${observationPhrase(ctx)} (${minSamples} needed)`,
    };
  }
  const ratio = after / Math.max(baseline, 1);
  return {
    signal: "checkpointDuration",
    metric,
    severity: ratio > factor ? "degraded" : "ok",
    observation: `median ${formatDuration(after)} vs ${formatDuration(baseline)} before the upgrade (${ratio.toFixed(1)}×, threshold ${factor}×)`,
  };
}
