// GetMetricStatistics: one metric, 1–5 Statistics or 1–10 ExtendedStatistics, at most 1,440 datapoints.
import type { RequestContext } from "../core/types";
import { invalidParameterCombination, invalidParameterValue, missingParameter } from "./errors";
import { isValidPeriod } from "./metric-catalog";
import { MetricResolver } from "./metric-source";
import { alignStart } from "./retention";
import { computeStat, parseStat, STANDARD_STATISTICS, type StatSpec } from "./stats";
import { asBody, readDimensions, readTimestamp } from "./wire";

const MAX_DATAPOINTS = 1_440;

export interface DatapointOut {
  Timestamp: number;
  Unit: string;
  SampleCount?: number;
  Average?: number;
  Sum?: number;
  Minimum?: number;
  Maximum?: number;
  ExtendedStatistics?: Record<string, number>;
}

export function getMetricStatistics(
  input: unknown,
  ctx: RequestContext,
): { Label: string; Datapoints: DatapointOut[] } {
  const body = asBody(input);
  for (const field of ["Namespace", "MetricName", "StartTime", "EndTime", "Period"]) {
    if (body[field] === undefined || body[field] === null) {
      throw missingParameter(`The parameter ${field} is required.`);
    }
  }
  const metricName = String(body.MetricName);
  const startMs = readTimestamp(body.StartTime);
  const endMs = readTimestamp(body.EndTime);
  if (startMs === undefined) throw invalidParameterValue("The parameter StartTime must be a timestamp.");
  if (endMs === undefined) throw invalidParameterValue("The parameter EndTime must be a timestamp.");
  if (startMs >= endMs) throw invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
  const period = body.Period;
  if (!isValidPeriod(period)) {
    throw invalidParameterValue("The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60.");
  }
  const statistics = readStatistics(body.Statistics, body.ExtendedStatistics);
  const dimensions = readDimensions(body.Dimensions, "Dimensions", invalidParameterValue);
  const requested = Math.ceil((endMs - alignStart(startMs, period, ctx.now)) / (period * 1000));
  if (requested > MAX_DATAPOINTS) {
    throw invalidParameterCombination(
      `You have requested up to ${requested} datapoints, which exceeds the limit ` +
        `of ${MAX_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, ` +
        "or decreasing the time range.",
    );
  }
  const resolver = new MetricResolver(ctx, ctx.now);
  const metric = resolver.resolve(body.Namespace, metricName, dimensions);
  const unit = typeof body.Unit === "string" ? body.Unit : undefined;
  if (!metric || (unit !== undefined && unit !== metric.def.unit)) return { Label: metricName, Datapoints: [] };
  const keepValues = statistics.some((s) => s.extended);
  const buckets = resolver.series(metric, { startMs, endMs, periodS: period, keepValues });
  const datapoints = buckets.map((bucket) => {
    const point: DatapointOut = { Timestamp: bucket.t / 1000, Unit: metric.def.unit };
    for (const { name, spec, extended } of statistics) {
      const value = computeStat(bucket, spec);
      if (extended) point.ExtendedStatistics = { ...point.ExtendedStatistics, [name]: value };
      else point[name as (typeof STANDARD_STATISTICS)[number]] = value;
    }
    return point;
  });
  return { Label: metricName, Datapoints: datapoints };
}

interface RequestedStat {
  name: string;
  spec: StatSpec;
  extended: boolean;
}

function readStatistics(statistics: unknown, extended: unknown): RequestedStat[] {
  const hasStandard = Array.isArray(statistics) && statistics.length > 0;
  const hasExtended = Array.isArray(extended) && extended.length > 0;
  if (hasStandard && hasExtended) {
    throw invalidParameterCombination("The parameters Statistics and ExtendedStatistics are mutually exclusive.");
  }
  if (!hasStandard && !hasExtended) throw missingParameter("Must specify either Statistics or ExtendedStatistics.");
  const list = (hasStandard ? statistics : extended) as unknown[];
  const field = hasStandard ? "Statistics" : "ExtendedStatistics";
  const limit = hasStandard ? 5 : 10;
  if (list.length > limit) {
    throw invalidParameterValue(`The collection ${field} must not have a size greater than ${limit}.`);
  }
  return list.map((name, i) => {
    const spec = parseStat(name);
    const standard = (STANDARD_STATISTICS as readonly unknown[]).includes(name);
    if (!spec || (hasStandard && !standard) || (!hasStandard && standard)) {
      const allowed = hasStandard ? `[ ${[...STANDARD_STATISTICS].join(", ")} ]` : "p0.0 to p100 (or tmNN, IQM)";
      throw invalidParameterValue(`The parameter ${field}.member.${i + 1} must be a value in the set ${allowed}.`);
    }
    return { name: String(name), spec, extended: !hasStandard };
  });
}
