// The alarms a real team would have on its MSF apps. Several watch metrics Flink 2.2 no longer publishes (fullRestarts)
// or deprecates (downtime, uptime), which is exactly what an upgrade dashboard must surface.
import type { EmuAlarm, EmuApp } from "../core/types";
import { hashString } from "./hash";
import { NAMESPACE, runtimeFamily, type RuntimeFamily } from "./metric-catalog";

const MAX_APPS_WITH_ALARMS = 6;
const MIN_APPS_WITH_ALARMS = 3;

interface AlarmTemplate {
  suffix: string;
  metricName: string;
  statistic: "Maximum" | "Minimum" | "Average";
  period: number;
  evaluationPeriods: number;
  threshold: number;
  comparison: "GreaterThanThreshold" | "LessThanThreshold";
  treatMissingData: "breaching" | "notBreaching" | "missing";
  description: string;
  /** Runtime families that publish the metric; on others the alarm sits in INSUFFICIENT_DATA. */
  families: readonly RuntimeFamily[];
}

const BOTH: readonly RuntimeFamily[] = ["v1", "v2"];

const FULL_RESTARTS: AlarmTemplate = {
  suffix: "full-restarts",
  metricName: "fullRestarts",
  statistic: "Maximum",
  period: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  treatMissingData: "missing",
  description: "Flink job fully restarted",
  families: ["v1"],
};
const DOWNTIME: AlarmTemplate = {
  suffix: "downtime",
  metricName: "downtime",
  statistic: "Average",
  period: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  treatMissingData: "missing",
  description: "Flink job is down or recovering",
  families: BOTH,
};
const NUM_RESTARTS: AlarmTemplate = {
  suffix: "num-restarts",
  metricName: "numRestarts",
  statistic: "Maximum",
  period: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  description: "Flink job restarted",
  families: BOTH,
};
const RESTARTING_TIME: AlarmTemplate = {
  suffix: "restarting-time",
  metricName: "restartingTime",
  statistic: "Maximum",
  period: 60,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  description: "Flink job spends time restarting",
  families: ["v2"],
};
const FAILED_CHECKPOINTS: AlarmTemplate = {
  suffix: "failed-checkpoints",
  metricName: "numberOfFailedCheckpoints",
  statistic: "Maximum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  description: "Checkpoints are failing",
  families: BOTH,
};
const UPTIME_LOW: AlarmTemplate = {
  suffix: "uptime-low",
  metricName: "uptime",
  statistic: "Minimum",
  period: 300,
  evaluationPeriods: 3,
  threshold: 60_000,
  comparison: "LessThanThreshold",
  treatMissingData: "breaching",
  description: "Flink job keeps restarting (uptime under a minute)",
  families: BOTH,
};

export function seedAlarms(apps: EmuApp[], accountId: string, region: string): EmuAlarm[] {
  const selected = selectApps(apps.filter((app) => app.accountId === accountId && app.region === region));
  const alarms: EmuAlarm[] = [];
  let staleLeftoverAdded = false;
  selected.forEach((app, i) => {
    const templates: AlarmTemplate[] = [];
    if (runtimeFamily(app.runtime) === "v1") {
      templates.push(FULL_RESTARTS, DOWNTIME);
    } else {
      templates.push(NUM_RESTARTS, RESTARTING_TIME);
      // One 2.2 app kept its pre-upgrade alarm: it can never fire again (fullRestarts is gone on 2.2).
      if (!staleLeftoverAdded) templates.push(FULL_RESTARTS);
      staleLeftoverAdded = true;
    }
    templates.push(i % 2 === 0 ? FAILED_CHECKPOINTS : UPTIME_LOW);
    for (const template of templates) alarms.push(buildAlarm(app, template, accountId, region));
  });
  return alarms.sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
}

/** A deterministic handful: apps whose name hashes into one third, topped up to at least three. */
function selectApps(apps: EmuApp[]): EmuApp[] {
  const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name));
  const picked = sorted.filter((app) => hashString(app.name) % 3 === 0).slice(0, MAX_APPS_WITH_ALARMS);
  for (const app of sorted) {
    if (picked.length >= Math.min(MIN_APPS_WITH_ALARMS, sorted.length)) break;
    if (!picked.includes(app)) picked.push(app);
  }
  return picked.sort((a, b) => a.name.localeCompare(b.name));
}

function buildAlarm(app: EmuApp, template: AlarmTemplate, accountId: string, region: string): EmuAlarm {
  const name = `${app.name}-${template.suffix}`;
  const last = app.timeline[app.timeline.length - 1];
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`,
    Namespace: NAMESPACE,
    MetricName: template.metricName,
    Dimensions: [{ Name: "Application", Value: app.name }],
    Statistic: template.statistic,
    Period: template.period,
    EvaluationPeriods: template.evaluationPeriods,
    Threshold: template.threshold,
    ComparisonOperator: template.comparison,
    TreatMissingData: template.treatMissingData,
    AlarmDescription: `${template.description} (${app.name})`,
    StateValue: seedState(template, app),
    StateUpdatedTimestamp: last?.start ?? 0,
  };
}

/**
 * The state at seed time, from the app's current segment (alarms are not re-evaluated afterwards). Every template
 * watches a restart/outage/checkpoint-failure signal, so a restart loop breaches all of them.
 */
function seedState(template: AlarmTemplate, app: EmuApp): EmuAlarm["StateValue"] {
  const last = app.timeline[app.timeline.length - 1];
  const noData = !last || last.behaviour === "idle" || !template.families.includes(runtimeFamily(last.runtime));
  if (noData) {
    const byTreatment = { breaching: "ALARM", notBreaching: "OK", missing: "INSUFFICIENT_DATA" } as const;
    return byTreatment[template.treatMissingData];
  }
  return last.behaviour === "restart-loop" ? "ALARM" : "OK";
}
