// The JSON a chart is drawn from: StitchedSeries with dates as ISO strings, as stored on UpgradeRun.metrics
// and as the GET route handlers send it.
import type { MetricUnit, Signal } from "./catalog";
import type { StitchedSeries } from "./stitch";

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
export interface RunChartData {
  source: "stored" | "live";
  period: number;
  range: ChartRange;
  series: ChartSeries[];
  /** checkpoint size, CPU, heap: read live, on demand */
  extraSeries?: ChartSeries[];
  window: ChartWindow | null;
  baseline: { checkpointDurationMs: number | null };
  events: ChartEvent[];
}

export function toChartSeries(series: readonly StitchedSeries[]): ChartSeries[] {
  return series.map((s) => ({
    signal: s.signal,
    label: s.label,
    unit: s.unit,
    points: s.points.map((p) => ({ t: p.t.toISOString(), v: p.v, metric: p.metric })),
    nameChanges: s.nameChanges.map((c) => ({ at: c.at.toISOString(), from: c.from, to: c.to })),
    note: s.note,
  }));
}
