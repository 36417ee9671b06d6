// The one place that decides a GetMetricData period. What a chart asks for (a period, or as many points as fit
// MAX_POINTS) is raised to what CloudWatch can answer: never finer than MSF's publishing cadence, and as coarse as
// CloudWatch's retention demands for the age of the window's start (msf-api.md §8.2). When that makes the points
// coarser than asked, the choice says why, in a sentence the chart shows.
import { metricCadenceMs, minimumPeriodS, REAL_METRIC_CADENCE_MS } from "./cadence";
import { formatPeriod, periodAdjective } from "./period-format";

export const MAX_POINTS = 360;

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const DAY_S = 86_400;

/** The finest periods a chart would like, by window length (before cadence and retention have their say). */
const POINT_BUDGET_PERIODS_S = [1, 5, 10, 30, 60, 300, 900, 3600, 21_600, DAY_S];

/** Every period CloudWatch accepts up to a day: the high-resolution ones, then whole minutes. */
const VALID_PERIODS_S = [1, 5, 10, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, DAY_S];

/**
 * Older data is kept only at coarser periods; asking for a finer one returns no datapoints at all. Ages are real
 * wall-clock time, never scaled: the emulator's speed changes how often it publishes, not CloudWatch's retention.
 */
const RETENTION_STEPS = [
  { olderThanMs: 63 * DAY_MS, multipleOfS: 3600, rule: "CloudWatch keeps 5-minute data for 63 days" },
  { olderThanMs: 15 * DAY_MS, multipleOfS: 300, rule: "CloudWatch keeps 1-minute data for 15 days" },
  { olderThanMs: 3 * HOUR_MS, multipleOfS: 60, rule: "CloudWatch keeps sub-minute data for 3 hours" },
] as const;

// The request reaches CloudWatch a moment after it is planned, so a window starting just short of a retention
// boundary is treated as past it.
const RETENTION_SLACK_MS = 60_000;

export interface PeriodRequest {
  window: { start: Date; end: Date };
  /** Seconds; when omitted, the finest period that keeps the window at or under MAX_POINTS points. */
  requested?: number;
  now?: Date;
  /** How often MSF publishes a datapoint; metricCadenceMs() (60 s on AWS, scaled against the emulator). */
  cadenceMs?: number;
}

export interface PeriodChoice {
  /** seconds: what GetMetricData is asked for */
  period: number;
  /** seconds: what the chart asked for (or its point budget) */
  requestedPeriod: number;
  /** Why `period` is coarser than `requestedPeriod`, as a sentence for the chart; null when it is not. */
  coarserReason: string | null;
}

/** The finest period of the point budget for a window of `windowMs`, ignoring cadence and retention. */
export function pointBudgetPeriod(windowMs: number): number {
  const windowS = Math.max(0, windowMs) / 1000;
  const fits = POINT_BUDGET_PERIODS_S.find((period) => Math.ceil(windowS / period) <= MAX_POINTS);
  return fits ?? Math.ceil(windowS / MAX_POINTS / DAY_S) * DAY_S;
}

/** The smallest period CloudWatch accepts that is at least `atLeastS` and a multiple of `multipleOfS`. */
function validPeriod(atLeastS: number, multipleOfS = 1): number {
  // Whole days are multiples of every retention step.
  if (atLeastS > DAY_S) return Math.ceil(atLeastS / DAY_S) * DAY_S;
  return VALID_PERIODS_S.find((p) => p >= atLeastS && p % multipleOfS === 0) ?? DAY_S;
}

/** The retention step the window's start has aged into, if any. */
function retentionStep(start: Date, now: Date) {
  const ageMs = now.getTime() - start.getTime() + RETENTION_SLACK_MS;
  return RETENTION_STEPS.find((step) => ageMs > step.olderThanMs);
}

function cadenceRule(cadenceMs: number): string {
  const base = "MSF publishes these metrics once a minute";
  return cadenceMs === REAL_METRIC_CADENCE_MS ? base : `${base} (every ${formatPeriod(cadenceMs / 1000)} here)`;
}

/** The period for a window: the request (or point budget) raised to the cadence and to the retention of its age. */
export function planPeriod(request: PeriodRequest): PeriodChoice {
  const { window, now = new Date(), cadenceMs = metricCadenceMs() } = request;
  const requestedPeriod = request.requested ?? pointBudgetPeriod(window.end.getTime() - window.start.getTime());
  const cadenceFloorS = minimumPeriodS(cadenceMs);
  const retention = retentionStep(window.start, now);
  const period = validPeriod(Math.max(requestedPeriod, cadenceFloorS), retention?.multipleOfS);
  if (period <= requestedPeriod) return { period, requestedPeriod, coarserReason: null };

  const isCadenceEnough = cadenceFloorS > requestedPeriod && validPeriod(cadenceFloorS) >= period;
  const isRetention = retention !== undefined && validPeriod(requestedPeriod, retention.multipleOfS) > requestedPeriod;
  const rule = isCadenceEnough
    ? cadenceRule(cadenceMs)
    : isRetention
      ? retention.rule
      : cadenceFloorS > requestedPeriod
        ? cadenceRule(cadenceMs)
        : "CloudWatch takes periods of 1, 5, 10, 20 or 30 s or whole minutes";
  return { period, requestedPeriod, coarserReason: `${rule}; showing ${periodAdjective(period)} points` };
}

/**
 * The period for a window of `windowMs`: the point budget, never finer than the cadence. Retention depends on when
 * the window starts, so planPeriod (which planStitch applies to every fetch) may still raise it.
 */
export function choosePeriod(windowMs: number, cadenceMs: number = metricCadenceMs()): number {
  return validPeriod(Math.max(pointBudgetPeriod(windowMs), minimumPeriodS(cadenceMs)));
}
