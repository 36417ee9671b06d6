import { median, samplesBetween } from "./samples";
import type { HealthBaseline, Sample } from "./types";

const hourMs = 3600_000;

/** The pre-upgrade baseline: median lastCheckpointDuration of the hour before the update started. */
export function baselineFrom(
  checkpointDuration: readonly Sample[],
  updateStartedAt: Date,
  lookbackMs = hourMs,
): HealthBaseline {
  const before = samplesBetween(
    checkpointDuration,
    new Date(updateStartedAt.getTime() - lookbackMs),
    updateStartedAt,
  ).filter((s) => s.t < updateStartedAt);
  return { checkpointDurationMs: median(before.map((s) => s.v)) };
}
