import { plural } from "./samples";
import type { HealthPolicy } from "./types";

/** The policy fields a person sets in the wizard, where a refusal is shown. */
export type PolicyField = "observationWindowMs" | "restartThreshold" | "failedCheckpointThreshold";

export interface PolicyIssue {
  field: PolicyField;
  message: string;
}

/** Datapoints a window of this length is sure to hold, wherever it starts between two publications. */
export function datapointsIn(windowMs: number, cadenceMs: number): number {
  return Math.floor(windowMs / cadenceMs + 1e-9);
}

/** "5 min", "90 s", "1.5 s": windows as the wizard's seconds field would say them. */
function span(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

function cadencePhrase(cadenceMs: number): string {
  return cadenceMs === 60_000 ? "once a minute" : `every ${span(cadenceMs)}`;
}

function observationIssue(policy: HealthPolicy, cadenceMs: number): PolicyIssue | null {
  // One more than minSamples: the first datapoint after the update is only the starting point of the counters.
  const needed = policy.minSamples + 1;
  const held = datapointsIn(policy.observationWindowMs, cadenceMs);
  if (held >= needed) return null;
  return {
    field: "observationWindowMs",
    message:
      `Too short: MSF publishes metrics ${cadencePhrase(cadenceMs)}, so ${span(policy.observationWindowMs)} ` +
      `holds ${plural(held, "datapoint")} and a verdict needs ${needed} (${policy.minSamples} plus a starting point). ` +
      `Watch for at least ${Math.ceil((needed * cadenceMs) / 1000)} s.`,
  };
}

/** The sliding window at the final verdict: it never reaches back before the update, so it is the shorter one. */
function slidingWindowMs(policy: HealthPolicy): number {
  return Math.min(policy.restartWindowMs, policy.observationWindowMs);
}

function advice(held: number): string {
  return held >= 2 ? `Use at most ${held - 1}, or watch longer.` : "Watch longer: no threshold can be reached.";
}

// A loop shows as a reset of runningTime between two datapoints, so N restarts need N + 1 of them.
function restartIssue(policy: HealthPolicy, cadenceMs: number): PolicyIssue | null {
  const windowMs = slidingWindowMs(policy);
  const held = datapointsIn(windowMs, cadenceMs);
  const needed = policy.restartThreshold + 1;
  if (held >= needed) return null;
  return {
    field: "restartThreshold",
    message:
      `Unreachable: ${policy.restartThreshold} restarts need ${needed} datapoints (one before and one after each), ` +
      `and the ${span(windowMs)} sliding window holds ${held} (metrics arrive ${cadencePhrase(cadenceMs)}). ${advice(held)}`,
  };
}

// MSF's DEFAULT checkpointing runs once a minute, the metric cadence, so at most one failure lands per
// datapoint: a threshold above that can never turn the verdict UNHEALTHY within the window.
function failedCheckpointIssue(policy: HealthPolicy, cadenceMs: number): PolicyIssue | null {
  const windowMs = slidingWindowMs(policy);
  const held = datapointsIn(windowMs, cadenceMs);
  const needed = policy.failedCheckpointThreshold + 1;
  if (held >= needed) return null;
  return {
    field: "failedCheckpointThreshold",
    message:
      `Unreachable: ${policy.failedCheckpointThreshold} failed checkpoints need ${needed} datapoints ` +
      `(checkpoints run about once per datapoint), and the ${span(windowMs)} sliding window holds ${held}. ${advice(held)}`,
  };
}

/** Every reason this policy cannot be judged at the metric cadence, with the field each one is about. */
export function policyIssues(policy: HealthPolicy, cadenceMs: number): PolicyIssue[] {
  if (!(cadenceMs > 0) || !Number.isFinite(cadenceMs))
    throw new RangeError(`metric cadence must be a positive number of ms, got ${cadenceMs}`);
  return [observationIssue, restartIssue, failedCheckpointIssue].flatMap((rule) => rule(policy, cadenceMs) ?? []);
}

/** The reasons alone, for logs and callers that have no form to point at. */
export function policyProblems(policy: HealthPolicy, cadenceMs: number): string[] {
  return policyIssues(policy, cadenceMs).map((issue) => issue.message);
}
