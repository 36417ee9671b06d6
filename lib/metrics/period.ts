// CloudWatch accepts 1, 5, 10, 20, 30 (high resolution) or any multiple of 60 as a period. Sub-minute
// periods matter here: a demo upgrade lasts tens of seconds and a test upgrade a few seconds.
const CANDIDATE_PERIODS_S = [1, 5, 10, 30, 60, 300, 900, 3600, 21_600, 86_400];

export const MAX_POINTS = 360;

/** The smallest period (seconds) that keeps a window of `windowMs` at or under MAX_POINTS points. */
export function choosePeriod(windowMs: number): number {
  const windowS = Math.max(0, windowMs) / 1000;
  const fits = CANDIDATE_PERIODS_S.find((period) => Math.ceil(windowS / period) <= MAX_POINTS);
  if (fits !== undefined) return fits;
  const days = Math.ceil(windowS / MAX_POINTS / 86_400);
  return days * 86_400;
}
