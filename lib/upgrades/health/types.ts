import type { Signal } from "@/lib/metrics/catalog";
import type { Pause } from "./pauses";

/** One datapoint of the metric the runtime publishes for a signal (see metrics.ts). */
export interface Sample {
  t: Date;
  v: number;
}

export interface HealthSamples {
  restarts: Sample[];
  runningTime: Sample[];
  failedCheckpoints: Sample[];
  checkpointDuration: Sample[];
  downtime?: Sample[];
}

export interface HealthBaseline {
  /** Median lastCheckpointDuration of the hour before the update; null when there was none. */
  checkpointDurationMs: number | null;
}

export interface HealthPolicy {
  /** HEALTHY and DEGRADED are only final once the job was watched this long. */
  observationWindowMs: number;
  /** Restarts (or running-time resets) inside the sliding window that make the job UNHEALTHY. */
  restartThreshold: number;
  restartWindowMs: number;
  /** Failed checkpoints inside the sliding window that make the job UNHEALTHY; fewer (but some) make it DEGRADED. */
  failedCheckpointThreshold: number;
  /** DEGRADED when the median checkpoint duration after the update exceeds factor × the baseline. */
  checkpointDurationFactor: number;
  /** DEGRADED when a job that has been up this long reported no checkpoint for this long. */
  checkpointStallMs: number;
  /** Fewer datapoints than this and a signal cannot vouch for a HEALTHY verdict. */
  minSamples: number;
}

export interface HealthInput {
  runtime: string;
  /** When the new job started (the update reached RUNNING); earlier samples belong to the old job and are ignored. */
  observedFrom: Date;
  now: Date;
  samples: HealthSamples;
  baseline: HealthBaseline;
  policy: HealthPolicy;
  /** MAINTENANCE / AUTOSCALING stretches: restarts and downtime there are MSF's doing, not the upgrade's. */
  pauses?: readonly Pause[];
  /** How often a datapoint exists (60 s on AWS); widens pauses so their datapoints are recognised. */
  cadenceMs?: number;
}

export type HealthVerdict = "HEALTHY" | "DEGRADED" | "UNHEALTHY" | "INCONCLUSIVE";

export type Severity = "ok" | "degraded" | "unhealthy" | "unknown";

export type HealthSignal = Extract<
  Signal,
  "restarts" | "runningTime" | "downtime" | "failedCheckpoints" | "checkpointDuration"
>;

export interface Evidence {
  /** A CloudWatch signal, "jobView" (the Flink job's own REST view) or "logs" (the job's CloudWatch Logs). */
  signal: HealthSignal | "jobView" | "logs";
  metric?: string;
  /** For a person: "4 restarts in the last 30 s (threshold 2)". */
  observation: string;
  severity: Severity;
}

export interface HealthResult {
  verdict: HealthVerdict;
  reasons: Evidence[];
  checkedAt: Date;
  /** Which signal the verdict came from: the job's own view or log (seconds) or CloudWatch (minutes). */
  decidedBy?: "job view" | "logs" | "CloudWatch";
}
