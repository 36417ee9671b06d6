// Alarms that go quiet after the upgrade: Flink 2.2 stops publishing fullRestarts (an alarm on it sits in
// INSUFFICIENT_DATA and never fires again) and deprecates uptime/downtime. Each finding names the replacement.
import { paginateDescribeAlarms, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { AwsScope } from "@/lib/aws/accounts";
import { cloudWatchClient } from "@/lib/aws/clients";
import { deprecatedOn, removedOn } from "./catalog";
import { metricNamespace } from "./fetch-metric-data";

export interface Replacement {
  metric: string;
  advice: string;
}

/** What to alarm on instead, from the migration guidance (msf-api.md §9). */
export const replacements: Record<string, Replacement> = {
  fullRestarts: {
    metric: "numRestarts",
    advice: "numRestarts is a direct replacement: keep the statistic and the threshold.",
  },
  uptime: {
    metric: "runningTime",
    advice: "runningTime is the time since the job last started, like uptime: keep the threshold.",
  },
  downtime: {
    metric: "restartingTime / failingTime / cancellingTime",
    advice:
      "Alarm on restartingTime > 0 (and failingTime > 0) instead of downtime > 0; the three replace downtime together.",
  },
  bytesRequestedPerFetch: {
    metric: "millisBehindLatest",
    advice: "Gone with the Kinesis connector 6.0; watch source lag with millisBehindLatest.",
  },
};

export interface AlarmFinding {
  alarmName: string;
  alarmArn: string | null;
  state: string;
  metric: string;
  /** "Maximum > 0 for 1 × 60 s" */
  condition: string;
  problem: "removed" | "deprecated";
  /** already quiet on the current runtime (an alarm left over from before an earlier upgrade) */
  isBrokenNow: boolean;
  replacement: string;
  advice: string;
}

export interface AlarmCheckResult {
  target: string;
  /** alarms of this application in AWS/KinesisAnalytics */
  checked: number;
  findings: AlarmFinding[];
}

interface WatchedMetric {
  metric: string;
  statistic: string | undefined;
}

function onApplication(dimensions: { Name?: string; Value?: string }[] | undefined, appName: string): boolean {
  return (dimensions ?? []).some((d) => d.Name === "Application" && d.Value === appName);
}

/** The metrics an alarm watches on this application: its own metric, or each metric of a metric-math alarm. */
export function watchedMetrics(alarm: MetricAlarm, appName: string): WatchedMetric[] {
  if (alarm.MetricName) {
    return alarm.Namespace === metricNamespace && onApplication(alarm.Dimensions, appName)
      ? [{ metric: alarm.MetricName, statistic: alarm.Statistic ?? alarm.ExtendedStatistic }]
      : [];
  }
  return (alarm.Metrics ?? []).flatMap((q) => {
    const m = q.MetricStat?.Metric;
    return m?.MetricName && m.Namespace === metricNamespace && onApplication(m.Dimensions, appName)
      ? [{ metric: m.MetricName, statistic: q.MetricStat?.Stat }]
      : [];
  });
}

const comparisonSymbols: Record<string, string> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: "≥",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

function conditionOf(alarm: MetricAlarm, statistic: string | undefined): string {
  const op = comparisonSymbols[alarm.ComparisonOperator ?? ""] ?? alarm.ComparisonOperator ?? "?";
  const periods = alarm.EvaluationPeriods ?? 1;
  return `${statistic ?? "?"} ${op} ${alarm.Threshold ?? "?"}${alarm.Period ? ` for ${periods} × ${alarm.Period} s` : ""}`;
}

/** The findings among `alarms` for an application moving from `currentRuntime` to `targetRuntime`. Pure. */
export function findAlarmsAtRisk(
  alarms: readonly MetricAlarm[],
  appName: string,
  currentRuntime: string,
  targetRuntime: string,
): { checked: number; findings: AlarmFinding[] } {
  let checked = 0;
  const findings: AlarmFinding[] = [];
  for (const alarm of alarms) {
    const watched = watchedMetrics(alarm, appName);
    if (watched.length) checked++;
    for (const { metric, statistic } of watched) {
      const removed = removedOn(targetRuntime, metric);
      if (!removed && !deprecatedOn(targetRuntime, metric)) continue;
      const replacement = replacements[metric] ?? { metric: "—", advice: "No direct replacement is documented." };
      findings.push({
        alarmName: alarm.AlarmName ?? "(unnamed)",
        alarmArn: alarm.AlarmArn ?? null,
        state: alarm.StateValue ?? "UNKNOWN",
        metric,
        condition: conditionOf(alarm, statistic),
        problem: removed ? "removed" : "deprecated",
        isBrokenNow: removedOn(currentRuntime, metric),
        replacement: replacement.metric,
        advice: replacement.advice,
      });
    }
  }
  findings.sort(
    (a, b) =>
      Number(b.problem === "removed") - Number(a.problem === "removed") || a.alarmName.localeCompare(b.alarmName),
  );
  return { checked, findings };
}

/** Every metric alarm of the region, or the named ones (DescribeAlarms, paginated). */
export async function describeMetricAlarms(
  scope: AwsScope,
  options: { pageSize?: number; alarmNames?: string[] } = {},
): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  const pages = paginateDescribeAlarms(
    { client: cloudWatchClient(scope), pageSize: options.pageSize ?? 100 },
    { AlarmTypes: ["MetricAlarm"], ...(options.alarmNames ? { AlarmNames: options.alarmNames } : {}) },
  );
  for await (const page of pages) {
    alarms.push(...(page.MetricAlarms ?? []));
  }
  return alarms;
}

/** Every metric alarm of the region (DescribeAlarms, paginated), checked against the target runtime. */
export async function checkAlarms(
  scope: AwsScope,
  appName: string,
  currentRuntime: string,
  targetRuntime: string,
  options: { pageSize?: number } = {},
): Promise<AlarmCheckResult> {
  const alarms = await describeMetricAlarms(scope, options);
  return { target: targetRuntime, ...findAlarmsAtRisk(alarms, appName, currentRuntime, targetRuntime) };
}
