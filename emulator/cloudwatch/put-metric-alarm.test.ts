import { describe, expect, it } from "vitest";
import { EmuError, type EmuAlarm } from "../core/types";
import { seedAlarms } from "./alarms";
import { describeAlarms } from "./describe-alarms";
import { putMetricAlarm } from "./put-metric-alarm";
import { HOUR, T0, makeApp, makeCtx, segment } from "./test-fixtures";

const fleet = ["app-a", "app-b", "app-c"].map((name) =>
  makeApp(name, [segment(T0 - 24 * HOUR, { freshJob: true, runtime: "FLINK-1_19" })]),
);

function world() {
  const alarms: EmuAlarm[] = seedAlarms(fleet, "123456789012", "us-east-1");
  const ctx = makeCtx(fleet, T0, { alarms });
  type Out = { MetricAlarms: Record<string, unknown>[] };
  const describe = (input: Record<string, unknown> = {}) => (describeAlarms(input, ctx) as Out).MetricAlarms;
  return { alarms, ctx, describe };
}

const valid = {
  AlarmName: "app-a-restarts",
  Namespace: "AWS/KinesisAnalytics",
  MetricName: "numRestarts",
  Dimensions: [{ Name: "Application", Value: "app-a" }],
  Statistic: "Maximum",
  Period: 60,
  EvaluationPeriods: 3,
  DatapointsToAlarm: 2,
  Threshold: 0,
  ComparisonOperator: "GreaterThanThreshold",
  TreatMissingData: "notBreaching",
  AlarmDescription: "restarted",
  AlarmActions: ["arn:aws:sns:us-east-1:123456789012:pager"],
  OKActions: ["arn:aws:sns:us-east-1:123456789012:pager-ok"],
  InsufficientDataActions: [],
};

function rejection(fn: () => unknown): { code: string; queryCode?: string; status: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof EmuError)
      return { code: err.code, queryCode: err.queryCode, status: err.httpStatus, message: err.message };
    throw err;
  }
  throw new Error("expected a rejection");
}

describe("PutMetricAlarm", () => {
  it("creates an alarm that DescribeAlarms lists with everything it was given, INSUFFICIENT_DATA until evaluated", () => {
    const { ctx, describe } = world();
    expect(putMetricAlarm(valid, ctx)).toEqual({});
    const [alarm] = describe({ AlarmNames: ["app-a-restarts"] });
    expect(alarm).toMatchObject({
      ...valid,
      AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:app-a-restarts",
      ActionsEnabled: true,
      StateValue: "INSUFFICIENT_DATA",
      StateReason: "Unchecked: Initial alarm creation",
      StateUpdatedTimestamp: T0 / 1000,
      AlarmConfigurationUpdatedTimestamp: T0 / 1000,
    });
    expect(alarm!.ExtendedStatistic).toBeUndefined();
    expect(describe({ ActionPrefix: "arn:aws:sns:us-east-1:123456789012:pager" }).map((a) => a.AlarmName)).toEqual([
      "app-a-restarts",
    ]);
  });

  it("replaces an alarm of the same name: new configuration, the state it had", () => {
    const { ctx, describe, alarms } = world();
    const seeded = alarms.find((a) => a.MetricName === "fullRestarts")!;
    const count = describe().length;
    putMetricAlarm(
      { ...valid, AlarmName: seeded.AlarmName, Statistic: undefined, ExtendedStatistic: "p99", Threshold: 5 },
      { ...ctx, now: T0 + HOUR },
    );
    expect(describe()).toHaveLength(count);
    const [alarm] = describe({ AlarmNames: [seeded.AlarmName] });
    expect(alarm).toMatchObject({
      MetricName: "numRestarts",
      ExtendedStatistic: "p99",
      Threshold: 5,
      StateValue: seeded.StateValue,
      StateUpdatedTimestamp: seeded.StateUpdatedTimestamp / 1000,
      AlarmConfigurationUpdatedTimestamp: (T0 + HOUR) / 1000,
    });
    expect(alarm!.Statistic).toBeUndefined();
  });

  it("answers the model's constraint violations together, as ValidationError", () => {
    const { ctx } = world();
    const err = rejection(() =>
      putMetricAlarm(
        { ...valid, AlarmName: "", Period: 0, ComparisonOperator: undefined, AlarmActions: Array(6).fill("arn:x") },
        ctx,
      ),
    );
    expect(err).toMatchObject({ code: "ValidationException", queryCode: "ValidationError", status: 400 });
    expect(err.message).toBe(
      "4 validation errors detected: " +
        "Value '' at 'alarmName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        `Value '${JSON.stringify(Array(6).fill("arn:x"))}' at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5; ` +
        "Value '0' at 'period' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value null at 'comparisonOperator' failed to satisfy constraint: Member must not be null",
    );
    expect(rejection(() => putMetricAlarm({ ...valid, Statistic: "Mean" }, ctx)).message).toMatch(
      /at 'statistic' failed to satisfy constraint: Member must satisfy enum value set/,
    );
  });

  it.each([
    [{ Statistic: undefined }, "MissingParameter", "Either Statistic or ExtendedStatistic must be specified."],
    [{ ExtendedStatistic: "p90" }, "InvalidParameterCombination", /cannot be specified together/],
    [{ Statistic: undefined, ExtendedStatistic: "Maximum" }, "InvalidParameterValue", /ExtendedStatistic/],
    [{ Statistic: undefined, ExtendedStatistic: "p101" }, "InvalidParameterValue", /ExtendedStatistic/],
    [{ Period: 45 }, "InvalidParameterValue", /10, 20, 30 or a multiple of 60/],
    [{ Period: 600, EvaluationPeriods: 145, DatapointsToAlarm: 1 }, "InvalidParameterValue", /86400 s/],
    [{ Period: 3600, EvaluationPeriods: 169, DatapointsToAlarm: 1 }, "InvalidParameterValue", /604800 s/],
    [{ DatapointsToAlarm: 4 }, "ValidationError", "DatapointsToAlarm must be less than or equal to EvaluationPeriods"],
    [{ TreatMissingData: "zero" }, "InvalidParameterValue", /TreatMissingData/],
    [{ Period: undefined }, "ValidationError", "Period must not be null"],
    [{ MetricName: undefined }, "ValidationError", "MetricName must not be null"],
    [{ OKActions: ["sns-topic"] }, "ValidationError", "Invalid arn syntax: sns-topic"],
    [{ Metrics: [{ Id: "m1" }] }, "ValidationError", /not emulated/],
  ])("refuses %j: %s", (change, queryCode, message) => {
    const { ctx, describe } = world();
    const before = describe();
    const err = rejection(() => putMetricAlarm({ ...valid, ...change }, ctx));
    expect(err).toMatchObject({ queryCode, status: 400 });
    expect(err.message).toMatch(message);
    expect(describe()).toEqual(before);
  });

  it("keeps each account and region to itself", () => {
    const { ctx, describe } = world();
    putMetricAlarm(valid, { ...ctx, region: "eu-west-1" });
    expect(describe({ AlarmNames: [valid.AlarmName] })).toEqual([]);
  });
});
