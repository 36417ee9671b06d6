// The health check reads each signal from the metric its runtime publishes (lib/metrics/catalog.ts):
// fullRestarts/uptime/downtime on 1.x, numRestarts/runningTime/restarting+failing+cancelling on 2.2.
import { metricLabel, metricsFor } from "@/lib/metrics/catalog";
import type { StitchedSeries } from "@/lib/metrics/stitch";
import type { HealthSamples, HealthSignal } from "./types";

export const HEALTH_SIGNALS: readonly HealthSignal[] = [
  "restarts",
  "runningTime",
  "downtime",
  "failedCheckpoints",
  "checkpointDuration",
];

export type HealthMetrics = Record<HealthSignal, string>;

export function healthMetricsFor(runtime: string): HealthMetrics {
  const label = (signal: HealthSignal) => metricLabel(metricsFor(signal, runtime));
  return {
    restarts: label("restarts"),
    runningTime: label("runningTime"),
    downtime: label("downtime"),
    failedCheckpoints: label("failedCheckpoints"),
    checkpointDuration: label("checkpointDuration"),
  };
}

/** Health samples from stitched chart series (planStitch over HEALTH_SIGNALS), so both share one fetch. */
export function samplesFromSeries(series: readonly StitchedSeries[]): HealthSamples {
  const pointsOf = (signal: HealthSignal) =>
    series.find((s) => s.signal === signal)?.points.map(({ t, v }) => ({ t, v }));
  return {
    restarts: pointsOf("restarts") ?? [],
    runningTime: pointsOf("runningTime") ?? [],
    failedCheckpoints: pointsOf("failedCheckpoints") ?? [],
    checkpointDuration: pointsOf("checkpointDuration") ?? [],
    downtime: pointsOf("downtime"),
  };
}
