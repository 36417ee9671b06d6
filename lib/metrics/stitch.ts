// One continuous series per signal across runtime changes: each runtime segment of the window reads the
// metric its runtime publishes (catalog.ts), and the segments are joined where the runtime changed.
import {
  SIGNALS,
  dimensions,
  metricLabel,
  metricsFor,
  signalLabel,
  signalNote,
  type Dimension,
  type LagSource,
  type MetricSpec,
  type MetricUnit,
  type Signal,
} from "./catalog";
import { pickDimensions, type DimensionSets } from "./dimensions";
import type { MetricQuery, MetricSeries } from "./fetch-metric-data";
import { planPeriod, type PeriodChoice } from "./period";

export interface RuntimeSegment {
  /** When the application started running this runtime (e.g. the moment the update completed). */
  from: Date;
  runtime: string;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** A MetricQuery plus the dimension set it is published with (source metrics need more than {Application}). */
export interface StitchQuery extends MetricQuery {
  dimensions: Dimension[];
}

/** One signal during one runtime segment, clipped to the window. */
export interface SignalSpan {
  signal: Signal;
  runtime: string;
  from: Date;
  to: Date;
  /** The metric name, or "a + b + c" when several are summed. */
  metric: string;
  queryIds: string[];
}

export interface StitchPlan extends PeriodChoice {
  window: TimeWindow;
  signals: Signal[];
  queries: StitchQuery[];
  spans: SignalSpan[];
  unitBySignal: Partial<Record<Signal, MetricUnit>>;
}

export interface PlanStitchInput {
  application: string;
  window: TimeWindow;
  segments: readonly RuntimeSegment[];
  signals?: readonly Signal[];
  /** Needed for the lag signal only. */
  source?: LagSource;
  /** Seconds asked for; chosen from the window length when omitted. Raised to what CloudWatch can answer. */
  period?: number;
}

export interface PlanStitchOptions {
  /** From ListMetrics (dimensions.ts); without it every query uses the catalog's documented dimension set. */
  dimensionSets?: DimensionSets;
  /** For the retention rule; the current time by default. */
  now?: Date;
  /** MSF's publishing cadence; metricCadenceMs() by default. */
  cadenceMs?: number;
}

export interface StitchedPoint {
  t: Date;
  v: number;
  metric: string;
}

export interface NameChange {
  at: Date;
  from: string;
  to: string;
}

export interface StitchedSeries {
  signal: Signal;
  label: string;
  unit: MetricUnit;
  points: StitchedPoint[];
  nameChanges: NameChange[];
  /** About the runtime at the end of the window, e.g. "This runtime does not publish fullRestarts …". */
  note: string | null;
}

/** The segments that overlap the window, clipped to it; the first one is assumed to cover the window start. */
export function clipSegments(
  segments: readonly RuntimeSegment[],
  window: TimeWindow,
): { runtime: string; from: Date; to: Date }[] {
  const sorted = [...segments].sort((a, b) => a.from.getTime() - b.from.getTime());
  const start = window.start.getTime();
  const end = window.end.getTime();
  return sorted.flatMap((segment, i) => {
    const from = i === 0 ? start : Math.max(segment.from.getTime(), start);
    const to = Math.min(sorted[i + 1]?.from.getTime() ?? end, end);
    return to > from ? [{ runtime: segment.runtime, from: new Date(from), to: new Date(to) }] : [];
  });
}

function queryId(signal: Signal, metric: string): string {
  return `${signal}_${metric.replace(/[^a-zA-Z0-9_]/g, "_")}`;
}

/** Every query a chart of these signals needs, deduplicated so one GetMetricData call serves all segments. */
export function planStitch(input: PlanStitchInput, options: PlanStitchOptions = {}): StitchPlan {
  const signals = [...(input.signals ?? SIGNALS)];
  const periodChoice = planPeriod({
    window: input.window,
    requested: input.period,
    now: options.now,
    cadenceMs: options.cadenceMs,
  });
  const { period } = periodChoice;
  const queries = new Map<string, StitchQuery>();
  const spans: SignalSpan[] = [];
  const unitBySignal: Partial<Record<Signal, MetricUnit>> = {};
  const segments = clipSegments(input.segments, input.window);

  for (const signal of signals) {
    for (const segment of segments) {
      const specs = metricsFor(signal, segment.runtime, input.source);
      if (specs.length === 0) continue;
      unitBySignal[signal] ??= specs[0]!.unit;
      const queryIds = specs.map((spec) => addQuery(queries, signal, spec, period, input, options.dimensionSets));
      spans.push({
        signal,
        runtime: segment.runtime,
        from: segment.from,
        to: segment.to,
        metric: metricLabel(specs),
        queryIds,
      });
    }
  }
  return { window: input.window, ...periodChoice, signals, queries: [...queries.values()], spans, unitBySignal };
}

function addQuery(
  queries: Map<string, StitchQuery>,
  signal: Signal,
  spec: MetricSpec,
  period: number,
  input: PlanStitchInput,
  dimensionSets: DimensionSets | undefined,
): string {
  const id = queryId(signal, spec.metric);
  if (!queries.has(id)) {
    const documented =
      spec.dimensionSet === "source" ? dimensions(input.application, input.source) : dimensions(input.application);
    const dims = pickDimensions(dimensionSets, spec.metric, documented);
    queries.set(id, {
      id,
      application: input.application,
      metric: spec.metric,
      stat: spec.stat,
      period,
      dimensions: dims,
    });
  }
  return id;
}

/** Adds the parts of a summed signal point by point (CloudWatch aligns timestamps of equal periods). */
function sumSeries(parts: readonly (MetricSeries | undefined)[]): Map<number, number> {
  const sums = new Map<number, number>();
  for (const series of parts) {
    if (!series) continue;
    series.timestamps.forEach((t, i) => {
      const v = series.values[i];
      if (v === undefined) return;
      sums.set(t.getTime(), (sums.get(t.getTime()) ?? 0) + v);
    });
  }
  return sums;
}

/**
 * Joins the per-metric results of a plan into one series per signal. Each span keeps only its own
 * stretch of time, so a metric both runtimes publish (uptime on 2.2) never bleeds across the boundary.
 */
export function stitchSeries(plan: StitchPlan, results: ReadonlyMap<string, MetricSeries>): StitchedSeries[] {
  return plan.signals.flatMap((signal) => {
    const spans = plan.spans.filter((span) => span.signal === signal);
    const unit = plan.unitBySignal[signal];
    if (spans.length === 0 || !unit) return [];
    const points: StitchedPoint[] = [];
    const nameChanges: NameChange[] = [];
    spans.forEach((span, i) => {
      // The outer spans stay open so a datapoint stamped just outside the clipped window is not lost.
      const from = i === 0 ? -Infinity : span.from.getTime();
      const to = i === spans.length - 1 ? Infinity : span.to.getTime();
      const sums = sumSeries(span.queryIds.map((id) => results.get(id)));
      for (const [t, v] of sums) {
        if (t >= from && t < to) points.push({ t: new Date(t), v, metric: span.metric });
      }
      const previous = spans[i - 1];
      if (previous && previous.metric !== span.metric)
        nameChanges.push({ at: span.from, from: previous.metric, to: span.metric });
    });
    points.sort((a, b) => a.t.getTime() - b.t.getTime());
    const lastRuntime = spans[spans.length - 1]!.runtime;
    return [{ signal, label: signalLabel(signal), unit, points, nameChanges, note: signalNote(signal, lastRuntime) }];
  });
}
