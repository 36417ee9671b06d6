// DescribeAlarms and DescribeAlarmsForMetric over the alarms of the caller's account+region: the seeded ones and
// those PutMetricAlarm stored. No evaluation, actions listed but never run, no composite alarms.
import type { EmuAlarm, RequestContext } from "../core/types";
import { invalidNextToken, invalidParameterCombination, validationError } from "./errors";
import { sameDimensions } from "./metric-catalog";
import { asBody, decodeToken, encodeToken, readDimensions, type Body } from "./wire";

const STATE_VALUES = ["OK", "ALARM", "INSUFFICIENT_DATA"];
const DEFAULT_MAX_RECORDS = 50;

export function describeAlarms(input: unknown, ctx: RequestContext): Record<string, unknown> {
  const body = asBody(input);
  const names = readNames(body.AlarmNames);
  const prefix = typeof body.AlarmNamePrefix === "string" ? body.AlarmNamePrefix : undefined;
  if (names && prefix !== undefined) {
    throw invalidParameterCombination("AlarmNames and AlarmNamePrefix cannot be specified together.");
  }
  if (body.StateValue !== undefined && !STATE_VALUES.includes(body.StateValue as string)) {
    throw validationError(`The value ${String(body.StateValue)} for parameter StateValue is not valid.`);
  }
  const maxRecords = body.MaxRecords ?? DEFAULT_MAX_RECORDS;
  if (!Number.isInteger(maxRecords) || (maxRecords as number) < 1 || (maxRecords as number) > 100) {
    throw validationError("The parameter MaxRecords must be between 1 and 100.");
  }
  const offset = readOffset(body.NextToken);
  const types = Array.isArray(body.AlarmTypes) ? (body.AlarmTypes as unknown[]) : ["MetricAlarm"];
  const wantsComposite = types.includes("CompositeAlarm");
  const relational = body.ChildrenOfAlarmName !== undefined || body.ParentsOfAlarmName !== undefined;
  const matching =
    types.includes("MetricAlarm") && !relational
      ? ctx.store
          .alarms(ctx.accountId, ctx.region)
          .filter((alarm) => matchesFilters(alarm, body, names, prefix))
          .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName))
      : [];
  const page = matching.slice(offset, offset + (maxRecords as number));
  const out: Record<string, unknown> = { MetricAlarms: page.map(toMetricAlarm) };
  if (wantsComposite) out.CompositeAlarms = [];
  if (offset + page.length < matching.length) out.NextToken = encodeToken({ o: offset + page.length });
  return out;
}

export function describeAlarmsForMetric(input: unknown, ctx: RequestContext): { MetricAlarms: unknown[] } {
  const body = asBody(input);
  if (typeof body.MetricName !== "string") throw validationError("The parameter MetricName is required.");
  if (typeof body.Namespace !== "string") throw validationError("The parameter Namespace is required.");
  const dimensions =
    body.Dimensions === undefined ? undefined : readDimensions(body.Dimensions, "Dimensions", validationError);
  const alarms = ctx.store
    .alarms(ctx.accountId, ctx.region)
    .filter(
      (alarm) =>
        alarm.MetricName === body.MetricName &&
        alarm.Namespace === body.Namespace &&
        (body.Statistic === undefined || alarm.Statistic === body.Statistic) &&
        (body.ExtendedStatistic === undefined || alarm.ExtendedStatistic === body.ExtendedStatistic) &&
        (body.Period === undefined || alarm.Period === body.Period) &&
        (dimensions === undefined || sameDimensions(alarm.Dimensions, dimensions)),
    );
  return { MetricAlarms: alarms.sort((a, b) => a.AlarmName.localeCompare(b.AlarmName)).map(toMetricAlarm) };
}

function matchesFilters(alarm: EmuAlarm, body: Body, names: string[] | undefined, prefix: string | undefined): boolean {
  if (names && !names.includes(alarm.AlarmName)) return false;
  if (prefix !== undefined && !alarm.AlarmName.startsWith(prefix)) return false;
  if (body.StateValue !== undefined && alarm.StateValue !== body.StateValue) return false;
  if (body.ActionPrefix === undefined) return true;
  const actionPrefix = String(body.ActionPrefix);
  return [...(alarm.AlarmActions ?? []), ...(alarm.OKActions ?? []), ...(alarm.InsufficientDataActions ?? [])].some(
    (action) => action.startsWith(actionPrefix),
  );
}

function readNames(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > 100 || value.some((name) => typeof name !== "string")) {
    throw validationError("The parameter AlarmNames must be a list of at most 100 alarm names.");
  }
  return value as string[];
}

function readOffset(token: unknown): number {
  if (token === undefined || token === null || token === "") return 0;
  const offset = decodeToken(token)?.o;
  if (!Number.isInteger(offset) || (offset as number) < 0) {
    throw invalidNextToken("The service couldn't process the provided NextToken.");
  }
  return offset as number;
}

export function toMetricAlarm(alarm: EmuAlarm): Record<string, unknown> {
  const updated = alarm.StateUpdatedTimestamp / 1000;
  return {
    AlarmName: alarm.AlarmName,
    AlarmArn: alarm.AlarmArn,
    AlarmDescription: alarm.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp:
      (alarm.AlarmConfigurationUpdatedTimestamp ?? alarm.StateUpdatedTimestamp) / 1000,
    ActionsEnabled: alarm.ActionsEnabled ?? true,
    OKActions: alarm.OKActions ?? [],
    AlarmActions: alarm.AlarmActions ?? [],
    InsufficientDataActions: alarm.InsufficientDataActions ?? [],
    StateValue: alarm.StateValue,
    StateReason: alarm.StateReason ?? stateReason(alarm),
    StateUpdatedTimestamp: updated,
    StateTransitionedTimestamp: updated,
    MetricName: alarm.MetricName,
    Namespace: alarm.Namespace,
    Statistic: alarm.Statistic,
    ExtendedStatistic: alarm.ExtendedStatistic,
    Dimensions: alarm.Dimensions,
    Period: alarm.Period,
    Unit: alarm.Unit,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
    Threshold: alarm.Threshold,
    ComparisonOperator: alarm.ComparisonOperator,
    TreatMissingData: alarm.TreatMissingData ?? "missing",
    EvaluateLowSampleCountPercentile: alarm.EvaluateLowSampleCountPercentile,
  };
}

export function stateReason(alarm: EmuAlarm): string {
  const window = `${alarm.EvaluationPeriods} datapoint${alarm.EvaluationPeriods === 1 ? "" : "s"}`;
  switch (alarm.StateValue) {
    case "ALARM":
      return `Threshold Crossed: ${window} breached the threshold (${alarm.Threshold}).`;
    case "OK":
      return `Threshold Crossed: ${window} did not breach the threshold (${alarm.Threshold}).`;
    case "INSUFFICIENT_DATA":
      return `Insufficient Data: ${window} were unknown.`;
  }
}
