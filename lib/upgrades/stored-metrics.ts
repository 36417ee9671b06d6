import { db } from "@/lib/db";
import { runScope } from "./run-types";
import { fetchStitched } from "@/lib/metrics/fetch-stitched";
import { choosePeriod } from "@/lib/metrics/period";
import type { StitchedSeries } from "@/lib/metrics/stitch";
import { runtimeSegments } from "./observation";

const hourMs = 3600_000;
export const chartSignals = ["restarts", "runningTime", "failedCheckpoints", "checkpointDuration"] as const;

/** The upgrade window as a chart needs it: one hour before the update to now (or the run's end). */
export function runWindow(
  run: { createdAt: Date; updateCalledAt: Date | null; finishedAt: Date | null },
  now = new Date(),
) {
  const anchor = run.updateCalledAt ?? run.createdAt;
  return { start: new Date(anchor.getTime() - hourMs), end: run.finishedAt ?? now };
}

const focusAtLeastMs = 30 * 60_000;
const highResolutionRetentionMs = 3 * hourMs;

/**
 * The period is chosen for the upgrade itself (update → end, at least 30 min), not for the baseline hour
 * in front of it, so a one-minute upgrade still has its own points. CloudWatch keeps sub-minute data for
 * 3 h only: older windows fall back to one-minute periods.
 */
export function runPeriod(
  run: { createdAt: Date; updateCalledAt: Date | null; finishedAt: Date | null },
  now = new Date(),
): number {
  const window = runWindow(run, now);
  const anchor = run.updateCalledAt ?? run.createdAt;
  const period = choosePeriod(Math.max(window.end.getTime() - anchor.getTime(), focusAtLeastMs));
  return now.getTime() - window.start.getTime() > highResolutionRetentionMs ? Math.max(period, 60) : period;
}

export async function fetchRunSeries(
  runId: string,
  now = new Date(),
): Promise<{ series: StitchedSeries[]; period: number }> {
  const run = await db.upgradeRun.findUniqueOrThrow({ where: { id: runId } });
  return fetchStitched(runScope(run), {
    application: run.appName,
    window: runWindow(run, now),
    segments: runtimeSegments(run),
    signals: [...chartSignals],
    period: runPeriod(run, now),
  });
}

/** When a run ends its series are kept with it, so history still draws them after CloudWatch ages them out. */
export async function storeRunMetrics(runId: string): Promise<void> {
  const data = await fetchRunSeries(runId);
  await db.upgradeRun.update({ where: { id: runId }, data: { metrics: JSON.stringify(data) } });
}
