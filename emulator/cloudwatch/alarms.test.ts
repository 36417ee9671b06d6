import { describe, expect, it } from "vitest";
import type { EmuAlarm, EmuApp } from "../core/types";
import { seedAlarms } from "./alarms";
import { describeAlarms, describeAlarmsForMetric } from "./describe-alarms";
import { HOUR, T0, appDims, makeApp, makeCtx, segment } from "./test-fixtures";

const ACCOUNT = "123456789012";

function regionFleet(region = "us-east-1", looping?: string): EmuApp[] {
  return Array.from({ length: 12 }, (_, i) => `app-${String(i).padStart(2, "0")}`).map((name, i) =>
    makeApp(
      name,
      [
        segment(T0 - 24 * HOUR, { freshJob: true, runtime: i % 3 === 0 ? "FLINK-2_2" : "FLINK-1_15" }),
        ...(name === looping ? [segment(T0 - HOUR, { behaviour: "restart-loop" as const, freshJob: true })] : []),
      ],
      { region },
    ),
  );
}

/** The first app that gets alarms, put into a restart loop. */
const LOOPING = seedAlarms(regionFleet(), ACCOUNT, "us-east-1")[0]!.Dimensions[0]!.Value;

describe("seedAlarms", () => {
  const alarms = seedAlarms([...regionFleet(), ...regionFleet("eu-west-1")], ACCOUNT, "us-east-1");
  const byName = new Map(alarms.map((alarm) => [alarm.AlarmName, alarm]));

  it("is deterministic and only covers the requested account and region", () => {
    expect(seedAlarms([...regionFleet(), ...regionFleet("eu-west-1")], ACCOUNT, "us-east-1")).toEqual(alarms);
    expect(alarms.every((a) => a.AlarmArn === `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${a.AlarmName}`)).toBe(
      true,
    );
    expect(seedAlarms(regionFleet(), "999999999999", "us-east-1")).toEqual([]);
  });

  it("covers a handful of apps with the alarms a team has", () => {
    const apps = new Set(alarms.map((a) => a.Dimensions[0]!.Value));
    expect(apps.size).toBeGreaterThanOrEqual(3);
    expect(apps.size).toBeLessThanOrEqual(6);
    for (const alarm of alarms) {
      expect(alarm.Namespace).toBe("AWS/KinesisAnalytics");
      expect(alarm.Dimensions).toEqual(appDims(alarm.Dimensions[0]!.Value));
      expect(alarm.AlarmName.startsWith(`${alarm.Dimensions[0]!.Value}-`)).toBe(true);
    }
    const v1Apps = [...apps].filter((name) => Number(name.slice(4)) % 3 !== 0);
    for (const app of v1Apps) {
      expect(byName.get(`${app}-full-restarts`)).toMatchObject({
        MetricName: "fullRestarts",
        Threshold: 0,
        ComparisonOperator: "GreaterThanThreshold",
      });
      expect(byName.get(`${app}-downtime`)).toMatchObject({ MetricName: "downtime", Statistic: "Average" });
    }
    expect(alarms.some((a) => a.MetricName === "numberOfFailedCheckpoints")).toBe(true);
    expect(alarms.some((a) => a.MetricName === "uptime" && a.ComparisonOperator === "LessThanThreshold")).toBe(true);
  });

  it("derives states: a 2.2 app's leftover fullRestarts alarm has no data, a restart loop is in ALARM", () => {
    const stale = alarms.filter(
      (a) => a.MetricName === "fullRestarts" && Number(a.Dimensions[0]!.Value.slice(4)) % 3 === 0,
    );
    expect(stale).toHaveLength(1);
    expect(stale[0]!.StateValue).toBe("INSUFFICIENT_DATA");
    const healthy = alarms.filter((a) => a !== stale[0]);
    expect(healthy.every((a) => a.StateValue === "OK")).toBe(true);
    const looping = seedAlarms(regionFleet("us-east-1", LOOPING), ACCOUNT, "us-east-1").filter(
      (a) => a.Dimensions[0]!.Value === LOOPING,
    );
    expect(looping.length).toBeGreaterThanOrEqual(3);
    for (const alarm of looping) expect(alarm.StateValue).toBe("ALARM");
  });
});

describe("DescribeAlarms", () => {
  const alarms: EmuAlarm[] = seedAlarms(regionFleet("us-east-1", LOOPING), ACCOUNT, "us-east-1");
  const ctx = makeCtx(regionFleet("us-east-1", LOOPING), T0, { alarms });
  type Out = { MetricAlarms: Record<string, unknown>[]; NextToken?: string; CompositeAlarms?: unknown[] };
  const call = (input: Record<string, unknown>) => describeAlarms(input, ctx) as Out;

  it("returns MetricAlarms with the SDK shape and epoch-second timestamps", () => {
    const out = call({});
    expect(out.MetricAlarms).toHaveLength(Math.min(50, alarms.length));
    const first = out.MetricAlarms[0]!;
    expect(first).toMatchObject({
      AlarmName: alarms[0]!.AlarmName,
      Namespace: "AWS/KinesisAnalytics",
      ActionsEnabled: true,
      AlarmActions: [],
      StateUpdatedTimestamp: alarms[0]!.StateUpdatedTimestamp / 1000,
    });
    expect(typeof first.StateReason).toBe("string");
    expect(out.CompositeAlarms).toBeUndefined();
  });

  it("filters by names, prefix and state", () => {
    const target = alarms[1]!.AlarmName;
    expect(call({ AlarmNames: [target, "missing"] }).MetricAlarms.map((a) => a.AlarmName)).toEqual([target]);
    const prefix = alarms[0]!.Dimensions[0]!.Value;
    const prefixed = call({ AlarmNamePrefix: prefix }).MetricAlarms;
    expect(prefixed.length).toBeGreaterThan(1);
    expect(prefixed.every((a) => String(a.AlarmName).startsWith(prefix))).toBe(true);
    const firing = call({ StateValue: "ALARM" }).MetricAlarms;
    expect(firing.length).toBe(alarms.filter((a) => a.StateValue === "ALARM").length);
    expect(firing.length).toBeGreaterThan(0);
    expect(call({ ActionPrefix: "arn:aws:sns" }).MetricAlarms).toEqual([]);
    expect(call({ AlarmTypes: ["CompositeAlarm"] })).toEqual({ MetricAlarms: [], CompositeAlarms: [] });
  });

  it("paginates with MaxRecords and NextToken", () => {
    const names: unknown[] = [];
    let token: string | undefined;
    do {
      const page = call({ MaxRecords: 2, NextToken: token });
      expect(page.MetricAlarms.length).toBeLessThanOrEqual(2);
      names.push(...page.MetricAlarms.map((a) => a.AlarmName));
      token = page.NextToken;
    } while (token);
    expect(names).toEqual(alarms.map((a) => a.AlarmName));
  });

  it("rejects invalid input", () => {
    const err = (queryCode: string) => expect.objectContaining({ queryCode }) as Error;
    expect(() => call({ AlarmNames: ["a"], AlarmNamePrefix: "a" })).toThrowError(err("InvalidParameterCombination"));
    expect(() => call({ MaxRecords: 101 })).toThrowError(err("ValidationError"));
    expect(() => call({ StateValue: "BROKEN" })).toThrowError(err("ValidationError"));
    expect(() => call({ NextToken: "junk" })).toThrowError(err("InvalidNextToken"));
  });

  it("DescribeAlarmsForMetric finds alarms on one metric", () => {
    const target = alarms.find((a) => a.MetricName === "fullRestarts")!;
    const out = describeAlarmsForMetric(
      {
        Namespace: "AWS/KinesisAnalytics",
        MetricName: "fullRestarts",
        Dimensions: target.Dimensions,
      },
      ctx,
    );
    expect(out.MetricAlarms.map((a) => (a as { AlarmName: string }).AlarmName)).toEqual([target.AlarmName]);
    const all = describeAlarmsForMetric({ Namespace: "AWS/KinesisAnalytics", MetricName: "fullRestarts" }, ctx);
    expect(all.MetricAlarms).toHaveLength(alarms.filter((a) => a.MetricName === "fullRestarts").length);
  });
});
