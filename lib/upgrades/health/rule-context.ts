import { formatDuration } from "@/lib/format";
import type { HealthMetrics } from "./metrics";
import type { HealthBaseline, HealthPolicy, Sample } from "./types";

export interface RuleContext {
  observedFrom: Date;
  now: Date;
  policy: HealthPolicy;
  baseline: HealthBaseline;
  metrics: HealthMetrics;
}

/** The sliding restart window, never reaching back before the update (old-job restarts do not count). */
export function restartWindowStart(ctx: RuleContext): Date {
  return new Date(Math.max(ctx.observedFrom.getTime(), ctx.now.getTime() - ctx.policy.restartWindowMs));
}

export function inRestartWindow(samples: readonly Sample[], ctx: RuleContext): Sample[] {
  const start = restartWindowStart(ctx);
  return samples.filter((s) => s.t >= start);
}

/** "in the last 30 s" for the sliding window. */
export function restartWindowPhrase(ctx: RuleContext): string {
  return `in the last ${formatDuration(ctx.now.getTime() - restartWindowStart(ctx).getTime())}`;
}

/** "since the update 4 min 10 s ago" for the whole observation. */
export function observationPhrase(ctx: RuleContext): string {
  return `since the update ${formatDuration(ctx.now.getTime() - ctx.observedFrom.getTime())} ago`;
}
