import { formatDuration } from "@/lib/format";
import type { HealthMetrics } from "./metrics";
import type { Pause } from "./pauses";
import type { HealthBaseline, HealthPolicy, Sample } from "./types";

export interface RuleContext {
  observedFrom: Date;
  now: Date;
  policy: HealthPolicy;
  baseline: HealthBaseline;
  metrics: HealthMetrics;
  pauses: readonly Pause[];
  /** The newest datapoint's time (or now, without data): where the sliding window ends. */
  dataEnd: Date;
  /** Margin around pauses: one datapoint plus one poll. */
  pauseMarginMs: number;
}

/**
 * The sliding restart window, never reaching back before the update (old-job restarts do not count). It ends at
 * the newest datapoint, not at the wall clock: CloudWatch is minutes late, and a window anchored at "now" would
 * hold minutes less data than the policy says.
 */
export function restartWindowStart(ctx: RuleContext): Date {
  return new Date(Math.max(ctx.observedFrom.getTime(), ctx.dataEnd.getTime() - ctx.policy.restartWindowMs));
}

export function inRestartWindow(samples: readonly Sample[], ctx: RuleContext): Sample[] {
  const start = restartWindowStart(ctx);
  return samples.filter((s) => s.t >= start);
}

/** "in the last 30 s of data" for the sliding window. */
export function restartWindowPhrase(ctx: RuleContext): string {
  return `in the last ${formatDuration(ctx.dataEnd.getTime() - restartWindowStart(ctx).getTime())} of data`;
}

/** "since the update 4 min 10 s ago" for the whole observation. */
export function observationPhrase(ctx: RuleContext): string {
  return `since the update ${formatDuration(ctx.now.getTime() - ctx.observedFrom.getTime())} ago`;
}
