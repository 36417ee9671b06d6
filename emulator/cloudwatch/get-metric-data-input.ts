// Validation of GetMetricData input. CloudWatch reports these as awsQuery `ValidationError` (observed messages such
// as "The value for parameter MetricDataQueries.member.37.MetricStat.Stat is not a valid statistic."), all problems
// of one request joined by newlines.
import { isValidPeriod, type Dimension } from "./metric-catalog";
import { validationError } from "./errors";
import { parseStat, type StatSpec } from "./stats";
import { asBody, readDimensions, readTimestamp, type Body } from "./wire";

export const MAX_QUERIES = 500;
const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;

export interface MetricStatQuery {
  kind: "metric";
  id: string;
  label: string;
  returnData: boolean;
  namespace: unknown;
  metricName: unknown;
  dimensions: Dimension[];
  periodS: number;
  stat: StatSpec;
  unit: string | undefined;
}

export interface ExpressionQuery {
  kind: "expression";
  id: string;
  label: string;
  returnData: boolean;
}

export type ParsedQuery = MetricStatQuery | ExpressionQuery;

export interface GetMetricDataRequest {
  queries: ParsedQuery[];
  startMs: number;
  endMs: number;
  ascending: boolean;
  maxDatapoints: number | undefined;
  nextToken: unknown;
}

export function parseGetMetricData(input: unknown): GetMetricDataRequest {
  const body = asBody(input);
  const raw = body.MetricDataQueries;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw validationError("The parameter MetricDataQueries is required and must contain at least one query.");
  }
  if (raw.length > MAX_QUERIES) {
    throw validationError(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  }
  const startMs = readTimestamp(body.StartTime);
  const endMs = readTimestamp(body.EndTime);
  if (startMs === undefined) throw validationError("The parameter StartTime is required.");
  if (endMs === undefined) throw validationError("The parameter EndTime is required.");
  if (startMs === endMs) throw validationError("The parameter StartTime must not equal parameter EndTime.");
  if (startMs > endMs) throw validationError("The parameter StartTime must be less than the parameter EndTime.");
  const scanBy = body.ScanBy ?? "TimestampDescending";
  if (scanBy !== "TimestampDescending" && scanBy !== "TimestampAscending") {
    throw validationError(`The value ${String(scanBy)} for parameter ScanBy is not valid.`);
  }
  const maxDatapoints = body.MaxDatapoints;
  if (maxDatapoints !== undefined && (!Number.isInteger(maxDatapoints) || (maxDatapoints as number) < 1)) {
    throw validationError("The parameter MaxDatapoints must be a positive integer.");
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const queries = raw.map((item, i) => parseQuery(asBody(item), `MetricDataQueries.member.${i + 1}`, seen, problems));
  if (problems.length > 0) throw validationError(problems.join("\n"));
  return {
    queries: queries.filter((q): q is ParsedQuery => q !== undefined),
    startMs,
    endMs,
    ascending: scanBy === "TimestampAscending",
    maxDatapoints: maxDatapoints as number | undefined,
    nextToken: body.NextToken,
  };
}

function parseQuery(query: Body, field: string, seen: Set<string>, problems: string[]): ParsedQuery | undefined {
  const id = query.Id;
  if (typeof id !== "string" || !ID_PATTERN.test(id) || id.length > 255) {
    problems.push(
      `The value ${String(id)} for parameter ${field}.Id is not valid: it must start with a lowercase ` +
        "letter and contain only letters, numbers and underscores.",
    );
    return undefined;
  }
  if (seen.has(id)) problems.push(`The value ${id} for parameter ${field}.Id is not unique.`);
  seen.add(id);
  const returnData = query.ReturnData !== false;
  const hasStat = query.MetricStat !== undefined && query.MetricStat !== null;
  const hasExpression = typeof query.Expression === "string";
  if (hasStat === hasExpression) {
    problems.push(`The parameter ${field} must contain exactly one of MetricStat or Expression.`);
    return undefined;
  }
  const explicitLabel = typeof query.Label === "string" ? query.Label : undefined;
  if (hasExpression) return { kind: "expression", id, label: explicitLabel ?? id, returnData };
  const metricStat = asBody(query.MetricStat);
  const metric = asBody(metricStat.Metric);
  const before = problems.length;
  const dimensions = readDimensionsInto(metric.Dimensions, `${field}.MetricStat.Metric.Dimensions`, problems);
  if (typeof metric.MetricName !== "string") {
    problems.push(`The parameter ${field}.MetricStat.Metric.MetricName is required.`);
  }
  if (!isValidPeriod(metricStat.Period)) {
    problems.push(
      `The value ${String(metricStat.Period)} for parameter ${field}.MetricStat.Period is not a valid ` +
        "period. Valid values are 1, 5, 10, 20, 30, 60 and any multiple of 60.",
    );
  }
  const stat = parseStat(metricStat.Stat);
  if (!stat) {
    problems.push(
      `The value ${String(metricStat.Stat)} for parameter ${field}.MetricStat.Stat is not a valid statistic.`,
    );
  }
  if (problems.length > before || !stat) return undefined;
  return {
    kind: "metric",
    id,
    label: explicitLabel ?? (metric.MetricName as string),
    returnData,
    namespace: metric.Namespace,
    metricName: metric.MetricName,
    dimensions,
    periodS: metricStat.Period as number,
    stat,
    unit: typeof metricStat.Unit === "string" ? metricStat.Unit : undefined,
  };
}

function readDimensionsInto(value: unknown, field: string, problems: string[]): Dimension[] {
  try {
    return readDimensions(value, field, validationError);
  } catch (err) {
    problems.push((err as Error).message);
    return [];
  }
}
