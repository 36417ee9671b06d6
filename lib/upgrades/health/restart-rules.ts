import { formatDuration } from "@/lib/format";
import { counterGrowth, touchesPause } from "./pauses";
import { inRestartWindow, restartWindowPhrase, restartWindowStart, type RuleContext } from "./rule-context";
import { plural } from "./samples";
import type { Evidence, Sample, Severity } from "./types";

function severityForCount(count: number, threshold: number): Severity {
  if (count >= threshold) return "unhealthy";
  return count > 0 ? "degraded" : "ok";
}

/**
 * Restart counter growth inside the sliding window. Why a window: a loop is a rate, and one restart is a blip.
 * Restarts during MAINTENANCE or AUTOSCALING are MSF's own and never count.
 */
export function restartsEvidence(samples: readonly Sample[], ctx: RuleContext): Evidence {
  const metric = ctx.metrics.restarts;
  const phrase = restartWindowPhrase(ctx);
  const { growth: count, points } = counterGrowth(samples, restartWindowStart(ctx), ctx.pauses, ctx.pauseMarginMs);
  if (points === 0)
    return { signal: "restarts", metric, severity: "unknown", observation: `no ${metric} datapoints ${phrase}` };
  const threshold = ctx.policy.restartThreshold;
  return {
    signal: "restarts",
    metric,
    severity: severityForCount(count, threshold),
    observation: `${plural(count, "restart")} ${phrase} (threshold ${threshold})`,
  };
}

/**
 * Running time only goes down when the job restarted, so repeated drops (the saw-tooth) are a loop even
 * when the restart counter is missing. A flat running time means no job is running despite RUNNING.
 */
export function runningTimeEvidence(samples: readonly Sample[], ctx: RuleContext): Evidence {
  const metric = ctx.metrics.runningTime;
  const window = inRestartWindow(samples, ctx);
  const phrase = restartWindowPhrase(ctx);
  const first = window[0];
  const last = window[window.length - 1];
  if (!first || !last)
    return { signal: "runningTime", metric, severity: "unknown", observation: `no ${metric} datapoints ${phrase}` };
  const resets = window.filter(
    (s, i) => i > 0 && s.v < window[i - 1]!.v && !touchesPause(window[i - 1]!.t, s.t, ctx.pauses, ctx.pauseMarginMs),
  ).length;
  const threshold = ctx.policy.restartThreshold;
  if (resets > 0) {
    return {
      signal: "runningTime",
      metric,
      severity: severityForCount(resets, threshold),
      observation: `${metric} dropped back ${plural(resets, "time")} ${phrase} (threshold ${threshold})`,
    };
  }
  if (window.length >= ctx.policy.minSamples && last.v <= first.v) {
    return {
      signal: "runningTime",
      metric,
      severity: "degraded",
      observation: `${metric} stuck at ${formatDuration(last.v)} over ${window.length} datapoints: the job is not running`,
    };
  }
  return {
    signal: "runningTime",
    metric,
    severity: "ok",
    observation: `${metric} grew to ${formatDuration(last.v)} without a reset`,
  };
}

/**
 * Downtime (restarting + failing + cancelling on 2.2) is 0 for a running job. It only supports the
 * restart rules: maintenance also causes 10–30 s of it, so on its own it never goes past DEGRADED.
 */
export function downtimeEvidence(samples: readonly Sample[] | undefined, ctx: RuleContext): Evidence | null {
  if (samples === undefined) return null;
  const metric = ctx.metrics.downtime;
  const window = inRestartWindow(samples, ctx);
  const phrase = restartWindowPhrase(ctx);
  if (window.length === 0)
    return { signal: "downtime", metric, severity: "unknown", observation: `no ${metric} datapoints ${phrase}` };
  const worst = Math.max(...window.map((s) => s.v));
  return worst > 0
    ? {
        signal: "downtime",
        metric,
        severity: "degraded",
        observation: `${metric} reached ${formatDuration(worst)} ${phrase}: the job was failing or restarting`,
      }
    : { signal: "downtime", metric, severity: "ok", observation: `${metric} stayed at 0 ${phrase}` };
}
