// CloudWatch statistics over one period's samples: Average, Sum, Minimum, Maximum, SampleCount, pNN, tmNN, IQM.

export type StatSpec =
  | { kind: "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount" }
  | { kind: "percentile"; p: number }
  | { kind: "trimmedMean"; lo: number; hi: number };

export const STANDARD_STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;

/** Aggregate of the samples that fell into one period. Each evaluated sample stands for `weight` raw samples. */
export interface BucketSummary {
  /** period start, epoch ms */
  t: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** evaluated sample values, kept only when a percentile-type statistic needs them */
  values?: number[];
}

const NUM = "(\\d{1,3}(?:\\.\\d+)?)";
const PERCENTILE = new RegExp(`^p${NUM}$`);
const TRIMMED = new RegExp(`^tm${NUM}$`, "i");
const TRIMMED_RANGE = new RegExp(`^TM\\(${NUM}%:${NUM}%\\)$`, "i");

const inRange = (x: number) => x >= 0 && x <= 100;

export function parseStat(stat: unknown): StatSpec | undefined {
  if (typeof stat !== "string") return undefined;
  if ((STANDARD_STATISTICS as readonly string[]).includes(stat)) {
    return { kind: stat as (typeof STANDARD_STATISTICS)[number] };
  }
  if (stat === "IQM") return { kind: "trimmedMean", lo: 25, hi: 75 };
  const percentile = PERCENTILE.exec(stat);
  if (percentile) {
    const p = Number(percentile[1]);
    return inRange(p) ? { kind: "percentile", p } : undefined;
  }
  const trimmed = TRIMMED.exec(stat);
  if (trimmed) {
    const hi = Number(trimmed[1]);
    return inRange(hi) && hi > 0 ? { kind: "trimmedMean", lo: 0, hi } : undefined;
  }
  const range = TRIMMED_RANGE.exec(stat);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    return inRange(lo) && inRange(hi) && lo < hi ? { kind: "trimmedMean", lo, hi } : undefined;
  }
  return undefined;
}

export function needsValues(spec: StatSpec): boolean {
  return spec.kind === "percentile" || spec.kind === "trimmedMean";
}

export function computeStat(bucket: BucketSummary, spec: StatSpec): number {
  switch (spec.kind) {
    case "Average":
      return bucket.sum / bucket.count;
    case "Sum":
      return bucket.sum;
    case "Minimum":
      return bucket.min;
    case "Maximum":
      return bucket.max;
    case "SampleCount":
      return bucket.count;
    case "percentile":
      return percentileOf(sortedValues(bucket), spec.p);
    case "trimmedMean":
      return trimmedMeanOf(sortedValues(bucket), spec.lo, spec.hi);
  }
}

/** Sorts the bucket's own sample list in place (it is private to the bucket) to avoid a copy per period. */
function sortedValues(bucket: BucketSummary): number[] {
  const values = bucket.values ?? [bucket.min, bucket.max];
  if (values.length > 1) values.sort((a, b) => a - b);
  return values;
}

/** Nearest-rank percentile. */
export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

function trimmedMeanOf(sorted: readonly number[], lo: number, hi: number): number {
  const from = Math.floor((lo / 100) * sorted.length);
  const to = Math.max(from + 1, Math.ceil((hi / 100) * sorted.length));
  const kept = sorted.slice(from, Math.min(to, sorted.length));
  if (kept.length === 0) return percentileOf(sorted, hi);
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}
