// Which stored resolutions CloudWatch still has for data of a given age, and how it rounds StartTime.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * CloudWatch retention: < 60 s periods 3 h, 60 s 15 days, 300 s 63 days, 3600 s 455 days, i.e. data older than 3 h
 * only at multiples of 60 s, older than 15 d of 300 s, older than 63 d of 3600 s. These are ages of data on the
 * wall clock, so they are never scaled with the emulator speed.
 */
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
