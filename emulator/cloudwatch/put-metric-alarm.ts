// PutMetricAlarm: creates the caller's alarm, or replaces the one of the same name in its account+region. Like the
// seeded alarms it is stored, never evaluated: a new alarm stays INSUFFICIENT_DATA ("Unchecked: Initial alarm
// creation"), an update keeps the state it had (AWS: "its state is left unchanged, but the update completely
// overwrites the previous configuration"). Actions are stored and listed, never run.
import type { EmuAlarm, EmuError, RequestContext } from "../core/types";
import { stateReason } from "./describe-alarms";
import { invalidParameterCombination, invalidParameterValue, missingParameter, validationError } from "./errors";
import { STANDARD_STATISTICS, parseStat } from "./stats";
import { asBody, type Body } from "./wire";

const COMPARISONS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerOrGreaterThanUpperThreshold",
  "LessThanLowerThreshold",
  "GreaterThanUpperThreshold",
];
/** The last three compare against an anomaly-detection band (ThresholdMetricId), which is not emulated. */
const BAND_COMPARISONS = COMPARISONS.slice(4);
const TREAT_MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"];
const UNITS = [
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
];
const ACTION_LISTS = ["AlarmActions", "OKActions", "InsufficientDataActions"] as const;
const MAX_ACTIONS = 5;
const MAX_DIMENSIONS = 30;
const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;

export function putMetricAlarm(input: unknown, ctx: RequestContext): Record<string, never> {
  const body = asBody(input);
  const problems = constraintViolations(body);
  if (problems.length) {
    const count = `${problems.length} validation error${problems.length === 1 ? "" : "s"} detected`;
    throw validationError(`${count}: ${problems.join("; ")}`);
  }
  const fault = ruleViolation(body);
  if (fault) throw fault;

  const name = body.AlarmName as string;
  const previous = ctx.store.alarms(ctx.accountId, ctx.region).find((a) => a.AlarmName === name);
  const alarm: EmuAlarm = {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`,
    Namespace: body.Namespace as string,
    MetricName: body.MetricName as string,
    Dimensions: ((body.Dimensions as Body[] | undefined) ?? []).map((d) => ({
      Name: d.Name as string,
      Value: d.Value as string,
    })),
    Statistic: optional<string>(body.Statistic),
    ExtendedStatistic: optional<string>(body.ExtendedStatistic),
    Period: body.Period as number,
    EvaluationPeriods: body.EvaluationPeriods as number,
    DatapointsToAlarm: optional<number>(body.DatapointsToAlarm),
    Threshold: body.Threshold as number,
    ComparisonOperator: body.ComparisonOperator as string,
    TreatMissingData: optional<string>(body.TreatMissingData),
    Unit: optional<string>(body.Unit),
    EvaluateLowSampleCountPercentile: optional<string>(body.EvaluateLowSampleCountPercentile),
    AlarmDescription: optional<string>(body.AlarmDescription),
    ActionsEnabled: optional<boolean>(body.ActionsEnabled),
    AlarmActions: [...((body.AlarmActions as string[] | undefined) ?? [])],
    OKActions: [...((body.OKActions as string[] | undefined) ?? [])],
    InsufficientDataActions: [...((body.InsufficientDataActions as string[] | undefined) ?? [])],
    StateValue: previous?.StateValue ?? "INSUFFICIENT_DATA",
    // The reason of the state it keeps, as it was worded for the configuration that reached that state.
    StateReason: previous ? (previous.StateReason ?? stateReason(previous)) : "Unchecked: Initial alarm creation",
    StateUpdatedTimestamp: previous?.StateUpdatedTimestamp ?? ctx.now,
    AlarmConfigurationUpdatedTimestamp: ctx.now,
  };
  ctx.store.putAlarm(ctx.accountId, ctx.region, alarm);
  return {};
}

function optional<T>(value: unknown): T | undefined {
  return value === undefined || value === null ? undefined : (value as T);
}

const present = (value: unknown) => value !== undefined && value !== null;
const quoted = (value: unknown) => (typeof value === "string" ? `'${value}'` : `'${JSON.stringify(value)}'`);

/**
 * The model's constraints (required members, lengths, ranges, enums, list sizes), all of a request at once, worded
 * as CloudWatch's front end words them: "Value '30' at 'period' failed to satisfy constraint: …".
 */
function constraintViolations(body: Body): string[] {
  const out: string[] = [];
  const at = (value: unknown, field: string, rule: string) =>
    out.push(`Value ${present(value) ? quoted(value) : "null"} at '${field}' failed to satisfy constraint: ${rule}`);
  const text = (value: unknown, field: string, min: number, max: number, required = false) => {
    if (!present(value)) {
      if (required) at(value, field, "Member must not be null");
      return;
    }
    if (typeof value !== "string") at(value, field, "Member must be a string");
    else if (value.length < min) at(value, field, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max) at(value, field, `Member must have length less than or equal to ${max}`);
  };
  const integer = (value: unknown, field: string, min: number, required = false) => {
    if (!present(value)) {
      if (required) at(value, field, "Member must not be null");
      return;
    }
    if (typeof value !== "number" || !Number.isInteger(value)) at(value, field, "Member must be an integer");
    else if (value < min) at(value, field, `Member must have value greater than or equal to ${min}`);
  };
  const oneOf = (value: unknown, field: string, values: readonly string[], required = false) => {
    if (!present(value)) {
      if (required) at(value, field, "Member must not be null");
      return;
    }
    if (typeof value !== "string" || !values.includes(value))
      at(value, field, `Member must satisfy enum value set: [${values.join(", ")}]`);
  };

  text(body.AlarmName, "alarmName", 1, 255, true);
  text(body.AlarmDescription, "alarmDescription", 0, 1024);
  if (present(body.ActionsEnabled) && typeof body.ActionsEnabled !== "boolean")
    at(body.ActionsEnabled, "actionsEnabled", "Member must be a boolean");
  for (const list of ACTION_LISTS) {
    const field = list[0]!.toLowerCase() + list.slice(1);
    const value = body[list];
    if (!present(value)) continue;
    if (!Array.isArray(value)) at(value, field, "Member must be a list");
    else if (value.length > MAX_ACTIONS)
      at(value, field, `Member must have length less than or equal to ${MAX_ACTIONS}`);
    else value.forEach((arn: unknown, i) => text(arn, `${field}.${i + 1}.member`, 1, 1024, true));
  }
  text(body.MetricName, "metricName", 1, 255);
  text(body.Namespace, "namespace", 1, 255);
  if (typeof body.Namespace === "string" && body.Namespace.startsWith(":"))
    at(body.Namespace, "namespace", "Member must satisfy regular expression pattern: [^:].*");
  oneOf(body.Statistic, "statistic", STANDARD_STATISTICS);
  text(body.ExtendedStatistic, "extendedStatistic", 1, 255);
  if (present(body.Dimensions)) {
    if (!Array.isArray(body.Dimensions)) at(body.Dimensions, "dimensions", "Member must be a list");
    else if (body.Dimensions.length > MAX_DIMENSIONS)
      at(body.Dimensions, "dimensions", `Member must have length less than or equal to ${MAX_DIMENSIONS}`);
    else
      body.Dimensions.forEach((item: unknown, i) => {
        const dim = asBody(item);
        text(dim.Name, `dimensions.${i + 1}.member.name`, 1, 255, true);
        text(dim.Value, `dimensions.${i + 1}.member.value`, 1, 1024, true);
      });
  }
  integer(body.Period, "period", 1);
  oneOf(body.Unit, "unit", UNITS);
  integer(body.EvaluationPeriods, "evaluationPeriods", 1, true);
  integer(body.DatapointsToAlarm, "datapointsToAlarm", 1);
  if (present(body.Threshold) && (typeof body.Threshold !== "number" || !Number.isFinite(body.Threshold)))
    at(body.Threshold, "threshold", "Member must be a number");
  oneOf(body.ComparisonOperator, "comparisonOperator", COMPARISONS, true);
  text(body.TreatMissingData, "treatMissingData", 1, 255);
  text(body.EvaluateLowSampleCountPercentile, "evaluateLowSampleCountPercentile", 1, 255);
  return out;
}

/** The rules between members, checked once every member is well-formed; the first one broken is the answer. */
function ruleViolation(body: Body): EmuError | undefined {
  if (
    present(body.Metrics) ||
    present(body.ThresholdMetricId) ||
    BAND_COMPARISONS.includes(body.ComparisonOperator as string)
  )
    return validationError(
      "Metric math and anomaly-detection alarms (Metrics, ThresholdMetricId, band comparisons) are not emulated.",
    );
  for (const field of ["MetricName", "Namespace", "Period", "Threshold"]) {
    if (!present(body[field])) return validationError(`${field} must not be null`);
  }
  if (!present(body.Statistic) && !present(body.ExtendedStatistic))
    return missingParameter("Either Statistic or ExtendedStatistic must be specified.");
  if (present(body.Statistic) && present(body.ExtendedStatistic))
    return invalidParameterCombination("Statistic and ExtendedStatistic cannot be specified together.");
  if (present(body.ExtendedStatistic)) {
    const spec = parseStat(body.ExtendedStatistic);
    if (!spec || (STANDARD_STATISTICS as readonly string[]).includes(body.ExtendedStatistic as string))
      return invalidParameterValue(
        `The value ${String(body.ExtendedStatistic)} for parameter ExtendedStatistic is not supported.`,
      );
  }
  const period = body.Period as number;
  if (![10, 20, 30].includes(period) && period % 60 !== 0)
    return invalidParameterValue(`The parameter Period must be 10, 20, 30 or a multiple of 60 (got ${period}).`);
  const evaluationPeriods = body.EvaluationPeriods as number;
  const limit = period < 3600 ? DAY_S : WEEK_S;
  if (period * evaluationPeriods > limit)
    return invalidParameterValue(
      `Period × EvaluationPeriods (${period * evaluationPeriods} s) must not exceed ${limit} s` +
        `${period < 3600 ? " for a period under one hour" : ""}.`,
    );
  if (present(body.DatapointsToAlarm) && (body.DatapointsToAlarm as number) > evaluationPeriods)
    return validationError("DatapointsToAlarm must be less than or equal to EvaluationPeriods");
  if (present(body.TreatMissingData) && !TREAT_MISSING_DATA.includes(body.TreatMissingData as string))
    return invalidParameterValue(
      `The value ${String(body.TreatMissingData)} for parameter TreatMissingData is not valid ` +
        `(${TREAT_MISSING_DATA.join(", ")}).`,
    );
  for (const list of ACTION_LISTS) {
    const bad = ((body[list] as string[] | undefined) ?? []).find((arn) => !/^arn:aws[\w-]*:[a-z0-9-]+:/.test(arn));
    if (bad !== undefined) return validationError(`Invalid arn syntax: ${bad}`);
  }
  return undefined;
}
