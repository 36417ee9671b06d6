// "Create replacement alarms": for each alarm the alarm check flags, an alarm of the same shape on the metric Flink 2.2
// publishes instead (numRestarts for fullRestarts, runningTime for uptime), named `<old name>-flink-2.2`. The old
// alarm is never touched: it keeps working until the upgrade, and whoever owns it deletes it afterwards.
import { PutMetricAlarmCommand, type MetricAlarm, type PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { z } from "zod";
import { Refused } from "@/lib/actions/action";
import type { AuditWrite } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { cloudWatchClient } from "@/lib/aws/clients";
import { describeAwsError } from "@/lib/aws/errors";
import { db } from "@/lib/db";
import { targetRuntime } from "@/lib/fleet/queries";
import { formatRuntime } from "@/lib/format";
import { account as accountField, appName as appNameField, region as regionField } from "@/lib/upgrades/inputs";
import { appKeyText, type AwsScope } from "@/lib/aws/accounts";
import { whereApp } from "@/lib/fleet/queries";
import {
  describeMetricAlarms,
  findAlarmsAtRisk,
  watchedMetrics,
  type AlarmCheckResult,
  type AlarmFinding,
} from "./alarm-check";
import { isPublishedOn } from "./catalog";

export const replacementSuffix = "-flink-2.2";

/** The metrics one other metric replaces one for one: same statistic, same threshold (msf-api.md §9). */
const directReplacements: Record<string, string> = { fullRestarts: "numRestarts", uptime: "runningTime" };

const maxAlarmName = 255;
const maxDescription = 1024;
/** DescribeAlarms takes at most 100 names: the chosen alarms and their replacements' names. */
const maxAlarmsPerCall = 50;

/** What "Create replacement alarms…" does for one finding of the alarm check. */
export interface AlarmReplacement {
  alarmName: string;
  metric: string;
  /** The alarm to create; null when this finding is skipped. */
  create: { alarmName: string; metric: string } | null;
  /** Why nothing is created for it. */
  skipped: string | null;
  /** What to know before creating it (the new metric is not published before the upgrade). */
  note: string | null;
}

/**
 * Pure: for each finding, the replacement to create or why there is none. `alarms` are the alarms the findings came
 * from (to tell a single-metric alarm from a metric-math one, and to see a replacement that already exists).
 */
export function planReplacements(
  alarms: readonly MetricAlarm[],
  findings: readonly AlarmFinding[],
  currentRuntime: string,
): AlarmReplacement[] {
  const byName = new Map(alarms.map((a) => [a.AlarmName ?? "", a]));
  return findings.map((f) => {
    const entry = { alarmName: f.alarmName, metric: f.metric, create: null, note: null };
    const skip = (skipped: string): AlarmReplacement => ({ ...entry, skipped });
    const alarm = byName.get(f.alarmName);
    const metric = directReplacements[f.metric];
    if (!metric)
      return skip(
        f.metric === "downtime"
          ? "downtime has no direct replacement on Flink 2.2: restartingTime, failingTime and cancellingTime replace it " +
              "together, so alarm on them yourself (e.g. restartingTime > 0)."
          : `${f.metric} has no direct replacement on Flink 2.2 (${f.advice})`,
      );
    if (!alarm?.MetricName) return skip("A metric-math alarm: change the metric in its expression by hand.");
    const newName = `${f.alarmName}${replacementSuffix}`;
    if (newName.length > maxAlarmName)
      return skip(`Its name is too long to add "${replacementSuffix}" (${maxAlarmName} characters at most).`);
    if (byName.has(newName)) return skip(`${newName} already exists; it is left as it is.`);
    const unpublished = !isPublishedOn(currentRuntime, metric);
    return {
      ...entry,
      create: { alarmName: newName, metric },
      skipped: null,
      note: !unpublished
        ? null
        : alarm.TreatMissingData === "breaching"
          ? `${metric} is published from the upgrade on: until then this alarm treats the missing data as breaching, ` +
            "goes to ALARM and runs its alarm actions."
          : `${metric} is published from the upgrade on: until then this alarm has no data.`,
    };
  });
}

/** The alarm check and what "Create replacement alarms…" would do for each finding: for the application page. */
export async function checkAlarmsWithReplacements(
  scope: AwsScope,
  appName: string,
  currentRuntime: string,
  target: string,
): Promise<AlarmCheckResult & { replacements: AlarmReplacement[] }> {
  const alarms = await describeMetricAlarms(scope);
  const check = findAlarmsAtRisk(alarms, appName, currentRuntime, target);
  return { target, ...check, replacements: planReplacements(alarms, check.findings, currentRuntime) };
}

export const ReplaceAlarmsInput = z.object({
  account: accountField,
  region: regionField,
  name: appNameField,
  alarmNames: z
    .array(z.string().min(1).max(maxAlarmName))
    .min(1, "choose at least one alarm")
    .max(maxAlarmsPerCall, `at most ${maxAlarmsPerCall} alarms at a time`)
    .refine((names) => new Set(names).size === names.length, "each alarm once"),
});
export type ReplaceAlarmsInput = z.infer<typeof ReplaceAlarmsInput>;

export interface ReplaceAlarmsResult {
  created: { alarmName: string; metric: string; replaces: string; replacedMetric: string; note: string | null }[];
  skipped: { alarmName: string; metric: string; reason: string }[];
  /** Replacements AWS refused, when others were created. */
  failed: { alarmName: string; metric: string; error: string }[];
}

const plural = (n: number, word: string) => `${word}${n === 1 ? "" : "s"}`;

/**
 * Creates the replacements of the named alarms of an application, read live, and writes one audit row for what was
 * created. Refuses, changing nothing, when a name is not an alarm on the application, needs no fix, or nothing can
 * be created. The old alarms stay.
 */
export async function replaceAlarms(
  actor: Actor,
  input: ReplaceAlarmsInput,
  audit: AuditWrite,
): Promise<ReplaceAlarmsResult> {
  const { region, name, alarmNames } = input;
  const scope: AwsScope = { account: input.account, region, actingFor: actor.id };
  const app = await db.fleetApp.findUnique({ where: whereApp(input), select: { runtime: true } });
  if (!app) throw new Refused("Unknown application.");

  let alarms: MetricAlarm[];
  try {
    alarms = await describeMetricAlarms(scope, {
      alarmNames: [...alarmNames, ...alarmNames.map((n) => `${n}${replacementSuffix}`)],
    });
  } catch (error) {
    throw new Refused(`The alarms could not be read: ${describeAwsError(error).message}`);
  }
  const onApp = new Set(alarms.filter((a) => watchedMetrics(a, name).length).map((a) => a.AlarmName));
  const unknown = alarmNames.filter((n) => !onApp.has(n));
  if (unknown.length)
    throw new Refused(
      `No ${plural(unknown.length, "alarm")} on ${name}'s metrics in ${region} ${unknown.length === 1 ? "is" : "are"} ` +
        `named ${unknown.join(", ")}.`,
      { alarmNames: unknown.map((n) => `${n}: not an alarm on ${name}`) },
      400,
    );
  const chosen = alarms.filter((a) => alarmNames.includes(a.AlarmName ?? ""));
  const { findings } = findAlarmsAtRisk(chosen, name, app.runtime, targetRuntime);
  const fine = alarmNames.filter((n) => !findings.some((f) => f.alarmName === n));
  if (fine.length)
    throw new Refused(
      `${fine.join(", ")} ${fine.length === 1 ? "keeps" : "keep"} working on ${formatRuntime(targetRuntime)}: ` +
        "nothing to replace.",
      { alarmNames: fine.map((n) => `${n}: needs no fix`) },
      400,
    );

  const plan = planReplacements(alarms, findings, app.runtime);
  const skipped = plan.flatMap((p) =>
    p.skipped ? [{ alarmName: p.alarmName, metric: p.metric, reason: p.skipped }] : [],
  );
  const created: ReplaceAlarmsResult["created"] = [];
  const failed: ReplaceAlarmsResult["failed"] = [];
  const byName = new Map(alarms.map((a) => [a.AlarmName, a]));
  for (const p of plan) {
    if (!p.create) continue;
    try {
      await cloudWatchClient(scope).send(new PutMetricAlarmCommand(replacementOf(byName.get(p.alarmName)!, p)));
      created.push({
        alarmName: p.create.alarmName,
        metric: p.create.metric,
        replaces: p.alarmName,
        replacedMetric: p.metric,
        note: p.note,
      });
    } catch (error) {
      const problem = describeAwsError(error);
      console.error(`PutMetricAlarm ${p.create.alarmName} in ${region} failed for ${actor.id}`, problem.detail);
      failed.push({ alarmName: p.create.alarmName, metric: p.create.metric, error: problem.message });
    }
  }
  if (!created.length) {
    const why = [
      ...failed.map((f) => `${f.alarmName}: ${f.error}`),
      ...skipped.map((s) => `${s.alarmName}: ${s.reason}`),
    ];
    throw new Refused(`No replacement alarm was created. ${why.join(" ")}`);
  }
  // AWS holds the change (there is no row of ours to write with it): its audit row follows in a transaction.
  await db.$transaction([
    audit({
      target: appKeyText(input),
      before: { alarms: created.map((c) => ({ alarmName: c.replaces, metric: c.replacedMetric })) },
      after: {
        created: created.map((c) => ({ alarmName: c.alarmName, metric: c.metric, replaces: c.replaces })),
        ...(skipped.length ? { skipped } : {}),
        ...(failed.length ? { failed } : {}),
      },
    }),
  ]);
  return { created, skipped, failed };
}

/** The old alarm's whole configuration on the new metric: statistic, threshold, periods, dimensions, actions. */
function replacementOf(old: MetricAlarm, p: AlarmReplacement): PutMetricAlarmCommandInput {
  const said = `Replaces ${old.AlarmName} (${p.metric}) on ${formatRuntime(targetRuntime)}: ${p.create!.metric}.`;
  const description = old.AlarmDescription ? `${old.AlarmDescription} — ${said}` : said;
  return {
    AlarmName: p.create!.alarmName,
    AlarmDescription: description.slice(0, maxDescription),
    ActionsEnabled: old.ActionsEnabled,
    AlarmActions: old.AlarmActions,
    OKActions: old.OKActions,
    InsufficientDataActions: old.InsufficientDataActions,
    Namespace: old.Namespace,
    MetricName: p.create!.metric,
    Dimensions: old.Dimensions,
    Statistic: old.Statistic,
    ExtendedStatistic: old.ExtendedStatistic,
    Period: old.Period,
    Unit: old.Unit,
    EvaluationPeriods: old.EvaluationPeriods,
    DatapointsToAlarm: old.DatapointsToAlarm,
    Threshold: old.Threshold,
    ComparisonOperator: old.ComparisonOperator,
    TreatMissingData: old.TreatMissingData,
    EvaluateLowSampleCountPercentile: old.EvaluateLowSampleCountPercentile,
  };
}
