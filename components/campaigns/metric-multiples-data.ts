// What the small multiples draw: per application, restarts and failed checkpoints counted from the start of its
// stored window (the metrics are cumulative counters, and the runtime change resets them), on a time axis in minutes
// from its update call, so every chart shares both axes and an application that restarts stands out.
import type { ChartPoint, ChartProblem, ChartSeries, ChartWindow, ChartRange } from "@/lib/metrics/chart-types";

/** One application as /api/campaigns/[id]/metrics sends it. */
export interface CampaignMetricsApp {
  region: string;
  appName: string;
  runId: string;
  stage: number;
  stageName: string;
  state: string;
  finishedAt: string;
  source: "stored" | "live" | null;
  period: number | null;
  range: ChartRange | null;
  window: ChartWindow | null;
  series: ChartSeries[];
  problems: ChartProblem[];
}

export interface CampaignMetrics {
  apps: CampaignMetricsApp[];
  /** the campaign's planned applications, of which `apps` are the most recently finished */
  total: number;
}

export interface MultiplePoint {
  /** minutes from the update call (negative: before it) */
  x: number;
  restarts?: number;
  failedCheckpoints?: number;
}

export interface Multiple {
  app: CampaignMetricsApp;
  data: MultiplePoint[];
  /** the largest count drawn */
  peak: number;
  hasData: boolean;
}

export interface Multiples {
  charts: Multiple[];
  /** shared by every chart */
  xDomain: [number, number];
  yMax: number;
}

const minuteMs = 60_000;

/** A cumulative counter as its increase since the first point; a drop (restart of the counter) adds the new value. */
export function increaseOf(points: readonly ChartPoint[]): { t: number; v: number }[] {
  let total = 0;
  let previous: number | null = null;
  return points.map((p) => {
    if (previous !== null) total += p.v >= previous ? p.v - previous : p.v;
    previous = p.v;
    return { t: Date.parse(p.t), v: total };
  });
}

/** The update call, else the run's start (the stored window opens an hour before either). */
function anchorOf(app: CampaignMetricsApp): number | null {
  if (app.window) return Date.parse(app.window.from);
  if (app.range) return Date.parse(app.range.start) + 60 * minuteMs;
  return null;
}

const signals = ["restarts", "failedCheckpoints"] as const;

export function toMultiples(apps: readonly CampaignMetricsApp[]): Multiples {
  let after = 1;
  const charts = apps.map((app): Multiple => {
    const anchor = anchorOf(app);
    const byX = new Map<number, MultiplePoint>();
    let peak = 0;
    if (anchor !== null) {
      if (app.range) after = Math.max(after, (Date.parse(app.range.end) - anchor) / minuteMs);
      for (const signal of signals) {
        const series = app.series.find((s) => s.signal === signal);
        for (const p of increaseOf(series?.points ?? [])) {
          const x = Math.round(((p.t - anchor) / minuteMs) * 1000) / 1000;
          const point = byX.get(x) ?? { x };
          point[signal] = p.v;
          byX.set(x, point);
          peak = Math.max(peak, p.v);
        }
      }
    }
    const data = [...byX.values()].sort((a, b) => a.x - b.x);
    return { app, data, peak, hasData: data.length > 0 };
  });
  // As much of the hour before the update as the longest run took after it: enough to compare, not a flat hour.
  const before = Math.min(60, Math.max(1, after));
  return {
    charts,
    xDomain: [-Math.ceil(before), Math.ceil(after)],
    yMax: Math.max(0, ...charts.map((c) => c.peak)),
  };
}
