// A finished run's stored chart window travels with its page (issue 14). As ChartPoint objects it was 2,907
// {"t":"2026-12-06T08:29:55.000Z","v":0,"metric":"fullRestarts"} for one hour: 218 of the page's 298 KB, parsed in
// the browser's first seconds. Packed, each point is a time step and a value; the metric name is kept per run of
// points. Pure, so the round trip is tested without a browser.
import type { ChartPoint, ChartSeries, RunChartData } from "./chart-types";

export interface PackedPoints {
  /** epoch ms of the first point */
  t0: number;
  /** ms since the previous point (0 for the first) */
  dt: number[];
  v: number[];
  /** the metric name and how many consecutive points were read from it */
  metrics: [string, number][];
}

export type PackedSeries = Omit<ChartSeries, "points"> & { points: PackedPoints | ChartPoint[] };
export type PackedRunChartData = Omit<RunChartData, "series"> & { series: PackedSeries[] };

/** Times that `toISOString` writes back the same: any other form is sent as it was. */
const isCanonical = (t: string) => !Number.isNaN(Date.parse(t)) && new Date(Date.parse(t)).toISOString() === t;

export function packPoints(points: ChartPoint[]): PackedPoints | ChartPoint[] {
  if (points.length === 0 || !points.every((p) => isCanonical(p.t))) return points;
  const times = points.map((p) => Date.parse(p.t));
  const metrics: [string, number][] = [];
  for (const p of points) {
    const last = metrics.at(-1);
    if (last && last[0] === p.metric) last[1]++;
    else metrics.push([p.metric, 1]);
  }
  return {
    t0: times[0]!,
    dt: times.map((t, i) => (i === 0 ? 0 : t - times[i - 1]!)),
    v: points.map((p) => p.v),
    metrics,
  };
}

export function unpackPoints(packed: PackedPoints | ChartPoint[]): ChartPoint[] {
  if (Array.isArray(packed)) return packed;
  const names = packed.metrics.flatMap(([name, count]) => Array<string>(count).fill(name));
  let t = packed.t0;
  return packed.dt.map((step, i) => {
    t += step;
    return { t: new Date(t).toISOString(), v: packed.v[i]!, metric: names[i]! };
  });
}

export function packRunChartData(data: RunChartData): PackedRunChartData {
  return { ...data, series: data.series.map((s) => ({ ...s, points: packPoints(s.points) })) };
}

export function unpackRunChartData(data: PackedRunChartData): RunChartData {
  return { ...data, series: data.series.map((s) => ({ ...s, points: unpackPoints(s.points) })) };
}
