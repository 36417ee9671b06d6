// The application page's charts: the last 3 h, 24 h or 7 d, stitched across the runtime changes our runs made.
import type { AppKey } from "@/lib/aws/accounts";
import { db } from "@/lib/db";
import { formatRuntime } from "@/lib/format";
import { getFleetApp } from "@/lib/fleet/queries";
import { runtimeSegments } from "@/lib/upgrades/observation";
import type { Run } from "@/lib/upgrades/run-types";
import { appRanges, type AppRange } from "./app-range";
import type { Signal } from "./catalog";
import {
  toChartResult,
  type ChartEvent,
  type ChartProblem,
  type ChartRange,
  type ChartResolution,
  type ChartSeries,
  type ChartWindow,
} from "./chart-types";
import { fetchStitched } from "./fetch-stitched";
import { runChartWindow } from "./run-chart";
import type { RuntimeSegment } from "./stitch";

export const mainAppSignals: Signal[] = ["restarts", "runningTime", "failedCheckpoints", "checkpointDuration"];
export const extraAppSignals: Signal[] = ["checkpointSize", "cpu", "heap"];

type SegmentRun = Pick<
  Run,
  "fromRuntime" | "toRuntime" | "updateCalledAt" | "outcome" | "finishedAt" | "rollbackCalledAt"
>;

/**
 * The runtimes the application ran over time, from our runs (each run's own segments, in order). Without runs,
 * or when the inventory shows a runtime the runs do not explain (changed outside this tool), the current
 * runtime is assumed for the whole window.
 */
export function appSegments(currentRuntime: string, runs: readonly SegmentRun[]): RuntimeSegment[] {
  const changed = runs
    .filter((r) => r.updateCalledAt && r.toRuntime !== r.fromRuntime)
    .sort((a, b) => a.updateCalledAt!.getTime() - b.updateCalledAt!.getTime());
  if (changed.length === 0) return [{ from: new Date(0), runtime: currentRuntime }];
  const segments: RuntimeSegment[] = [{ from: new Date(0), runtime: changed[0]!.fromRuntime }];
  for (const run of changed) segments.push(...runtimeSegments(run).slice(1));
  return segments[segments.length - 1]!.runtime === currentRuntime
    ? segments
    : [{ from: new Date(0), runtime: currentRuntime }];
}

export interface AppChartData extends ChartResolution {
  range: AppRange;
  window: ChartRange;
  runtime: string;
  series: ChartSeries[];
  extraSeries: ChartSeries[];
  events: ChartEvent[];
  /** the most recent run's upgrade window, when it falls in the range */
  upgradeWindow: ChartWindow | null;
  problems: ChartProblem[];
}

type EventRun = SegmentRun & Pick<Run, "id" | "state" | "verdictAt" | "verdict" | "rolledBackBy">;

/** Our runs' updates and rollbacks inside the range, for the time axis. */
export function appEvents(
  runs: readonly EventRun[],
  start: Date,
  end: Date,
): { events: ChartEvent[]; upgradeWindow: ChartWindow | null } {
  const inRange = (d: Date | null): d is Date => d !== null && d >= start && d <= end;
  const events: ChartEvent[] = [];
  let upgradeWindow: ChartWindow | null = null;
  for (const run of [...runs].sort((a, b) => (a.updateCalledAt?.getTime() ?? 0) - (b.updateCalledAt?.getTime() ?? 0))) {
    if (inRange(run.updateCalledAt)) {
      events.push({ at: run.updateCalledAt.toISOString(), label: `update → ${formatRuntime(run.toRuntime)}` });
      upgradeWindow = runChartWindow(run);
    }
    if (inRange(run.verdictAt) && run.verdict)
      events.push({ at: run.verdictAt.toISOString(), label: `verdict: ${run.verdict}` });
    if (inRange(run.rollbackCalledAt))
      events.push({
        at: run.rollbackCalledAt.toISOString(),
        label: run.rolledBackBy === "MSF" ? "rollback (MSF)" : "rollback",
      });
  }
  return { events: events.sort((a, b) => a.at.localeCompare(b.at)), upgradeWindow };
}

/** Every signal of the page (main and on-demand) from one GetMetricData call; null when the app is unknown. */
export async function fetchAppSeries(key: AppKey, range: AppRange, now = new Date()): Promise<AppChartData | null> {
  const { account, region, name } = key;
  const app = await getFleetApp(key);
  if (!app) return null;
  const window = { start: new Date(now.getTime() - appRanges[range]), end: now };
  const runs = await db.upgradeRun.findMany({
    where: { account, region, appName: name, kind: "UPGRADE", updateCalledAt: { not: null } },
    select: {
      id: true,
      state: true,
      fromRuntime: true,
      toRuntime: true,
      updateCalledAt: true,
      outcome: true,
      finishedAt: true,
      rollbackCalledAt: true,
      verdictAt: true,
      verdict: true,
      rolledBackBy: true,
    },
    orderBy: { updateCalledAt: "asc" },
  });
  const fetched = await fetchStitched(
    { account, region },
    {
      application: name,
      window,
      segments: appSegments(app.runtime, runs),
      signals: [...mainAppSignals, ...extraAppSignals],
    },
  );
  const { series, period, requestedPeriod, coarserReason, problems } = toChartResult(fetched);
  const { events, upgradeWindow } = appEvents(runs, window.start, window.end);
  return {
    range,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    period,
    requestedPeriod,
    coarserReason,
    runtime: app.runtime,
    series: series.filter((s) => mainAppSignals.includes(s.signal)),
    extraSeries: series.filter((s) => extraAppSignals.includes(s.signal)),
    events,
    upgradeWindow,
    problems,
  };
}
