// The run page's charts: the stored window of a finished run (CloudWatch may have aged it out), else live.
import { db } from "@/lib/db";
import { formatRuntime } from "@/lib/format";
import { runtimeSegments } from "@/lib/upgrades/observation";
import { baselineOf, type Run } from "@/lib/upgrades/run-types";
import { fetchRunSeries, runWindow } from "@/lib/upgrades/stored-metrics";
import type { Signal } from "./catalog";
import { toChartSeries, type ChartEvent, type ChartSeries, type ChartWindow, type RunChartData } from "./chart-types";
import { fetchStitched } from "./fetch-stitched";

export const extraRunSignals: Signal[] = ["checkpointSize", "cpu", "heap"];

type MarkFields = Pick<
  Run,
  | "state"
  | "toRuntime"
  | "updateCalledAt"
  | "runningAt"
  | "verdict"
  | "verdictAt"
  | "rollbackCalledAt"
  | "rolledBackBy"
  | "finishedAt"
  | "outcome"
>;

const iso = (d: Date) => d.toISOString();

/** Snapshot ready, update called, RUNNING, verdict, rollback: what happened when, for the time axis. */
export function runEvents(run: MarkFields, snapshotReadyAt: Date | null): ChartEvent[] {
  const events: ChartEvent[] = [];
  if (snapshotReadyAt) events.push({ at: iso(snapshotReadyAt), label: "snapshot ready" });
  if (run.updateCalledAt)
    events.push({ at: iso(run.updateCalledAt), label: `update → ${formatRuntime(run.toRuntime)}` });
  if (run.runningAt) events.push({ at: iso(run.runningAt), label: "RUNNING" });
  if (run.verdictAt && run.verdict) events.push({ at: iso(run.verdictAt), label: `verdict: ${run.verdict}` });
  if (run.rollbackCalledAt)
    events.push({ at: iso(run.rollbackCalledAt), label: run.rolledBackBy === "MSF" ? "rollback (MSF)" : "rollback" });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * From the update call to the verdict (to the run's end when there was none, e.g. MSF rolled back first). While
 * the run is live a verdict is final only when UNHEALTHY; otherwise the window is still open.
 */
export function runChartWindow(
  run: Pick<Run, "state" | "updateCalledAt" | "verdict" | "verdictAt" | "finishedAt">,
): ChartWindow | null {
  if (!run.updateCalledAt) return null;
  const end =
    run.state === "DONE" ? (run.verdictAt ?? run.finishedAt) : run.verdict === "UNHEALTHY" ? run.verdictAt : null;
  return { from: iso(run.updateCalledAt), to: end ? iso(end) : null };
}

function storedSeries(run: Run): { series: ChartSeries[]; period: number } | null {
  if (run.state !== "DONE" || !run.metrics) return null;
  try {
    const stored = JSON.parse(run.metrics) as { series?: ChartSeries[]; period?: number };
    return Array.isArray(stored.series) && typeof stored.period === "number"
      ? { series: stored.series, period: stored.period }
      : null;
  } catch {
    return null;
  }
}

async function snapshotReadyAt(run: Run): Promise<Date | null> {
  if (!run.snapshotName) return null;
  const step = await db.upgradeStep.findUnique({ where: { runId_name: { runId: run.id, name: "snapshot" } } });
  return step?.status === "DONE" && step.finishedAt && step.note?.includes("READY") ? step.finishedAt : null;
}

async function liveSeries(runId: string, now: Date): Promise<{ series: ChartSeries[]; period: number }> {
  const { series, period } = await fetchRunSeries(runId, now);
  return { series: toChartSeries(series), period };
}

/** Null when the run does not exist. `extra` adds checkpoint size, CPU and heap, read live (one more call). */
export async function runChartData(
  runId: string,
  options: { extra?: boolean; now?: Date } = {},
): Promise<RunChartData | null> {
  const run = await db.upgradeRun.findUnique({ where: { id: runId } });
  if (!run) return null;
  const now = options.now ?? new Date();
  const window = runWindow(run, now);
  const stored = storedSeries(run);
  const main: { series: ChartSeries[]; period: number } = stored ?? (await liveSeries(runId, now));
  const extra = options.extra
    ? toChartSeries(
        (
          await fetchStitched(run.region, {
            application: run.appName,
            window,
            segments: runtimeSegments(run),
            signals: extraRunSignals,
            period: main.period,
          })
        ).series,
      )
    : undefined;
  return {
    source: stored ? "stored" : "live",
    period: main.period,
    range: { start: iso(window.start), end: iso(window.end) },
    series: main.series,
    ...(extra ? { extraSeries: extra } : {}),
    window: runChartWindow(run),
    baseline: { checkpointDurationMs: baselineOf(run).checkpointDurationMs ?? null },
    events: runEvents(run, await snapshotReadyAt(run)),
  };
}
