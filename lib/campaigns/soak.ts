import { fetchStitched } from "@/lib/metrics/fetch-stitched";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import { evaluateHealth, HEALTH_SIGNALS, samplesFromSeries, type HealthResult } from "@/lib/upgrades/health";
import { baselineOf, optionsOf, runScope, type Run } from "@/lib/upgrades/run-types";
import { timings } from "@/lib/upgrades/timing";

/**
 * The same health verdict as the run's observation, over what the application did since its run ended: a job that
 * starts restart-looping during the soak is a late failure. Null when CloudWatch could not be read.
 */
export async function recheckHealth(run: Run, now: Date): Promise<HealthResult | null> {
  const since = run.finishedAt ?? run.runningAt ?? now;
  const { series, status } = await fetchStitched(runScope(run), {
    application: run.appName,
    window: { start: since, end: now },
    segments: [{ from: since, runtime: run.toRuntime }],
    signals: HEALTH_SIGNALS,
  });
  if (status === "forbidden" || status === "failed") return null;
  return evaluateHealth({
    runtime: run.toRuntime,
    observedFrom: since,
    now,
    samples: samplesFromSeries(series),
    baseline: { checkpointDurationMs: baselineOf(run).checkpointDurationMs ?? null },
    policy: optionsOf(run).policy,
    cadenceMs: metricCadenceMs() + timings().pollMs,
  });
}
