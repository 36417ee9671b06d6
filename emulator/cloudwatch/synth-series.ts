// Aggregates synthetic samples into CloudWatch periods.
// Raw samples exist every `baseMs` (1 s; finer when the restart loop is shorter than 4 s, so a test-speed saw-tooth
// stays visible). Long ranges are evaluated on a coarser stride (a divisor of the period) so a 24 h x 500-query call
// stays cheap; each evaluated sample then stands for stride/baseMs raw samples in SampleCount and Sum.
import type { MetricDef } from "./metric-catalog";
import { publishedBy } from "./metric-catalog";
import type { BucketSummary } from "./stats";
import type { JobSpan } from "./synth-spans";
import { metricValueAt, type SynthEnv } from "./synth-values";
import { noise01 } from "./hash";

const JITTER_SEED = 0x51a7e;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Upper bound of evaluated samples per series; keeps GetMetricData over 24 h fast. */
export const MAX_EVALS_PER_SERIES = 4_000;

export interface SeriesQuery {
  spans: readonly JobSpan[];
  def: MetricDef;
  env: SynthEnv;
  baseMs: number;
  startMs: number;
  endMs: number;
  periodS: number;
  nowMs: number;
  keepValues: boolean;
}

export function baseStepFor(restartLoopIntervalMs: number): number {
  return [1000, 500, 250, 200].find((step) => step * 4 <= restartLoopIntervalMs) ?? 100;
}

/** CloudWatch retention: < 60 s periods 3 h, 60 s 15 days, 300 s 63 days, 3600 s 455 days. */
export function retentionStart(periodS: number, nowMs: number): number {
  if (periodS < 60) return nowMs - 3 * HOUR;
  if (periodS % 3600 === 0) return nowMs - 455 * DAY;
  if (periodS % 300 === 0) return nowMs - 63 * DAY;
  return nowMs - 15 * DAY;
}

/** StartTime rounding (GetMetricData doc): sub-minute periods to the period, else to 1 min / 5 min / 1 h by age. */
export function alignStart(startMs: number, periodS: number, nowMs: number): number {
  const age = nowMs - startMs;
  const unit = periodS < 60 ? periodS * 1000 : age <= 15 * DAY ? 60_000 : age <= 63 * DAY ? 300_000 : HOUR;
  return Math.floor(startMs / unit) * unit;
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
  const first = alignStart(q.startMs, q.periodS, q.nowMs);
  const availableFrom = retentionStart(q.periodS, q.nowMs);
  const rangeMs = Math.max(0, Math.min(q.endMs, q.nowMs) - Math.max(first, availableFrom));
  const stride = strideFor(periodMs, rangeMs, q.baseMs);
  const weight = stride / q.baseMs;
  const out: BucketSummary[] = [];
  const spans = q.spans.filter((span) => publishedBy(q.def, span.family));
  let spanIndex = 0;
  // Periods entirely older than the retention have no data: start at the first one that may.
  let bucket = availableFrom > first ? first + Math.floor((availableFrom - first) / periodMs) * periodMs : first;
  while (bucket < q.endMs && bucket <= q.nowMs) {
    while (spanIndex < spans.length && spans[spanIndex]!.end <= bucket) spanIndex++;
    const nextSpan = spans[spanIndex];
    if (!nextSpan) break;
    if (nextSpan.start >= bucket + periodMs) {
      // Skip whole idle periods at once.
      bucket = first + Math.floor((nextSpan.start - first) / periodMs) * periodMs;
      continue;
    }
    const summary = summariseBucket(q, spans, spanIndex, bucket, periodMs, stride, weight, availableFrom);
    if (summary) out.push(summary);
    bucket += periodMs;
  }
  return out;
}

function summariseBucket(
  q: SeriesQuery,
  spans: readonly JobSpan[],
  startIndex: number,
  bucket: number,
  periodMs: number,
  stride: number,
  weight: number,
  availableFrom: number,
): BucketSummary | undefined {
  const { baseMs } = q;
  const ceilGrid = (at: number) => Math.ceil(at / baseMs) * baseMs;
  const slots = stride / baseMs;
  const bucketEnd = bucket + periodMs;
  const firstSample = ceilGrid(availableFrom);
  let summary: BucketSummary | undefined;
  let spanIndex = startIndex;
  let window = bucket + Math.max(0, Math.floor((availableFrom - bucket) / stride)) * stride;
  while (window < bucketEnd && window <= q.nowMs) {
    const windowStart = window;
    const windowEnd = window + stride;
    while (spanIndex < spans.length && spans[spanIndex]!.end <= window) spanIndex++;
    const span = spans[spanIndex];
    if (!span || span.start >= bucketEnd) break;
    if (span.start >= windowEnd) {
      window = bucket + Math.floor((span.start - bucket) / stride) * stride;
      continue;
    }
    // Valid raw-sample times in this window: [lo, hi).
    const lo = Math.max(window, ceilGrid(span.start), firstSample);
    const hi = Math.min(windowEnd, span.end, q.nowMs + 1);
    window = windowEnd;
    if (lo >= hi) continue;
    // One raw sample per window at a pseudo-random (deterministic) slot: a fixed slot would alias with periodic
    // signals, e.g. a 10 s restart loop sampled every 5 s would only ever show the same two phases.
    const slot = Math.floor(noise01(JITTER_SEED, stride, windowStart / baseMs) * slots);
    const jittered = slots > 1 ? windowStart + slot * baseMs : lo;
    const t = Math.min(Math.max(jittered, lo), ceilGrid(hi) - baseMs);
    const value = metricValueAt(q.def, span, t, q.env);
    if (value === undefined) continue;
    if (!summary) {
      summary = { t: bucket, count: 0, sum: 0, min: value, max: value, values: q.keepValues ? [] : undefined };
    }
    summary.count += weight;
    summary.sum += value * weight;
    if (value < summary.min) summary.min = value;
    if (value > summary.max) summary.max = value;
    summary.values?.push(value);
  }
  return summary;
}
