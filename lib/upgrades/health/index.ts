export { baselineFrom } from "./baseline";
export { evaluateHealth } from "./evaluate";
export { counterGrowth, pausedWithin, touchesPause, type Pause } from "./pauses";
export { HEALTH_SIGNALS, healthMetricsFor, samplesFromSeries } from "./metrics";
export type { HealthMetrics } from "./metrics";
export { defaultHealthPolicy, policySpeedFactors, scaledPolicy } from "./policy";
export type {
  Evidence,
  HealthBaseline,
  HealthInput,
  HealthPolicy,
  HealthResult,
  HealthSamples,
  HealthSignal,
  HealthVerdict,
  Sample,
  Severity,
} from "./types";
