import { fetchMetricData, type MetricQuery } from "@/lib/metrics/fetch-metric-data";
import { counterIncrease } from "@/lib/metrics/counters";
import type { AwsScope } from "@/lib/aws/accounts";

export interface Instability {
  restarts: number | null;
  failedCheckpoints: number | null;
  lastCheckpointSizeBytes: number | null;
}

const day = 24 * 3600 * 1000;

/** Flink 2.2 removed fullRestarts; 1.x publishes it (numRestarts there is not documented). */
export function restartMetricFor(runtime: string): string {
  return /^FLINK-[2-9]/.test(runtime) ? "numRestarts" : "fullRestarts";
}

/**
 * Restarts, failed checkpoints and the largest checkpoint of the last 24 h for every application of
 * a region, batched into as few GetMetricData calls as possible (3 queries per application).
 */
export async function fetchRecentInstability(
  scope: AwsScope,
  apps: { name: string; runtime: string }[],
  now = new Date(),
): Promise<Map<string, Instability>> {
  const queries: MetricQuery[] = apps.flatMap((app, i) => [
    { id: `r${i}`, application: app.name, metric: restartMetricFor(app.runtime), stat: "Maximum", period: 300 },
    { id: `f${i}`, application: app.name, metric: "numberOfFailedCheckpoints", stat: "Maximum", period: 300 },
    { id: `s${i}`, application: app.name, metric: "lastCheckpointSize", stat: "Maximum", period: 86400 },
  ]);
  const series = await fetchMetricData(scope, queries, new Date(now.getTime() - day), now);
  return new Map(
    apps.map((app, i) => {
      const restarts = series.get(`r${i}`)?.values ?? [];
      const failed = series.get(`f${i}`)?.values ?? [];
      const sizes = series.get(`s${i}`)?.values ?? [];
      return [
        app.name,
        {
          restarts: restarts.length ? counterIncrease(restarts) : null,
          failedCheckpoints: failed.length ? counterIncrease(failed) : null,
          lastCheckpointSizeBytes: sizes.length ? Math.max(...sizes) : null,
        },
      ];
    }),
  );
}
