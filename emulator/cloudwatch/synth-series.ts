// Aggregates synthetic datapoints into CloudWatch periods.
// MSF publishes one datapoint per metric per cadence (60 s at real speed) on a fixed epoch-aligned grid, and a
// datapoint at t is only readable from t + ingestion delay (`visibleUntilMs`). Long ranges are evaluated on a coarser
// stride (a multiple of the cadence dividing the period) so a 24 h x 500-query call stays cheap; each evaluated
// datapoint then stands for stride/cadence datapoints in SampleCount and Sum.
import type { MetricDef } from "./metric-catalog";
import { publishedBy } from "./metric-catalog";
import type { BucketSummary } from "./stats";
import type { JobSpan } from "./synth-spans";
import { metricValueAt, type SynthEnv } from "./synth-values";
import { noise01 } from "./hash";
import { alignStart, retentionStart } from "./retention";

const JITTER_SEED = 0x51a7e;

const HOUR = 3_600_000;
/** Upper bound of evaluated samples per series; keeps GetMetricData over 24 h fast. */
export const MAX_EVALS_PER_SERIES = 4_000;

export interface SeriesQuery {
  spans: readonly JobSpan[];
  def: MetricDef;
  env: SynthEnv;
  /** Publish cadence: datapoints exist only at multiples of it. */
  cadenceMs: number;
  startMs: number;
  endMs: number;
  periodS: number;
  nowMs: number;
  /** Latest datapoint time readable at nowMs (now - ingestion delay). */
  visibleUntilMs: number;
  keepValues: boolean;
}

const STRIDE_LADDER_MS = [
  1000,
  2000,
  5000,
  10_000,
  15_000,
  20_000,
  30_000,
  60_000,
  120_000,
  300_000,
  600_000,
  900_000,
  1_800_000,
  HOUR,
];

export function strideFor(periodMs: number, rangeMs: number, baseMs: number): number {
  const candidates = [baseMs, baseMs * 2, baseMs * 5, ...STRIDE_LADDER_MS]
    .filter((stride) => stride % baseMs === 0 && periodMs % stride === 0)
    .sort((a, b) => a - b);
  return candidates.find((stride) => Math.ceil(rangeMs / stride) <= MAX_EVALS_PER_SERIES) ?? periodMs;
}

/** Non-empty periods in ascending order. */
export function aggregateSeries(q: SeriesQuery): BucketSummary[] {
  const periodMs = q.periodS * 1000;
  const cadence = Math.max(1, Math.round(q.cadenceMs));
  const first = alignStart(q.startMs, q.periodS, q.nowMs);
  const availableFrom = retentionStart(q.periodS, q.nowMs);
  const lastSample = Math.min(q.visibleUntilMs, q.nowMs);
  const spans = q.spans.filter((span) => publishedBy(q.def, span.family));
  const walk = { first, periodMs, cadence, availableFrom, lastSample, spans };
  // A period finer than (or not a multiple of) the cadence: only the buckets holding a grid datapoint have data.
  const onGrid = periodMs % cadence === 0 && first % cadence === 0;
  return onGrid ? aggregateByWindows(q, walk) : aggregateGridWalk(q, walk);
}

interface Walk {
  first: number;
  periodMs: number;
  cadence: number;
  availableFrom: number;
  lastSample: number;
  spans: readonly JobSpan[];
}

function aggregateByWindows(q: SeriesQuery, w: Walk): BucketSummary[] {
  const { first, periodMs, availableFrom, spans } = w;
  const rangeMs = Math.max(0, Math.min(q.endMs, w.lastSample + 1) - Math.max(first, availableFrom));
  const stride = strideFor(periodMs, rangeMs, w.cadence);
  const out: BucketSummary[] = [];
  let spanIndex = 0;
  // Periods entirely older than the retention have no data: start at the first one that may.
  let bucket = availableFrom > first ? first + Math.floor((availableFrom - first) / periodMs) * periodMs : first;
  while (bucket < q.endMs && bucket <= w.lastSample) {
    while (spanIndex < spans.length && spans[spanIndex]!.end <= bucket) spanIndex++;
    const nextSpan = spans[spanIndex];
    if (!nextSpan) break;
    if (nextSpan.start >= bucket + periodMs) {
      // Skip whole idle periods at once.
      bucket = first + Math.floor((nextSpan.start - first) / periodMs) * periodMs;
      continue;
    }
    const summary = summariseBucket(q, w, spanIndex, bucket, stride);
    if (summary) out.push(summary);
    bucket += periodMs;
  }
  return out;
}

function summariseBucket(
  q: SeriesQuery,
  w: Walk,
  startIndex: number,
  bucket: number,
  stride: number,
): BucketSummary | undefined {
  const { cadence, spans } = w;
  const ceilGrid = (at: number) => Math.ceil(at / cadence) * cadence;
  const slots = stride / cadence;
  const bucketEnd = bucket + w.periodMs;
  const firstSample = ceilGrid(w.availableFrom);
  let summary: BucketSummary | undefined;
  let spanIndex = startIndex;
  let window = bucket + Math.max(0, Math.floor((w.availableFrom - bucket) / stride)) * stride;
  while (window < bucketEnd && window <= w.lastSample) {
    const windowStart = window;
    const windowEnd = window + stride;
    while (spanIndex < spans.length && spans[spanIndex]!.end <= window) spanIndex++;
    const span = spans[spanIndex];
    if (!span || span.start >= bucketEnd) break;
    if (span.start >= windowEnd) {
      window = bucket + Math.floor((span.start - bucket) / stride) * stride;
      continue;
    }
    // Grid datapoint times in this window: [lo, hi).
    const lo = Math.max(window, ceilGrid(span.start), firstSample);
    const hi = Math.min(windowEnd, span.end, w.lastSample + 1);
    window = windowEnd;
    if (lo >= hi) continue;
    // One datapoint per window at a pseudo-random (deterministic) slot: a fixed slot would alias with periodic
    // signals, e.g. a 10 s restart loop sampled every 5 s would only ever show the same two phases.
    const slot = Math.floor(noise01(JITTER_SEED, stride, windowStart / cadence) * slots);
    const jittered = slots > 1 ? windowStart + slot * cadence : lo;
    const t = Math.min(Math.max(jittered, lo), ceilGrid(hi) - cadence);
    summary = addSample(summary, q, span, bucket, t, slots);
  }
  return summary;
}

/** Visits grid datapoints one by one (strided beyond MAX_EVALS_PER_SERIES) and files each into its period. */
function aggregateGridWalk(q: SeriesQuery, w: Walk): BucketSummary[] {
  const { first, periodMs, cadence, spans } = w;
  const from = Math.ceil(Math.max(first, w.availableFrom) / cadence) * cadence;
  const until = Math.min(w.lastSample, q.endMs + periodMs - 1);
  const stride = cadence * Math.max(1, Math.ceil((until - from) / cadence / MAX_EVALS_PER_SERIES));
  const out: BucketSummary[] = [];
  let current: BucketSummary | undefined;
  let spanIndex = 0;
  for (let t = from; t <= until; t += stride) {
    while (spanIndex < spans.length && spans[spanIndex]!.end <= t) spanIndex++;
    const span = spans[spanIndex];
    if (!span) break;
    if (span.start > t) {
      t = Math.ceil(span.start / stride) * stride - stride;
      continue;
    }
    const bucket = first + Math.floor((t - first) / periodMs) * periodMs;
    if (bucket >= q.endMs) break;
    if (current && current.t !== bucket) {
      out.push(current);
      current = undefined;
    }
    current = addSample(current, q, span, bucket, t, stride / cadence);
  }
  if (current) out.push(current);
  return out;
}

function addSample(
  summary: BucketSummary | undefined,
  q: SeriesQuery,
  span: JobSpan,
  bucket: number,
  t: number,
  weight: number,
): BucketSummary | undefined {
  const value = metricValueAt(q.def, span, t, q.env);
  if (value === undefined) return summary;
  if (!summary)
    summary = { t: bucket, count: 0, sum: 0, min: value, max: value, values: q.keepValues ? [] : undefined };
  summary.count += weight;
  summary.sum += value * weight;
  if (value < summary.min) summary.min = value;
  if (value > summary.max) summary.max = value;
  summary.values?.push(value);
  return summary;
}
