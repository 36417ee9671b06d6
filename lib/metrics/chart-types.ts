// The JSON a chart is drawn from: StitchedSeries with dates as ISO strings, as stored on UpgradeRun.metrics
// and as the GET route handlers send it.
import type { MetricUnit, Signal } from "./catalog";
import type { StitchedResult } from "./fetch-stitched";
import { worstProblemBySignal, type MetricProblem, type MetricProblemKind } from "./problems";
import type { StitchedSeries } from "./stitch";

/** Something the chart must say instead of (or next to) its line, e.g. a refused GetMetricData. */
export interface ChartProblem {
  kind: MetricProblemKind;
  message: string;
}

export interface ChartPoint {
  t: string;
  v: number;
  /** the metric the value was read from (fullRestarts before the upgrade, numRestarts after) */
  metric: string;
}

export interface ChartSeries {
  signal: Signal;
  label: string;
  unit: MetricUnit;
  points: ChartPoint[];
  nameChanges: { at: string; from: string; to: string }[];
  note: string | null;
  /** why this series could not be read (fully); absent in windows stored before problems were recorded */
  problem?: ChartProblem | null;
}

/** How coarse the points are, and why when coarser than the chart asked for (cadence, CloudWatch retention). */
export interface ChartResolution {
  /** seconds per datapoint */
  period: number;
  requestedPeriod: number;
  coarserReason: string | null;
}

export interface ChartEvent {
  at: string;
  label: string;
}

export interface ChartWindow {
  from: string;
  /** null while the run has no verdict yet: shaded to the end of the chart */
  to: string | null;
}

export interface ChartRange {
  start: string;
  end: string;
}

/** What a run's charts need, from the stored window or live from CloudWatch. */
export interface RunChartData extends ChartResolution {
  source: "stored" | "live";
  range: ChartRange;
  series: ChartSeries[];
  /** checkpoint size, CPU, heap: read live, on demand */
  extraSeries?: ChartSeries[];
  window: ChartWindow | null;
  baseline: { checkpointDurationMs: number | null };
  events: ChartEvent[];
  /** every problem of the reads behind the charts (per-series ones are also on their series) */
  problems: ChartProblem[];
}

export function toChartSeries(
  series: readonly StitchedSeries[],
  problems: readonly MetricProblem[] = [],
): ChartSeries[] {
  const problemBySignal = worstProblemBySignal(problems);
  return series.map((s) => {
    const problem = problemBySignal.get(s.signal);
    return {
      signal: s.signal,
      label: s.label,
      unit: s.unit,
      points: s.points.map((p) => ({ t: p.t.toISOString(), v: p.v, metric: p.metric })),
      nameChanges: s.nameChanges.map((c) => ({ at: c.at.toISOString(), from: c.from, to: c.to })),
      note: s.note,
      problem: problem ? { kind: problem.kind, message: problem.message } : null,
    };
  });
}

/** A fetch as the charts draw it: series with their problems, the period and why it is coarser than asked. */
export function toChartResult(result: StitchedResult): ChartResolution & {
  series: ChartSeries[];
  problems: ChartProblem[];
} {
  return {
    series: toChartSeries(result.series, result.problems),
    period: result.period,
    requestedPeriod: result.requestedPeriod,
    coarserReason: result.coarserReason,
    problems: result.problems.map((p) => ({ kind: p.kind, message: p.message })),
  };
}
