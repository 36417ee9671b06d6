import { env } from "@/lib/env";

// MSF publishes AWS/KinesisAnalytics metrics once a minute (standard resolution). Against a fast emulator the
// minute is scaled like every other timing (UPGRADE_TIME_SCALE); the emulator keeps its own copy of this fact.
export const REAL_METRIC_CADENCE_MS = 60_000;

/** Periods CloudWatch accepts below a minute; anything else must be a multiple of 60 s. */
const SUB_MINUTE_PERIODS_S = [1, 5, 10, 20, 30];

/** How often a datapoint of an MSF metric exists: 60 s on AWS, scaled against the emulator. */
export function metricCadenceMs(): number {
  return REAL_METRIC_CADENCE_MS * env().UPGRADE_TIME_SCALE;
}

/** The smallest valid CloudWatch period (seconds) that is not finer than the publishing cadence. */
export function minimumPeriodS(cadenceMs: number = metricCadenceMs()): number {
  const cadenceS = cadenceMs / 1000;
  if (cadenceS >= 60) return Math.ceil(cadenceS / 60) * 60;
  return SUB_MINUTE_PERIODS_S.find((p) => p >= cadenceS - 1e-9) ?? 60;
}
